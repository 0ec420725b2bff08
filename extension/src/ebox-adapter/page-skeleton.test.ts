// The diagnostics report's page skeleton: the structure of a recorded page (through shadow roots), and none of its
// text, names, numbers or message ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pageSkeleton } from './page-skeleton.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

function load(name: string): Document {
  const { document } = parseHTML(fixture(name));
  for (let t = document.querySelector('template[shadowrootmode]'); t; t = document.querySelector('template[shadowrootmode]')) {
    const root = t.parentElement!.attachShadow({ mode: 'open' });
    root.append(...(t as HTMLTemplateElement).content.childNodes);
    t.remove();
  }
  return document as unknown as Document;
}

describe('page skeleton', () => {
  it.each(['table-inbox.html', 'grid-inbox.html', 'cards-inbox.html'])('%s: tags, classes and roles; no text, no ids, no company', (name) => {
    const skeleton = pageSkeleton(load(name));
    const list = JSON.parse(fixture('inbox.json')) as { items: { messageId: string; subject: { fr: string } }[] };
    for (const m of list.items) {
      expect(skeleton).not.toContain(m.messageId);
      expect(skeleton).not.toContain(m.subject.fr);
    }
    expect(skeleton).not.toMatch(/0412|Boulangerie|Dupont/);
    expect(skeleton).toMatch(/^\s*main\.inbox/m);
    if (name.startsWith('cards')) expect(skeleton).toMatch(/ebx-message-card\n\s+#shadow-root\n\s+div\.card/);
    if (name.startsWith('grid')) expect(skeleton).toContain('div.mail-grid__row[role=row]');
  });
});
