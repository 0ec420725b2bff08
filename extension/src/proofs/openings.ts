// The openings the receipts are made from. In the e-Box a registered message is opened when its body or main content
// is fetched, whoever fetches it: the app in a tab, a bulk job, a rule. The first such fetch is the legal moment,
// so it is written down at fetch time, persistently, before the helper is reached; the receipt states that time,
// and when it is made late, also why. No DOM, no browser: the service worker passes the store in.
import { formatCbe, type Enterprise } from '../../../shared/ebox/enterprise.ts';
import type { Language } from '../../../shared/ebox/model.ts';
import type { MessageOpening } from '../ebox-adapter/page-facts.ts';
import type { RegisteredKind } from './proof-status.ts';
import type { Opening } from './proofs-api.ts';

/** Why a receipt could not be made at the opening itself. */
export type LateReason = 'helper-not-paired' | 'helper-unavailable' | 'documents-unavailable' | 'acknowledge-off' | 'browser-stopped';

export interface OpeningEntry extends MessageOpening {
  /** Known once the message's data says it is registered or qualified. */
  kind?: RegisteredKind;
  /** 'chosen': the user said "archive and acknowledge" for this job, whatever the acknowledge-on-open setting. */
  consent: 'setting' | 'chosen';
  /** The last attempt that failed, kept as the reason a receipt made later gives. */
  failure?: { at: string; reason: LateReason; message: string };
}

/** Who opened it, as a receipt states it: a person when one is known, else nobody named, for the company only. */
export type Opener = { kind: 'person'; name: string } | { kind: 'unknown-for-company' };

export function openerOf(person: string | undefined, nameOnReceipts: string | undefined): Opener {
  const name = person?.trim() || nameOnReceipts?.trim();
  return name ? { kind: 'person', name } : { kind: 'unknown-for-company' };
}

const UNKNOWN_OPENER: Record<Language, (company: string) => string> = {
  fr: (c) => `Personne inconnue, pour ${c}`,
  nl: (c) => `Onbekende persoon, voor ${c}`,
  de: (c) => `Unbekannte Person, für ${c}`,
  en: (c) => `Unknown person, for ${c}`,
};

/** The receipt's opener in words: the person, or nobody named, for the company (never another company). */
export function openerName(opening: Pick<Opening, 'opener' | 'enterprise' | 'language'>): string {
  if (opening.opener.kind === 'person') return opening.opener.name;
  const e = opening.enterprise;
  const company = e ? (e.name ? `${e.name} (${formatCbe(e.cbe)})` : formatCbe(e.cbe)) : '—';
  return UNKNOWN_OPENER[opening.language](company);
}

/** A receipt is late when made more than this after the opening (the helper's round trip takes seconds at most). */
export const LATE_AFTER_MS = 2 * 60_000;

export interface ReceiptTiming {
  openedAt: string;
  /** Only when late: when it was acknowledged, and why not at the opening. */
  late?: { acknowledgedAt: string; reason: LateReason };
}

export function receiptTiming(entry: Pick<OpeningEntry, 'at' | 'failure'>, now: Date): ReceiptTiming {
  if (now.getTime() - Date.parse(entry.at) <= LATE_AFTER_MS) return { openedAt: entry.at };
  // With no failure recorded, nothing refused: the browser stopped the service worker before it finished.
  return { openedAt: entry.at, late: { acknowledgedAt: now.toISOString(), reason: entry.failure?.reason ?? 'browser-stopped' } };
}

/** What the receipt says of the company and the opener: the opening's own company only, never another one. */
export function receiptParty(entry: Pick<OpeningEntry, 'enterprise' | 'person'>, messageEnterprise: Enterprise | undefined, nameOnReceipts: string | undefined): { enterprise?: Enterprise; opener: Opener } {
  const enterprise = messageEnterprise ?? entry.enterprise;
  // A person seen in another company's e-Box did not open this company's mail.
  const sameCompany = !messageEnterprise || !entry.enterprise || messageEnterprise.cbe === entry.enterprise.cbe;
  return { ...(enterprise ? { enterprise } : {}), opener: sameCompany ? openerOf(entry.person, nameOnReceipts) : { kind: 'unknown-for-company' } };
}

export interface OpeningStore {
  load(): Promise<Record<string, OpeningEntry>>;
  save(entries: Record<string, OpeningEntry>): Promise<void>;
}

export interface OpeningLog {
  /** Writes the opening down unless an earlier one is known; answers the first. */
  record(opening: MessageOpening, consent?: OpeningEntry['consent']): Promise<OpeningEntry>;
  get(messageId: string): Promise<OpeningEntry | undefined>;
  /** The message turned out registered (or qualified): remember it. */
  classify(messageId: string, kind: RegisteredKind): Promise<void>;
  failed(messageId: string, reason: LateReason, message: string, at?: Date): Promise<void>;
  /** The receipt is made, or the message is not registered: nothing left to do for it. */
  forget(messageId: string): Promise<void>;
  pending(): Promise<OpeningEntry[]>;
}

/** Openings not acknowledged after this long are given up (the e-Box keeps messages for months, not years). */
export const OPENINGS_KEPT_DAYS = 400;

export function createOpeningLog(store: OpeningStore): OpeningLog {
  // One change at a time: a page and a job opening the same message at once must not overwrite each other.
  let queue: Promise<unknown> = Promise.resolve();
  const change = <T>(edit: (entries: Record<string, OpeningEntry>) => T | Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      const entries = await store.load();
      const before = JSON.stringify(entries);
      const out = await edit(entries);
      if (JSON.stringify(entries) !== before) await store.save(entries);
      return out;
    });
    queue = run.catch(() => {});
    return run;
  };

  return {
    record: (opening, consent = 'setting') =>
      change((entries) => {
        const known = entries[opening.messageId];
        if (known && Date.parse(known.at) <= Date.parse(opening.at)) {
          if (consent === 'chosen' && known.consent !== 'chosen') known.consent = 'chosen';
          return known;
        }
        const entry: OpeningEntry = { ...opening, consent: known?.consent === 'chosen' ? 'chosen' : consent, ...(known?.kind ? { kind: known.kind } : {}) };
        entries[opening.messageId] = entry;
        return entry;
      }),
    get: async (messageId) => (await store.load())[messageId],
    classify: (messageId, kind) =>
      change((entries) => {
        const e = entries[messageId];
        if (e) e.kind = kind;
      }),
    failed: (messageId, reason, message, at = new Date()) =>
      change((entries) => {
        const e = entries[messageId];
        if (e) e.failure = { at: at.toISOString(), reason, message };
      }),
    forget: (messageId) =>
      change((entries) => {
        delete entries[messageId];
      }),
    pending: () =>
      change((entries) => {
        const oldest = Date.now() - OPENINGS_KEPT_DAYS * 86_400_000;
        for (const [id, e] of Object.entries(entries)) if (Date.parse(e.at) < oldest) delete entries[id];
        return Object.values(entries);
      }),
  };
}
