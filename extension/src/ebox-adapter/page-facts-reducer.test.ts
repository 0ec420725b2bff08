import { describe, expect, it } from 'vitest';
import { pdfBytes, wireMessage } from '../archive/test-messages.ts';
import { languageOfUrl, reducePage, refreshPermissions, routeMessageId, type PageEvent, type ReduceContext, type TabState } from './page-facts-reducer.ts';
import type { MessageOpening } from './page-facts.ts';
import { bearerClaims, CBE_CLAIM } from './token-claims.ts';

const A = 'https://services.socialsecurity.be/REST/ebox/enterprise/messageRegistry/v3';
const B = 'https://registry.other-provider.example/api/v2';
const APP = 'https://app.eboxenterprise.be';
const AT = '2026-12-02T08:00:00.000Z';

const granted = new Set([new URL(A).origin]);
const ctx: ReduceContext = { permitted: (base) => granted.has(new URL(base).origin), say: (k, d) => `${k}:${d}` };

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: unknown) => `Bearer ${b64url({ alg: 'RS256' })}.${b64url(claims)}.c2lnbmF0dXJl`;

function run(events: PageEvent[], start?: TabState): { state: TabState; openings: MessageOpening[] } {
  let state = start;
  const openings: MessageOpening[] = [];
  for (const e of events) {
    const r = reducePage(state, 7, e, ctx);
    state = r.state;
    openings.push(...r.openings);
  }
  return { state: state!, openings };
}

const call = (url: string, body: unknown, over: Partial<Extract<PageEvent, { type: 'call' }>> = {}): PageEvent => ({ type: 'call', pageUrl: `${APP}/messages`, url, status: 200, body, at: AT, ...over });
const doc = (id: string) => ({ id, bytes: pdfBytes(id) });
const registered = wireMessage('r1', { registeredMail: true }, [doc('main'), doc('annex')]);
// v3 names: `isRegisteredMail`, the sender as an object.
const { registeredMail: _r, senderOrganizationId, ...v3rest } = wireMessage('r3', {}, [doc('d')]);
const registeredV3 = { ...v3rest, isRegisteredMail: true, sender: { eboxType: 'ENTERPRISE', enterpriseNumber: senderOrganizationId } };
const qualified = wireMessage('q1', { messageTypeId: 'QERDS_NOTIFICATION', registeredMail: true });
const simple = wireMessage('s1', {}, [doc('d')]);
const list = { items: [simple, registered, registeredV3, qualified], totalItems: 40 };

