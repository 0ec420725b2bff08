// Every fragile selector of the e-Box web app, in one place. Each names the page it is for and what it finds;
// test/fixtures pages recorded from the sandbox check them (selectors.test.ts).
//
// Sandbox markup contract (test/sandbox/webapp): inbox rows are `tr.message-row[data-message-id]` with a
// `td.subject` cell; the message view is `article.message-view[data-message-id]` with a `header.message-header`.
export interface EboxCompany {
  name?: string;
  /** CBE/KBO number, digits only. */
  cbe?: string;
}

export const SELECTORS = {
  /** Inbox: one per message shown (page size 25 by default). */
  inboxRow: 'tr.message-row[data-message-id]',
  /** Inbox row: where the chips go (after the subject). */
  rowSubjectCell: 'td.subject',
  /** Inbox: the table the rows are in (the bulk bar goes above it). */
  inboxList: 'table.message-list',
  /** Message view: exactly one when a message is open. */
  messageView: 'article.message-view[data-message-id]',
  /** Message view: `data-registered` and `data-qualified` ("true"/"false") say which kind of registered mail it is. */
  registeredFlags: ['data-registered', 'data-qualified'],
  /** Message view: the "registered" line under the header; the proof panel goes after it. */
  registeredFlag: '.registered-flag',
  /** Message view: the filing panel goes after this header. */
  messageHeader: 'header.message-header',
  /** Header: the signed-in company, shown as "who archived" when the app shows no person. */
  companyName: '.app-header .company-name',
  companyCbe: '.app-header [data-company-cbe]',
  /** Header: the signed-in person, when the app shows one. */
  userName: '.app-header .user-name',
} as const;

export function inboxRows(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(SELECTORS.inboxRow)];
}

export function rowMessageId(row: Element): string | undefined {
  return (row as HTMLElement).dataset.messageId || undefined;
}

export function rowChipAnchor(row: Element): Element {
  return row.querySelector(SELECTORS.rowSubjectCell) ?? row;
}

export function inboxList(root: ParentNode): Element | null {
  return root.querySelector(SELECTORS.inboxList);
}

export function openMessage(root: ParentNode): { element: HTMLElement; messageId: string; anchor: Element } | undefined {
  const element = root.querySelector<HTMLElement>(SELECTORS.messageView);
  const messageId = element?.dataset.messageId;
  if (!element || !messageId) return undefined;
  return { element, messageId, anchor: element.querySelector(SELECTORS.messageHeader) ?? element };
}

/** The company whose e-Box is open, as the header shows it; undefined before the app shows one. */
export function signedInCompany(root: ParentNode): EboxCompany | undefined {
  const name = root.querySelector(SELECTORS.companyName)?.textContent?.trim() || undefined;
  const cbe = root.querySelector<HTMLElement>(SELECTORS.companyCbe)?.dataset.companyCbe?.replace(/\D/g, '') || undefined;
  return name || cbe ? { ...(name ? { name } : {}), ...(cbe ? { cbe } : {}) } : undefined;
}

/** Who is archiving: the person when the app shows one, else the company and its CBE number. */
export function currentUser(root: ParentNode): string {
  const person = root.querySelector(SELECTORS.userName)?.textContent?.trim();
  if (person) return person;
  const company = signedInCompany(root);
  return [company?.name, company?.cbe && `(${company.cbe})`].filter(Boolean).join(' ') || 'e-Box user';
}

/** The open message when it is registered mail: its kind as the app flags it, and where the proof panel goes. */
export function openRegisteredMessage(root: ParentNode): { messageId: string; kind: 'registered' | 'qualified'; anchor: Element } | undefined {
  const open = openMessage(root);
  if (!open) return undefined;
  const [registered, qualified] = SELECTORS.registeredFlags.map((a) => open.element.getAttribute(a) === 'true');
  if (!registered && !qualified) return undefined;
  return { messageId: open.messageId, kind: qualified ? 'qualified' : 'registered', anchor: open.element.querySelector(SELECTORS.registeredFlag) ?? open.anchor };
}
