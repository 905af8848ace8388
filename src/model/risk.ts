/**
 * Risk KPIs of one replication: how much service a disruption costs and how long service takes
 * to come back.
 *
 * When a scenario declares disruptions, a daily tick (one event per day of the measured window,
 * nothing on the hot path) records the day's customer demand and units served from stock — as
 * differences of the segments' running counters — and the customer backorders at the end of the
 * day. At the end of the run:
 *
 * - **disruptionEvents**: disruption windows (all disruptions merged) that begin in the window;
 *   **disruptionDays**: time under at least one disruption [days].
 * - **the event** is the first of those windows, from its start to its end.
 * - **fillRateBeforeDisruption**: fill rate over the whole days before the event starts (the
 *   pre-event level); **fillRateDuringDisruption**: over the days touched by any disruption;
 *   **fillRateAfterDisruption**: over the `risk.afterDays` days after the event ends.
 * - **timeToRecover** [days]: the recovery KPI — the fill rate, or the mean end-of-day
 *   backorders, over the last `risk.smoothingDays` days (from the event's start on) — is
 *   followed from the start of the event to the start of the next one (or the end of the run).
 *   If it does not leave `risk.band` (relative) of its pre-event level during the event or the
 *   `risk.afterDays` after it, 0. Otherwise, from the end
 *   of the event to the start of the first day it is back within the band after leaving it
 *   (0 if that is before the event ends); if it is not back by the next event or the end of the
 *   run, the time until then (a censored value, so the mean is a lower bound).
 *
 * A KPI that does not apply (no event in the window, no day before it) is NaN.
 */
import type { SegmentState } from './segment.ts';
import type { Replication } from './replication.ts';

export class RiskTracker {
  /** Start of the window [days]; day k covers [from + k, from + k + 1). */
  readonly from: number;
  /** Days in the window (the last may be partial). */
  readonly days: number;
  /** Customer units demanded and served from stock per day [units]. */
  readonly demand: Float64Array;
  readonly fromStock: Float64Array;
  /** Customer backorders at the end of each day [units]. */
  readonly backorders: Float64Array;
  /** Days recorded so far. */
  filled = 0;
  private prevDemand = 0;
  private prevFromStock = 0;

  constructor(from: number, to: number) {
    this.from = from;
    this.days = Math.max(1, Math.ceil(to - from));
    this.demand = new Float64Array(this.days);
    this.fromStock = new Float64Array(this.days);
    this.backorders = new Float64Array(this.days);
  }

  reset(): void {
    this.filled = 0;
    this.prevDemand = 0;
    this.prevFromStock = 0;
  }

  /** Time of the next daily tick [days], or Infinity when every day is recorded. */
  nextTick(): number {
    return this.filled < this.days ? this.from + this.filled + 1 : Number.POSITIVE_INFINITY;
  }

  /**
   * Records the day that ends now. The segments' counters restart at the end of warm-up, which
   * is also when the first recorded day begins, so differences start from 0.
   */
  tick(segments: readonly SegmentState[]): void {
    if (this.filled >= this.days) return;
    let demand = 0;
    let fromStock = 0;
    let backorders = 0;
    for (const s of segments) {
      demand += s.demandUnits;
      fromStock += s.unitsFromStock;
      backorders += s.backordered;
    }
    const k = this.filled++;
    this.demand[k] = demand - this.prevDemand;
    this.fromStock[k] = fromStock - this.prevFromStock;
    this.backorders[k] = backorders;
    this.prevDemand = demand;
    this.prevFromStock = fromStock;
  }
}

export interface RiskKpis {
  disruptionEvents: number;
  disruptionDays: number;
  fillRateBeforeDisruption: number;
  fillRateDuringDisruption: number;
  fillRateAfterDisruption: number;
  timeToRecover: number;
}

const NAN_KPIS: RiskKpis = {
  disruptionEvents: Number.NaN,
  disruptionDays: Number.NaN,
  fillRateBeforeDisruption: Number.NaN,
  fillRateDuringDisruption: Number.NaN,
  fillRateAfterDisruption: Number.NaN,
  timeToRecover: Number.NaN,
};

