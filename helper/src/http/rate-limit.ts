// Sliding-window limits on failed attempts (pairing codes), per caller: with 8 characters from 32 symbols, 5
// failures a minute per caller and a ceiling over all callers, guessing a code within its 10-minute life is out of
// reach, and a local process spamming wrong codes under its own name does not lock the real extension out.
export class FailureRateLimit {
  private readonly failures: number[] = [];
  readonly max: number;
  readonly windowMs: number;

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Milliseconds until another attempt is allowed, 0 when allowed now. */
  retryAfter(now = Date.now()): number {
    while (this.failures.length && this.failures[0]! <= now - this.windowMs) this.failures.shift();
    return this.failures.length >= this.max ? this.failures[0]! + this.windowMs - now : 0;
  }

  fail(now = Date.now()): void {
    this.failures.push(now);
  }

  /** True when no failure is left in the window (the caller can be forgotten). */
  idle(now = Date.now()): boolean {
    return this.retryAfter(now) === 0 && this.failures.length === 0;
  }
}

/**
 * One window per caller, plus a ceiling on all callers together that bounds guessing by a caller inventing new
 * names. The ceiling is far above what one person mistyping reaches, so only a sustained flood of invented
 * callers reaches it.
 */
export class PerCallerFailureLimit {
  private readonly callers = new Map<string, FailureRateLimit>();
  private readonly all: FailureRateLimit;
  readonly perCaller: number;
  readonly windowMs: number;

  constructor(perCaller: number, windowMs: number, ceiling: number, ceilingWindowMs: number) {
    this.perCaller = perCaller;
    this.windowMs = windowMs;
    this.all = new FailureRateLimit(ceiling, ceilingWindowMs);
  }

  retryAfter(caller: string, now = Date.now()): number {
    return Math.max(this.callers.get(caller)?.retryAfter(now) ?? 0, this.all.retryAfter(now));
  }

  fail(caller: string, now = Date.now()): void {
    let limit = this.callers.get(caller);
    if (!limit) {
      // Callers with nothing left in their window are dropped, so invented names cannot grow the map for long.
      for (const [name, l] of this.callers) if (l.idle(now)) this.callers.delete(name);
      limit = new FailureRateLimit(this.perCaller, this.windowMs);
      this.callers.set(caller, limit);
    }
    limit.fail(now);
    this.all.fail(now);
  }
}
