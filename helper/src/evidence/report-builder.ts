// Collects check outcomes in the fixed CHECK_IDS order and folds them into an EN 319 102-1 indication: the first
// failed check whose sub-indication means TOTAL_FAILED decides; failing that, the first INDETERMINATE one.
import {
  CHECK_IDS,
  INDICATION_OF,
  type Check,
  type CheckId,
  type Indication,
  type SubIndication,
} from '../../../shared/evidence/report.ts';

export class ReportBuilder {
  private readonly checks = new Map<CheckId, Check>();

  pass(id: CheckId, detail: string): void {
    this.checks.set(id, { id, outcome: 'PASSED', detail });
  }

  fail(id: CheckId, subIndication: SubIndication, detail: string): void {
    this.checks.set(id, { id, outcome: 'FAILED', subIndication, detail });
  }

  skip(id: CheckId, detail: string): void {
    this.checks.set(id, { id, outcome: 'NOT_CHECKED', detail });
  }

  failed(id: CheckId): boolean {
    return this.checks.get(id)?.outcome === 'FAILED';
  }

  /** Every check in order; those never reached are NOT_CHECKED with `reason`. */
  finish(reason: string): { checks: Check[]; indication: Indication; subIndication?: SubIndication } {
    const checks = CHECK_IDS.map((id) => this.checks.get(id) ?? { id, outcome: 'NOT_CHECKED' as const, detail: reason });
    const failures = checks.filter((c) => c.outcome === 'FAILED');
    const decisive =
      failures.find((c) => INDICATION_OF[c.subIndication!] === 'TOTAL_FAILED') ??
      failures.find((c) => INDICATION_OF[c.subIndication!] === 'INDETERMINATE');
    if (decisive === undefined) return { checks, indication: 'TOTAL_PASSED' };
    return { checks, indication: INDICATION_OF[decisive.subIndication!], subIndication: decisive.subIndication };
  }
}
