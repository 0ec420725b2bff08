// Sliding-window limits on failed attempts (pairing codes), per caller: with 8 characters from 32 symbols, 5
// failures a minute per caller and a ceiling over callers not yet paired, guessing a code within its 10-minute
// life is out of reach, and a local process spamming wrong codes, under one name or many, does not lock the real
// extension out.
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
 * One window per caller, plus a ceiling on the failures of callers not yet paired, which bounds guessing by a
 * caller inventing new names. The ceiling never locks out the real extension: a caller already paired (the
 * extension pairing again) is not held to it, and past it a code is still checked, so whoever holds the right
 * code pairs while wrong codes are answered 429. Guessing past the ceiling then needs a new invented caller every
 * `perCaller` attempts and is paced by how fast the helper answers (about 500 a second measured in-process on a
 * shared 2-core machine): even at 5,000 a second, a code's 10 minutes give below 1 chance in 300,000 against 32^8
 * codes, and the console says a flood is under way.
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

  /** Milliseconds until this caller may try again (its own window only), 0 when it may now. */
  retryAfter(caller: string, now = Date.now()): number {
    return this.callers.get(caller)?.retryAfter(now) ?? 0;
  }

  /** Milliseconds until unpaired callers' wrong codes are answered 401 again rather than 429; 0 below the ceiling. */
  ceilingRetryAfter(now = Date.now()): number {
    return this.all.retryAfter(now);
  }

  /** Counts a wrong code against the caller, and against the ceiling unless the caller is already paired. */
  fail(caller: string, paired: boolean, now = Date.now()): void {
    let limit = this.callers.get(caller);
    if (!limit) {
      // Callers with nothing left in their window are dropped, so invented names cannot grow the map for long.
      for (const [name, l] of this.callers) if (l.idle(now)) this.callers.delete(name);
      limit = new FailureRateLimit(this.perCaller, this.windowMs);
      this.callers.set(caller, limit);
    }
    limit.fail(now);
    if (!paired) this.all.fail(now);
  }
}
