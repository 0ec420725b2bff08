// Where the extension may fetch a QERDS evidence from. The link comes from the sender's business data, so it is
// hostile until proven otherwise: only https on a public host name or address, never this computer (loopback,
// the helper), the local network (private, link-local, unique-local, CGNAT ranges, .local/.localhost names) or
// an address with credentials. The host is read by the URL API, which already turns every way of writing an IPv4
// address (one number, octal, hex, short forms) into its dotted form and compresses IPv6, so each check sees one
// spelling. Names cannot be resolved here (Chrome gives extensions no DNS): names known to point at this computer
// or spelling out a private address (wildcard DNS such as 127.0.0.1.nip.io) are refused, and where a resolver is
// available its answers go through `addressRefusal`. The sandbox build also allows its own provider on
// http://127.0.0.1. Pure: no DOM.

/** Public names that resolve to 127.0.0.1, for developers: no QERDS provider lives there. */
const LOOPBACK_NAMES = /(^|\.)(localtest\.me|lvh\.me|vcap\.me|lacolhost\.com|localhost\.direct)$/;
const LOCAL_SUFFIXES = /(^|\.)(localhost|local|localdomain|internal|intranet|private|corp|home|lan|home\.arpa|ip6-localhost|ip6-loopback)$/;

/** Why this evidence URL must not be fetched, or null when it may be. */
export function evidenceUrlRefusal(link: string, sandbox = false): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'it is not a URL';
  }
  if (url.username || url.password) return 'it carries credentials';
  if (sandbox && url.protocol === 'http:' && url.hostname === '127.0.0.1') return null;
  if (url.protocol !== 'https:') return `only https providers are contacted, not ${url.protocol.replace(/:$/, '')}`;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return addressRefusal(host.slice(1, -1));
  if (ipv4(host)) return addressRefusal(host);
  if (!host.includes('.')) return `${host} is not a public host name`;
  if (LOCAL_SUFFIXES.test(host) || LOOPBACK_NAMES.test(host)) return `${host} is a local name`;
  const spelled = spelledAddress(host);
  if (spelled && addressRefusal(spelled)) return `${host} names the address ${spelled}, of this computer or the local network`;
  return null;
}

/** Why an address (IPv4 dotted, or IPv6 without brackets) must not be contacted, or null when it is public. */
export function addressRefusal(address: string): string | null {
  const local = `${address} is an address of this computer or the local network`;
  const v4 = ipv4(address);
  if (v4) return privateV4(v4) ? local : null;
  const v6 = ipv6(address);
  if (!v6) return `${address} is not an address`;
  const embedded = embeddedV4(v6);
  if (embedded) return privateV4(embedded) ? `${local} (${embedded.join('.')})` : null;
  const [a] = v6;
  if (v6.every((h, i) => (i < 7 ? h === 0 : h <= 1))) return local; // :: and ::1
  if ((a! & 0xfe00) === 0xfc00) return local; // unique-local fc00::/7
  if ((a! & 0xffc0) === 0xfe80 || (a! & 0xffc0) === 0xfec0) return local; // link-local, old site-local
  if ((a! & 0xff00) === 0xff00) return local; // multicast
  if (a === 0x2001 && v6[1] === 0) return `${address} is a Teredo tunnel address, which can hide any IPv4 address`;
  if (a === 0x64 && v6[1] === 0xff9b && v6[2] === 1) return local; // local-use NAT64 64:ff9b:1::/48
  if (a === 0x100 && v6[1] === 0 && v6[2] === 0 && v6[3] === 0) return local; // discard-only 100::/64
  return null;
}

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  const parts = m?.slice(1).map(Number);
  return parts && parts.every((p) => p <= 255) ? parts : null;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 allowed), or null. */
function ipv6(text: string): number[] | null {
  let s = text.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s)?.[1];
  if (dotted) {
    const v4 = ipv4(dotted);
    if (!v4) return null;
    s = `${s.slice(0, -dotted.length)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 one carries: mapped, compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedV4(v6: number[]): number[] | null {
  const v4At = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255];
  const zeros = (from: number, to: number) => v6.slice(from, to).every((h) => h === 0);
  if (zeros(0, 5) && v6[5] === 0xffff) return v4At(v6[6]!, v6[7]!);
  if (zeros(0, 6) && (v6[6]! !== 0 || v6[7]! > 1)) return v4At(v6[6]!, v6[7]!);
  if (v6[0] === 0x64 && v6[1] === 0xff9b && zeros(2, 6)) return v4At(v6[6]!, v6[7]!);
  if (v6[0] === 0x2002) return v4At(v6[1]!, v6[2]!);
  return null;
}

/**
 * The IPv4 address a wildcard-DNS name spells out (127.0.0.1.nip.io, app-10-0-0-1.sslip.io, 7f000001.nip.io),
 * which such services resolve to that address.
 */
function spelledAddress(host: string): string | null {
  const dotted = /(?:^|[.-])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?=\.)/.exec(host)?.[1];
  if (dotted && ipv4(dotted)) return dotted;
  const dashed = /(?:^|[.-])(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?=\.)/.exec(host);
  if (dashed && ipv4(dashed.slice(1).join('.'))) return dashed.slice(1).join('.');
  const hex = /(?:^|[.-])([0-9a-f]{8})\.(?:nip\.io|sslip\.io)$/.exec(host)?.[1];
  if (hex) return v4Text(parseInt(hex, 16));
  return null;
}

const v4Text = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

function privateV4([a, b, c]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224
  );
}
