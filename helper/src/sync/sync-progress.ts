// The sync's progress on a terminal: one line redrawn at most ten times a second (documents done of those pending,
// bytes), nothing when the stream is not a terminal, so piped output and --json stay clean.
import type { WriteStream } from 'node:tty';
import type { SyncProgress } from './provider-sync.ts';

const WIDTH = 24;

export function syncProgressBar(out: NodeJS.WritableStream & Partial<Pick<WriteStream, 'isTTY' | 'columns'>>) {
  let last = 0;
  let drawn = false;
  return {
    update(p: SyncProgress): void {
      if (!out.isTTY) return;
      const now = performance.now();
      if (now - last < 100 && p.documentsDone < p.documentsTotal) return;
      last = now;
      const fraction = p.documentsTotal ? Math.min(1, p.documentsDone / p.documentsTotal) : 1;
      const filled = Math.round(fraction * WIDTH);
      const line = `${p.enterprise} ${new URL(p.provider).host}  [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${p.documentsDone}/${p.documentsTotal} documents  ${(p.bytes / 2 ** 20).toFixed(1)} MB`;
      out.write(`\r${line.slice(0, (out.columns ?? 100) - 1)}\u001b[K`);
      drawn = true;
    },
    done(): void {
      if (drawn) out.write('\r\u001b[K');
      drawn = false;
    },
  };
}
