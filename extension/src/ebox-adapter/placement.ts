// Where to show things for the messages the data says are listed or open, on a page whose markup is unknown.
// A row is found by the message id wherever it appears (any attribute, a link's href, a route) and else by its
// subject (in any of its languages) and receipt date; it is the largest element around that mark holding no other
// message's mark. Anchors are tried in order; what cannot be placed is reported, never guessed.
import { normaliseCbe } from '../../../shared/ebox/enterprise.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { allElements, matchesSelector, queryAllDeep, searchRoots } from './selectors.ts';

export interface ListedMessage {
  messageId: string;
  subject: TranslatedString;
  receiptDate: string;
}

export interface RowPlacement {
  messageId: string;
  row: Element;
  /** Where the row's chips go: inside `element` at its end, or right after it. */
  anchor: { element: Element; position: 'append' | 'after' };
  /** How the row was recognised. */
  by: 'id' | 'subject';
}

export interface ListPlacement {
  rows: RowPlacement[];
  /** Listed messages no row could be found for. */
  unplaced: string[];
  /** Where the list's own bar goes (before this element), when any row or the main region was found. */
  listAnchor?: Element;
}

/** The element above `el`, crossing out of a shadow root to its host. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode?.() as ShadowRoot | Document | undefined;
  return root && 'host' in root && root.host ? root.host : null;
}

function ancestors(el: Element): Element[] {
  const out: Element[] = [];
  for (let p: Element | null = el; p; p = parentOf(p)) out.push(p);
  return out;
}

function splitValue(value: string): string[] {
  const parts = value.split(/[/?#=&;,\s]+/);
  const out = [value, ...parts];
  for (const p of parts) {
    try {
      out.push(decodeURIComponent(p));
    } catch {
      // Not URI-encoded.
    }
  }
  return out;
}

/** Elements whose attributes (ids, data-*, hrefs, routes) carry one of the ids, per id. */
function idMarks(root: Document | ShadowRoot | Element, ids: Set<string>): Map<string, Element[]> {
  const marks = new Map<string, Element[]>();
  for (const el of allElements(root)) {
    for (const attr of el.attributes) {
      if (!attr.value) continue;
      for (const token of splitValue(attr.value)) {
        if (!ids.has(token)) continue;
        const list = marks.get(token) ?? [];
        if (!list.includes(el)) list.push(el);
        marks.set(token, list);
      }
    }
  }
  return marks;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The innermost elements whose own text is the subject, in any language. */
function subjectMarks(root: Document | ShadowRoot | Element, messages: ListedMessage[]): Map<string, Element[]> {
  const bySubject = new Map<string, ListedMessage[]>();
  for (const m of messages) {
    for (const text of new Set(Object.values(m.subject).filter((v): v is string => !!v).map(normalise))) {
      bySubject.set(text, [...(bySubject.get(text) ?? []), m]);
    }
  }
  const found = new Map<string, Element[]>();
  for (const el of allElements(root)) {
    if (el.children.length > 0 && [...el.children].some((c) => normalise(c.textContent ?? '') === normalise(el.textContent ?? ''))) continue;
    const candidates = bySubject.get(normalise(el.textContent ?? ''));
    if (!candidates) continue;
    for (const m of candidates) found.set(m.messageId, [...(found.get(m.messageId) ?? []), el]);
  }
  return found;
}

/** The text of an element and of every open shadow root inside it. */
function deepText(el: Element): string {
  return searchRoots(el)
    .map((r) => [...r.childNodes].map((n) => n.textContent ?? '').join(' '))
    .join(' ');
}

/** Does the row show this receipt date (an ISO datetime attribute, or the day in a common written form)? */
function showsDate(row: Element, iso: string): boolean {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return false;
  // The app shows Brussels days; a message received near midnight may show either UTC day: accept both.
  const days = [iso.slice(0, 10), d.toISOString().slice(0, 10)];
  const forms = days.flatMap((day) => {
    const [y, m, dd] = day.split('-') as [string, string, string];
    return [day, `${dd}/${m}/${y}`, `${dd}.${m}.${y}`, `${dd}-${m}-${y}`, `${Number(dd)}/${Number(m)}/${y}`, `${Number(dd)}.${Number(m)}.${y}`];
  });
  const stamps = [row, ...allElements(row)].flatMap((e) => [e.getAttribute('datetime') ?? '', e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? '']);
  const text = `${deepText(row)} ${stamps.join(' ')}`;
  return forms.some((f) => text.includes(f)) || stamps.some((s) => days.some((day) => s.startsWith(day)));
}

/** For each message's marks, the largest ancestor that holds no mark of another message. */
function rowsAround(marks: Map<string, Element[]>): Map<string, Element> {
  const owners = new Map<Element, Set<string>>();
  for (const [id, els] of marks) {
    for (const el of els) for (const a of ancestors(el)) (owners.get(a) ?? owners.set(a, new Set()).get(a)!).add(id);
  }
  const rows = new Map<string, Element>();
  for (const [id, els] of marks) {
    let row: Element | undefined;
    for (const a of ancestors(els[0]!)) {
      if (owners.get(a)!.size > 1) break;
      row = a;
    }
    // A single message on the page has no neighbour to stop at: its row is the innermost element around all marks.
    if (row && marks.size === 1) row = commonAncestor(els);
    if (row) rows.set(id, row);
  }
  return rows;
}

function commonAncestor(els: Element[]): Element | undefined {
  if (!els.length) return undefined;
  let common = ancestors(els[0]!);
  for (const el of els.slice(1)) {
    const chain = new Set(ancestors(el));
    common = common.filter((a) => chain.has(a));
  }
  return common[0];
}

function outsideInteractive(el: Element, row: Element): { element: Element; position: 'append' | 'after' } {
  let target = el;
  for (const a of ancestors(el)) {
    if (a === row) break;
    if (matchesSelector(a, 'interactive')) target = a;
  }
  if (target !== el || matchesSelector(el, 'interactive')) {
    const parent = parentOf(target);
    if (target === row || !parent) return { element: row, position: 'after' };
    return parent === row && matchesSelector(row, 'interactive') ? { element: row, position: 'after' } : { element: parent, position: 'append' };
  }
  const parent = parentOf(el);
  return { element: el === row || !parent ? row : parent, position: matchesSelector(row, 'interactive') ? 'after' : 'append' };
}

/** Finds the row of every listed message on the page, and where the list's bar goes. */
export function placeList(root: Document | ShadowRoot | Element, listed: ListedMessage[]): ListPlacement {
  const ids = new Set(listed.map((m) => m.messageId));
  const byId = idMarks(root, ids);
  const missing = listed.filter((m) => !byId.has(m.messageId));
  const bySubject = missing.length ? subjectMarks(root, missing) : new Map<string, Element[]>();
  // Each subject element is a mark of its own: two messages with the same subject share elements, and the
  // receipt date the row shows tells which row is whose.
  const subjectElements = [...new Set([...bySubject.values()].flat())];
  const marks = new Map<string, Element[]>([...byId, ...subjectElements.map((el, i): [string, Element[]] => [`subject ${i}`, [el]])]);
  const around = rowsAround(marks);
  const rows = new Map<string, Element>();
  for (const id of byId.keys()) if (around.has(id)) rows.set(id, around.get(id)!);
  const taken = new Set<string>();
  subjectElements.forEach((el, i) => {
    const row = around.get(`subject ${i}`);
    if (!row) return;
    const claimants = missing.filter((m) => !taken.has(m.messageId) && bySubject.get(m.messageId)?.includes(el));
    const owner = claimants.length === 1 ? claimants[0] : claimants.find((m) => showsDate(row, m.receiptDate));
    if (!owner) return;
    taken.add(owner.messageId);
    rows.set(owner.messageId, row);
  });
  const placed: RowPlacement[] = [];
  const unplaced: string[] = [];
  const usedRows = new Set<Element>();
  for (const m of listed) {
    const row = rows.get(m.messageId);
    if (!row || usedRows.has(row)) {
      unplaced.push(m.messageId);
      continue;
    }
    usedRows.add(row);
    // Anchors in order: after the subject's text, else beside the innermost element carrying the id, else the row.
    const subject = (subjectMarks(row, [m]).get(m.messageId) ?? [])[0];
    const marked = (byId.get(m.messageId) ?? []).filter((el) => el !== row && ancestors(el).includes(row)).sort((a, b) => ancestors(b).length - ancestors(a).length)[0];
    const inner = subject ?? marked;
    const anchor = inner ? outsideInteractive(inner, row) : { element: row, position: matchesSelector(row, 'interactive') ? ('after' as const) : ('append' as const) };
    // A shadow host shows none of its light children (no slot for ours): go beside it instead.
    if (anchor.position === 'append' && anchor.element.shadowRoot) anchor.position = 'after';
    placed.push({ messageId: m.messageId, row, anchor, by: byId.has(m.messageId) ? 'id' : 'subject' });
  }
  const list = placed.length > 1 ? commonAncestor(placed.map((p) => p.row)) : placed[0] ? parentOf(placed[0].row) ?? undefined : undefined;
  const listAnchor = list ?? queryAllDeep(root, 'main')[0];
  return { rows: placed, unplaced, ...(listAnchor ? { listAnchor } : {}) };
}

/** Where the open message's panels go: after the header of its subject heading, else after the heading, else at
 *  the top of the main region; undefined when none of them is on the page. */
export function placeOpenMessage(root: Document | ShadowRoot | Element, open: ListedMessage): { anchor: Element; position: 'after' | 'prepend'; by: 'heading' | 'id' | 'main' } | undefined {
  const subjects = new Set(Object.values(open.subject).filter((v): v is string => !!v).map(normalise));
  const heading = queryAllDeep(root, 'heading').find((h) => subjects.has(normalise(h.textContent ?? '')));
  if (heading) {
    const group = ancestors(heading).find((a) => a !== heading && matchesSelector(a, 'headingGroup'));
    // The app's banner is a header too: only a header around the heading alone is the message's own.
    const own = group && queryAllDeep(group, 'heading').length <= 2 && !matchesSelector(group, 'banner') ? group : undefined;
    return { anchor: own ?? heading, position: 'after', by: 'heading' };
  }
  const marked = idMarks(root, new Set([open.messageId])).get(open.messageId)?.find((el) => !matchesSelector(el, 'interactive'));
  if (marked) return { anchor: marked, position: 'prepend', by: 'id' };
  const main = queryAllDeep(root, 'main')[0];
  return main ? { anchor: main, position: 'prepend', by: 'main' } : undefined;
}

/** The company the app's banner shows (a CBE number with its check digits, and the text beside it), last resort. */
export function bannerCompany(root: Document | ShadowRoot | Element): { cbe: string; name?: string } | undefined {
  for (const banner of queryAllDeep(root, 'banner')) {
    const text = banner.textContent ?? '';
    for (const m of text.matchAll(/(?:BE\s?)?[01]\d{3}[.\s]?\d{3}[.\s]?\d{3}/g)) {
      const cbe = normaliseCbe(m[0]);
      if (!cbe) continue;
      // The element holding the number; its sibling text (when it is short) is the company's name.
      const holder = [...banner.querySelectorAll('*')].reverse().find((e) => (e.textContent ?? '').includes(m[0]));
      const group = holder ? parentOf(holder) : null;
      const name = group && group !== banner ? [...group.children].filter((c) => c !== holder && !(c.textContent ?? '').includes(m[0])).map((c) => c.textContent?.trim()).find((t) => t && t.length < 120) : undefined;
      return { cbe, ...(name ? { name } : {}) };
    }
  }
  return undefined;
}
