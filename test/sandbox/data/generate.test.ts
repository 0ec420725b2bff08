import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { addPeriod } from './brussels-time.ts';
import { COMPANIES, MESSAGE_TYPES, ORGANIZATIONS } from './catalogue.ts';
import { buildMessage, generateMessages } from './generate.ts';
import { materialise, sha256Base64Url } from './mailbox.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const options = (seed: number, company = COMPANIES[0]!) => ({ seed, company, now: NOW, links: { qerdsConsignment: (id: string) => `http://localhost:1/qerds/${id}` } });
const DAY = 86_400_000;

const mod97ok = (digits: string) => 97 - (Number(digits.slice(0, -2)) % 97) === Number(digits.slice(-2));
function ibanOk(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  const numeric = moved.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(numeric) % 97n === 1n;
}

describe('data generator', () => {
  it('uses real sender CBE numbers and valid Belgian payment references', () => {
    for (const o of ORGANIZATIONS) expect(mod97ok(o.organizationId), o.organizationId).toBe(true);
    for (const c of COMPANIES) expect(mod97ok(c.enterpriseNumber), c.enterpriseNumber).toBe(true);
    const paid = generateMessages(options(1), 300).filter((m) => m.paymentData);
    expect(paid.length).toBeGreaterThan(20);
    for (const m of paid) {
      expect(ibanOk(m.paymentData!.iban), m.paymentData!.iban).toBe(true);
      const digits = m.paymentData!.reference.structured.replace(/\D/g, '');
      expect(digits).toHaveLength(12);
      const rest = Number(BigInt(digits.slice(0, 10)) % 97n) || 97;
      expect(rest).toBe(Number(digits.slice(10)));
    }
  });

  it('gives a mailbox every kind of message the extension must handle', () => {
    const demo = generateMessages(options(1), 300);
    const live = demo.filter((m) => m.expirationDate > NOW);
    expect(demo.length - live.length).toBeGreaterThan(0); // already expired (the registry hides them)
    expect(live.some((m) => m.expirationDate.getTime() - NOW.getTime() < 7 * DAY)).toBe(true);
    expect(live.filter((m) => !m.readStatus).length).toBeGreaterThan(3);
    expect(live.some((m) => m.registeredMail && !m.qualified && m.documents.some((d) => d.fileName === 'Receipt.xml'))).toBe(true);
    expect(live.some((m) => m.qualified)).toBe(true);
    expect(live.some((m) => m.documents.length > 1)).toBe(true);
    const media = new Set(demo.flatMap((m) => m.documents.map((d) => d.mediaType)));
    for (const t of ['application/pdf', 'text/xml', 'text/csv', 'application/zip', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) expect(media, t).toContain(t);
  });

  it('writes subjects in fr, nl and de, accents included, and expiry = receipt + the type validity', () => {
    const all = generateMessages(options(1), 400);
    const text = (l: 'fr' | 'nl' | 'de') => all.map((m) => m.subject[l]).join('\n');
    expect(text('fr')).toContain('François');
    expect(text('nl')).toContain('Bekendmaking');
    expect(text('de')).toContain('Mitteilung');
    expect(text('fr')).toMatch(/régularisation/);
    for (const m of all) {
      const t = MESSAGE_TYPES.find((x) => x.messageTypeId === m.messageTypeId)!;
      expect(m.expirationDate.getTime()).toBe(addPeriod(m.receiptDate, t.validity.number, t.validity.unit).getTime());
      expect(m.receiptDate.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(m.subject.fr!.length).toBeLessThanOrEqual(400);
      expect(m.documents.length).toBeLessThanOrEqual(6);
    }
  });

  it('renders documents that independent tools accept, and receipts that name their digests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebox-sandbox-docs-'));
    try {
      const msgs = generateMessages(options(5), 120);
      const seen = new Set<string>();
      for (const m of msgs) {
        for (const d of m.documents) {
          if (seen.has(d.mediaType) && d.fileName !== 'Receipt.xml') continue;
          seen.add(d.mediaType);
          const { bytes, sha256 } = await materialise(d);
          expect(sha256).toBe(sha256Base64Url(bytes));
          const file = join(dir, d.fileName);
          writeFileSync(file, bytes);
          if (d.mediaType === 'application/pdf') {
            expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1/);
            const pdf = await PDFDocument.load(bytes);
            expect(pdf.getTitle()).toBe(m.subject[COMPANIES[0]!.language]);
          } else if (d.mediaType.includes('zip') || d.mediaType.includes('spreadsheetml')) {
            expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
          } else if (d.mediaType === 'text/xml') {
            const errors: string[] = [];
            const doc = new DOMParser({ onError: (_level, msg) => errors.push(msg) }).parseFromString(new TextDecoder().decode(bytes), 'text/xml');
            expect(errors).toEqual([]);
            if (d.fileName === 'Receipt.xml') {
              const values = [...(doc.getElementsByTagName('DigestValue') as unknown as Iterable<Element>)].map((e) => e.textContent);
              const others = await Promise.all(m.documents.filter((x) => x !== d).map(async (x) => Buffer.from((await materialise(x)).sha256, 'base64url').toString('base64')));
              expect(values).toEqual(others);
            }
          } else if (d.mediaType === 'text/csv') {
            expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toMatch(/^\uFEFFRubrique;Montant EUR\r\n/);
          }
        }
      }
      expect(seen.size).toBeGreaterThanOrEqual(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a letter whose subject the PDF fonts cannot draw (emoji, CJK, markup) instead of failing', async () => {
    const subject = { fr: '<script>alert(1)</script> 😀 中文 – François', nl: 'x', de: 'y' };
    const m = buildMessage(options(3), 0, { messageTypeId: 'TVA_RAPPEL', subject });
    const { bytes } = await materialise(m.documents[0]!);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe(subject.fr); // metadata keeps the exact text; the page shows '?' for what it cannot draw
  });

  it('makes 10,000 messages without rendering any document', () => {
    const many = generateMessages(options(9), 10_000);
    expect(new Set(many.map((m) => m.messageId)).size).toBe(10_000);
    expect(many.every((m) => m.documents.every((d) => d.cached === undefined))).toBe(true);
  });
});
