// The adapter's selectors against pages recorded from the sandbox e-Box (fixtures/record-fixtures.ts): each finds
// exactly what it is meant to, and nothing on the other page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { currentUser, inboxList, signedInCompany, inboxRows, openMessage, rowChipAnchor, rowMessageId, SELECTORS } from './selectors.ts';

const load = (name: string) => parseHTML(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')).document as unknown as Document;
const inbox = load('sandbox-inbox.html');
const message = load('sandbox-message.html');

describe('e-Box selectors on the recorded sandbox pages', () => {
  it('inbox: 25 rows, each with its message id and a subject cell for the chips', () => {
    const rows = inboxRows(inbox);
    expect(rows).toHaveLength(25);
    const ids = rows.map(rowMessageId);
    expect(new Set(ids).size).toBe(25);
    for (const row of rows) expect(rowChipAnchor(row).matches(SELECTORS.rowSubjectCell)).toBe(true);
    expect(inboxList(inbox)).not.toBeNull();
    expect(openMessage(inbox)).toBeUndefined();
  });

  it('message view: one open message with its header, and no inbox rows', () => {
    const open = openMessage(message);
    expect(open?.messageId).toMatch(/\S/);
    expect(open?.anchor.matches(SELECTORS.messageHeader)).toBe(true);
    expect(inboxRows(message)).toHaveLength(0);
    expect(inboxList(message)).toBeNull();
  });

  it('who archives: the signed-in company and its CBE number when no person is shown', () => {
    expect(currentUser(inbox)).toMatch(/^.+ \([01]\d{9}\)$/);
    expect(currentUser(message)).toBe(currentUser(inbox));
  });

  it('the signed-in company: its name and CBE number (digits only)', () => {
    expect(signedInCompany(inbox)).toEqual({ name: 'Boulangerie François Dupont SRL', cbe: '0412345614' });
    expect(signedInCompany(message)).toEqual(signedInCompany(inbox));
    expect(signedInCompany(parseHTML('<html><body><p>signed out</p></body></html>').document as unknown as Document)).toBeUndefined();
  });
});
