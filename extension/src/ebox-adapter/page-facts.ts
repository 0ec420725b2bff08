// What the extension knows of an e-Box tab, taken from the app's own registry traffic and its URL, never from the
// page's markup (the real app's markup is unknown to us). The service worker keeps one PageFacts per tab; the
// overlay, the side panel, the archive and the proofs read it. Markup only decides where things are shown.
import type { Enterprise } from '../../../shared/ebox/enterprise.ts';
import type { Language } from '../../../shared/ebox/model.ts';

export interface RegistrySeen {
  /** Origin + base path of a Message Registry the app called (matched by the contract's paths, any host). */
  base: string;
  /** Whether the extension may fetch from that origin (host permission granted). */
  permitted: boolean;
  /** The last failure talking to it, said in plain words, when there is one. */
  problem?: string;
}

export interface PageFacts {
  tabId: number;
  /** The app's URL as last seen (routes may change without navigation events). */
  url: string;
  registries: RegistrySeen[];
  /** The messages the current view lists, in the app's order, and the list call (with its filter) that gave them. */
  listed?: { base: string; listUrl: string; ids: string[]; totalItems?: number };
  /** The message the app has open: its detail, body or a document fetched for one id, or the route's id. */
  open?: { base: string; messageId: string };
  /** Whose e-Box this is: from the data (answers, token claims, selectEnterprise), the header text last. */
  enterprise?: Enterprise & { source: 'data' | 'token' | 'selection' | 'header' };
  /** Who is signed in, from what the app loads; undefined when unknown (the options' "your name" then serves). */
  person?: string;
  /** The language the app shows (document language, route or qlang). */
  language?: Language;
  updatedAt: string;
}

/** An opening in the e-Box's sense: a message's main content or body was fetched, which marks it read. Who fetched
 *  it decides nothing about whether it counts: the page, a bulk job and a rule all open it. */
export interface MessageOpening {
  base: string;
  messageId: string;
  /** When the content was first fetched (ISO 8601), the time a receipt must state. */
  at: string;
  by: 'page' | 'job' | 'rule' | 'popup';
  enterprise?: Enterprise;
  person?: string;
}
