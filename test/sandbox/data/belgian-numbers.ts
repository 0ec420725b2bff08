// Belgian payment identifiers with their real check digits, so that anything validating them accepts them.

/** mod 97 with 0 written as 97, as structured communications and Belgian account numbers use it. */
function mod97(n: bigint): string {
  const r = Number(n % 97n);
  return String(r === 0 ? 97 : r).padStart(2, '0');
}

/** +++123/4567/89012+++ from ten digits. */
export function structuredCommunication(tenDigits: string): string {
  const d = tenDigits + mod97(BigInt(tenDigits));
  return `+++${d.slice(0, 3)}/${d.slice(3, 7)}/${d.slice(7)}+++`;
}

/** A Belgian IBAN from a 3-digit bank code and a 7-digit account number. */
export function belgianIban(bank: string, account: string): string {
  const bban = bank + account + mod97(BigInt(bank + account));
  const check = 98 - Number(BigInt(`${bban}111400`) % 97n);
  return `BE${String(check).padStart(2, '0')}${bban}`;
}

export function formatIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}
