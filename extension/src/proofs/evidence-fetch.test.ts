// Fetching a qualified registered message's evidences into the real helper, from a provider that serves the
// sandbox QERDS evidences: refused for want of a trusted list (and said so), an unreachable step reported while the
// others are kept, then only the missing step fetched again, and nothing fetched once all three are kept.
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qerdsPki } from '../../../test/qerds/pki.ts';
import { qerdsEvidencesFor } from '../../../test/qerds/provider.ts';
import { openArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { recordSeen } from '../archive/messages.ts';
import { message } from '../archive/test-messages.ts';
import { createEvidenceFetcher, type EvidenceFetcher } from './evidence-fetch.ts';
import type { EvidenceProblem } from './proof-status.ts';
import { pairedHelper, type PairedHelper } from './test-helper.ts';

const CONSIGNMENT = 'QERDS-000000000042';
const LINK = `https://qerds.test/qerds/${CONSIGNMENT}`;

let paired: PairedHelper;
let db: ArchiveDb;
let fetcher: EvidenceFetcher;
const requested: string[] = [];
const down = new Set<string>();
const problems = new Map<string, EvidenceProblem[]>();
let evidences: Record<string, string>;

beforeAll(async () => {
  paired = await pairedHelper();
  db = openArchiveDb(`t-${crypto.randomUUID()}`);
  evidences = { ...(await qerdsEvidencesFor({ messageId: CONSIGNMENT, sender: { name: 'SPF Justice', identifier: '0308357753' }, recipient: { name: 'Boulangerie', identifier: '0412345614' }, submittedAt: new Date(Date.now() - 3 * 3_600_000), documents: [] })) };
  const businessDataList = {
    items: [
      { key: 'qerdsConsignmentId', values: [{ fr: CONSIGNMENT }] },
      { key: 'qerdsActionLink', values: [{ fr: LINK }] },
    ],
    totalItems: 2,
  };
  await recordSeen(db, [{ message: message('q-1', { messageTypeId: 'QERDS_NOTIFICATION', businessDataList }), names: {} }]);
  fetcher = createEvidenceFetcher({
    db,
    helper: async () => paired.client,
    problems: { load: async (id) => (problems.has(id) ? { at: '', problems: problems.get(id)! } : undefined), save: async (id, p) => void problems.set(id, p) },
    fetch: async (input, init) => {
      expect(init?.redirect).toBe('error');
      const url = String(input);
      requested.push(url);
      const event = /\/evidence\/(\w+)\.xml$/.exec(url)?.[1] ?? '';
      if (!url.startsWith(`${LINK}/evidence/`) || down.has(event)) return new Response('unavailable', { status: 503 });
      return new Response(evidences[event], { headers: { 'content-type': 'application/xml' } });
    },
  });
}, 60_000);
afterAll(async () => {
  await db.delete();
  await paired.stop();
});

describe('QERDS evidence fetch', () => {
  it('without a trusted list, the helper refuses each evidence naming it, and the problem is kept for the panel', async () => {
    const found = await fetcher.fetch('q-1');
    expect(found.map((p) => [p.event, p.reason])).toEqual([
      ['submission', 'no-trusted-list'],
      ['consignment', 'no-trusted-list'],
      ['handover', 'no-trusted-list'],
    ]);
    expect(problems.get('q-1')).toEqual(found);
    expect(await paired.client.evidenceForMessage('q-1')).toEqual([]);
  });

  it('with the trusted list, keeps what it can fetch, TOTAL_PASSED, and reports the unreachable step', async () => {
    writeFileSync(join(paired.dataDir, 'trusted-list.xml'), evidences.trustedList!);
    writeFileSync(join(paired.dataDir, 'trusted-list-signer.pem'), (await qerdsPki()).listOperator.pem);
    down.add('handover');
    const found = await fetcher.fetch('q-1');
    expect(found).toEqual([{ event: 'handover', reason: 'unreachable', detail: `the provider answered HTTP 503 for ${LINK}/evidence/handover.xml` }]);
    const kept = await paired.client.evidenceForMessage('q-1');
    expect(kept.map((e) => [e.report.evidence.event, e.report.indication, e.report.provider.qualified])).toEqual([
      ['submission', 'TOTAL_PASSED', true],
      ['consignment', 'TOTAL_PASSED', true],
    ]);
    expect(kept[0]!.report.checks.find((c) => c.id === 'EVIDENCE_CONCERNS_MESSAGE')?.outcome).toBe('PASSED');
  });

  it('fetches only the missing step again, then nothing once all three are kept; one fetch at a time per message', async () => {
    down.clear();
    requested.length = 0;
    const [a, b] = [fetcher.fetch('q-1'), fetcher.fetch('q-1')];
    expect(fetcher.pending('q-1')).toBe(a);
    expect(b).toBe(a);
    expect(await a).toEqual([]);
    expect(requested).toEqual([`${LINK}/evidence/handover.xml`]);
    expect((await paired.client.evidenceForMessage('q-1')).map((e) => e.report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
    requested.length = 0;
    expect(await fetcher.fetch('q-1')).toEqual([]);
    expect(requested).toEqual([]);
    expect(fetcher.pending('q-1')).toBeUndefined();
  });

  it('does not contact a provider the user has not allowed, and names its origin; allowed, fetches from it', async () => {
    const contacted: string[] = [];
    let allowed = false;
    const asking = createEvidenceFetcher({
      db,
      helper: async () => paired.client,
      problems: { load: async () => undefined, save: async () => undefined },
      permitted: async (origin) => allowed && origin === new URL(LINK).origin,
      fetch: async (input) => {
        contacted.push(String(input));
        return new Response('unavailable', { status: 503 });
      },
    });
    const businessDataList = { items: [{ key: 'qerdsConsignmentId', values: [{ fr: CONSIGNMENT }] }, { key: 'qerdsActionLink', values: [{ fr: LINK }] }], totalItems: 2 };
    await recordSeen(db, [{ message: message('q-perm', { messageTypeId: 'QERDS_NOTIFICATION', businessDataList }), names: {} }]);
    const found = await asking.fetch('q-perm');
    expect(contacted).toEqual([]);
    expect(found.map((p) => [p.event, p.reason, p.origin])).toEqual(['submission', 'consignment', 'handover'].map((e) => [e, 'not-permitted', new URL(LINK).origin]));
    allowed = true;
    expect((await asking.fetch('q-perm')).map((p) => p.reason)).toEqual(['unreachable', 'unreachable', 'unreachable']);
    expect(contacted).toHaveLength(3);
  });

  it('never contacts this computer or the local network from a sender-given link, and says so', async () => {
    const contacted: string[] = [];
    const local = createEvidenceFetcher({
      db,
      helper: async () => paired.client,
      problems: { load: async () => undefined, save: async () => undefined },
      fetch: async (input) => {
        contacted.push(String(input));
        return new Response('{"secret":"of a local service"}');
      },
    });
    const businessDataList = { items: [{ key: 'qerdsActionLink', values: [{ fr: `http://127.0.0.1:${paired.helper.port}/v1/status#` }] }], totalItems: 1 };
    await recordSeen(db, [{ message: message('q-local', { messageTypeId: 'QERDS_NOTIFICATION', businessDataList }), names: {} }]);
    const found = await local.fetch('q-local');
    expect(contacted).toEqual([]);
    expect(found).toHaveLength(3);
    for (const p of found) expect(p).toMatchObject({ reason: 'refused', detail: expect.stringMatching(/not contacted: only https/) });
    expect(await paired.client.evidenceForMessage('q-local')).toEqual([]);
  });

  it('does not contact a provider name that resolves into this computer or the local network, where names can be resolved', async () => {
    const contacted: string[] = [];
    const resolving = (addresses: string[]) =>
      createEvidenceFetcher({
        db,
        helper: async () => paired.client,
        problems: { load: async () => undefined, save: async () => undefined },
        resolveHost: async () => addresses,
        fetch: async (input) => {
          contacted.push(String(input));
          return new Response('unavailable', { status: 503 });
        },
      });
    const businessDataList = { items: [{ key: 'qerdsActionLink', values: [{ fr: 'https://qerds.rebound.example/q/1' }] }], totalItems: 1 };
    await recordSeen(db, [{ message: message('q-rebind', { messageTypeId: 'QERDS_NOTIFICATION', businessDataList }), names: {} }]);
    const refused = await resolving(['93.184.216.34', '127.0.0.1']).fetch('q-rebind');
    expect(contacted).toEqual([]);
    for (const p of refused) expect(p).toMatchObject({ reason: 'refused', detail: expect.stringMatching(/qerds\.rebound\.example resolves to 127\.0\.0\.1/) });
    const publicOnly = await resolving(['93.184.216.34']).fetch('q-rebind');
    expect(contacted).toHaveLength(3);
    for (const p of publicOnly) expect(p.reason).toBe('unreachable');
  });
});
