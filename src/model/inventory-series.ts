/**
 * On-hand per echelon sampled every SAMPLE_EVERY_DAYS days from time 0, for the "inventory
 * over time" charts: [plants …, DCs …], one value per sample time.
 */
import type { Network } from './network.ts';
import type { StockPointState } from './stockpoint.ts';

/** Sampling interval of the inventory series [days]. */
export const SAMPLE_EVERY_DAYS = 7;

/** Number of samples per echelon over a horizon [days]: at 0, 7, 14, … ≤ horizon. */
export const samplesPerEchelon = (horizonDays: number): number => Math.floor(horizonDays / SAMPLE_EVERY_DAYS) + 1;

export class InventorySeries {
  /** Samples per echelon. */
  readonly count: number;
  /** Plants' on-hand at samples 0..count−1, then the DCs' [units]. */
  readonly values: Float64Array;
  private readonly atPlant: boolean[];
  private index = 0;

  constructor(net: Network) {
    this.count = samplesPerEchelon(net.horizonDays);
    this.values = new Float64Array(2 * this.count);
    this.atPlant = net.stockPoints.map((sp) => net.sites[sp.site]!.type === 'plant');
  }

  reset(): void {
    this.index = 0;
    this.values.fill(0);
  }

  /** Records the current on-hand; true while more samples are due. */
  record(stockPoints: readonly StockPointState[]): boolean {
    const n = this.count;
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
