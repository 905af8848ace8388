/**
 * On-hand per echelon sampled every SAMPLE_EVERY_DAYS days, at days 0, 7, 14, … that fall in
 * the measured window (at or after the end of the warm-up, like every other KPI), for the
 * "inventory over time" charts: [plants …, DCs …], one value per sample time. The sampling
 * event runs every 7 days from day 0 and records from the warm-up's end on, so a sample keeps
 * its place among same-time events (the periodic validation cases rely on it).
 */
import type { Network } from './network.ts';
import type { StockPointState } from './stockpoint.ts';

/** Sampling interval of the inventory series [days]. */
export const SAMPLE_EVERY_DAYS = 7;

/** Sample times [days]: the multiples of SAMPLE_EVERY_DAYS from the warm-up's end to the horizon. */
export function sampleTimes(net: Pick<Network, 'warmupDays' | 'horizonDays'>): number[] {
  const first = Math.ceil(net.warmupDays / SAMPLE_EVERY_DAYS);
  const last = Math.floor(net.horizonDays / SAMPLE_EVERY_DAYS);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => (first + i) * SAMPLE_EVERY_DAYS);
}

export class InventorySeries {
  /** Samples per echelon. */
  readonly count: number;
  /** Plants' on-hand at samples 0..count−1, then the DCs' [units]. */
  readonly values: Float64Array;
  private readonly atPlant: boolean[];
  /** Time of the first recorded sample [days]. */
  private readonly from: number;
  private index = 0;

  constructor(net: Network) {
    const times = sampleTimes(net);
    this.count = times.length;
    this.from = times[0] ?? Number.POSITIVE_INFINITY;
    this.values = new Float64Array(2 * this.count);
    this.atPlant = net.stockPoints.map((sp) => net.sites[sp.site]!.type === 'plant');
  }

  reset(): void {
    this.index = 0;
    this.values.fill(0);
  }

  /** Records the current on-hand at time `now` [days] (none before the window); true while more samples are due. */
  record(stockPoints: readonly StockPointState[], now: number): boolean {
    const n = this.count;
    if (now < this.from) return true;
    if (this.index >= n) return false;
    let plants = 0;
    let dcs = 0;
    for (let i = 0; i < stockPoints.length; i++) {
      if (this.atPlant[i]) plants += stockPoints[i]!.onHand;
      else dcs += stockPoints[i]!.onHand;
    }
    this.values[this.index] = plants;
    this.values[n + this.index] = dcs;
    return ++this.index < n;
  }
}
