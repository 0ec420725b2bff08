import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normaliseMessage } from '../../../shared/ebox/normalise.ts';
import { REGISTRY_BASE_PATHS } from '../../../shared/ebox/registry-api.ts';
import { scenarios } from '../data/scenarios.ts';
import { createSandboxState, populateSandbox, type SandboxOptions } from '../start-sandbox.ts';
import { tokenFor } from '../sandbox-state.ts';
import { registryApp } from './registry-app.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const APP = 'http://localhost:5999';
const V2 = REGISTRY_BASE_PATHS['v2.1'];
const V3 = REGISTRY_BASE_PATHS.v3;

function sandbox(options: SandboxOptions = {}) {
  const { state, setNow } = createSandboxState({ now: NOW, ...options });
  const added = populateSandbox(state, { now: NOW, ...options }, { appUrl: APP, qerdsUrl: 'http://127.0.0.1:5998' });
  const app = registryApp(state);
  const token = tokenFor(state, '0412345614');
  const get = (path: string, init: RequestInit = {}) =>
    app.request(`http://127.0.0.1${path.startsWith('/REST') ? path : V2 + path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  return { state, setNow, added, app, token, get, mailbox: state.mailboxes.get('0412345614')! };
}

type Page = { items: Array<Record<string, unknown>>; totalItems: number };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { id: string; code: string; message: string };
  expect(body.id).toMatch(UUID);
  expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(0);
}

describe('Message Registry sandbox', () => {
  it('refuses calls without a valid bearer token, with the contract error body', async () => {
    const s = sandbox({ size: 5 });
    await expectError(await s.app.request(`http://127.0.0.1${V2}/ebox/messages`), 401, 'UNAUTHORIZED');
    await expectError(await s.get('/ebox', { headers: { Authorization: 'Bearer nope' } }), 401, 'INVALID_TOKEN');
    await expectError(await s.get('/referenceData/messageTypes', { headers: { Authorization: 'Basic abc' } }), 401, 'UNAUTHORIZED');
  });

  it('lists newest first, 25 by default, pages up to 100, leaves out expired messages', async () => {
    const s = sandbox({ size: 120 });
    const live = s.mailbox.messages.filter((m) => m.expirationDate > NOW);
    expect(live.length).toBeLessThan(120); // the generator makes some already expired
    const first = (await (await s.get('/ebox/messages')).json()) as Page;
    expect(first.items).toHaveLength(25);
    expect(first.totalItems).toBe(live.length);
    const dates = first.items.map((m) => Date.parse(m.receiptDate as string));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    const all = (await (await s.get('/ebox/messages?pageSize=100&page=1')).json()) as Page;
    const rest = (await (await s.get('/ebox/messages?pageSize=100&page=2')).json()) as Page;
    expect([...all.items, ...rest.items].map((m) => m.messageId)).toEqual(live.map((m) => m.messageId));
    const beyond = (await (await s.get('/ebox/messages?page=99')).json()) as Page;
    expect(beyond).toEqual({ items: [], totalItems: live.length });
  });

  it('answers 400 for bad paging, dates, booleans and q without qlang', async () => {
    const s = sandbox({ size: 3 });
    await expectError(await s.get('/ebox/messages?pageSize=0'), 400, 'INVALID_PARAMETER');
    await expectError(await s.get('/ebox/messages?pageSize=101'), 400, 'INVALID_PARAMETER');
    await expectError(await s.get('/ebox/messages?page=0'), 400, 'INVALID_PARAMETER');
    await expectError(await s.get('/ebox/messages?page=two'), 400, 'INVALID_PARAMETER');
    await expectError(await s.get('/ebox/messages?receivedAfter=2026-02-30'), 400, 'INVALID_PARAMETER');
    await expectError(await s.get('/ebox/messages?readStatus=yes'), 400, 'INVALID_PARAMETER');
    await expectError(await s.get('/ebox/messages?q=tva'), 400, 'QLANG_REQUIRED');
    await expectError(await s.get('/ebox/messages?q=tva&qlang=en'), 400, 'INVALID_PARAMETER');
    await expectError(await s.get('/referenceData/messageTypes?pageSize=101'), 400, 'INVALID_PARAMETER');
  });

  it('searches accent- and case-insensitively in the chosen language only', async () => {
    const s = sandbox({ size: 0, scenario: [scenarios.subject({ fr: 'Avis pour François', nl: 'Bekendmaking voor Jan', de: 'Mitteilung für Jürgen' })] });
    const ids = async (q: string) => ((await (await s.get(`/ebox/messages?${q}`)).json()) as Page).items.map((m) => m.messageId);
    const id = s.added[0]!.messageId;
    expect(await ids('q=FRANCOIS&qlang=fr')).toEqual([id]);
    expect(await ids('q=bekendmaking&qlang=nl')).toEqual([id]);
    expect(await ids('q=bekendmaking&qlang=fr')).toEqual([]);
    expect(await ids('q=jurgen&qlang=de')).toEqual([id]);
    expect(await ids('q=zzzz&qlang=fr')).toEqual([]);
  });

  it('searches the names of sender organization and message type too', async () => {
    const s = sandbox({ size: 60 });
    const page = (await (await s.get('/ebox/messages?q=securite%20sociale&qlang=fr&pageSize=100')).json()) as Page;
    const expected = s.mailbox.messages.filter((m) => m.expirationDate > NOW && m.senderOrganizationId === '0206731645');
    expect(page.items.map((m) => m.messageId).sort()).toEqual(expected.map((m) => m.messageId).sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it('ANDs every filter', async () => {
    const s = sandbox({ size: 200 });
    const live = s.mailbox.messages.filter((m) => m.expirationDate > NOW);
    const count = async (q: string) => ((await (await s.get(`/ebox/messages?pageSize=1&${q}`)).json()) as Page).totalItems;
    expect(await count('registeredMail=true')).toBe(live.filter((m) => m.registeredMail).length);
    expect(await count('readStatus=false')).toBe(live.filter((m) => !m.readStatus).length);
    expect(await count('senderOrganizationId=0308357159&registeredMail=true')).toBe(live.filter((m) => m.senderOrganizationId === '0308357159' && m.registeredMail).length);
    expect(await count('messageTypeId=DMFA_REGULARISATION')).toBe(live.filter((m) => m.messageTypeId === 'DMFA_REGULARISATION').length);
    expect(await count('senderApplicationId=ONEM-CT')).toBe(live.filter((m) => m.senderApplicationId === 'ONEM-CT').length);
    const cut = new Date('2026-10-01T00:00:00+02:00');
    expect(await count('receivedAfter=2026-10-01')).toBe(live.filter((m) => m.receiptDate >= cut).length);
    expect(await count('receivedBefore=2026-10-01')).toBe(live.filter((m) => m.receiptDate < cut).length);
    const exp = new Date('2027-01-01T00:00:00+01:00');
    expect(await count('expiredBefore=2027-01-01')).toBe(live.filter((m) => m.expirationDate < exp).length);
    expect(await count('expiredAfter=2027-01-01')).toBe(live.filter((m) => m.expirationDate >= exp).length);
    expect(await count('messageTypeId=NO_SUCH_TYPE')).toBe(0);
  });

  it('hides and shows messages with PATCH (merge-patch), all or nothing', async () => {
    const s = sandbox({ size: 10 });
    const [a, b] = s.mailbox.messages.filter((m) => m.expirationDate > NOW);
    const patch = (body: unknown, type = 'application/merge-patch+json') => s.get('/ebox/messages', { method: 'PATCH', headers: { 'Content-Type': type }, body: JSON.stringify(body) });
    expect((await patch({ items: [{ messageId: a!.messageId, visible: false }] })).status).toBe(200);
    const hidden = (await (await s.get('/ebox/messages?visible=false')).json()) as Page;
    expect(hidden.items.map((m) => m.messageId)).toEqual([a!.messageId]);
    await expectError(await patch({ items: [{ messageId: b!.messageId, visible: false }, { messageId: 'ghost', visible: false }] }), 404, 'MESSAGE_NOT_FOUND');
    expect(b!.visible).toBe(true);
    await expectError(await patch({ items: [{ messageId: b!.messageId }] }), 400, 'INVALID_BODY');
    await expectError(await patch({ items: [{ messageId: b!.messageId, visible: false }] }, 'text/plain'), 400, 'INVALID_CONTENT_TYPE');
    expect(b!.visible).toBe(true);
  });

  it('serves real bytes whose SHA-256 is the announced digest, and marks the message read on its main content', async () => {
    const s = sandbox({ size: 0, scenario: [scenarios.registered(), scenarios.tamperedDocument()] });
    const [registered, tampered] = s.added;
    const msg = (await (await s.get(`/ebox/messages/${registered!.messageId}`)).json()) as { attachments: { items: Array<{ attachmentId: string; fileName: string; mainContent: boolean; digest: { digestValue: string } }> }; readStatus: boolean };
    expect(msg.readStatus).toBe(false);
    expect(msg.attachments.items.map((a) => a.fileName)).toContain('Receipt.xml');
    for (const a of msg.attachments.items) {
      const res = await s.get(`/ebox/messages/${registered!.messageId}/attachments/${a.attachmentId}/content`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('base64url')).toBe(a.digest.digestValue);
      if (a.fileName.endsWith('.pdf')) expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    }
    expect(((await (await s.get(`/ebox/messages/${registered!.messageId}`)).json()) as { readStatus: boolean }).readStatus).toBe(true);

    const t = (await (await s.get(`/ebox/messages/${tampered!.messageId}/attachments`)).json()) as Page;
    const first = t.items[0] as { attachmentId: string; digest: { digestValue: string } };
    const bytes = new Uint8Array(await (await s.get(`/ebox/messages/${tampered!.messageId}/attachments/${first.attachmentId}/content`)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('base64url')).not.toBe(first.digest.digestValue);
  });

  it('answers 404 with the contract body for unknown messages, attachments and bodies', async () => {
    const s = sandbox({ size: 3 });
    const m = s.mailbox.messages.find((x) => x.expirationDate > NOW && !x.body)!;
    await expectError(await s.get('/ebox/messages/unknown'), 404, 'MESSAGE_NOT_FOUND');
    await expectError(await s.get('/ebox/messages/unknown/attachments'), 404, 'MESSAGE_NOT_FOUND');
    await expectError(await s.get(`/ebox/messages/${m.messageId}/attachments/nope`), 404, 'ATTACHMENT_NOT_FOUND');
    await expectError(await s.get(`/ebox/messages/${m.messageId}/attachments/nope/content`), 404, 'ATTACHMENT_NOT_FOUND');
    await expectError(await s.get(`/ebox/messages/${m.messageId}/body`), 404, 'BODY_NOT_FOUND');
    await expectError(await s.get('/referenceData/messageTypes/NOPE'), 404, 'MESSAGE_TYPE_NOT_FOUND');
    await expectError(await s.get('/no/such/path'), 404, 'NOT_FOUND');
  });

  it('summarises the e-Box; its size appears once every document exists, as the sum of their sizes', async () => {
    const s = sandbox({ size: 8 });
    const live = s.mailbox.messages.filter((m) => m.expirationDate > NOW);
    type Summary = { numberOfMessages: number; numberOfUnreadMessages: number; eboxSize?: number; lastConsultationDate?: string };
    const before = (await (await s.get('/ebox')).json()) as Summary;
    expect(before).toMatchObject({ numberOfMessages: live.length, numberOfUnreadMessages: live.filter((m) => !m.readStatus).length });
    expect(before.eboxSize).toBeUndefined();
    expect(before.lastConsultationDate).toBeUndefined();
    const page = (await (await s.get('/ebox/messages')).json()) as { items: Array<{ attachments: { items: Array<{ size: number }> } }> };
    const after = (await (await s.get('/ebox')).json()) as Summary;
    const sum = page.items.flatMap((m) => m.attachments.items).reduce((n, a) => n + a.size, 0);
    expect(after.eboxSize).toBeCloseTo(sum, 1);
    expect(after.lastConsultationDate).toMatch(/^2026-11-23T/);
  });

  it('deletes messages at expiry as the sandbox clock moves', async () => {
    const s = sandbox({ size: 0, scenario: scenarios.expiringIn([1, 5, 20]) });
    const count = async () => ((await (await s.get('/ebox/messages')).json()) as Page).totalItems;
    expect(await count()).toBe(3);
    s.setNow(new Date(NOW.getTime() + 6 * 86_400_000));
    expect(await count()).toBe(1);
    await expectError(await s.get(`/ebox/messages/${s.added[0]!.messageId}`), 404, 'MESSAGE_NOT_FOUND');
  });

  it('speaks v3 names on the v3 path, which normalise to the same message', async () => {
    const s = sandbox({ size: 0, scenario: [scenarios.registered()] });
    const id = s.added[0]!.messageId;
    const v2 = (await (await s.get(`${V2}/ebox/messages/${id}`)).json()) as Record<string, unknown>;
    const v3 = (await (await s.get(`${V3}/ebox/messages/${id}`)).json()) as Record<string, unknown>;
    expect(v2).toHaveProperty('registeredMail', true);
    expect(v3).toHaveProperty('isRegisteredMail', true);
    expect(v3).not.toHaveProperty('registeredMail');
    expect(v3.sender).toEqual({ eboxType: 'ENTERPRISE', enterpriseNumber: '0308357159' });
    const a = normaliseMessage(v2);
    const b = normaliseMessage(v3);
    expect(b.contractVersion).toBe('v3');
    // v3's forTheAttentionOf {ssin, label} has no type; contentHref carries the base path.
    const strip = (m: typeof a) => ({
      ...m,
      contractVersion: undefined,
      forTheAttentionOf: m.forTheAttentionOf && { ...m.forTheAttentionOf, type: undefined },
      documents: m.documents.map((d) => ({ ...d, contentHref: undefined })),
    });
    expect(strip(b)).toEqual(strip(a));
  });

  it('serves reference data under /referenceData and /refData, translated fr/nl/de', async () => {
    const s = sandbox({ size: 1 });
    const a = await (await s.get('/referenceData/senderOrganizations?pageSize=100')).json();
    const b = await (await s.get('/refData/senderOrganizations?pageSize=100')).json();
    expect(JSON.stringify(b).replaceAll('/refData/', '/referenceData/')).toBe(JSON.stringify(a));
    const onss = (await (await s.get('/referenceData/senderOrganizations/0206731645')).json()) as { organizationShortName: Record<string, string>; organizationLogos: Array<{ contentHref: string }> };
    expect(onss.organizationShortName).toEqual({ fr: 'ONSS', nl: 'RSZ', de: 'LSS' });
    const logo = await s.app.request(onss.organizationLogos[0]!.contentHref, { headers: { Authorization: `Bearer ${s.token}` } });
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    const type = (await (await s.get('/referenceData/messageTypes/QERDS_NOTIFICATION')).json()) as { validityPeriod: unknown };
    expect(type.validityPeriod).toEqual({ validityPeriodNumber: 15, validityPeriodUnit: 'day' });
  });

  it('answers as slowly as told, like a distant provider', async () => {
    const s = sandbox({ size: 1, latencyMs: 150 });
    const t = performance.now();
    expect((await s.get('/ebox')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    s.state.latencyMs = 0;
    const u = performance.now();
    await s.get('/ebox');
    expect(performance.now() - u).toBeLessThan(140);
  });

  it("answers CORS for the web app's origin and the extension's only", async () => {
    const s = sandbox({ size: 1 });
    const preflight = (origin: string) =>
      s.app.request(`http://127.0.0.1${V2}/ebox/messages`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
    expect((await preflight(APP)).headers.get('access-control-allow-origin')).toBe(APP);
    expect((await preflight('chrome-extension://abcdefghijklmnop')).headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('generates the same mailbox, bytes included, from the same seed', async () => {
    const one = sandbox({ size: 30, seed: 7 });
    const two = sandbox({ size: 30, seed: 7 });
    const other = sandbox({ size: 30, seed: 8 });
    const ids = (s: typeof one) => s.mailbox.messages.map((m) => m.messageId);
    expect(ids(two)).toEqual(ids(one));
    expect(ids(other)).not.toEqual(ids(one));
    const page = async (s: typeof one) => JSON.stringify(await (await s.get('/ebox/messages?pageSize=30')).json());
    expect(await page(two)).toBe(await page(one));
  });
});
