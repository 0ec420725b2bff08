import { describe, expect, it } from 'vitest';
import { wireMessage, pdfBytes } from '../archive/test-messages.ts';
import { BRIDGE_CHANNEL, type BridgeMessage } from './bridge-protocol.ts';
import { interpret } from './registry-observations.ts';
import { classifyRegistryUrl, documentUrl, listPageUrl } from './registry-urls.ts';

const BASE = 'https://services.socialsecurity.be/REST/ebox/enterprise/messageRegistry/v2';
const PAGE = 'https://app.eboxenterprise.be/inbox';
const real = (url: string) => url.startsWith('https://services.socialsecurity.be/');
const captured = (url: string, body: unknown, over: Partial<BridgeMessage> = {}): BridgeMessage => ({ channel: BRIDGE_CHANNEL, url, status: 200, body, authorization: 'Bearer abc.def', ...over });

describe('registry URLs', () => {
  it('classifies the contract calls and finds the provider base', () => {
    expect(classifyRegistryUrl(`${BASE}/ebox/messages?page=2&registeredMail=true`)).toEqual({ kind: 'messages', base: BASE, url: `${BASE}/ebox/messages?page=2&registeredMail=true` });
    expect(classifyRegistryUrl(`${BASE}/ebox/messages/m%201`)).toEqual({ kind: 'message', base: BASE, messageId: 'm 1' });
    expect(classifyRegistryUrl(`${BASE}/ebox/messages/m1/attachments/a1/content`)).toMatchObject({ kind: 'attachment-content', messageId: 'm1', attachmentId: 'a1' });
    expect(classifyRegistryUrl(`${BASE}/referenceData/senderOrganizations/0206731645`)).toMatchObject({ kind: 'reference', what: 'senderOrganizations', id: '0206731645' });
    expect(classifyRegistryUrl(`${BASE}/refData/messageTypes`)).toMatchObject({ kind: 'reference', what: 'messageTypes' });
    expect(classifyRegistryUrl(`${BASE}/ebox`)).toEqual({ kind: 'summary', base: BASE });
    expect(classifyRegistryUrl(`${BASE}/ebox/messages/m1/body`)).toEqual({ kind: 'body', base: BASE, messageId: 'm1' });
    expect(classifyRegistryUrl(`${BASE}/ebox/messages/m1/attachments`)).toEqual({ kind: 'attachments', base: BASE, messageId: 'm1' });
    expect(classifyRegistryUrl(`${BASE}/ebox/messages/m1/attachments/a1`)).toEqual({ kind: 'attachments', base: BASE, messageId: 'm1', attachmentId: 'a1' });
    expect(classifyRegistryUrl(`${BASE}/ebox/other`)).toBeUndefined();
    expect(classifyRegistryUrl('javascript:alert(1)')).toBeUndefined();
    expect(classifyRegistryUrl('/ebox/messages', 'http://127.0.0.1:9000/x')).toMatchObject({ base: 'http://127.0.0.1:9000' });
  });

  it('builds document and paging URLs', () => {
    expect(documentUrl(BASE, 'm/1', 'a1')).toBe(`${BASE}/ebox/messages/m%2F1/attachments/a1/content`);
    expect(documentUrl(BASE, 'm1', 'a1', 'ebox/messages/m1/attachments/a1/content')).toBe(`${BASE}/ebox/messages/m1/attachments/a1/content`);
    expect(listPageUrl(`${BASE}/ebox/messages?page=3&pageSize=25&q=fran%C3%A7ois&qlang=fr`, 1)).toBe(`${BASE}/ebox/messages?page=1&pageSize=100&q=fran%C3%A7ois&qlang=fr`);
  });
});

describe('interpret captured registry answers', () => {
  it('turns a v2.1 list into seen messages with their wire JSON and the session', () => {
    const w = wireMessage('m1', {}, [{ id: 'a', bytes: pdfBytes('a') }]);
    const o = interpret(captured(`${BASE}/ebox/messages?page=1`, { items: [w], totalItems: 1 }), PAGE, real);
    expect(o).toMatchObject({ kind: 'messages', base: BASE, totalItems: 1, errors: [], session: { base: BASE, authorization: 'Bearer abc.def' } });
    if (o?.kind !== 'messages') throw new Error();
    expect(o.messages[0]!.wire).toBe(w);
    expect(o.messages[0]!.message.documents[0]!.fileName).toBe('a.pdf');
  });

  it('accepts v3 names for the same message', () => {
    const { registeredMail: _r, senderOrganizationId, ...rest } = wireMessage('m1');
    const o = interpret(captured(`${BASE}/ebox/messages/m1`, { ...rest, isRegisteredMail: true, sender: { enterpriseNumber: senderOrganizationId } }), PAGE, real);
    expect(o).toMatchObject({ kind: 'message', message: { message: { registeredMail: true, contractVersion: 'v3' } } });
  });

  it('reports malformed items and keeps the good ones; a malformed list is reported, not thrown', () => {
    const o = interpret(captured(`${BASE}/ebox/messages`, { items: [wireMessage('ok'), { messageId: 'bad', subject: 'x' }] }), PAGE, real);
    if (o?.kind !== 'messages') throw new Error();
    expect(o.messages.map((m) => m.message.messageId)).toEqual(['ok']);
    expect(o.errors).toHaveLength(1);
    expect(interpret(captured(`${BASE}/ebox/messages`, { items: 'nope' }), PAGE, real)).toMatchObject({ kind: 'malformed' });
    expect(interpret(captured(`${BASE}/ebox/messages`, null), PAGE, real)).toMatchObject({ kind: 'malformed' });
  });

  it('keeps HTML and script in subjects and business data as plain data', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const o = interpret(captured(`${BASE}/ebox/messages/m1`, wireMessage('m1', { subject: { fr: evil }, businessDataList: { items: [{ key: 'k', values: [{ fr: evil }] }] } })), PAGE, real);
    if (o?.kind !== 'message') throw new Error();
    expect(o.message.message.subject.fr).toBe(evil);
  });

  it('learns sender, application and type names from reference data, list or single', () => {
    const orgs = interpret(captured(`${BASE}/referenceData/senderOrganizations`, { items: [{ organizationId: '0206731645', organizationShortName: { fr: 'ONSS', nl: 'RSZ' } }, { junk: true }] }), PAGE, real);
    expect(orgs).toMatchObject({ kind: 'names', names: [{ kind: 'org', id: '0206731645', name: { fr: 'ONSS', nl: 'RSZ' } }] });
    const type = interpret(captured(`${BASE}/referenceData/messageTypes/T1`, { messageTypeId: 'T1', messageTypeName: { fr: 'Avis' } }), PAGE, real);
    expect(type).toMatchObject({ names: [{ kind: 'type', id: 'T1' }] });
  });

  it('ignores errors, other hosts, and anything but a bearer token', () => {
    expect(interpret(captured(`${BASE}/ebox/messages`, { id: 'x', code: 'c', message: 'm' }, { status: 401 }), PAGE, real)).toBeUndefined();
    expect(interpret(captured('https://evil.example/ebox/messages', { items: [] }), PAGE, real)).toBeUndefined();
    const o = interpret(captured(`${BASE}/ebox/messages`, { items: [] }, { authorization: 'Basic dXNlcjpwYXNz' }), PAGE, real);
    expect(o).not.toHaveProperty('session');
  });
});
