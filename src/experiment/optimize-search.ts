/**
 * The parts of `optimize` that do not assume service rises with the levers: the monotonicity
 * check run on every evaluation, and the fallback search used once the check fails (or when
 * the top of every lever misses the target, where a monotone response would be infeasible).
 *
 * Monotonicity check. Two evaluated points on one lever's line (all other levers equal), a
 * below b: the assumption fails when some constrained KPI is worse at b than at a by more
 * than noise — the paired worsening (a − b for a `>=` KPI, b − a for a `<=` one, replication
 * by replication: both ran on the same random numbers) has its interval wholly above MIN_DROP. Sample paths of a
 * monotone system under common random numbers rarely invert, and never by a significant
 * margin, so a significant drop is evidence of a response like a perishable's (more stock,
 * more expiry, lower service), on which bisection would be wrong.
 *
 * Fallback search, bracketed by the levers' ranges:
 * - grid: when every grid point fits in the remaining budget, evaluate them all and take the
 *   cheapest feasible one (exact on the grid, for these replications);
 * - pattern: otherwise, a coarse grid (an equal number of evenly spaced values per lever, as
 *   many as half the remaining budget allows), then a compass search from its best point:
 *   poll x ± h on each lever, move to the first cheaper feasible neighbour (or, while x is
 *   infeasible, to one with more slack), halve h when no neighbour improves; stop after h = 1
 *   (a local optimum on the grid) or when the budget is spent.
 */
import type { KpiStat, ReplicationVectors } from './results.ts';
import { kpiStat } from './results.ts';
import { kpiColumn } from './variants.ts';
import type { Scenario } from '../scenario/schema.ts';

/** A constrained KPI at one point. */
export interface ServiceCheck {
  kpi: string;
  /** `>=`: the KPI must reach the target (service); `<=`: it must not exceed it (backorders, lead time). */
  op: '>=' | '<=';
  target: number;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  met: boolean;
}

/** One evaluated point (x: grid indices, one per lever). */
export interface Evaluated {
  x: number[];
  scenario: Scenario;
  vectors: ReplicationVectors;
  cost: KpiStat;
  checks: ServiceCheck[];
  feasible: boolean;
}

/** Evidence that service fell as a lever rose. */
export interface MonotonicityViolation {
  lever: string;
  /** Lever values: lower, higher. */
  lower: number;
  higher: number;
  kpi: string;
  /** Mean KPI at the lower and at the higher value. */
  atLower: number;
  atHigher: number;
  /** Confidence interval of the paired worsening (lower − higher for `>=` KPIs, higher − lower for `<=`). */
  dropCiLow: number;
  dropCiHigh: number;
}

/** Which search produced the answer, and why. */
export interface SearchReport {
  method: 'bisection' | 'grid' | 'pattern';
  /** held: no evaluated pair contradicted the monotonicity assumption. */
  monotonicity: 'held' | 'violated';
  violation: MonotonicityViolation | null;
  /** Probes evaluated when the top of every lever missed the target. */
  probes: number;
}

/** Smallest drop in a service KPI [fraction] taken as a violation (0.1 percentage point). */
export const MIN_DROP = 0.001;

/** The monotonicity violation between a and b, if they share a line and the data show one. */
export function violationBetween(
  a: Evaluated,
  b: Evaluated,
  levers: ReadonlyArray<{ path: string; values: number[] }>,
  level: number,
): MonotonicityViolation | null {
  let k = -1;
  for (let i = 0; i < a.x.length; i++)
    if (a.x[i] !== b.x[i]) {
      if (k >= 0) return null;
      k = i;
    }
  if (k < 0) return null;
  const [lo, hi] = a.x[k]! < b.x[k]! ? [a, b] : [b, a];
  for (let c = 0; c < lo.checks.length; c++) {
    const kpi = lo.checks[c]!.kpi;
    const u = kpiColumn(lo.vectors, kpi);
    const v = kpiColumn(hi.vectors, kpi);
    const d: number[] = [];
    // The worsening as the lever rises: service lower, or a `<=` KPI (backorders) higher.
    const sign = lo.checks[c]!.op === '>=' ? 1 : -1;
    for (let r = 0; r < Math.min(u.length, v.length); r++) if (Number.isFinite(u[r]!) && Number.isFinite(v[r]!)) d.push(sign * (u[r]! - v[r]!));
    if (d.length < 2) continue;
    const s = kpiStat(d, level, []);
    if (s.ciLow !== null && s.ciLow > MIN_DROP)
      return {
        lever: levers[k]!.path,
        lower: levers[k]!.values[lo.x[k]!]!,
        higher: levers[k]!.values[hi.x[k]!]!,
        kpi,
        atLower: lo.checks[c]!.mean ?? NaN,
        atHigher: hi.checks[c]!.mean ?? NaN,
        dropCiLow: s.ciLow,
        dropCiHigh: s.ciHigh!,
      };
  }
  return null;
}

