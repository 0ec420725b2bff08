// The downloaded bundle's name: e-box-bundle-<company>-<date>.asice, the company the user chose the bundle for
// (else the helper's signing identity: its organisation, else its common name), made safe for any file system.

/** The organisation (O=) of an X.500 subject as the helper prints it, else its common name (CN=). */
export function companyOfSubject(subject: string): string | undefined {
  const attribute = (name: string) => new RegExp(`(?:^|[,/]\\s*)${name}=((?:\\\\,|[^,/])+)`).exec(subject)?.[1]?.replace(/\\,/g, ',').trim();
  return attribute('O') || attribute('CN') || undefined;
}

export function bundleFileName(company: string | undefined, date: Date): string {
  const slug = (company ?? '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `e-box-bundle-${slug || 'company'}-${date.toISOString().slice(0, 10)}.asice`;
}
