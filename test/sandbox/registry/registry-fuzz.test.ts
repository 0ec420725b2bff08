// Property tests: any query string or PATCH body gets 200, 400 or 404 with the contract's body, never a 500; and
// paging through any filter visits every matching message exactly once, newest first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGISTRY_BASE_PATHS } from '../../../shared/ebox/registry-api.ts';
import { tokenFor } from '../sandbox-state.ts';
import { createSandboxState, populateSandbox } from '../start-sandbox.ts';
import { registryApp } from './registry-app.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const options = { now: NOW, size: 150, seed: 21 };
const { state } = createSandboxState(options);
populateSandbox(state, options, { appUrl: 'http://localhost:5999', qerdsUrl: 'http://127.0.0.1:5998' });
const app = registryApp(state);
const token = tokenFor(state, '0412345614');
const base = `http://127.0.0.1${REGISTRY_BASE_PATHS['v2.1']}`;
const auth = { Authorization: `Bearer ${token}` };

const PARAMS = ['page', 'pageSize', 'receivedBefore', 'receivedAfter', 'expiredBefore', 'expiredAfter', 'readStatus', 'visible', 'registeredMail', 'messageTypeId', 'senderOrganizationId', 'senderApplicationId', 'q', 'qlang'];
const anyValue = fc.oneof(fc.string(), fc.constantFrom('true', 'false', '0', '1', '25', '100', '101', '-1', '2026-10-01', '2026-13-45', 'fr', 'nl', 'de', 'François', '%', '\u0000'), fc.integer().map(String));

describe('registry under arbitrary input', () => {
  it('answers any query with 200 or a 400 StatusMessage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...PARAMS), anyValue, { maxKeys: 6 }), async (params) => {
        const res = await app.request(`${base}/ebox/messages?${new URLSearchParams(params)}`, { headers: auth });
        expect([200, 400]).toContain(res.status);
        const body = (await res.json()) as Record<string, unknown>;
        if (res.status === 400) expect(Object.keys(body).sort()).toEqual(['code', 'contact', 'environment', 'id', 'message']);
        else expect(Array.isArray(body.items)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('answers any PATCH body with 200, 400 or 404, and changes nothing unless it answered 200', async () => {
    const ids = state.mailboxes.get('0412345614')!.messages.filter((m) => m.expirationDate > NOW).map((m) => m.messageId);
    const item = fc.record({ messageId: fc.oneof(fc.constantFrom(...ids.slice(0, 5)), fc.string()), visible: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: [] });
    const body = fc.oneof(fc.jsonValue(), fc.record({ items: fc.array(item, { maxLength: 4 }) }), fc.string());
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = ids.map((id) => state.mailboxes.get('0412345614')!.byId.get(id)!.visible);
        const res = await app.request(`${base}/ebox/messages`, { method: 'PATCH', headers: { ...auth, 'Content-Type': 'application/merge-patch+json' }, body: typeof b === 'string' ? b : JSON.stringify(b) });
        expect([200, 400, 404]).toContain(res.status);
        const after = ids.map((id) => state.mailboxes.get('0412345614')!.byId.get(id)!.visible);
        if (res.status !== 200) expect(after).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('pages through any filter visiting each match once, newest first', async () => {
    const filter = fc.record(
      {
        registeredMail: fc.constantFrom('true', 'false'),
        readStatus: fc.constantFrom('true', 'false'),
        senderOrganizationId: fc.constantFrom('0206731645', '0308357159', '0206737484'),
        receivedAfter: fc.constantFrom('2026-01-01', '2026-09-01', '2026-11-01'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filter, fc.integer({ min: 1, max: 40 }), async (f, pageSize) => {
        const seen: Array<{ messageId: string; receiptDate: string }> = [];
        let total = -1;
        for (let page = 1; page < 200; page++) {
          const res = await app.request(`${base}/ebox/messages?${new URLSearchParams({ ...f, page: String(page), pageSize: String(pageSize) })}`, { headers: auth });
          const body = (await res.json()) as { items: Array<{ messageId: string; receiptDate: string }>; totalItems: number };
          total = body.totalItems;
          if (body.items.length === 0) break;
          seen.push(...body.items);
        }
        expect(seen).toHaveLength(total);
        expect(new Set(seen.map((m) => m.messageId)).size).toBe(total);
        const times = seen.map((m) => Date.parse(m.receiptDate));
        expect(times).toEqual([...times].sort((a, b) => b - a));
      }),
      { numRuns: 40 },
    );
  });
});
