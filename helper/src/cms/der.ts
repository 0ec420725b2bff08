// DER assembly for the CMS structures the helper writes. Building from byte pieces (rather than asn1js object
// trees) keeps the per-acknowledgement cost to a few buffer copies; asn1js still encodes every OID and parses
// everything we read back.
import * as asn1js from 'asn1js';

/** One TLV: tag byte, DER length, contents; written into one buffer (a receipt's CMS is a dozen of them). */
export function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
  let length = 0;
  for (const c of contents) length += c.length;
  let lengthOctets = 0;
  for (let v = length; v > 0; v = Math.floor(v / 256)) lengthOctets++;
  const head = length < 0x80 ? 2 : 2 + lengthOctets;
  const out = Buffer.allocUnsafe(head + length);
  out[0] = tag;
  if (length < 0x80) out[1] = length;
  else {
    out[1] = 0x80 | lengthOctets;
    for (let i = head - 1, v = length; i >= 2; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  }
  let at = head;
  for (const c of contents) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const seq = (...items: Uint8Array[]) => tlv(0x30, ...items);
/** DER SET OF: elements sorted by their encodings (X.690 11.6), as OpenSSL re-encodes them when verifying. */
export const setOf = (...items: Buffer[]) => tlv(0x31, ...[...items].sort(Buffer.compare));
export const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
export const nullValue = Buffer.from([0x05, 0x00]);
/** [n] constructed context tag: EXPLICIT around one element, or IMPLICIT over a SET/SEQUENCE's contents. */
export const context = (n: number, ...contents: Uint8Array[]) => tlv(0xa0 | n, ...contents);

export function smallInt(value: number): Buffer {
  if (!(Number.isInteger(value) && value >= 0 && value < 128)) throw new RangeError('smallInt is for 0..127');
  return Buffer.from([0x02, 0x01, value]);
}

const oidCache = new Map<string, Buffer>();
export function oid(dotted: string): Buffer {
  let der = oidCache.get(dotted);
  if (!der) {
    der = Buffer.from(new asn1js.ObjectIdentifier({ value: dotted }).toBER(false));
    oidCache.set(dotted, der);
  }
  return der;
}

export const algorithm = (id: string, params?: Uint8Array) => (params ? seq(oid(id), params) : seq(oid(id)));

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function parseDer(der: Uint8Array): asn1js.AsnType {
  const r = asn1js.fromBER(toArrayBuffer(der));
  if (r.offset === -1) throw new Error(`malformed DER: ${r.result.error}`);
  return r.result;
}
