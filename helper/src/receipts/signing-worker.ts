// One signing thread of the SigningPool: signs batches of acknowledgement bodies with the identity the main thread
// last sent, and answers each batch with one message.
import { parentPort } from 'node:worker_threads';
import type { IdentitySummary } from '../../../shared/helper-api/identity.ts';
import type { Identity } from '../identity/identity.ts';
import { HelperHttpError } from '../http/errors.ts';
import { signAcknowledgement, type SignedReceipt } from './receipt-signing.ts';
import type { FromSigner, SignerOutcome, ToSigner } from './signing-pool.ts';

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
  // The identity of this batch is the one in force when it arrived, even if another arrives while it is signed.
  void signBatch(m.jobs, identity, summary);
});
port.postMessage({ kind: 'ready' } satisfies FromSigner);

async function signBatch(jobs: { id: number; body: string; tsaUrl?: string }[], id: Identity | null, signer: IdentitySummary | null): Promise<void> {
  const results = await Promise.all(
    jobs.map(async (job): Promise<SignedReceipt | SignerOutcome> => {
      try {
        if (!id || !signer) throw new Error('no signing identity was sent to this thread');
        return await signAcknowledgement(job.body, id, signer, job.tsaUrl);
      } catch (err) {
        return err instanceof HelperHttpError
          ? { id: job.id, ok: false, refusal: { status: err.status, code: err.code, message: err.message, ...(err.field !== undefined ? { field: err.field } : {}) } }
          : { id: job.id, ok: false, failure: (err as Error).message };
      }
    }),
  );
  let size = 0;
  for (const r of results) if ('leaf' in r) size += r.leaf.length + r.cms.length;
  const bytes = new Uint8Array(size);
  let offset = 0;
  const outcomes = results.map((r, i): SignerOutcome => {
    if (!('leaf' in r)) return r;
    bytes.set(r.leaf, offset);
    bytes.set(r.cms, offset + r.leaf.length);
    const o: SignerOutcome = {
      id: jobs[i]!.id,
      ok: true,
      receiptId: r.receiptId,
      messageId: r.messageId,
      offset,
      leafLength: r.leaf.length,
      cmsLength: r.cms.length,
      ...(r.timestampedAt ? { timestampedAt: r.timestampedAt } : {}),
    };
    offset += r.leaf.length + r.cms.length;
    return o;
  });
  port.postMessage({ kind: 'signed', outcomes, bytes } satisfies FromSigner, [bytes.buffer]);
}
