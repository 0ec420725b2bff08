// Every selector the extension uses on an e-Box page, in one place (refined-github's selectors.ts). None of them
// says what a message is or which one: that comes from the registry traffic (page-facts.ts). They only help to
// find where to show things, each as alternatives tried in order, and each with the number of matches it is
// expected to have on the recorded pages of every markup (fixtures/, checked by selectors.test.ts).
// The page's markup is unknown; when a real page is recorded, add its fixture and its expected counts here.

/** A company as the extension last saw it (kept for the bundles' report; the model is shared/ebox/enterprise.ts). */
export interface EboxCompany {
  name?: string;
  /** CBE/KBO number, digits only. */
  cbe?: string;
}

/** A recorded page: the sandbox's three markups, inbox and message view (fixtures/<name>.html). */
export type RecordedPage = 'table-inbox' | 'table-message' | 'grid-inbox' | 'grid-message' | 'cards-inbox' | 'cards-message';

export interface PageSelector {
  css: string;
  /** What it finds, and why the extension needs it. */
  purpose: string;
  /** Matches on each recorded page, counted through open shadow roots. */
  expected: Record<RecordedPage, number>;
}

function selector(css: string, purpose: string, expected: Record<RecordedPage, number>): PageSelector {
  return { css, purpose, expected };
}

export const SELECTORS = {
  /** Anything that navigates or acts: chips never go inside one (a click inside a link follows it). */
  interactive: selector('a[href], button, [role=link], [role=button], summary', 'elements whose click the app handles',
    { 'table-inbox': 42, 'table-message': 11, 'grid-inbox': 38, 'grid-message': 10, 'cards-inbox': 13, 'cards-message': 10 }),
  /** Headings: the open message's subject is one of them; the filing panel goes after its header. */
  heading: selector('h1, h2, h3, [role=heading]', 'headings, one of which shows the open message subject',
    { 'table-inbox': 2, 'table-message': 4, 'grid-inbox': 2, 'grid-message': 1, 'cards-inbox': 27, 'cards-message': 1 }),
  /** The header around the open message's heading, when there is one (the panel goes after it). */
  headingGroup: selector('header, hgroup', 'a heading group around the subject heading',
    { 'table-inbox': 1, 'table-message': 2, 'grid-inbox': 1, 'grid-message': 1, 'cards-inbox': 1, 'cards-message': 1 }),
  /** The page's main region: a fallback anchor when no heading or row can be found. */
  main: selector('main, [role=main]', 'the main region of the page',
    { 'table-inbox': 1, 'table-message': 1, 'grid-inbox': 1, 'grid-message': 1, 'cards-inbox': 1, 'cards-message': 1 }),
  /** Machine-readable dates: rows with the same subject are told apart by their receipt date. */
  time: selector('time[datetime]', 'dates with an ISO value',
    { 'table-inbox': 50, 'table-message': 2, 'grid-inbox': 25, 'grid-message': 0, 'cards-inbox': 0, 'cards-message': 0 }),
  /** The app's banner: the header text the company is read from, as a last resort. */
  banner: selector('header.app-header, [role=banner], body > header', 'the app banner (company name and number)',
    { 'table-inbox': 1, 'table-message': 1, 'grid-inbox': 1, 'grid-message': 1, 'cards-inbox': 1, 'cards-message': 1 }),
  /** Company choice links (real app: hrefs with selectEnterprise); followed, they name the company. */
  companyChoice: selector('a[href*="selectEnterprise" i]', 'company choice links',
    { 'table-inbox': 0, 'table-message': 0, 'grid-inbox': 0, 'grid-message': 0, 'cards-inbox': 0, 'cards-message': 0 }),
} as const;

export type SelectorName = keyof typeof SELECTORS;

/** Roots to search: the document and every open shadow root in it (web components keep their markup there). */
export function searchRoots(root: Document | ShadowRoot | Element): Array<Document | ShadowRoot | Element> {
  const own = 'shadowRoot' in root && root.shadowRoot ? [root.shadowRoot] : [];
  const out: Array<Document | ShadowRoot | Element> = [root, ...own];
  for (let i = 0; i < out.length; i++) {
    for (const el of out[i]!.querySelectorAll('*')) if (el.shadowRoot) out.push(el.shadowRoot);
  }
  return out;
}

/** Every match of a selector, through open shadow roots. */
export function queryAllDeep(root: Document | ShadowRoot | Element, name: SelectorName): Element[] {
  return searchRoots(root).flatMap((r) => [...r.querySelectorAll(SELECTORS[name].css)]);
}

export function matchesSelector(el: Element, name: SelectorName): boolean {
  return el.matches(SELECTORS[name].css);
}

/** Every element, through open shadow roots, in document order within each root. */
export function allElements(root: Document | ShadowRoot | Element): Element[] {
  return searchRoots(root).flatMap((r) => [...r.querySelectorAll('*')]);
}
