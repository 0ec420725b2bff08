// A sliding-window limit on failed attempts (pairing codes): with 8 characters from 32 symbols and 5 failures a
// minute, guessing a code within its 10-minute life is out of reach.
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
}
