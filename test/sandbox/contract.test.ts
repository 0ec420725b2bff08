// The sandbox against the official Message Registry contract (Swagger 2.0, v2.1), read from ../shared/ebox-api
// beside the repository: every consultation endpoint's answers, good and bad, validate against the yaml's schemas.
// Objects are also checked closed (no property the contract does not define), so v3 names cannot leak into v2.1.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REGISTRY_BASE_PATHS } from '../../shared/ebox/registry-api.ts';
import { scenarios } from './data/scenarios.ts';
import { registryApp } from './registry/registry-app.ts';
import { tokenFor } from './sandbox-state.ts';
import { createSandboxState, populateSandbox } from './start-sandbox.ts';

const CONTRACT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'ebox-api', 'e-Box-Enterprise-swagger-v2.1-AP-Public.yaml');
const present = existsSync(CONTRACT);
if (!present) console.warn(`contract test skipped: ${CONTRACT} is absent (CI has ../shared beside the repository)`);

/** The publication side of the contract: senders' endpoints, not what a recipient's web app consults. */
const PUBLICATION_PATHS = ['/publishMessage', '/linkEboxMessage', '/searchMessageStatus'];

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { schema?: Schema }>;
}
interface Contract {
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Schema>;
}

/** Every object schema with properties made closed: the sandbox must not invent fields in v2.1. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = closed(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function validators(contract: Contract) {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // Swagger 2.0's numeric formats and its `example` annotation.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addKeyword('example');
  const open = { $id: 'open', definitions: contract.definitions };
  const strict = { $id: 'closed', definitions: closed(contract.definitions) };
  ajv.addSchema(open).addSchema(strict);
  const cache = new Map<string, ValidateFunction>();
  return (schema: Schema, mode: 'open' | 'closed'): ValidateFunction => {
    const key = `${mode}:${JSON.stringify(schema)}`;
    let v = cache.get(key);
    if (!v) {
      // Response schemas are `$ref: '#/definitions/X'` or inline; anchor refs to the loaded definitions.
      const anchored = JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', `"${mode}#/definitions/`)) as Schema;
      v = ajv.compile(mode === 'closed' ? (closed(anchored) as Schema) : anchored);
      cache.set(key, v);
    }
    return v;
  };
}

describe.skipIf(!present)('Message Registry contract v2.1 (official yaml)', () => {
  const contract = present ? (parse(readFileSync(CONTRACT, 'utf8')) as Contract) : ({ paths: {}, definitions: {} } as Contract);
  const validate = validators(contract);
  const NOW = new Date('2026-11-23T10:00:00Z');
  const options = { now: NOW, size: 80, seed: 3, scenario: [scenarios.sixDocuments(), scenarios.registered(), scenarios.qualifiedRegistered()] };
  const { state } = createSandboxState(options);
  populateSandbox(state, options, { appUrl: 'http://localhost:5999', qerdsUrl: 'http://127.0.0.1:5998' });
  const app = registryApp(state);
  const token = tokenFor(state, '0412345614');
  const base = REGISTRY_BASE_PATHS['v2.1'];
  const mailbox = state.mailboxes.get('0412345614')!;
  const live = mailbox.messages.filter((m) => m.expirationDate > NOW);
  const rich = live.find((m) => m.body && m.paymentData && m.documents.length > 1 && m.forTheAttentionOf) ?? live.find((m) => m.body && m.paymentData);
  if (!rich) throw new Error('the generated mailbox lacks a message with body and payment data');
  const doc = rich.documents[0]!;

  // A concrete request for every consultation path of the contract.
  const concrete: Record<string, string[]> = {
    '/ebox': ['/ebox'],
    '/ebox/messages': [
      '/ebox/messages',
      '/ebox/messages?pageSize=100',
      '/ebox/messages?page=2&pageSize=10',
      '/ebox/messages?registeredMail=true&readStatus=false&visible=true',
      '/ebox/messages?receivedAfter=2026-06-01&receivedBefore=2026-12-01&expiredAfter=2026-12-01&expiredBefore=2029-01-01',
      '/ebox/messages?senderOrganizationId=0206731645&messageTypeId=DMFA_REGULARISATION&senderApplicationId=DMFA',
      '/ebox/messages?q=Francois&qlang=fr',
      '/ebox/messages?q=bekendmaking&qlang=nl',
      '/ebox/messages?q=mitteilung&qlang=de',
      '/ebox/messages?messageTypeId=NONE',
    ],
    '/ebox/messages/{messageId}': live.slice(0, 30).map((m) => `/ebox/messages/${m.messageId}`),
    '/ebox/messages/{messageId}/attachments': live.slice(0, 30).map((m) => `/ebox/messages/${m.messageId}/attachments`),
    '/ebox/messages/{messageId}/attachments/{attachmentId}': rich.documents.map((d) => `/ebox/messages/${rich.messageId}/attachments/${d.attachmentId}`),
    '/ebox/messages/{messageId}/attachments/{attachmentId}/content': rich.documents.map((d) => `/ebox/messages/${rich.messageId}/attachments/${d.attachmentId}/content`),
    '/ebox/messages/{messageId}/body': [`/ebox/messages/${rich.messageId}/body`],
    '/ebox/messages/{messageId}/paymentData': [`/ebox/messages/${rich.messageId}/paymentData`],
    '/referenceData/messageTypes': ['/referenceData/messageTypes', '/referenceData/messageTypes?pageSize=100', '/referenceData/messageTypes?page=2&pageSize=5'],
    '/referenceData/messageTypes/{messageTypeId}': ['/referenceData/messageTypes/QERDS_NOTIFICATION', '/referenceData/messageTypes/DMFA_REGULARISATION'],
    '/referenceData/senderApplications': ['/referenceData/senderApplications?pageSize=100'],
    '/referenceData/senderApplications/{senderApplicationId}': ['/referenceData/senderApplications/DMFA'],
    '/referenceData/senderApplications/{senderApplicationId}/images/{imageId}/content': [],
    '/referenceData/senderOrganizations': ['/referenceData/senderOrganizations?pageSize=100'],
    '/referenceData/senderOrganizations/{senderOrganizationId}': ['/referenceData/senderOrganizations/0206731645', '/referenceData/senderOrganizations/0207373429'],
    '/referenceData/senderOrganizations/{senderOrganizationId}/images/{imageId}/content': ['/referenceData/senderOrganizations/0206731645/images/logo-0206731645/content'],
  };
  // Requests that must fail, per path, with the status the contract documents.
  const wrong: Record<string, Array<[string, number]>> = {
    '/ebox/messages': [
      ['/ebox/messages?q=tva', 400],
      ['/ebox/messages?pageSize=0', 400],
      ['/ebox/messages?pageSize=101', 400],
      ['/ebox/messages?page=0', 400],
      ['/ebox/messages?receivedBefore=yesterday', 400],
      ['/ebox/messages?registeredMail=maybe', 400],
    ],
    '/ebox/messages/{messageId}': [['/ebox/messages/no-such-message', 404]],
    '/ebox/messages/{messageId}/attachments': [['/ebox/messages/no-such-message/attachments', 404]],
    '/ebox/messages/{messageId}/attachments/{attachmentId}': [[`/ebox/messages/${rich.messageId}/attachments/no-such-attachment`, 404]],
    '/ebox/messages/{messageId}/attachments/{attachmentId}/content': [[`/ebox/messages/no-such-message/attachments/${doc.attachmentId}/content`, 404]],
    '/ebox/messages/{messageId}/body': [['/ebox/messages/no-such-message/body', 404]],
    '/ebox/messages/{messageId}/paymentData': [['/ebox/messages/no-such-message/paymentData', 404]],
    '/referenceData/messageTypes': [['/referenceData/messageTypes?pageSize=101', 400]],
    '/referenceData/messageTypes/{messageTypeId}': [['/referenceData/messageTypes/NOPE', 404]],
    '/referenceData/senderApplications/{senderApplicationId}': [['/referenceData/senderApplications/NOPE', 404]],
    '/referenceData/senderApplications/{senderApplicationId}/images/{imageId}/content': [['/referenceData/senderApplications/DMFA/images/x/content', 404]],
    '/referenceData/senderOrganizations/{senderOrganizationId}': [['/referenceData/senderOrganizations/0000000097', 404]],
    '/referenceData/senderOrganizations/{senderOrganizationId}/images/{imageId}/content': [['/referenceData/senderOrganizations/0206731645/images/nope/content', 404]],
  };

  const request = (path: string, auth = true) => app.request(`http://127.0.0.1${base}${path}`, auth ? { headers: { Authorization: `Bearer ${token}` } } : {});
  const check = (schema: Schema, body: unknown, what: string) => {
    for (const mode of ['open', 'closed'] as const) {
      const v = validate(schema, mode);
      expect(v(body), `${what} (${mode}): ${JSON.stringify(v.errors?.slice(0, 3))}`).toBe(true);
    }
  };

  it('names every path of the yaml: served by the sandbox, or on the publication side', () => {
    const served = Object.keys(concrete);
    expect(Object.keys(contract.paths).sort()).toEqual([...served, ...PUBLICATION_PATHS].sort());
  });

  for (const [path, urls] of Object.entries(concrete)) {
    it(`GET ${path}: 200 answers match the contract`, async () => {
      const op = contract.paths[path]?.get;
      expect(op, `the yaml has GET ${path}`).toBeDefined();
      const schema = op!.responses['200']?.schema;
      expect(schema).toBeDefined();
      for (const url of urls) {
        const res = await request(url);
        expect(res.status, url).toBe(200);
        if (schema!.type === 'string') {
          // Binary content: real bytes of the announced media type.
          const bytes = new Uint8Array(await res.arrayBuffer());
          expect(bytes.length, url).toBeGreaterThan(0);
          expect(res.headers.get('content-type'), url).toMatch(/^(application|text|image)\//);
        } else {
          check(schema!, await res.json(), url);
        }
      }
    });

    it(`GET ${path}: without a token, 401 with the contract's StatusMessage`, async () => {
      const op = contract.paths[path]!.get!;
      const url = urls[0] ?? (wrong[path]?.[0]?.[0] as string);
      const res = await request(url, false);
      expect(res.status).toBe(401);
      check(op.responses['401']!.schema!, await res.json(), `401 ${url}`);
    });
  }

  for (const [path, cases] of Object.entries(wrong)) {
    it(`GET ${path}: wrong requests get the contract's errors`, async () => {
      const op = contract.paths[path]!.get!;
      for (const [url, status] of cases) {
        const res = await request(url);
        expect(res.status, url).toBe(status);
        check(op.responses[String(status)]!.schema!, await res.json(), `${status} ${url}`);
      }
    });
  }

  it('PATCH /ebox/messages: the contract body hides a message (200), an unknown id is a 404 StatusMessage', async () => {
    const op = contract.paths['/ebox/messages']!.patch!;
    const target = live[1]!;
    const body = { items: [{ messageId: target.messageId, visible: false }] };
    // The request body we send is itself valid against MessagesToUpdate.
    check({ $ref: '#/definitions/MessagesToUpdate' }, body, 'request body');
    const patch = (b: unknown) =>
      app.request(`http://127.0.0.1${base}/ebox/messages`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify(b) });
    expect((await patch(body)).status).toBe(200);
    expect(target.visible).toBe(false);
    const res = await patch({ items: [{ messageId: 'no-such-message', visible: true }] });
    expect(res.status).toBe(404);
    check(op.responses['404']!.schema!, await res.json(), 'PATCH 404');
    const bad = await patch({ items: 'nope' });
    expect(bad.status).toBe(400);
    check(op.responses['400']!.schema!, await bad.json(), 'PATCH 400');
  });
});
