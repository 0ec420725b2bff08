// What the service worker learns of each e-Box tab from the app's own registry traffic (PageFacts, page-facts.ts):
// which messages the view lists, which one is open, whose e-Box it is. Pure: the worker keeps the result per tab
// (tab-facts-store.ts); the side panel reads it, so it needs nothing from the page's markup.
import { normaliseCbe, type Enterprise } from '../../../shared/ebox/enterprise.ts';
import type { PageFacts } from '../ebox-adapter/page-facts.ts';
import type { Observation } from '../ebox-adapter/registry-observations.ts';

export function emptyFacts(tabId: number, url: string, now: Date): PageFacts {
  return { tabId, url, registries: [], updatedAt: now.toISOString() };
}

/** The facts after one registry answer the app received in that tab (`url`: the tab's address at the time). */
export function applyObservation(facts: PageFacts, o: Observation, url: string, now: Date): PageFacts {
  const next: PageFacts = { ...facts, url, updatedAt: now.toISOString() };
  if (!next.registries.some((r) => r.base === o.base)) next.registries = [...next.registries, { base: o.base, permitted: true }];
  switch (o.kind) {
    case 'messages': {
      next.listed = { base: o.base, listUrl: o.listUrl, ids: o.messages.map((m) => m.message.messageId), ...(o.totalItems !== undefined ? { totalItems: o.totalItems } : {}) };
      // Back on a list whose address no longer names the open message: it is closed.
      if (next.open && !url.includes(next.open.messageId)) delete next.open;
      break;
    }
    case 'message':
      next.open = { base: o.base, messageId: o.message.message.messageId };
      break;
    case 'opened':
      next.open = { base: o.base, messageId: o.messageId };
      break;
    case 'malformed':
      next.registries = next.registries.map((r) => (r.base === o.base ? { ...r, problem: o.errors[0] ?? 'answer not understood' } : r));
      break;
    case 'names':
      break;
  }
  return next;
}

/** The company the page's header names, when the data gave none: the last resort. */
export function applyHeaderCompany(facts: PageFacts, company: { name?: string; cbe?: string }): PageFacts {
  if (facts.enterprise && facts.enterprise.source !== 'header') return facts;
  const cbe = normaliseCbe(company.cbe);
  if (!cbe) return facts;
  const enterprise: Enterprise = { cbe, ...(company.name ? { name: company.name } : {}) };
  return { ...facts, enterprise: { ...enterprise, source: 'header' } };
}
