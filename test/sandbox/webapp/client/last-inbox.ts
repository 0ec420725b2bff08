// "Back to the list" returns to the page, filters and sort the user came from.
let last = '/inbox';

export function rememberInbox(href: string): void {
  last = href;
}

export function lastInboxHref(): string {
  return last;
}
