import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { materialise } from '../../../test/sandbox/data/mailbox.ts';
import { scenarios } from '../../../test/sandbox/data/scenarios.ts';
import { createContext, type HelperContext } from '../context.ts';
import { BlobStore } from '../store/blob-store.ts';
import { StorageFullError } from '../store/record-log.ts';
import { evidenceArchiveOf } from '../evidence/evidence-archive.ts';
import { addConsumerAccount } from '../consumers/consumer-store.ts';
import { keptMessages } from './kept-messages.ts';
import { RegistryClient } from './registry-client.ts';
import { retrievalAcknowledger, retrieverName } from './retrieval-receipts.ts';
import { SyncDb } from './sync-db.ts';
import { evidenceKeeper } from './qualified-evidence.ts';
import { syncAll, type SyncRunOptions } from './sync-runner.ts';
import { problemLines, totals } from './sync-report.ts';
import { CLIENT, CLIENT_ID, OTHER, OWN, P12_PASSWORD, syncFixture, type SyncFixture } from './sync.fixture.ts';
import { readFileSync } from 'node:fs';

/** What the registry still serves: the e-Box deletes a message at expiry. */
const live = <M extends { expirationDate: Date }>(messages: M[]) => messages.filter((m) => m.expirationDate.getTime() > Date.now());

let fx: SyncFixture | undefined;
let ctx: HelperContext | undefined;
let db: SyncDb | undefined;
afterEach(async () => {
  db?.close();
  if (ctx) {
    await ctx.store.close();
    await ctx.receipts.close();
  }
  await fx?.close();
  fx = ctx = db = undefined;
});

async function open(f: SyncFixture) {
  ctx = await createContext({ dataDir: f.dataDir, port: 0, signingThreads: 0 });
  db = new SyncDb(f.dataDir);
  const options: SyncRunOptions = {
    dataDir: f.dataDir,
    db,
    blobs: ctx.store.blobs,
    receiptsFor: (a) => retrievalAcknowledger(a, ctx!.receipts, ctx!.store),
    evidenceFor: () => evidenceKeeper(ctx!),
    parallel: 4,
  };
  return options;
}

