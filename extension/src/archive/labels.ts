// Nested, coloured labels. A label's full path ("Clients / ONSS / 2026") is what the user sees and searches.
import type { ArchiveDb } from './db.ts';
import { inScope, isCompanyScope } from './company-scope.ts';
import type { Label } from './records.ts';

const COLOR = /^#[0-9a-f]{6}$/i;

export class LabelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelError';
  }
}

/** A label in company `enterprise`'s label set (or ALL_COMPANIES'); nested labels stay in their parent's set. */
export async function createLabel(db: ArchiveDb, input: { name: string; color: string; parentId?: string; enterprise: string }): Promise<Label> {
  const name = input.name.trim();
  if (!name) throw new LabelError('A label needs a name');
  if (name.includes('/')) throw new LabelError('A label name cannot contain "/": nest it under a parent instead');
  if (!COLOR.test(input.color)) throw new LabelError(`Not a colour: ${input.color}`);
  if (!isCompanyScope(input.enterprise)) throw new LabelError(`Not a company: ${input.enterprise}`);
  return db.transaction('rw', db.labels, async () => {
    const parent = input.parentId ? await db.labels.get(input.parentId) : undefined;
    if (input.parentId && !parent) throw new LabelError(`Unknown parent label ${input.parentId}`);
    const enterprise = parent?.enterprise ?? input.enterprise;
    const siblings = await db.labels.filter((l) => (l.parentId ?? '') === (input.parentId ?? '') && l.enterprise === enterprise).toArray();
    if (siblings.some((l) => l.name.toLocaleLowerCase() === name.toLocaleLowerCase())) throw new LabelError(`Label "${name}" already exists here`);
    const label: Label = { id: crypto.randomUUID(), name, color: input.color, enterprise, ...(input.parentId ? { parentId: input.parentId } : {}) };
    await db.labels.add(label);
    return label;
  });
}

export async function recolourLabel(db: ArchiveDb, id: string, color: string): Promise<void> {
  if (!COLOR.test(color)) throw new LabelError(`Not a colour: ${color}`);
  if (!(await db.labels.update(id, { color }))) throw new LabelError(`Unknown label ${id}`);
}

/** Deletes a label: its children move up to its parent, and messages lose it. */
export async function deleteLabel(db: ArchiveDb, id: string): Promise<void> {
  await db.transaction('rw', db.labels, db.messages, async () => {
    const label = await db.labels.get(id);
    if (!label) return;
    const children = await db.labels.where('parentId').equals(id).toArray();
    for (const child of children) {
      const { parentId: _old, ...rest } = child;
      await db.labels.put(label.parentId ? { ...rest, parentId: label.parentId } : rest);
    }
    await db.messages.where('labels').equals(id).modify((m) => {
      m.labels = m.labels.filter((l) => l !== id);
    });
    await db.labels.delete(id);
  });
}

/** Full paths by id, e.g. "Clients / ONSS". Cycles (from a bad import) are cut rather than looped on. */
export function labelPaths(labels: readonly Label[]): Map<string, string> {
  const byId = new Map(labels.map((l) => [l.id, l]));
  const paths = new Map<string, string>();
  for (const label of labels) {
    const parts: string[] = [];
    const visited = new Set<string>();
    for (let l: Label | undefined = label; l && !visited.has(l.id); l = l.parentId ? byId.get(l.parentId) : undefined) {
      visited.add(l.id);
      parts.unshift(l.name);
    }
    paths.set(label.id, parts.join(' / '));
  }
  return paths;
}

/** The labels a company's mail may carry: its own and those shared by every company. */
export function labelsOf(labels: readonly Label[], company: string): Label[] {
  return labels.filter((l) => inScope(l.enterprise, company) || inScope(company, l.enterprise));
}
