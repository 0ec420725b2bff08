// Turns what the e-Box app received from its Message Registry into what the archive learns: messages as seen
// (wire JSON kept, normalised with shared/ebox), reference-data names, and the session to fetch documents with.
import type { Enterprise } from '../../../shared/ebox/enterprise.ts';
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { normaliseMessage, normaliseMessagePage, RegistryDataError } from '../../../shared/ebox/normalise.ts';
import {
  wireMessageTypeSchema,
  wireSenderApplicationSchema,
  wireSenderOrganizationSchema,
  type TranslatedString,
} from '../../../shared/ebox/wire.ts';
import type { BridgeMessage } from './bridge-protocol.ts';
import { classifyRegistryUrl } from './registry-urls.ts';

export interface RegistrySession {
  base: string;
  authorization: string;
}

export interface ObservedMessage {
  message: EboxMessage;
  wire: unknown;
}

export type NameEntry = { kind: 'org' | 'app' | 'type'; id: string; name: TranslatedString };

/** `enterprise`: whose e-Box the answer came from, as the tab's PageFacts know it when it arrived (page-facts.ts). */
export type Observation = (
  | { kind: 'messages'; base: string; listUrl: string; messages: ObservedMessage[]; errors: string[]; totalItems?: number; session?: RegistrySession }
  | { kind: 'message'; base: string; message: ObservedMessage; session?: RegistrySession }
  | { kind: 'names'; base: string; names: NameEntry[]; session?: RegistrySession }
  | { kind: 'malformed'; base: string; errors: string[] }
) & { enterprise?: Enterprise };


function names(what: 'messageTypes' | 'senderOrganizations' | 'senderApplications', body: unknown): NameEntry[] {
  const items = Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : [body];
  const out: NameEntry[] = [];
  for (const item of items) {
    if (what === 'messageTypes') {
      const t = wireMessageTypeSchema.safeParse(item);
      if (t.success) out.push({ kind: 'type', id: t.data.messageTypeId, name: t.data.messageTypeName });
    } else if (what === 'senderOrganizations') {
      const o = wireSenderOrganizationSchema.safeParse(item);
      if (o.success) out.push({ kind: 'org', id: o.data.organizationId, name: o.data.organizationShortName });
    } else {
      const a = wireSenderApplicationSchema.safeParse(item);
      if (a.success) out.push({ kind: 'app', id: a.data.applicationId, name: a.data.applicationName });
    }
  }
  return out;
}

/** Interprets one captured registry answer; undefined when it teaches nothing (errors, documents, other calls). */
export function interpret(captured: BridgeMessage, pageUrl: string, isRegistry: (url: string) => boolean, enterprise?: Enterprise): Observation | undefined {
  const o = interpretAnswer(captured, pageUrl, isRegistry);
  return o && enterprise ? { ...o, enterprise: { cbe: enterprise.cbe, ...(enterprise.name ? { name: enterprise.name } : {}) } } : o;
}

function interpretAnswer(captured: BridgeMessage, pageUrl: string, isRegistry: (url: string) => boolean): Observation | undefined {
  const call = classifyRegistryUrl(captured.url, pageUrl);
  if (!call || !isRegistry(call.base + '/')) return undefined;
  if (captured.status < 200 || captured.status >= 300) return undefined;
  const session = captured.authorization && /^Bearer\s+\S+$/i.test(captured.authorization) ? { session: { base: call.base, authorization: captured.authorization } } : {};
  try {
    switch (call.kind) {
      case 'messages': {
        const items = (captured.body as { items?: unknown })?.items;
        const page = normaliseMessagePage(captured.body);
        // Keep each message's own wire JSON beside its normalised form (skipped items are reported, not kept).
        const wireById = new Map<string, unknown>();
        if (Array.isArray(items)) for (const w of items) if (w && typeof w === 'object' && typeof (w as { messageId?: unknown }).messageId === 'string') wireById.set((w as { messageId: string }).messageId, w);
        return {
          kind: 'messages',
          base: call.base,
          listUrl: call.url,
          messages: page.messages.map((message) => ({ message, wire: wireById.get(message.messageId) })),
          errors: page.errors.map((e) => e.message),
          ...(page.totalItems !== undefined ? { totalItems: page.totalItems } : {}),
          ...session,
        };
      }
      case 'message':
        return { kind: 'message', base: call.base, message: { message: normaliseMessage(captured.body), wire: captured.body }, ...session };
      case 'reference':
        return { kind: 'names', base: call.base, names: names(call.what, captured.body), ...session };
      default:
        return undefined;
    }
  } catch (e) {
    if (e instanceof RegistryDataError) return { kind: 'malformed', base: call.base, errors: e.issues };
    throw e;
  }
}

