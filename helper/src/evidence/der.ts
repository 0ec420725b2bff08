// A strict DER reader for the one ASN.1 structure parsed per evidence, the RFC 3161 token. asn1js/pkijs built a
// full object tree for every token and capped verification near 120 evidences a second; this reader only slices
// the bytes (definite lengths, minimal length encoding, no trailing data) and leaves meaning to the caller.

export class DerError extends Error {
  override name = 'DerError';
}

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** The whole encoding, header included. */
  raw: Uint8Array;
  /** The contents octets. */
  content: Uint8Array;
}

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  constructedOctetString: 0x24,
  null: 0x05,
  oid: 0x06,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
  context1: 0xa1,
} as const;

function readAt(bytes: Uint8Array, offset: number): DerNode {
  if (offset + 2 > bytes.length) throw new DerError('truncated DER header');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used here');
  let length = bytes[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError('indefinite or oversized DER length');
    if (offset + 2 + count > bytes.length) throw new DerError('truncated DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
    if (length < 0x80 || (count > 1 && bytes[offset + 2] === 0)) throw new DerError('non-minimal DER length');
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new DerError('DER value runs past its container');
  return { tag, raw: bytes.subarray(offset, end), content: bytes.subarray(offset + header, end) };
}

/** Parses exactly one DER value filling `bytes`. */
export function parseDer(bytes: Uint8Array): DerNode {
  const node = readAt(bytes, 0);
  if (node.raw.length !== bytes.length) throw new DerError('trailing bytes after DER value');
  return node;
}

/** The values inside a constructed node. */
export function childrenOf(node: DerNode): DerNode[] {
  if ((node.tag & 0x20) === 0) throw new DerError(`tag 0x${node.tag.toString(16)} is not constructed`);
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.content.length; ) {
    const child = readAt(node.content, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

/** The node with the expected tag, or a DerError naming what was expected. */
export function expect(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (node === undefined || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

export function oidOf(node: DerNode | undefined): string {
  const content = expect(node, TAG.oid, 'an OBJECT IDENTIFIER').content;
  if (content.length === 0) throw new DerError('empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('OBJECT IDENTIFIER arc too large');
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  if (content[content.length - 1]! & 0x80) throw new DerError('truncated OBJECT IDENTIFIER');
  return arcs.join('.');
}

/** GeneralizedTime in UTC ("YYYYMMDDHHMMSS[.fff]Z"), the form RFC 3161 requires. */
export function generalizedTimeOf(node: DerNode | undefined): Date {
  const text = Buffer.from(expect(node, TAG.generalizedTime, 'a GeneralizedTime').content).toString('latin1');
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\.\d{1,6})?Z$/.exec(text);
  if (m === null) throw new DerError(`GeneralizedTime ${text} is not UTC`);
  const ms = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms));
}

/** AlgorithmIdentifier's algorithm OID. */
export function algorithmOf(node: DerNode | undefined): string {
  return oidOf(childrenOf(expect(node, TAG.sequence, 'an AlgorithmIdentifier'))[0]);
}

/**
 * An OCTET STRING's value. CMS allows BER outside signed attributes, and pkijs, like other encoders, writes a
 * SignedData's eContent as a constructed string of segments: their concatenation is the value.
 */
export function octetsOf(node: DerNode | undefined, what: string): Uint8Array {
  if (node?.tag === TAG.constructedOctetString) {
    return Buffer.concat(childrenOf(node).map((segment) => octetsOf(segment, what)));
  }
  return expect(node, TAG.octetString, what).content;
}
