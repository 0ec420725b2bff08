// One signing thread of the SigningPool: signs acknowledgement bodies with the identity the main thread last sent.
import { parentPort } from 'node:worker_threads';
import type { IdentitySummary } from '../../../shared/helper-api/identity.ts';
import type { Identity } from '../identity/identity.ts';
import { HelperHttpError } from '../http/errors.ts';
import { signAcknowledgement } from './receipt-signing.ts';
import type { FromSigner, ToSigner } from './signing-pool.ts';

const port = parentPort!;
let identity: Identity | null = null;
let summary: IdentitySummary | null = null;

port.on('message', (m: ToSigner) => {
  if (m.kind === 'identity') {
    const chain = m.chain.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength));
    identity = { privateKey: m.privateKey, chain, scheme: m.scheme, development: m.development };
    summary = m.summary;
    return;
  }
  void sign(m.id, m.body, m.tsaUrl);
});
port.postMessage({ id: -1, ok: true, ready: true } satisfies FromSigner);

async function sign(id: number, body: string, tsaUrl: string | undefined): Promise<void> {
  let answer: FromSigner;
  const transfer: ArrayBuffer[] = [];
  try {
    if (!identity || !summary) throw new Error('no signing identity was sent to this thread');
    const signed = await signAcknowledgement(body, identity, summary, tsaUrl);
    const bytes = new Uint8Array(signed.leaf.length + signed.cms.length);
    bytes.set(signed.leaf);
    bytes.set(signed.cms, signed.leaf.length);
    transfer.push(bytes.buffer);
    answer = { id, ok: true, receiptId: signed.receiptId, messageId: signed.messageId, bytes, leafLength: signed.leaf.length, ...(signed.timestampedAt ? { timestampedAt: signed.timestampedAt } : {}) };
  } catch (err) {
    answer =
      err instanceof HelperHttpError
        ? { id, ok: false, refusal: { status: err.status, code: err.code, message: err.message, ...(err.field !== undefined ? { field: err.field } : {}) } }
        : { id, ok: false, failure: (err as Error).message };
  }
  port.postMessage(answer, transfer);
}
