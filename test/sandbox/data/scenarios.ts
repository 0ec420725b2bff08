// Scenarios: messages a test needs to exist, added to the generated mailbox (or to an empty one, with size 0).
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { addPeriod, DAY_MS } from './brussels-time.ts';
import { MESSAGE_TYPES, QERDS_MESSAGE_TYPE_ID, type MessageTypeDefinition } from './catalogue.ts';
import type { MessageSpec } from './generate.ts';
import { sha256Base64Url, type SandboxMessage } from './mailbox.ts';

export interface ScenarioContext {
  now: Date;
  /** Generates one message, with `spec` fixed, and adds it to the mailbox. */
  add(spec?: MessageSpec): SandboxMessage;
}

export type Scenario = (s: ScenarioContext) => void;

const all = (text: string): TranslatedString => ({ fr: text, nl: text, de: text });
const periodDays = (t: MessageTypeDefinition) => ({ day: 1, month: 30, year: 365 })[t.validity.unit] * t.validity.number;

export const scenarios = {
  /** One message per entry, expiring that many days from now (fractions allowed, up to two years), unread. Its
   *  type is one whose validity period puts the publication in the past, so expiry = publication + validity. */
  expiringIn(days: readonly number[]): Scenario {
    return (s) => {
      for (const d of days) {
        const expirationDate = new Date(s.now.getTime() + d * DAY_MS);
        const type = [...MESSAGE_TYPES].sort((a, b) => periodDays(a) - periodDays(b)).find((t) => !t.qualified && periodDays(t) > d + 1);
        if (!type) throw new Error(`no message type lives longer than ${d} days`);
        const receiptDate = addPeriod(expirationDate, -type.validity.number, type.validity.unit);
        s.add({ messageTypeId: type.messageTypeId, receiptDate, expirationDate, readStatus: false });
      }
    };
  },
  /** A letter whose announced digest does not match its bytes. */
  tamperedDocument(): Scenario {
    return (s) => {
      const m = s.add({ messageTypeId: 'ISOC_AVERTISSEMENT', readStatus: false, receiptDate: new Date(s.now.getTime() - DAY_MS) });
      const doc = m.documents[0] as SandboxMessage['documents'][number];
      doc.announcedDigest = sha256Base64Url(new TextEncoder().encode(`not the bytes of ${doc.attachmentId}`));
    };
  },
  /** A message with this exact subject in every language (e.g. '<script>alert(1)</script>'). */
  subject(text: string | TranslatedString): Scenario {
    return (s) => void s.add({ subject: typeof text === 'string' ? all(text) : text, receiptDate: new Date(s.now.getTime() - 3_600_000) });
  },
  /** A registered letter with its proof-of-dispatch receipt (a subject of its own where a test must tell two apart). */
  registered(subject?: string): Scenario {
    return (s) => void s.add({ messageTypeId: 'TVA_RAPPEL', registeredMail: true, readStatus: false, receiptDate: new Date(s.now.getTime() - 2 * 3_600_000), ...(subject ? { subject: all(subject) } : {}) });
  },
  /** The e-Box notification of a qualified registered delivery (QERDS), with its action link. */
  qualifiedRegistered(): Scenario {
    return (s) => void s.add({ messageTypeId: QERDS_MESSAGE_TYPE_ID, receiptDate: new Date(s.now.getTime() - 4 * 3_600_000) });
  },
  /** A letter with the contract's maximum of six documents. */
  sixDocuments(): Scenario {
    return (s) => void s.add({ messageTypeId: 'INAMI_COMMUNICATION', extraAnnexes: 5, receiptDate: new Date(s.now.getTime() - 5 * 3_600_000) });
  },
  /** Any messages, each with the given fields fixed. */
  messages(specs: readonly MessageSpec[]): Scenario {
    return (s) => specs.forEach((spec) => s.add(spec));
  },
};

/** What `npm run sandbox` adds to the generated demo mailbox so every case is on screen at once. */
export const DEMO_SCENARIOS: readonly Scenario[] = [scenarios.qualifiedRegistered(), scenarios.expiringIn([2, 6]), scenarios.sixDocuments()];
