// The QERDS link and registered kind, read from messages as the sandbox generator makes them (the same business
// data shape as the e-Box's). The kind comes from the data only, never from the page (page-facts-reducer.test.ts).
import { describe, expect, it } from 'vitest';
import type { EboxMessage } from './model.ts';
import { qerdsConsignmentOf, qerdsEvidenceUrl, registeredKindOf } from './qerds.ts';

const message = (change: Partial<EboxMessage>): EboxMessage => ({
  messageId: 'm1',
  subject: { fr: 'Sujet' },
  receiptDate: '2026-11-23T08:00:00Z',
  expirationDate: '2026-12-23T08:00:00Z',
  read: false,
  visible: true,
  registeredMail: false,
  messageTypeId: 'TVA_RAPPEL',
  senderOrganizationId: '0206731645',
  documents: [],
  bodyMainContent: false,
  businessData: [],
  replyAuthorized: false,
  contractVersion: 'v2.1',
  ...change,
});

const qerdsData = (link: string) => [
  { key: 'qerdsConsignmentId', values: [{ fr: 'QERDS-513007794932', nl: 'QERDS-513007794932' }] },
  { key: 'qerdsActionLink', values: [{ fr: link, nl: link }] },
];

describe('QERDS provider links', () => {
  it('finds the consignment and builds each evidence URL under it', () => {
    const c = qerdsConsignmentOf(message({ messageTypeId: 'QERDS_NOTIFICATION', businessData: qerdsData('http://127.0.0.1:5182/qerds/QERDS-513007794932/') }));
    expect(c).toEqual({ url: 'http://127.0.0.1:5182/qerds/QERDS-513007794932', consignmentId: 'QERDS-513007794932' });
    expect(qerdsEvidenceUrl(c!, 'handover')).toBe('http://127.0.0.1:5182/qerds/QERDS-513007794932/evidence/handover.xml');
  });

  it('ignores links that are not http(s) or not URLs at all', () => {
    expect(qerdsConsignmentOf(message({ businessData: qerdsData('javascript:alert(1)') }))).toBeUndefined();
    expect(qerdsConsignmentOf(message({ businessData: qerdsData('not a url') }))).toBeUndefined();
    expect(qerdsConsignmentOf(message({}))).toBeUndefined();
  });

  it('tells ordinary, registered and qualified registered mail apart', () => {
    expect(registeredKindOf(message({}))).toBeUndefined();
    expect(registeredKindOf(message({ registeredMail: true }))).toBe('registered');
    expect(registeredKindOf(message({ messageTypeId: 'QERDS_NOTIFICATION' }))).toBe('qualified');
    expect(registeredKindOf(message({ businessData: qerdsData('https://qerds.example/c/1') }))).toBe('qualified');
  });
});