/**
 * Slack of one check: how far it is on the good side of its target (negative: missed). The
 * value is the mean, or with verify `ciLow` the interval's cautious end (the low end for `>=`,
 * the high end for `<=`). Null when the KPI had no value.
 */
export function checkSlack(c: ServiceCheck, verify: 'mean' | 'ciLow'): number | null {
  const x = verify === 'mean' ? c.mean : c.op === '>=' ? c.ciLow : c.ciHigh;
  if (x === null) return null;
  return c.op === '>=' ? x - c.target : c.target - x;
}

/** Slack of the tightest constraint. */
export function slack(e: Evaluated, verify: 'mean' | 'ciLow'): number {
  let out = Infinity;
  for (const c of e.checks) {
    const x = checkSlack(c, verify);
    if (x !== null) out = Math.min(out, x);
  }
  return out;
}

/** True when a is a better answer than b: feasible and cheaper, or (both infeasible) more slack. */
export function better(a: Evaluated, b: Evaluated | null, verify: 'mean' | 'ciLow'): boolean {
  if (b === null) return true;
  if (a.feasible !== b.feasible) return a.feasible;
  if (a.feasible) return (a.cost.mean ?? Infinity) < (b.cost.mean ?? Infinity);
  return slack(a, verify) > slack(b, verify);
}

/** The indices of m evenly spaced values of a grid of n (both ends included). */
export function evenIndices(n: number, m: number): number[] {
  if (m >= n) return Array.from({ length: n }, (_, i) => i);
  if (m <= 1) return [n - 1];
  return [...new Set(Array.from({ length: m }, (_, j) => Math.round((j * (n - 1)) / (m - 1))))];
}

/** Every combination of per-lever index lists, the last lever varying fastest. */
export function product(axes: number[][]): number[][] {
  let out: number[][] = [[]];
  for (const axis of axes) out = out.flatMap((p) => axis.map((i) => [...p, i]));
  return out;
}

/**
 * The fallback search (see the file comment). `evaluate` caches by point and throws when the
 * budget is spent; `remaining` is the budget left when the fallback starts.
 */
export async function fallbackSearch(
  sizes: readonly number[],
  remaining: number,
  evaluate: (x: number[]) => Promise<Evaluated>,
  start: Evaluated,
  verify: 'mean' | 'ciLow',
): Promise<{ method: 'grid' | 'pattern'; best: Evaluated }> {
  const total = sizes.reduce((a, n) => a * n, 1);
  let best: Evaluated = start;
  const consider = (e: Evaluated) => {
    if (better(e, best, verify)) best = e;
  };
  if (total <= remaining) {
    for (const x of product(sizes.map((n) => evenIndices(n, n)))) consider(await evaluate(x));
    return { method: 'grid', best };
  }
  const perLever = Math.max(2, Math.floor(Math.pow(remaining / 2, 1 / sizes.length)));
  for (const x of product(sizes.map((n) => evenIndices(n, perLever)))) consider(await evaluate(x));
  let h = Math.max(1, 2 ** Math.floor(Math.log2(Math.max(...sizes) / perLever)));
  for (;;) {
    let moved = false;
    for (let k = 0; k < sizes.length && !moved; k++)
      for (const dir of [-1, 1]) {
        const i = best.x[k]! + dir * h;
        if (i < 0 || i >= sizes[k]!) continue;
        const y = [...best.x];
        y[k] = i;
        const e = await evaluate(y);
        if (better(e, best, verify)) {
          best = e;
          moved = true;
          break;
        }
      }
    if (moved) continue;
    if (h === 1) break;
    h = Math.max(1, Math.floor(h / 2));
  }
  return { method: 'pattern', best };
}

/** The check with the least slack (mean or CI low, per `verify`, minus the target). */
export function tightest(checks: ServiceCheck[], p: { verify: 'mean' | 'ciLow' }): ServiceCheck | null {
  let out: ServiceCheck | null = null;
  let slack = Infinity;
  for (const c of checks) {
    const x = checkSlack(c, p.verify);
    if (x !== null && x < slack) {
      slack = x;
      out = c;
    }
  }
  return out;
}
