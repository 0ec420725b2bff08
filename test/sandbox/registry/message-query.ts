// GET /ebox/messages: its query parameters, checked as the contract says (400 only for syntax errors or q without
// qlang), and the filter they describe: all ANDed, newest first, q accent- and case-insensitive.
import { LIST_PAGE_SIZE } from '../../../shared/ebox/registry-api.ts';
import { fold } from '../../../shared/text/fold.ts';
import { brusselsOffsetMinutes } from '../data/brussels-time.ts';
import { APPLICATIONS, MESSAGE_TYPES, ORGANIZATIONS, type Lang } from '../data/catalogue.ts';
import type { SandboxMessage } from '../data/mailbox.ts';
import { BadRequest } from './status-message.ts';

export interface MessageQuery {
  page: number;
  pageSize: number;
  receivedBefore?: Date;
  receivedAfter?: Date;
  expiredBefore?: Date;
  expiredAfter?: Date;
  readStatus?: boolean;
  visible?: boolean;
  registeredMail?: boolean;
  messageTypeId?: string;
  senderOrganizationId?: string;
  senderApplicationId?: string;
  q?: { text: string; lang: Lang };
}

const QLANGS: readonly Lang[] = ['fr', 'nl', 'de'];

export function parsePositiveInt(name: string, raw: string | undefined, fallback: number, max?: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new BadRequest('INVALID_PARAMETER', `${name} must be an integer, got "${raw}"`);
  const n = Number(raw);
  if (n < 1 || (max !== undefined && n > max)) throw new BadRequest('INVALID_PARAMETER', `${name} must be between 1 and ${max ?? 'infinity'}, got ${n}`);
  return n;
}

function parseBoolean(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new BadRequest('INVALID_PARAMETER', `${name} must be true or false, got "${raw}"`);
}

/** A `format: date` parameter means the start of that day in Brussels; a full date-time is taken as given. */
function parseDate(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (day) {
    const utc = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    const d = new Date(utc);
    if (d.getUTCDate() !== Number(day[3])) throw new BadRequest('INVALID_PARAMETER', `${name} is not a calendar date: "${raw}"`);
    return new Date(utc - brusselsOffsetMinutes(new Date(utc - 3_600_000)) * 60_000);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return new Date(raw);
  throw new BadRequest('INVALID_PARAMETER', `${name} must be a date (yyyy-MM-dd), got "${raw}"`);
}

function nonEmpty(raw: string | undefined): string | undefined {
  return raw === undefined || raw === '' ? undefined : raw;
}

export function parseMessageQuery(params: Record<string, string>): MessageQuery {
  const q = nonEmpty(params.q);
  const qlang = nonEmpty(params.qlang);
  if (q !== undefined && qlang === undefined) throw new BadRequest('QLANG_REQUIRED', 'The q parameter needs qlang (fr, nl or de)');
  if (qlang !== undefined && !QLANGS.includes(qlang as Lang)) throw new BadRequest('INVALID_PARAMETER', `qlang must be fr, nl or de, got "${qlang}"`);
  const query: MessageQuery = {
    page: parsePositiveInt('page', params.page, 1),
    pageSize: parsePositiveInt('pageSize', params.pageSize, LIST_PAGE_SIZE.default, LIST_PAGE_SIZE.max),
  };
  const dates = ['receivedBefore', 'receivedAfter', 'expiredBefore', 'expiredAfter'] as const;
  for (const name of dates) {
    const d = parseDate(name, params[name]);
    if (d) query[name] = d;
  }
  for (const name of ['readStatus', 'visible', 'registeredMail'] as const) {
    const b = parseBoolean(name, params[name]);
    if (b !== undefined) query[name] = b;
  }
  for (const name of ['messageTypeId', 'senderOrganizationId', 'senderApplicationId'] as const) {
    const v = nonEmpty(params[name]);
    if (v !== undefined) query[name] = v;
  }
  if (q !== undefined && qlang !== undefined) query.q = { text: fold(q), lang: qlang as Lang };
  return query;
}

// Folded search text per message and language, built on first search (subjects never change).
const searchText = new WeakMap<SandboxMessage, Partial<Record<Lang, string>>>();

function searchable(m: SandboxMessage, lang: Lang): string {
  let byLang = searchText.get(m);
  if (!byLang) searchText.set(m, (byLang = {}));
  const cached = byLang[lang];
  if (cached !== undefined) return cached;
  const type = MESSAGE_TYPES.find((t) => t.messageTypeId === m.messageTypeId);
  const org = ORGANIZATIONS.find((o) => o.organizationId === m.senderOrganizationId);
  const app = APPLICATIONS.find((a) => a.applicationId === m.senderApplicationId);
  const parts = [
    m.subject[lang],
    ...m.businessData.flatMap((b) => b.values.map((v) => v[lang])),
    m.forTheAttentionOf?.name,
    type?.name[lang],
    org?.shortName[lang],
    org?.longName[lang],
    app?.name[lang],
  ];
  const text = fold(parts.filter((p): p is string => !!p).join('\n'));
  byLang[lang] = text;
  return text;
}

export function matches(m: SandboxMessage, q: MessageQuery, now: Date): boolean {
  if (m.expirationDate.getTime() <= now.getTime()) return false;
  const t = m.receiptDate.getTime();
  const e = m.expirationDate.getTime();
  if (q.receivedBefore && !(t < q.receivedBefore.getTime())) return false;
  if (q.receivedAfter && !(t >= q.receivedAfter.getTime())) return false;
  if (q.expiredBefore && !(e < q.expiredBefore.getTime())) return false;
  if (q.expiredAfter && !(e >= q.expiredAfter.getTime())) return false;
  if (q.readStatus !== undefined && m.readStatus !== q.readStatus) return false;
  if (q.visible !== undefined && m.visible !== q.visible) return false;
  if (q.registeredMail !== undefined && m.registeredMail !== q.registeredMail) return false;
  if (q.messageTypeId !== undefined && m.messageTypeId !== q.messageTypeId) return false;
  if (q.senderOrganizationId !== undefined && m.senderOrganizationId !== q.senderOrganizationId) return false;
  if (q.senderApplicationId !== undefined && m.senderApplicationId !== q.senderApplicationId) return false;
  if (q.q && !searchable(m, q.q.lang).includes(q.q.text)) return false;
  return true;
}

/** The page asked for, from a list already sorted newest first. */
export function selectPage(messages: readonly SandboxMessage[], q: MessageQuery, now: Date): { items: SandboxMessage[]; totalItems: number } {
  const all = messages.filter((m) => matches(m, q, now));
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), totalItems: all.length };
}
