// Where the extension may fetch a QERDS evidence from. The link comes from the sender's business data, so it is
// hostile until proven otherwise: only https on a public host name or address, never this computer (loopback,
// the helper), the local network (private, link-local, unique-local, CGNAT ranges, .local/.localhost names) or
// an address with credentials. The sandbox build also allows its own provider on http://127.0.0.1. Pure: no DOM.

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
  if (!host.includes('.') && !host.startsWith('[')) return `${host} is not a public host name`;
  if (/(^|\.)(localhost|local|localdomain|internal|home\.arpa|lan)$/.test(host)) return `${host} is a local name`;
  const v4 = ipv4(host);
  if (v4 && privateV4(v4)) return `${host} is an address of this computer or the local network`;
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6)?.[1] ?? mappedHex(v6);
    if (mapped) return privateV4(ipv4(mapped)!) ? `${host} is an address of this computer or the local network` : null;
    if (v6 === '::1' || v6 === '::' || /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6)) return `${host} is an address of this computer or the local network`;
  }
  return null;
}

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : null;
}

/** ::ffff:7f00:1 as the URL parser writes ::ffff:127.0.0.1. */
function mappedHex(v6: string): string | null {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (!m) return null;
  const hi = parseInt(m[1]!, 16);
  const lo = parseInt(m[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

function privateV4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224
  );
}
