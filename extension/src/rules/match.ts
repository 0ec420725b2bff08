// Which rules apply to a message, and what they ask for together. Pure: no storage, no browser.
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { fold } from '../../../shared/text/fold.ts';
import { inScope } from '../archive/company-scope.ts';
import type { Rule } from './rule.ts';

export interface RuleActions {
  labels: string[];
  tags: string[];
  archive: boolean;
  /** Ids of the rules that matched, in order. */
  matched: string[];
}

function subjectText(m: EboxMessage): string {
  return fold(Object.values(m.subject).filter((v): v is string => typeof v === 'string').join(' \u0000 '));
}

/** `company` is the key of the company whose mail `message` is: a rule of another company never matches it. */
export function ruleMatches(rule: Rule, message: EboxMessage, company: string, foldedSubject: string = subjectText(message)): boolean {
  if (!inScope(rule.enterprise, company)) return false;
  const w = rule.when;
  if (w.senderOrganizationIds?.length && !w.senderOrganizationIds.includes(message.senderOrganizationId)) return false;
  if (w.messageTypeIds?.length && !w.messageTypeIds.includes(message.messageTypeId)) return false;
  if (w.registered !== undefined && w.registered !== message.registeredMail) return false;
  if (w.subjectWords?.length && !w.subjectWords.every((word) => foldedSubject.includes(fold(word.trim())))) return false;
  return true;
}

export function actionsFor(rules: readonly Rule[], message: EboxMessage, company: string): RuleActions {
  const subject = subjectText(message);
  const out: RuleActions = { labels: [], tags: [], archive: false, matched: [] };
  for (const rule of rules) {
    if (!rule.enabled || !ruleMatches(rule, message, company, subject)) continue;
    out.matched.push(rule.id);
    out.labels.push(...rule.then.labels.filter((l) => !out.labels.includes(l)));
    out.tags.push(...rule.then.tags.filter((t) => !out.tags.includes(t)));
    out.archive ||= rule.then.archive;
  }
  return out;
}
