// What the auditor reads on report.pdf about how the messages were chosen: "12 messages selected on the archive
// page", or the archive page's filter in words. English, as the rest of report.pdf.

export interface FilterWords {
  text?: string;
  sender?: string;
  type?: string;
  label?: string;
  tag?: string;
  registered?: boolean;
  archived?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  expiresFrom?: string;
  expiresTo?: string;
}

const range = (what: string, from?: string, to?: string) =>
  from && to ? `${what} ${from}..${to}` : from ? `${what} from ${from}` : to ? `${what} until ${to}` : '';

export function selectionWords(count: number, how: { selected: true } | { filter: FilterWords }): string {
  if ('selected' in how) return `${count} ${count === 1 ? 'message' : 'messages'} selected on the archive page`;
  const f = how.filter;
  const parts = [
    f.text ? `search "${f.text}"` : '',
    f.sender ? `sender ${f.sender}` : '',
    f.type ? `type ${f.type}` : '',
    f.label ? `label ${f.label}` : '',
    f.tag ? `tag #${f.tag}` : '',
    f.registered === undefined ? '' : f.registered ? 'registered mail' : 'not registered',
    f.archived === undefined ? '' : f.archived ? 'archived' : 'seen, not archived',
    range('received', f.receivedFrom, f.receivedTo),
    range('expiring', f.expiresFrom, f.expiresTo),
  ].filter(Boolean);
  const words = parts.length > 0 ? `archive page filter: ${parts.join(', ')}` : 'the whole archive';
  return `${count} ${count === 1 ? 'message' : 'messages'}, ${words}`.slice(0, 500);
}
