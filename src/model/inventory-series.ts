/**
 * Quantities sampled every SAMPLE_EVERY_DAYS days, at days 0, 7, 14, … that fall in the
 * measured window (at or after the end of the warm-up, like every other KPI), for the charts
 * over time: on-hand per echelon [plants …, DCs …], and the service story of each week — the
 * fill rate and OTIF of the week just ended, the orders waiting at order desks and the units on
 * customer backorder at the sample time. One value per sample time and quantity. The sampling
 * event runs every 7 days from day 0 and records from the warm-up's end on, so a sample keeps
 * its place among same-time events (the periodic validation cases rely on it).
 */
import type { BackOfficeState } from './backoffice.ts';
import type { Network } from './network.ts';
import type { SegmentState } from './segment.ts';
import type { StockPointState } from './stockpoint.ts';

/** Sampling interval of the series [days]. */
export const SAMPLE_EVERY_DAYS = 7;

/** Sample times [days]: the multiples of SAMPLE_EVERY_DAYS from the warm-up's end to the horizon. */
export function sampleTimes(net: Pick<Network, 'warmupDays' | 'horizonDays'>): number[] {
  const first = Math.ceil(net.warmupDays / SAMPLE_EVERY_DAYS);
  const last = Math.floor(net.horizonDays / SAMPLE_EVERY_DAYS);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => (first + i) * SAMPLE_EVERY_DAYS);
}

/** The sampled quantities, in the order of `values`. */
export const SAMPLED = ['onHand.plants', 'onHand.dcs', 'fillRate.week', 'otif.week', 'orderQueue', 'backorders'] as const;

export class InventorySeries {
  /** Samples per quantity. */
  readonly count: number;
  /** Quantity k (SAMPLED order) at samples 0..count−1 starts at k × count. */
  readonly values: Float64Array;
  private readonly atPlant: boolean[];
  /** Time of the first recorded sample [days]. */
  private readonly from: number;
  private index = 0;
  /** Segment counters at the previous sample (cumulative; reset with the statistics at the warm-up's end). */
  private lastDemand = 0;
  private lastFromStock = 0;
  private lastCompleted = 0;
  private lastOnTime = 0;

  constructor(net: Network) {
    const times = sampleTimes(net);
    this.count = times.length;
    this.from = times[0] ?? Number.POSITIVE_INFINITY;
    this.values = new Float64Array(SAMPLED.length * this.count);
    this.atPlant = net.stockPoints.map((sp) => net.sites[sp.site]!.type === 'plant');
  }

  reset(): void {
    this.index = 0;
    this.values.fill(0);
    this.lastDemand = this.lastFromStock = this.lastCompleted = this.lastOnTime = 0;
  }

  /**
   * Records the current state at time `now` [days]: kept from the window's start on (earlier
   * ticks only move the week's counters on); true while more samples are due.
   */
  record(stockPoints: readonly StockPointState[], segments: readonly SegmentState[], backOffices: readonly BackOfficeState[], now: number): boolean {
    const n = this.count;
    const i = this.index;
    if (i >= n) return false;
    let plants = 0;
    let dcs = 0;
    for (let k = 0; k < stockPoints.length; k++) {
      if (this.atPlant[k]) plants += stockPoints[k]!.onHand;
      else dcs += stockPoints[k]!.onHand;
    }
    let demand = 0;
    let fromStock = 0;
    let completed = 0;
    let onTime = 0;
    let backorders = 0;
    for (const s of segments) {
      demand += s.demandUnits;
      fromStock += s.unitsFromStock;
      completed += s.ordersCompleted;
      onTime += s.ordersOnTimeInFull;
      backorders += s.backordered;
    }
    let queue = 0;
    for (const b of backOffices) queue += b.queue.size;
    // Counters restart at the warm-up's end: a counter below its last value counts from zero.
    const since = (now: number, before: number) => (now >= before ? now - before : now);
    const weekDemand = since(demand, this.lastDemand);
    const weekCompleted = since(completed, this.lastCompleted);
    if (now >= this.from) {
      const v = this.values;
      const firstTick = now === 0;
      v[i] = plants;
      v[n + i] = dcs;
      v[2 * n + i] = !firstTick && weekDemand > 0 ? since(fromStock, this.lastFromStock) / weekDemand : Number.NaN;
      v[3 * n + i] = !firstTick && weekCompleted > 0 ? since(onTime, this.lastOnTime) / weekCompleted : Number.NaN;
      v[4 * n + i] = queue;
      v[5 * n + i] = backorders;
      this.index++;
    }
    this.lastDemand = demand;
    this.lastFromStock = fromStock;
    this.lastCompleted = completed;
    this.lastOnTime = onTime;
    return this.index < n;
  }
}