describe('page facts from the registry traffic and the URL', () => {
  it('lists the messages of the current view in order, with the list URL and its filter', () => {
    const url = `${A}/ebox/messages?page=2&pageSize=25&registeredMail=true&qlang=nl&q=x`;
    const { state } = run([call(url, list)]);
    expect(state.facts.listed).toEqual({ base: A, listUrl: url, ids: ['s1', 'r1', 'r3', 'q1'], totalItems: 40 });
    expect(state.facts.registries).toEqual([{ base: A, permitted: true }]);
    // Without a document language or a language in the route, the list's qlang tells it.
    expect(state.facts.language).toBe('nl');
  });

  it('the open message: from the detail call, and from the route when it carries a known id; closed on leaving', () => {
    let { state } = run([call(`${A}/ebox/messages`, list), call(`${A}/ebox/messages/r1`, registered, { pageUrl: `${APP}/view` })]);
    expect(state.facts.open).toEqual({ base: A, messageId: 'r1' });
    // Same URL (a route without the id): still open.
    ({ state } = run([{ type: 'location', url: `${APP}/view`, at: AT }], state));
    expect(state.facts.open?.messageId).toBe('r1');
    // Back to the list URL: closed.
    ({ state } = run([{ type: 'location', url: `${APP}/messages`, at: AT }], state));
    expect(state.facts.open).toBeUndefined();
    // A hash route carrying an id seen in a list opens it before any call.
    ({ state } = run([{ type: 'location', url: `${APP}/#/message/q1`, at: AT }], state));
    expect(state.facts.open).toEqual({ base: A, messageId: 'q1' });
    expect(routeMessageId(`${APP}/#/message/unknown`, state.known)).toBeUndefined();
  });

  it('one opening when the body or main content of a registered or qualified message is fetched, none for simple mail or an annex', () => {
    const { openings } = run([
      call(`${A}/ebox/messages`, list),
      call(`${A}/ebox/messages/s1/body`, { fr: 'x' }),
      call(`${A}/ebox/messages/r1/attachments/annex/content`, undefined),
      call(`${A}/ebox/messages/r1/attachments/main/content`, undefined, { at: '2026-12-02T08:01:00.000Z' }),
      call(`${A}/ebox/messages/r1/body`, { fr: 'x' }),
      call(`${A}/ebox/messages/r3/body`, { fr: 'x' }),
      call(`${A}/ebox/messages/q1/body`, { fr: 'x' }, { status: 404 }),
      call(`${A}/ebox/messages/q1/attachments/whatever/content`, undefined),
    ]);
    expect(openings.map((o) => [o.messageId, o.at, o.by])).toEqual([
      ['r1', '2026-12-02T08:01:00.000Z', 'page'],
      ['r3', AT, 'page'],
      ['q1', AT, 'page'],
    ]);
  });

  it('a content fetched before the data says what the message is: the opening comes when it does, at the fetch time', () => {
    const first = run([call(`${A}/ebox/messages/r1/body`, { fr: 'x' }, { at: '2026-12-02T07:59:00.000Z' })]);
    expect(first.openings).toEqual([]);
    const then = run([call(`${A}/ebox/messages/r1`, registered)], first.state);
    expect(then.openings).toMatchObject([{ messageId: 'r1', at: '2026-12-02T07:59:00.000Z' }]);
  });

  it('the company and the person from a JWT bearer token, without verifying it; the opening carries them', () => {
    const auth = jwt({ principalAttributes: { [CBE_CLAIM]: ['0412.345.614'] }, givenName: 'Anne', familyName: 'Peeters' });
    const { state, openings } = run([call(`${A}/ebox/messages`, list, { authorization: auth }), call(`${A}/ebox/messages/r1/body`, {})]);
    expect(state.facts.enterprise).toEqual({ cbe: '0412345614', source: 'token' });
    expect(state.facts.person).toBe('Anne Peeters');
    expect(openings[0]).toMatchObject({ enterprise: { cbe: '0412345614' }, person: 'Anne Peeters' });
    expect(bearerClaims('Bearer opaque-token')).toEqual({});
    expect(bearerClaims(`Bearer a.${b64url({ cbe: '0412345615' })}.c`)).toEqual({});
  });

  it('company precedence: data and token over the selectEnterprise choice over the header; a cookie session still learns it', () => {
    let { state } = run([{ type: 'header', cbe: 'BE 0412 345 614', name: 'Boulangerie', at: AT }]);
    expect(state.facts.enterprise).toEqual({ cbe: '0412345614', name: 'Boulangerie', source: 'header' });
    ({ state } = run([{ type: 'selectEnterprise', href: `${APP}/selectEnterprise?enterpriseNumber=0751234514`, at: AT }], state));
    expect(state.facts.enterprise).toEqual({ cbe: '0751234514', source: 'selection' });
    // The header cannot override the choice; it may name the same company.
    ({ state } = run([{ type: 'header', cbe: '0412345614', at: AT }, { type: 'header', cbe: '0751.234.514', name: 'Brouwerij', at: AT }], state));
    expect(state.facts.enterprise).toEqual({ cbe: '0751234514', name: 'Brouwerij', source: 'selection' });
    // No Authorization header at all (a cookie session): the box's own summary names it.
    ({ state } = run([call(`${A}/ebox`, { numberOfMessages: 3, enterpriseNumber: '0823456754', enterpriseName: 'Bäckerei' })], state));
    expect(state.facts.enterprise).toEqual({ cbe: '0823456754', name: 'Bäckerei', source: 'data' });
    // A check digit that does not add up is no enterprise number.
    ({ state } = run([{ type: 'selectEnterprise', href: `${APP}/selectEnterprise/0412345615`, at: AT }], state));
    expect(state.facts.enterprise?.cbe).toBe('0823456754');
  });

  it('the language: the document first, then the route, then qlang', () => {
    expect(run([{ type: 'location', url: `${APP}/nl/messages`, documentLanguage: 'de-BE', at: AT }]).state.facts.language).toBe('de');
    expect(run([{ type: 'location', url: `${APP}/nl/messages`, at: AT }]).state.facts.language).toBe('nl');
    expect(languageOfUrl(`${APP}/#/inbox?lang=fr`)).toBe('fr');
    expect(languageOfUrl(`${APP}/messages`)).toBeUndefined();
  });

  it('federation: any host with the contract paths is a registry; one not yet permitted says so, and is re-read on consent', () => {
    let { state } = run([call(`${A}/ebox/messages`, list), call(`${B}/ebox/messages?page=1`, { items: [wireMessage('b1')], totalItems: 1 })]);
    expect(state.facts.registries).toEqual([
      { base: A, permitted: true },
      { base: B, permitted: false, problem: `problemPermission:${new URL(B).origin}` },
    ]);
    expect(state.facts.listed?.base).toBe(B);
    granted.add(new URL(B).origin);
    try {
      state = refreshPermissions(state, ctx);
      expect(state.facts.registries[1]).toEqual({ base: B, permitted: true });
    } finally {
      granted.delete(new URL(B).origin);
    }
  });

  it('a refusing provider and an answer off the contract are said plainly; nothing throws', () => {
    const { state } = run([
      call(`${A}/ebox/messages`, { error: 'nope' }, { status: 401 }),
      call(`${B}/ebox/messages`, { items: 'not a list' }),
      call('https://app.eboxenterprise.be/api/unrelated', { x: 1 }),
    ]);
    expect(state.facts.registries.map((r) => r.problem)).toEqual(['problemSession:401', expect.stringMatching(/^problemMalformed:/)]);
    expect(state.facts.listed).toBeUndefined();
  });
});
