// Byte plumbing between Node's Buffers and asn1js/pkijs, the helper's one ASN.1 stack.
import * as asn1js from 'asn1js';

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** An asn1js value's DER encoding. */
export function derOf(value: { toBER(sizeOnly?: boolean): ArrayBuffer }): Buffer {
  return Buffer.from(value.toBER(false));
}

export function parseDer(der: Uint8Array): asn1js.AsnType {
  const r = asn1js.fromBER(toArrayBuffer(der));
  if (r.offset === -1) throw new Error(`malformed DER: ${r.result.error}`);
  return r.result;
}
