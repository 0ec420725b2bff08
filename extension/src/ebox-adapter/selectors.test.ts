// The adapter's selectors and placement on pages recorded from the sandbox e-Box in its three markups
// (fixtures/record-fixtures.ts), fed with the registry answers the app got for them: every selector matches as many
// elements as selectors.ts says, and every listed message's row is found, in each markup, by id or by subject.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { normaliseMessage, normaliseMessagePage } from '../../../shared/ebox/normalise.ts';
import { bannerCompany, placeList, placeOpenMessage, type ListedMessage } from './placement.ts';
import { matchesSelector, queryAllDeep, searchRoots, SELECTORS, type RecordedPage, type SelectorName } from './selectors.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** A recorded page, its declarative shadow roots attached as the browser would. */
function load(name: RecordedPage | string): Document {
  const { document } = parseHTML(fixture(`${name}.html`));
  for (let t = document.querySelector('template[shadowrootmode]'); t; t = document.querySelector('template[shadowrootmode]')) {
    const host = t.parentElement!;
    const root = host.attachShadow({ mode: 'open' });
    root.append(...(t as HTMLTemplateElement).content.childNodes);
    t.remove();
    // Templates nested in the new shadow root are found on the next turn of the loop through it.
    for (let inner = root.querySelector('template[shadowrootmode]'); inner; inner = root.querySelector('template[shadowrootmode]')) {
      const h = inner.parentElement!;
      const r = h.attachShadow({ mode: 'open' });
      r.append(...(inner as HTMLTemplateElement).content.childNodes);
      inner.remove();
    }
  }
  return document as unknown as Document;
}

const MARKUPS = ['table', 'grid', 'cards'] as const;
const PAGES: RecordedPage[] = MARKUPS.flatMap((m) => [`${m}-inbox`, `${m}-message`] as RecordedPage[]);
const listed: ListedMessage[] = normaliseMessagePage(JSON.parse(fixture('inbox.json'))).messages.map((m) => ({ messageId: m.messageId, subject: m.subject, receiptDate: m.receiptDate }));
const open = normaliseMessage(JSON.parse(fixture('message.json')));

describe('selectors: expected match counts on every recorded page', () => {
  for (const page of PAGES) {
    it(page, () => {
      const doc = load(page);
      const counts = Object.fromEntries((Object.keys(SELECTORS) as SelectorName[]).map((name) => [name, queryAllDeep(doc, name).length]));
      expect(counts).toEqual(Object.fromEntries((Object.keys(SELECTORS) as SelectorName[]).map((name) => [name, SELECTORS[name].expected[page]])));
    });
  }
});

describe('placement of the listed messages, whatever the markup', () => {
  it.each(MARKUPS)('%s: every one of the 25 listed messages gets its own row, and the list bar an anchor around them', (markup) => {
    const doc = load(`${markup}-inbox`);
    const p = placeList(doc, listed);
    expect(listed).toHaveLength(25);
    expect(p.unplaced).toEqual([]);
    expect(p.rows.map((r) => r.messageId)).toEqual(listed.map((m) => m.messageId));
    // The table and the grid carry ids (an attribute, a link's href); the cards carry none: subjects find them.
    expect(new Set(p.rows.map((r) => r.by))).toEqual(new Set([markup === 'cards' ? 'subject' : 'id']));
    expect(new Set(p.rows.map((r) => r.row)).size).toBe(25);
    for (const [i, r] of p.rows.entries()) {
      // A row shows its own subject and no other listed message's.
      const text = searchRoots(r.row).map((root) => [...root.childNodes].map((n) => n.textContent).join(' ')).join(' ');
      expect(text).toContain(listed[i]!.subject.fr);
      for (const other of listed) if (other.messageId !== r.messageId && other.subject.fr !== listed[i]!.subject.fr) expect(text).not.toContain(other.subject.fr);
      // Chips never go inside a link or a button (a click there would open the message).
      let el: Element | null = r.anchor.element;
      while (el && el !== r.row) {
        if (r.anchor.position === 'append') expect(matchesSelector(el, 'interactive')).toBe(false);
        el = el.parentElement;
      }
    }
    expect(p.listAnchor).toBeDefined();
  });

  it('a page without the listed messages places nothing, and says which', () => {
    expect(placeList(parseHTML('<html><body><p>x</p></body></html>').document as unknown as Document, listed)).toEqual({ rows: [], unplaced: listed.map((m) => m.messageId) });
  });

  it('two messages with the same subject are told apart by the date their rows show', () => {
    const doc = parseHTML(`<html><body><main><ul>
      <li><span>Avis</span> <small>02/11/2026</small></li>
      <li><span>Avis</span> <small>01/11/2026</small></li>
    </ul></main></body></html>`).document as unknown as Document;
    const p = placeList(doc, [
      { messageId: 'a', subject: { fr: 'Avis' }, receiptDate: '2026-11-01T10:00:00+01:00' },
      { messageId: 'b', subject: { fr: 'Avis' }, receiptDate: '2026-11-02T10:00:00+01:00' },
    ]);
    expect(p.rows.map((r) => [r.messageId, r.row.textContent?.trim().slice(-10)])).toEqual([
      ['a', '01/11/2026'],
      ['b', '02/11/2026'],
    ]);
  });
});

describe('placement of the open message', () => {
  it.each(MARKUPS)('%s: after the header of its subject heading', (markup) => {
    const place = placeOpenMessage(load(`${markup}-message`), { messageId: open.messageId, subject: open.subject, receiptDate: open.receiptDate });
    expect(place?.by).toBe('heading');
    expect(place?.position).toBe('after');
    expect(`${place!.anchor.textContent}`).toContain(open.subject.fr);
    expect(matchesSelector(place!.anchor, 'banner')).toBe(false);
  });

  it('without a heading of that subject: the main region, else nothing', () => {
    const other = { messageId: 'zz', subject: { fr: 'Pas sur cette page' }, receiptDate: open.receiptDate };
    expect(placeOpenMessage(load('grid-message'), other)?.by).toBe('main');
    expect(placeOpenMessage(parseHTML('<html><body><div>x</div></body></html>').document as unknown as Document, other)).toBeUndefined();
  });
});

describe('the company from the banner, the last resort', () => {
  it.each(MARKUPS)('%s: the CBE number the header shows, with its name', (markup) => {
    expect(bannerCompany(load(`${markup}-inbox`))).toEqual({ cbe: '0412345614', name: 'Boulangerie François Dupont SRL' });
  });
  it('a number whose check digits do not add up is no company', () => {
    expect(bannerCompany(parseHTML('<html><body><header>N° 0412.345.615</header></body></html>').document as unknown as Document)).toBeUndefined();
  });
});
