// A deterministic archive of many messages for the archive benches (search in Node, the archive page in Chromium).
import { newRecord } from '../../extension/src/archive/messages.ts';
import type { MessageRecord } from '../../extension/src/archive/records.ts';
import { normaliseMessage } from '../../shared/ebox/normalise.ts';

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const fr = ['Décompte', 'cotisations', 'trimestre', 'Avis', 'rectification', 'François', 'employeur', 'Déclaration', 'pécule', 'vacances', 'amende', 'précompte', 'rappel', 'échéance', 'Lettre', 'recommandée'];
const nl = ['Bekendmaking', 'afrekening', 'bijdragen', 'kwartaal', 'werkgever', 'aangifte', 'herinnering', 'Beslissing', 'vakantiegeld', 'bericht'];
const de = ['Mitteilung', 'Beiträge', 'Quartal', 'Arbeitgeber', 'Erklärung', 'Mahnung', 'Entscheidung', 'Zahlung', 'Frist', 'Straße'];
const senders = [
  ['0206731645', { fr: 'Office national de sécurité sociale', nl: 'Rijksdienst voor Sociale Zekerheid', de: 'Landesamt für soziale Sicherheit' }],
  ['0308357159', { fr: 'SPF Finances', nl: 'FOD Financiën', de: 'FÖD Finanzen' }],
  ['0206653946', { fr: 'INAMI', nl: 'RIZIV', de: 'LIKIV' }],
  ['0206737484', { fr: 'Office national de l’emploi', nl: 'Rijksdienst voor Arbeidsvoorziening', de: 'Landesamt für Arbeitsbeschaffung' }],
] as const;
/** The three companies whose mail the corpus holds (the sandbox's, CBE numbers with valid check digits). */
export const CORPUS_COMPANIES = ['0412345614', '0751234514', '0823456754'] as const;
const sentence = (words: string[], n: number) => Array.from({ length: n }, () => pick(words)).join(' ');

/** `n` archive records of three companies with fr/nl/de subjects, four real senders, tags and notes; the same for the same seed. */
export function archiveCorpus(n: number, seedValue = 42): MessageRecord[] {
  seed = seedValue;
  const out: MessageRecord[] = [];
  for (let i = 0; i < n; i++) {
    const [cbe, name] = pick(senders);
    const m = normaliseMessage({
      messageId: `m${i}`,
      subject: { fr: sentence(fr, 6), nl: sentence(nl, 5), de: sentence(de, 5) },
      receiptDate: new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 900) * 86400000).toISOString(),
      expirationDate: new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 900) * 86400000).toISOString(),
      registeredMail: rnd() < 0.1,
      messageTypeId: `T${Math.floor(rnd() * 40)}`,
      senderOrganizationId: cbe,
      businessDataList: { items: [{ key: 'ref', values: [{ fr: `REF-${Math.floor(rnd() * 1e6)}` }] }] },
      attachments: { items: [{ attachmentId: 'a', fileName: `document-${i}.pdf`, mediaType: 'application/pdf', size: 40 }] },
    });
    const r = newRecord({ message: m, names: { sender: name }, enterprise: CORPUS_COMPANIES[i % CORPUS_COMPANIES.length]! }, '2026-11-01T00:00:00Z');
    if (rnd() < 0.2) r.tags = [pick(['urgent', 'comptabilité', 'à payer', 'RH'])];
    if (rnd() < 0.05) r.note = sentence(fr, 4);
    out.push(r);
  }
  return out;
}

