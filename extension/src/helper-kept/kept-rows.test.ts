import { describe, expect, it } from 'vitest';
import type { SeenMessage } from '../expiry/seen-message-source.ts';
import { keptSearchDoc, keptWhole, mergeSeen, type KeptMessage } from './kept-rows.ts';

function kept(id: string, states: string[], enterprise = '0412345614'): KeptMessage {
  return {
    enterprise,
    provider: 'https://registry.example/ebox',
    receiptDate: '2026-11-01T09:00:00.000Z',
    expirationDate: '2027-01-10T09:00:00.000Z',
    kind: 'simple',
    partition: null,
    forAction: null,
    receiptId: null,
    message: { messageId: id, subject: { fr: 'Avis de paiement', nl: 'Betalingsbericht' }, senderOrganizationId: '0211111111', messageTypeId: 'T1', registeredMail: false } as KeptMessage['message'],
    documents: states.map((state, i) => ({ attachmentId: `a${i}`, fileName: `Facture ${i}.pdf`, mediaType: 'application/pdf', state, sha256: state === 'kept' ? 'x'.repeat(43) : null, sizeBytes: 100, eboxDigest: null, error: null })),
  };
}

const seen = (id: string, archived: boolean): SeenMessage => ({ messageId: id, enterprise: '0412345614', subject: { fr: 'vu' }, senderOrganizationId: '0211111111', expirationDate: '2027-01-10T09:00:00.000Z', archived });

describe('the helper kept messages', () => {
  it('are whole only when no document is gone or failed (a flagged mismatch is kept)', () => {
    expect(keptWhole(kept('m', ['kept', 'mismatch']))).toBe(true);
    expect(keptWhole(kept('m', ['kept', 'failed']))).toBe(false);
    expect(keptWhole(kept('m', ['gone']))).toBe(false);
  });

  it('become searchable rows of their company, folded, flagged on a digest mismatch', () => {
    const row = keptSearchDoc(kept('m1', ['kept', 'mismatch'], '0751234514'));
    expect(row).toMatchObject({ messageId: 'm1', enterprise: '0751234514', archived: true, integrityMismatch: true, bytes: 200, receiptMs: Date.parse('2026-11-01T09:00:00.000Z') });
    expect(row.text).toContain('betalingsbericht');
    expect(row.text).toContain('facture 1.pdf');
  });

  it('merge with the browser: one message once, archived when either side kept it whole, helper-only ones added', () => {
    const merged = mergeSeen([seen('both', false), seen('browser', false), seen('failed', false)], [kept('both', ['kept']), kept('helper', ['kept']), kept('failed', ['failed']), kept('partial', ['kept', 'gone'])]);
    expect(merged.map((m) => [m.messageId, m.archived])).toEqual([
      ['both', true],
      ['browser', false],
      ['failed', false],
      ['helper', true],
      ['partial', false],
    ]);
  });
});

describe('the expiry source with the helper', () => {
  it('counts the helper messages, and the browser alone when the helper fails', async () => {
    const { withKeptMessages } = await import('./kept-seen-source.ts');
    const inner = { read: async () => ({ messages: [seen('browser', false)], lastRefreshedAt: null }), onChange: () => () => {} };
    const ok = await withKeptMessages(inner, async () => [kept('helper', ['kept'])]).read();
    expect(ok.messages.map((m) => m.messageId)).toEqual(['browser', 'helper']);
    const down = await withKeptMessages(inner, () => Promise.reject(new Error('not running'))).read();
    expect(down.messages.map((m) => m.messageId)).toEqual(['browser']);
  });
});

describe('the archive list with the helper', () => {
  it('adds the helper-only messages to the search, marks every kept one, and names their companies', async () => {
    const { mergeKept, withKeptCompanies } = await import('./kept-archive.ts');
    const { buildIndex, search } = await import('../search/search-index.ts');
    const { toSearchDoc } = await import('../search/search-doc.ts');
    const { keptSearchDoc } = await import('./kept-rows.ts');
    const browserDoc = toSearchDoc({ ...keptSearchDoc(kept('both', ['kept'])), text: 'vu dans le navigateur' }, 'fr');
    const merged = mergeKept(buildIndex([browserDoc]), new Map(), [kept('both', ['kept']), kept('helper', ['kept'], '0751234514')], 'fr');
    expect(merged.index.docs.map((d) => d.messageId)).toEqual(['both', 'helper']);
    expect([...merged.helperOnly]).toEqual(['helper']);
    expect([...merged.kept.keys()]).toEqual(['both', 'helper']);
    const found = search(merged.index, { text: 'paiement', sort: 'receipt', descending: true, company: '0751234514' });
    expect(Array.from(found, (i) => merged.index.docs[i]!.messageId)).toEqual(['helper']);
    expect(withKeptCompanies([{ key: '0412345614', messages: 3 }], [kept('a', []), kept('b', [], '0751234514'), kept('c', [], '0751234514')])).toEqual([{ key: '0412345614', messages: 3 }, { key: '0751234514', messages: 2 }]);
  });
});