describe('sync against the sandbox', { timeout: 120_000 }, () => {
  it('keeps every message and document of two enterprises over two providers, byte-identical, with receipts; a second run fetches nothing', async () => {
    fx = await syncFixture();
    const options = await open(fx);
    const first = await syncAll(options);
    expect(problemLines(first)).toEqual([]);
    expect(first.flatMap((a) => a.providers.map((p) => p.provider)).length).toBe(4);

    for (const [enterprise, sources] of [[OWN, [fx.sandbox.state, fx.sandbox.consumer.secondProvider]], [CLIENT, [fx.sandbox.state, fx.sandbox.consumer.secondProvider]]] as const) {
      const kept = keptMessages(db!, { enterprise });
      const expected = sources.flatMap((s) => live(s.mailboxes.get(enterprise)!.messages));
      expect(kept.map((m) => m.message.messageId).sort()).toEqual(expected.map((m) => m.messageId).sort());
      for (const m of expected) {
        const k = kept.find((x) => x.message.messageId === m.messageId)!;
        for (const d of m.documents) {
          const doc = k.documents.find((x) => x.attachmentId === d.attachmentId)!;
          expect(doc.state).toBe('kept');
          const stored = await ctx!.store.blobs.get(Buffer.from(doc.sha256!, 'base64url').toString('hex'));
          expect(Buffer.compare(stored, Buffer.from((await materialise(d)).bytes))).toBe(0);
        }
        if (m.registeredMail) {
          expect(k.receiptId).toBeTruthy();
          const record = await ctx!.receipts.record(k.receiptId!);
          expect(record!.receipt.openedBy.name).toBe(retrieverName({ clientId: CLIENT_ID }));
          expect(record!.receipt.message.recipientEnterpriseId).toBe(enterprise);
          expect(record!.receipt.documents.map((x) => x.digestCheck)).toEqual(m.documents.map(() => 'match'));
        } else expect(k.receiptId).toBeNull();
      }
    }
    const qualified = keptMessages(db!).filter((m) => m.kind === 'qualified');
    expect(qualified.length).toBeGreaterThan(0);
    expect(totals(first).evidences).toBe(qualified.length);
    for (const q of qualified) {
      const archived = await evidenceArchiveOf(ctx!.store).listForMessage(q.message.messageId);
      expect(archived.map((e) => e.report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
    }
    const receiptsAfterFirst = ctx!.receipts.count;
    expect(receiptsAfterFirst).toBeGreaterThan(0);

    const second = await syncAll(options);
    expect(totals(second)).toMatchObject({ newMessages: 0, changedMessages: 0, documentsFetched: 0, receipts: 0, providersFailed: 0 });
    expect(ctx!.receipts.count).toBe(receiptsAfterFirst);
  });

  it('picks up a new message on the next run, and refuses an enterprise the client has no mandate for', async () => {
    fx = await syncFixture({}, [OWN, OTHER]);
    const options = await open(fx);
    const first = await syncAll(options);
    const other = first.find((a) => a.enterprise === OTHER)!;
    expect(other.providers.every((p) => /MANDATE_REQUIRED|no e-Box Document Consumer mandate/.test(p.error ?? ''))).toBe(true);
    expect(first.find((a) => a.enterprise === OWN)!.providers.every((p) => !p.error)).toBe(true);
    expect(problemLines(first).some((l) => l.includes(`account ${OTHER}`) && l.includes('provider'))).toBe(true);

    const mailbox = fx.sandbox.data.mailbox;
    const { buildMessage } = await import('../../../test/sandbox/data/generate.ts');
    const { addMessage } = await import('../../../test/sandbox/data/mailbox.ts');
    const fresh = buildMessage({ seed: 99, company: mailbox.company, now: new Date(), links: { qerdsConsignment: (id) => `${fx!.sandbox.qerdsUrl}/qerds/${id}` } }, 5000, { receiptDate: new Date() });
    addMessage(mailbox, fresh);
    const second = await syncAll({ ...options, enterprise: OWN });
    expect(totals(second)).toMatchObject({ newMessages: 1, documentsFetched: fresh.documents.length });
  });

  it('keeps and flags a document whose bytes do not match the digest, and reports a message removed between list and download', async () => {
    fx = await syncFixture({ scenario: [scenarios.tamperedDocument()] }, [OWN]);
    const options = await open(fx);
    const tampered = fx.sandbox.data.scenarioMessages[0]!;
    const results = await syncAll(options);
    expect(results[0]!.providers[0]!.mismatches.map((i) => i.messageId)).toContain(tampered.messageId);
    const kept = keptMessages(db!, { enterprise: OWN }).find((m) => m.message.messageId === tampered.messageId)!;
    expect(kept.documents[0]!.state).toBe('mismatch');
    const bytes = (await materialise(tampered.documents[0]!)).bytes;
    expect(kept.documents[0]!.sha256).toBe(createHash('sha256').update(bytes).digest('base64url'));
    expect(ctx!.store.blobs.has(createHash('sha256').update(bytes).digest('hex'))).toBe(true);
    expect(problemLines(results).some((l) => l.includes(`message ${tampered.messageId}: digest mismatch`) && l.includes(`account ${OWN}`))).toBe(true);

    // A second message arrives and is removed right after the list was read.
    const { buildMessage } = await import('../../../test/sandbox/data/generate.ts');
    const { addMessage } = await import('../../../test/sandbox/data/mailbox.ts');
    const mailbox = fx.sandbox.data.mailbox;
    const doomed = buildMessage({ seed: 7, company: mailbox.company, now: new Date(), links: { qerdsConsignment: (id) => id } }, 6000, { receiptDate: new Date() });
    addMessage(mailbox, doomed);
    const listPage = RegistryClient.prototype.listPage;
    RegistryClient.prototype.listPage = async function (this: RegistryClient, page: number, size?: number) {
      const result = await listPage.call(this, page, size);
      mailbox.byId.delete(doomed.messageId);
      return result;
    };
    try {
      const again = await syncAll({ ...options, enterprise: OWN });
      const gone = again[0]!.providers[0]!.gone;
      expect(gone.map((g) => g.messageId)).toEqual(doomed.documents.map(() => doomed.messageId));
      expect(problemLines(again).some((l) => l.includes(`message ${doomed.messageId}: gone`) && l.includes('provider e-Box sandbox'))).toBe(true);
    } finally {
      RegistryClient.prototype.listPage = listPage;
    }
  });

  it('stops a provider on a full disk with a clear message, loses nothing kept, and finishes on the next run', async () => {
    fx = await syncFixture({}, [OWN]);
    const options = await open(fx);
    let allowed = 10;
    class FillingBlobStore extends BlobStore {
      override async put(bytes: Uint8Array) {
        if (allowed-- <= 0) throw new StorageFullError('the disk is full: the document was not stored');
        return super.put(bytes);
      }
    }
    const filling = new FillingBlobStore(options.blobs.dir);
    const first = await syncAll({ ...options, blobs: filling, parallel: 1 });
    const main = first[0]!.providers[0]!;
    expect(main.error).toMatch(/disk is full/);
    expect(main.documentsFetched).toBe(10);
    expect(problemLines(first)[0]).toMatch(new RegExp(`account ${OWN} .*provider e-Box sandbox .*disk is full`));
    const second = await syncAll(options);
    expect(problemLines(second)).toEqual([]);
    const expected = live(fx.sandbox.data.mailbox.messages).reduce((n, m) => n + m.documents.length, 0);
    expect(keptMessages(db!, { enterprise: OWN }).filter((m) => m.provider === main.provider).flatMap((m) => m.documents).filter((d) => d.state === 'kept').length).toBe(expected);
  });

  it('a wrong client id and a revoked certificate are refused with a message naming the account', async () => {
    fx = await syncFixture({}, []);
    await addConsumerAccount(fx.dataDir, { enterprise: OWN, clientId: 'not-registered', tokenUrl: fx.sandbox.consumer.tokenUrl, federationUrl: fx.sandbox.consumer.federationUrl, registries: [], p12: readFileSync(fx.p12Path), password: P12_PASSWORD });
    const options = await open(fx);
    const wrong = await syncAll(options);
    expect(wrong[0]!.error).toMatch(/consumer account 0412345614 \(client not-registered\).*invalid_client.*unknown client.*check the client id/);
    await addConsumerAccount(fx.dataDir, { enterprise: OWN, clientId: CLIENT_ID, tokenUrl: fx.sandbox.consumer.tokenUrl, federationUrl: fx.sandbox.consumer.federationUrl, registries: [], p12: readFileSync(fx.p12Path), password: P12_PASSWORD });
    fx.sandbox.consumer.oauth.clients.get(CLIENT_ID)!.revoked = true;
    const revoked = await syncAll(options);
    expect(revoked[0]!.error).toMatch(/consumer account 0412345614.*revoked/);
    expect(db!.providers(OWN).find((p) => p.name === 'federation')!.lastError).toMatch(/revoked/);
  });
});
