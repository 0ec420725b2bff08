// Which Message Registry call a URL is. The registry is a federation of providers, each with its own base URL
// (production: https://services.socialsecurity.be/REST/ebox/enterprise/messageRegistry/v2); the base is whatever
// precedes the contract's own paths.
export type RegistryCall =
  | { kind: 'messages'; base: string; url: string }
  | { kind: 'message'; base: string; messageId: string }
  | { kind: 'attachment-content'; base: string; messageId: string; attachmentId: string }
  | { kind: 'body'; base: string; messageId: string }
  | { kind: 'reference'; base: string; what: 'messageTypes' | 'senderOrganizations' | 'senderApplications'; id?: string };

const MESSAGES = /^(.*?)\/ebox\/messages\/?$/;
const MESSAGE = /^(.*?)\/ebox\/messages\/([^/]+)\/?$/;
const BODY = /^(.*?)\/ebox\/messages\/([^/]+)\/body\/?$/;
const CONTENT = /^(.*?)\/ebox\/messages\/([^/]+)\/attachments\/([^/]+)\/content\/?$/;
const REFERENCE = /^(.*?)\/(?:referenceData|refData)\/(messageTypes|senderOrganizations|senderApplications)(?:\/([^/]+))?\/?$/;

export function classifyRegistryUrl(raw: string, pageUrl?: string): RegistryCall | undefined {
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname;
  const at = (prefix: string) => url.origin + prefix;
  let m: RegExpMatchArray | null;
  if ((m = path.match(MESSAGES))) return { kind: 'messages', base: at(m[1]!), url: url.href };
  if ((m = path.match(CONTENT))) return { kind: 'attachment-content', base: at(m[1]!), messageId: decodeURIComponent(m[2]!), attachmentId: decodeURIComponent(m[3]!) };
  if ((m = path.match(BODY))) return { kind: 'body', base: at(m[1]!), messageId: decodeURIComponent(m[2]!) };
  if ((m = path.match(MESSAGE))) return { kind: 'message', base: at(m[1]!), messageId: decodeURIComponent(m[2]!) };
  if ((m = path.match(REFERENCE))) {
    const what = m[2] as 'messageTypes' | 'senderOrganizations' | 'senderApplications';
    return { kind: 'reference', base: at(m[1]!), what, ...(m[3] && !/^images?$/.test(m[3]) ? { id: decodeURIComponent(m[3]) } : {}) };
  }
  return undefined;
}

/** The content URL of a document: the registry's contentHref when it gave one, else the contract's path. */
export function documentUrl(base: string, messageId: string, attachmentId: string, contentHref?: string): string {
  if (contentHref) return new URL(contentHref, base.endsWith('/') ? base : `${base}/`).href;
  return `${base}/ebox/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}/content`;
}

/** A list URL with its paging replaced, for walking "everything matching the current filter". */
export function listPageUrl(listUrl: string, page: number, pageSize = 100): string {
  const url = new URL(listUrl);
  url.searchParams.set('page', String(page));
  url.searchParams.set('pageSize', String(pageSize));
  return url.href;
}