/** The risk KPIs of a finished replication (NaN throughout when it has no disruptions). */
export function riskKpis(rep: Replication): RiskKpis {
  const dis = rep.disruptions;
  const tr = rep.risk;
  if (dis === null || tr === null) return NAN_KPIS;
  while (tr.filled < tr.days) tr.tick(rep.segments); // the last, partial day
  const W = tr.from;
  const H = rep.net.horizonDays;
  const any = dis.any;
  const out: RiskKpis = { ...NAN_KPIS, disruptionEvents: 0, disruptionDays: any.overlap(W, H) };
  let first = -1;
  for (let i = 0; i < any.count; i++) {
    const s = any.start(i);
    if (s >= W && s < H) {
      out.disruptionEvents++;
      if (first < 0) first = i;
    }
  }
  const fill = (lo: number, hi: number): number => {
    let d = 0;
    let f = 0;
    for (let k = lo; k < hi; k++) {
      d += tr.demand[k]!;
      f += tr.fromStock[k]!;
    }
    return d > 0 ? f / d : Number.NaN;
  };
  let dDuring = 0;
  let fDuring = 0;
  for (let k = 0; k < tr.days; k++) {
    if (any.overlap(W + k, W + k + 1) > 0) {
      dDuring += tr.demand[k]!;
      fDuring += tr.fromStock[k]!;
    }
  }
  out.fillRateDuringDisruption = dDuring > 0 ? fDuring / dDuring : Number.NaN;
  if (first < 0) return out;
  const start = any.start(first);
  const end = any.end(first);
  const beforeDays = Math.floor(start - W);
  const afterFirst = Math.ceil(end - W);
  const risk = rep.net.scenario.risk;
  out.fillRateBeforeDisruption = fill(0, beforeDays);
  if (afterFirst < tr.days) out.fillRateAfterDisruption = fill(afterFirst, Math.min(tr.days, afterFirst + Math.ceil(risk.afterDays)));
  if (beforeDays <= 0 || end >= H) return out;
  const byBackorders = risk.recoveryKpi === 'backorders';
  const level = (lo: number, hi: number): number => {
    if (!byBackorders) return fill(lo, hi);
    let sum = 0;
    for (let k = lo; k < hi; k++) sum += tr.backorders[k]!;
    return sum / (hi - lo);
  };
  const ref = level(0, beforeDays);
  if (Number.isNaN(ref)) return out;
  // The event's impact may come late (a supplier outage shows when the pipeline runs dry), so
  // look from the event's start to the next event's start (or the end of the run) for the first
  // day the KPI leaves the band, then for the first day it is back within it.
  const kStart = Math.floor(start - W);
  let kStop = tr.days;
  if (first + 1 < any.count) kStop = Math.min(kStop, Math.max(afterFirst, Math.floor(any.start(first + 1) - W)));
  // Leaving the band counts only within the event and the afterDays after it: a stock-out
  // months later is ordinary variability, not this event's doing.
  const kExitStop = Math.min(kStop, Math.ceil(end + risk.afterDays - W));
  let left = -1;
  let back = -1;
  for (let k = kStart; k < kStop; k++) {
    if (left < 0 && k >= kExitStop) break;
    const x = level(Math.max(kStart, k - risk.smoothingDays + 1), k + 1);
    if (Number.isNaN(x)) continue; // no demand reached the stock that day: no evidence
    const inBand = byBackorders ? x <= ref * (1 + risk.band) + 1e-9 : x >= ref * (1 - risk.band);
    if (left < 0) {
      if (!inBand) left = k;
    } else if (inBand) {
      back = k;
      break;
    }
  }
  out.timeToRecover = left < 0 ? 0 : Math.max(0, W + (back >= 0 ? back : kStop) - end);
  return out;
}

/** Offsets from a disruption's start at which the aligned fill rate is sampled [days]: weekly, from two weeks before to twelve after. */
export const ALIGNED_OFFSETS: readonly number[] = Array.from({ length: 15 }, (_, i) => -14 + 7 * i);

/**
 * Fill rate in the 7 days from each offset of ALIGNED_OFFSETS, counted from the start of the
 * replication's first disruption in the window — the same event the risk KPIs follow. Taken
 * across replications, it is service aligned on the event's start (mean and band over events),
 * which random disruptions need: they strike on a different day in every replication. NaN
 * where the week falls outside the window or sees no demand, and throughout without an event.
 */
export function alignedFillRate(rep: Replication, out: Float64Array, offset: number): void {
  for (let i = 0; i < ALIGNED_OFFSETS.length; i++) out[offset + i] = Number.NaN;
  const dis = rep.disruptions;
  const tr = rep.risk;
  if (dis === null || tr === null) return;
  while (tr.filled < tr.days) tr.tick(rep.segments);
  const W = tr.from;
  const H = rep.net.horizonDays;
  let start = -1;
  for (let i = 0; i < dis.any.count; i++) {
    const s = dis.any.start(i);
    if (s >= W && s < H) {
      start = s;
      break;
    }
  }
  if (start < 0) return;
  const k0 = Math.floor(start - W);
  ALIGNED_OFFSETS.forEach((off, i) => {
    const lo = k0 + off;
    if (lo < 0 || lo + 7 > tr.days) return;
    let d = 0;
    let f = 0;
    for (let k = lo; k < lo + 7; k++) {
      d += tr.demand[k]!;
      f += tr.fromStock[k]!;
    }
    if (d > 0) out[offset + i] = f / d;
  });
}
