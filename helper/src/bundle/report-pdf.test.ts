import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildReportPdf, type ReportInput, type ReportMessage } from './report-pdf.ts';
import { brusselsTime, companyText } from '../i18n/catalogue.ts';
import type { Language } from '../../../shared/ebox/model.ts';

const message = (n: number, over: Partial<ReportMessage> = {}): ReportMessage => ({
  messageId: `msg-${n}`,
  company: companyText({ cbe: '0403170701', name: 'Brasserie Exemple' }, 'fr'),
  subject: `Avis de paiement ${n}`,
  sender: 'SPF Finances',
  receiptDate: '2026-11-18',
  registeredKind: 'registered',
  acknowledgements: [{ by: 'Anne Dupont', at: brusselsTime('2026-11-18T10:15:02Z', 'fr') }],
  documents: [{ fileName: 'avis.pdf', sha256: 'LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ' }],
  evidences: [],
  status: 'passed',
  findings: [],
  ...over,
});

async function text(language: Language): Promise<string> {
  const input: ReportInput = {
    language,
    company: 'Brasserie Exemple, 0403170701',
    companies: ['Brasserie Exemple (0403.170.701)'],
    selection: '2 messages',
    createdAt: brusselsTime('2026-12-01T09:00:00Z', language),
    signer: 'CN=Brasserie Exemple',
    messages: [message(1), message(2, { acknowledgements: [], registeredKind: 'qualified', status: 'indeterminate' })],
  };
  return execFileSync('pdftotext', ['-', '-'], { input: await buildReportPdf(input) }).toString();
}

describe('report.pdf in the reader\'s language', () => {
  it('writes its headings and verdicts in French, accents included, and no English heading', async () => {
    const fr = await text('fr');
    for (const heading of ['Dossier de preuves e-Box Keeper', 'Entreprise des messages', 'État de la vérification', 'Type de recommandé', 'Principaux expéditeurs', 'Messages par mois de réception', 'Sommaire']) {
      expect(fr, heading).toContain(heading);
    }
    expect(fr).toContain('Vérification: VÉRIFIÉ');
    expect(fr).toContain('INDÉTERMINÉ');
    expect(fr).toContain('Expéditeur: SPF Finances');
    expect(fr).toContain('pas d\'accusé de réception');
    expect(fr).toContain('Recommandé qualifié (QERDS)');
    // Times in Brussels time with their offset, as on the receipt.
    expect(fr).toContain('18/11/2026 11:15:02 (UTC+01:00)');
    for (const english of ['Contents', 'Kind of registered mail', 'Top senders', 'Sender:', 'VERIFIED', 'not acknowledged']) expect(fr).not.toContain(english);
  });

  it('says the same in Dutch, German and English, each in its own words', async () => {
    const [nl, de, en] = await Promise.all([text('nl'), text('de'), text('en')]);
    expect(nl).toContain('Soort aangetekende zending');
    expect(nl).toContain('Controle: GECONTROLEERD');
    expect(de).toContain('Art des Einschreibens');
    expect(de).toContain('Prüfung: GEPRÜFT');
    expect(de).toContain('Häufigste Absender');
    expect(en).toContain('Kind of registered mail');
    expect(en).toContain('Verification: VERIFIED');
  });
});
