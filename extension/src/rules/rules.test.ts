import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { createLabel } from '../archive/labels.ts';
import { recordSeen } from '../archive/messages.ts';
import { message } from '../archive/test-messages.ts';
import { applyRules, saveRule } from './apply.ts';
import { actionsFor, ruleMatches } from './match.ts';
import type { Rule } from './rule.ts';

// Two real CBE numbers (mod-97 checked) of the sandbox's companies.
const A = '0412345614';
const B = '0751234514';
const rule = (over: Partial<Rule> & Pick<Rule, 'when'>): Rule => ({ id: crypto.randomUUID(), name: 'r', enabled: true, enterprise: A, then: { labels: [], tags: ['t'], archive: false }, ...over });

describe('ruleMatches', () => {
  const m = message('m1', { registeredMail: true, subject: { fr: 'Décompte de cotisations ONSS', nl: 'Afrekening bijdragen' } });
  it('ANDs the conditions, ORs the values of one condition', () => {
    expect(ruleMatches(rule({ when: { senderOrganizationIds: ['0206731645', '0308357159'], registered: true } }), m, A)).toBe(true);
    expect(ruleMatches(rule({ when: { senderOrganizationIds: ['0206731645'], registered: false } }), m, A)).toBe(false);
    expect(ruleMatches(rule({ when: { messageTypeIds: ['OTHER'] } }), m, A)).toBe(false);
  });
  it('matches subject words accent- and case-insensitively in any language, all words required', () => {
    expect(ruleMatches(rule({ when: { subjectWords: ['DECOMPTE', 'cotisations'] } }), m, A)).toBe(true);
    expect(ruleMatches(rule({ when: { subjectWords: ['afrekening'] } }), m, A)).toBe(true);
    expect(ruleMatches(rule({ when: { subjectWords: ['décompte', 'tva'] } }), m, A)).toBe(false);
  });
  it('combines actions of every enabled matching rule without duplicates', () => {
    const rules = [
      rule({ id: 'a', when: { registered: true }, then: { labels: ['L1'], tags: ['reg'], archive: false } }),
      rule({ id: 'b', when: { subjectWords: ['onss'] }, then: { labels: ['L1', 'L2'], tags: ['reg', 'onss'], archive: true } }),
      rule({ id: 'c', enabled: false, when: { registered: true }, then: { labels: ['L3'], tags: [], archive: false } }),
    ];
    expect(actionsFor(rules, m, A)).toEqual({ labels: ['L1', 'L2'], tags: ['reg', 'onss'], archive: true, matched: ['a', 'b'] });
  });
  it("never matches another company's mail unless the rule is for all companies", () => {
    expect(ruleMatches(rule({ when: { registered: true } }), m, B)).toBe(false);
    expect(ruleMatches(rule({ when: { registered: true } }), m, 'unknown')).toBe(false);
    expect(ruleMatches(rule({ enterprise: '*', when: { registered: true } }), m, B)).toBe(true);
    expect(actionsFor([rule({ when: { registered: true }, then: { labels: [], tags: ['a'], archive: true } })], m, B)).toEqual({ labels: [], tags: [], archive: false, matched: [] });
  });
});

describe('rules over the archive', () => {
  let db: ArchiveDb;
  beforeEach(() => {
    db = openArchiveDb(`t-${crypto.randomUUID()}`);
  });
  afterEach(() => db.delete());

  it('validates rules: a condition, an action and known labels are required', async () => {
    await expect(saveRule(db, { id: 'x', name: 'x', enabled: true, enterprise: A, when: {}, then: { labels: [], tags: ['a'], archive: false } })).rejects.toThrow('condition');
    await expect(saveRule(db, { id: 'x', name: 'x', enabled: true, enterprise: A, when: { registered: true }, then: { labels: [], tags: [], archive: false } })).rejects.toThrow('action');
    await expect(saveRule(db, { id: 'x', name: 'x', enabled: true, enterprise: A, when: { registered: true }, then: { labels: ['ghost'], tags: [], archive: false } })).rejects.toThrow('ghost');
  });

  it('adds labels and tags to matching messages, keeps existing ones, and lists what to archive', async () => {
    const label = await createLabel(db, { enterprise: '*', name: 'Recommandés', color: '#aa0000' });
    await saveRule(db, { id: 'r', name: 'registered', enabled: true, enterprise: A, when: { registered: true }, then: { labels: [label.id], tags: ['à traiter'], archive: true } });
    await recordSeen(db, [{ message: message('reg', { registeredMail: true }), enterprise: A }, { message: message('plain'), enterprise: A }, { message: message('reg-of-b', { registeredMail: true }), enterprise: B }]);
    await db.messages.update('reg', { tags: ['mine'] });
    const run = await applyRules(db);
    expect(run).toEqual({ filed: 1, toArchive: ['reg'] });
    expect(await db.messages.get('reg')).toMatchObject({ labels: [label.id], tags: ['mine', 'à traiter'] });
    expect((await db.messages.get('plain'))!.tags).toEqual([]);
    expect(await db.messages.get('reg-of-b')).toMatchObject({ labels: [], tags: [] });
    expect((await applyRules(db)).filed).toBe(0);
  });

  it("refuses a rule without a company, or giving another company's labels", async () => {
    const labelOfB = await createLabel(db, { enterprise: B, name: 'Fiscalité B', color: '#aa0000' });
    await expect(saveRule(db, { id: 'x', name: 'x', enabled: true, when: { registered: true }, then: { labels: [], tags: ['a'], archive: false } })).rejects.toThrow('company');
    await expect(saveRule(db, { id: 'x', name: 'x', enabled: true, enterprise: '0412345615', when: { registered: true }, then: { labels: [], tags: ['a'], archive: false } })).rejects.toThrow('company');
    await expect(saveRule(db, { id: 'x', name: 'x', enabled: true, enterprise: A, when: { registered: true }, then: { labels: [labelOfB.id], tags: [], archive: false } })).rejects.toThrow('another company');
  });
});
