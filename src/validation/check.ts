/**
 * A validation check compares one simulated quantity with its theoretical value, using the
 * replications' own confidence interval as the tolerance:
 *
 *   dᵢ = simulatedᵢ − theoryᵢ for each replication i (theory is a constant from a closed form,
 *   or, for identities such as Little's law, the right-hand side in the same replication);
 *   PASS when |mean(d)| ≤ halfWidth(d) + allowance, at confidence CONFIDENCE (Student t, n − 1 df).
 *
 * The allowance is 0 except where a known, bounded systematic term exists (Little's law over a
 * finite window); every allowance states its reason. A check also promises a precision: an
 * interval wider than `precision` × |theory| could not tell a right engine from a wrong one, so
 * it is reported as WIDE (inconclusive) rather than PASS.
 */
import { confidenceInterval } from '../experiment/stats.ts';

/** Confidence level of every validation interval: 99.9% keeps false failures rare over ~70 checks. */
export const CONFIDENCE = 0.999;

/** One replication's results, by KPI name and series. */
export interface ReplicationView {
  /** KPI value of this replication (`fillRate`, `site.dc.avgOnHand`, `segment.x.orders`, ...). */
  kpi(name: string): number;
  /** Values of a sampled series (e.g. `onHand.dcs`) at sample times ≥ `from` [days]. */
  samples(series: string, from: number): Float64Array;
}

/** Mean over replications of a per-replication expression (NaN values skipped). */
export type MeanOf = (f: (r: ReplicationView) => number) => number;

export interface Check {
  /** What is compared, e.g. "fill rate" or "E[on-hand]". */
  quantity: string;
  /** Where the simulated value comes from, e.g. `fillRate` or `1 − readyRate`. */
  kpi: string;
  /** The simulated value in one replication. */
  simulated: (r: ReplicationView) => number;
  /** The closed-form value, or an identity's right-hand side in one replication. */
  theory: number | ((r: ReplicationView) => number);
  /** Largest acceptable CI half-width relative to |theory| (e.g. 0.01 for a fill rate). */
  precision: number;
  /** Known bounded systematic term [unit of the quantity], from replication means. */
  allowance?: (mean: MeanOf) => number;
  /** Why there is an allowance (printed with the result). */
  allowanceReason?: string;
}

export type CheckStatus = 'PASS' | 'FAIL' | 'WIDE';

export interface CheckResult {
  quantity: string;
  kpi: string;
  /** Theoretical value (mean over replications for identities). */
  theory: number;
  /** Mean simulated value over replications. */
  simulated: number;
  /** CI of the simulated mean at CONFIDENCE (for identities: simulated ± half-width of d). */
  ciLow: number;
  ciHigh: number;
  halfWidth: number;
  /** halfWidth / |theory|. */
  relativeHalfWidth: number;
  allowance: number;
  allowanceReason?: string;
  precision: number;
  /** Replications with a defined value. */
  n: number;
  status: CheckStatus;
}

/** A check of KPI `kpi` against a constant theoretical value. */
export function kpiCheck(quantity: string, kpi: string, theory: number, precision: number): Check {
  return { quantity, kpi, simulated: (r) => r.kpi(kpi), theory, precision };
}

/** Evaluates one check over the replications. */
export function evaluate(check: Check, reps: readonly ReplicationView[], level = CONFIDENCE): CheckResult {
  const diffs: number[] = [];
  let simSum = 0;
  let theorySum = 0;
  for (const r of reps) {
    const sim = check.simulated(r);
    const th = typeof check.theory === 'number' ? check.theory : check.theory(r);
    if (!Number.isFinite(sim) || !Number.isFinite(th)) continue;
    diffs.push(sim - th);
    simSum += sim;
    theorySum += th;
  }
  const n = diffs.length;
  const simulated = n > 0 ? simSum / n : Number.NaN;
  const theory = typeof check.theory === 'number' ? check.theory : n > 0 ? theorySum / n : Number.NaN;
  const ci = confidenceInterval(diffs, level);
  const halfWidth = ci.halfWidth;
  const meanOf: MeanOf = (f) => {
    let s = 0;
    let k = 0;
    for (const r of reps) {
      const x = f(r);
      if (Number.isFinite(x)) {
        s += x;
        k++;
      }
    }
    return k > 0 ? s / k : Number.NaN;
  };
  const allowance = check.allowance ? check.allowance(meanOf) : 0;
  const relativeHalfWidth = halfWidth === 0 ? 0 : halfWidth / Math.abs(theory);
  // NaN anywhere (n < 2, an undefined theory) fails: a check that cannot be evaluated is no pass.
  // Rounding slack: a deterministic quantity (e.g. one order per review) has halfWidth 0.
  const rounding = 1e-12 * Math.max(1, Math.abs(theory));
  const agrees = Math.abs(ci.mean) <= halfWidth + allowance + rounding;
  const status: CheckStatus = !agrees ? 'FAIL' : relativeHalfWidth <= check.precision ? 'PASS' : 'WIDE';
  return {
    quantity: check.quantity,
    kpi: check.kpi,
    theory,
    simulated,
    ciLow: simulated - halfWidth,
    ciHigh: simulated + halfWidth,
    halfWidth,
    relativeHalfWidth,
    allowance,
    ...(check.allowanceReason !== undefined ? { allowanceReason: check.allowanceReason } : {}),
    precision: check.precision,
    n,
    status,
  };
}
