// A one-line terminal progress bar for long exports and verifications: bar, percentage, bytes, throughput, ETA and
// a count. Redrawn at most ten times a second, only when the stream is a terminal; otherwise it prints nothing, so
// piped output and --json stay clean.
import type { WriteStream } from 'node:tty';

const WIDTH = 28;

function size(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} kB`;
}

export class ProgressBar {
  private readonly out: NodeJS.WritableStream & Partial<Pick<WriteStream, 'isTTY' | 'columns'>>;
  private readonly label: string;
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(out: NodeJS.WritableStream & Partial<Pick<WriteStream, 'isTTY' | 'columns'>>, label: string) {
    this.out = out;
    this.label = label;
  }

  /** `total` 0 when unknown: the bar then shows bytes and throughput only. */
  update(bytes: number, total: number, count: string, force = false): void {
    if (!this.out.isTTY) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? bytes / seconds : 0;
    const fraction = total > 0 ? Math.min(1, bytes / total) : 0;
    const filled = Math.round(fraction * WIDTH);
    const eta = total > 0 && rate > 0 ? `eta ${Math.max(0, Math.round((total - bytes) / rate))}s` : '';
    const bar = total > 0 ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%` : '';
    const line = [this.label, bar, total > 0 ? `${size(bytes)}/${size(total)}` : size(bytes), `${size(rate)}/s`, eta, count].filter(Boolean).join('  ');
    this.out.write(`\r${line.slice(0, (this.out.columns ?? 100) - 1)}\u001b[K`);
    this.drawn = true;
  }

  /** Clears the line so the next output starts clean. */
  done(): void {
    if (this.drawn) this.out.write('\r\u001b[K');
  }
}
