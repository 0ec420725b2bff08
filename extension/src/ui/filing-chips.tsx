// The chips shown on an inbox row: archived mark, integrity warnings, labels (coloured, full path) and tags.
import type { Label } from '../archive/records.ts';
import { labelPaths } from '../archive/labels.ts';
import { t, tn } from '../i18n/i18n.ts';
import type { FilingView } from '../messaging/protocol.ts';

export function readableOn(color: string): string {
  const n = Number.parseInt(color.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? '#1f2328' : '#ffffff';
}

export function FilingChips({ filing, labels }: { filing: FilingView | undefined; labels: readonly Label[] }) {
  if (!filing) return null;
  const paths = labelPaths(labels);
  const byId = new Map(labels.map((l) => [l.id, l]));
  return (
    <>
      {filing.archived && <span class="chip archived" data-chip="archived">✓ {t('overlay_archived')}</span>}
      {filing.integrity === 'mismatch' && <span class="chip warn" data-chip="mismatch" title={t('overlay_mismatch')}>⚠ SHA-256</span>}
      {filing.missingDocuments > 0 && <span class="chip warn" data-chip="missing">{tn('overlay_missingDocs', filing.missingDocuments)}</span>}
      {filing.labels.map((id) => {
        const label = byId.get(id);
        if (!label) return null;
        return (
          <span class="chip label" data-chip="label" style={{ background: label.color, color: readableOn(label.color) }} title={paths.get(id)}>
            {paths.get(id)}
          </span>
        );
      })}
      {filing.tags.map((tag) => (
        <span class="chip tag" data-chip="tag">
          {tag}
        </span>
      ))}
    </>
  );
}
