// The app's calls to the Message Registry, from the browser with the bearer token, as app.eboxenterprise.be does:
// the list, then reference data for what is shown (cached), a message, its body, a document's bytes.
import { normaliseMessage, normaliseMessagePage } from '../../../../shared/ebox/normalise.ts';
import type { EboxMessage } from '../../../../shared/ebox/model.ts';
import {
  statusMessageSchema,
  wireEboxSchema,
  wireMessageTypeSchema,
  wireSenderApplicationSchema,
  wireSenderOrganizationSchema,
  translatedStringSchema,
  type TranslatedString,
  type WireMessageType,
  type WireSenderApplication,
  type WireSenderOrganization,
} from '../../../../shared/ebox/wire.ts';
import { z } from 'zod';
import type { WebAppConfig } from './config.ts';
import { session } from './session.ts';

export class RegistryError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'RegistryError';
    this.status = status;
  }
}

export interface ListParams {
  page: number;
  pageSize: number;
  senderOrganizationId?: string;
  messageTypeId?: string;
  registeredMail?: boolean;
  readStatus?: boolean;
  visible: boolean;
  q?: string;
  qlang: string;
}

export interface RegistryClient {
  summary(): Promise<z.infer<typeof wireEboxSchema>>;
  list(p: ListParams): Promise<{ messages: EboxMessage[]; totalItems: number }>;
  message(id: string): Promise<EboxMessage>;
  body(id: string): Promise<TranslatedString>;
  content(messageId: string, attachmentId: string): Promise<Blob>;
  setVisible(messageId: string, visible: boolean): Promise<void>;
  messageType(id: string): Promise<WireMessageType>;
  senderOrganization(id: string): Promise<WireSenderOrganization>;
  senderApplication(id: string): Promise<WireSenderApplication>;
  allMessageTypes(): Promise<WireMessageType[]>;
  allSenderOrganizations(): Promise<WireSenderOrganization[]>;
}

/** `onUnauthorized`: the registry refused the token (expired session): the app signs in again. */
export function registryClient(config: WebAppConfig, onUnauthorized: () => void): RegistryClient {
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const s = session();
    if (!s) throw new RegistryError(401, 'Not signed in');
    const res = await fetch(config.apiBase + path, { ...init, headers: { ...init.headers, Authorization: `Bearer ${s.token}` } });
    if (res.status === 401) onUnauthorized();
    if (!res.ok) {
      const err = statusMessageSchema.safeParse(await res.json().catch(() => null));
      throw new RegistryError(res.status, err.success ? `${err.data.code}: ${err.data.message}` : `HTTP ${res.status}`);
    }
    return res;
  };
  const json = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => schema.parse(await (await call(path)).json());
  const cache = new Map<string, Promise<unknown>>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  };
  const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), totalItems: z.number().optional() });
  // v3 registries may serve reference data under /refData (ebox-domain.md); the v3 app uses that path.
  const ref = config.contract === 'v3' ? '/refData' : '/referenceData';

  return {
    summary: () => json('/ebox', wireEboxSchema),
    async list(p) {
      const q = new URLSearchParams({ page: String(p.page), pageSize: String(p.pageSize), visible: String(p.visible) });
      if (p.senderOrganizationId) q.set('senderOrganizationId', p.senderOrganizationId);
      if (p.messageTypeId) q.set('messageTypeId', p.messageTypeId);
      if (p.registeredMail !== undefined) q.set('registeredMail', String(p.registeredMail));
      if (p.readStatus !== undefined) q.set('readStatus', String(p.readStatus));
      if (p.q) {
        q.set('q', p.q);
        q.set('qlang', p.qlang);
      }
      const page = normaliseMessagePage(await (await call(`/ebox/messages?${q}`)).json());
      for (const e of page.errors) console.warn('e-Box: message skipped:', e.message);
      return { messages: page.messages, totalItems: page.totalItems ?? page.messages.length };
    },
    message: async (id) => normaliseMessage(await (await call(`/ebox/messages/${encodeURIComponent(id)}`)).json()),
    body: (id) => json(`/ebox/messages/${encodeURIComponent(id)}/body`, translatedStringSchema),
    content: async (m, a) => (await call(`/ebox/messages/${encodeURIComponent(m)}/attachments/${encodeURIComponent(a)}/content`)).blob(),
    async setVisible(messageId, visible) {
      await call('/ebox/messages', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ items: [{ messageId, visible }] }),
      });
    },
    messageType: (id) => cached(`t:${id}`, () => json(`${ref}/messageTypes/${encodeURIComponent(id)}`, wireMessageTypeSchema)),
    senderOrganization: (id) => cached(`o:${id}`, () => json(`${ref}/senderOrganizations/${encodeURIComponent(id)}`, wireSenderOrganizationSchema)),
    senderApplication: (id) => cached(`a:${id}`, () => json(`${ref}/senderApplications/${encodeURIComponent(id)}`, wireSenderApplicationSchema)),
    allMessageTypes: () => cached('types', async () => (await json(`${ref}/messageTypes?pageSize=100`, list(wireMessageTypeSchema))).items),
    allSenderOrganizations: () => cached('orgs', async () => (await json(`${ref}/senderOrganizations?pageSize=100`, list(wireSenderOrganizationSchema))).items),
  };
}
