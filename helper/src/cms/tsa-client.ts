// RFC 3161 time-stamp client: asks a TSA for a token over SHA-256(data), then checks the answer really is for our
// request (status, message imprint, nonce) and that the token's signature and TSA certificate hold, before it is
// embedded anywhere.
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.ts';
import { toArrayBuffer } from './asn1.ts';
import { readTimestampToken, type TimestampInfo } from './verifier.ts';

export class TimestampError extends Error {
  override name = 'TimestampError';
}

/** TSAs that just failed, and until when receipts are made without asking them again (per thread). */
const downUntil = new Map<string, number>();
const DOWN_FOR_MS = 5 * 60_000;

/** Whether `url` failed in the last five minutes: receipts are then signed without a time-stamp at once. */
export function recentlyDown(url: string, now = Date.now()): boolean {
  return (downUntil.get(url) ?? 0) > now;
}

export function buildTimestampRequest(imprint: Buffer, nonce: Buffer): Buffer {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  });
  return Buffer.from(req.toSchema().toBER(false));
}

/** A TimeStampToken (DER ContentInfo) over SHA-256(data), checked against the request. */
export async function requestTimestamp(url: string, data: Uint8Array, timeoutMs = 10_000): Promise<Buffer> {
  return (await requestCheckedTimestamp(url, data, timeoutMs)).token;
}

/** The token and what it says (time, TSA), already verified. */
export async function requestCheckedTimestamp(url: string, data: Uint8Array, timeoutMs = 10_000): Promise<{ token: Buffer; info: TimestampInfo }> {
  const imprint = createHash('sha256').update(data).digest();
  // A positive 64-bit nonce whose first byte is neither 0 (the DER INTEGER would drop it) nor has its high bit set
  // (the INTEGER would turn negative or gain a 0 byte): the token then carries exactly these 8 bytes.
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x3f) | 0x40;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(buildTimestampRequest(imprint, nonce)),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    downUntil.set(url, Date.now() + DOWN_FOR_MS);
    throw new TimestampError(`the time-stamping authority ${url} did not answer (${(err as Error).message})`);
  }
  if (!response.ok) {
    downUntil.set(url, Date.now() + DOWN_FOR_MS);
    throw new TimestampError(`the time-stamping authority ${url} answered HTTP ${response.status}`);
  }
  downUntil.delete(url);
  const body = Buffer.from(await response.arrayBuffer());
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(toArrayBuffer(body));
  } catch (err) {
    throw new TimestampError(`the time-stamping authority's answer is not an RFC 3161 response (${(err as Error).message})`);
  }
  const status = resp.status.status;
  if ((status !== 0 && status !== 1) || !resp.timeStampToken) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? '';
    throw new TimestampError(`the time-stamping authority refused the request (status ${status}${text ? `: ${text}` : ''})`);
  }
  const token = Buffer.from(resp.timeStampToken.toSchema().toBER(false));
  let info: TimestampInfo;
  try {
    info = readTimestampToken(token);
  } catch (err) {
    throw new TimestampError(`the time-stamp token is invalid: ${(err as Error).message}`);
  }
  if (!info.imprint.equals(imprint) || info.hashAlgorithm !== 'sha256') throw new TimestampError('the time-stamp token is for other data');
  if (!info.nonce?.equals(stripLeadingZeros(nonce))) throw new TimestampError('the time-stamp token does not carry our nonce (replayed answer?)');
  return { token, info };
}

function stripLeadingZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}
