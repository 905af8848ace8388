/**
 * The freshness KPIs of perishable stock (perishables.ts keeps the batches and counters).
 *
 * Freshness KPIs (over the measured window; NaN where nothing is perishable):
 * - `wasteUnits`, `wasteValue` (units × unit cost), and the P&L line `disposalCost`: the
 *   expired stock written off at its standard cost plus the disposal fees (units × disposal
 *   cost per unit);
 * - `wasteFraction`: units wasted / units received from supply (suppliers and production) —
 *   per site: units wasted there / units received there from any source;
 * - `avgAgeOnHand`: time-average age of the units on hand = ∫ Σ age·units dt / ∫ units dt
 *   [days], kept exactly with running sums (total age grows at the rate of units on hand);
 * - `avgAgeAtDelivery`: unit-weighted age of the units delivered to customers, on the day
 *   they reach the customer (outbound transit included) [days];
 * - `shareBelowMinRemainingLife` (segments with a minimum remaining life): the share of the
 *   segment's demand units whose order, when it reached the stock, found enough units on hand
 *   in total but not enough with the segment's minimum remaining life — how often the stock on
 *   hand was too old for it. Overall: pooled over those segments.
 */
import { SourceKind } from './network.ts';
import type { Replication } from './replication.ts';
import type { StockPointState } from './stockpoint.ts';
import { div } from './ratio.ts';

/** Overall freshness KPIs, in the names of kpi-names.ts. */
export interface FreshnessKpis {
  wasteUnits: number;
  wasteFraction: number;
  wasteValue: number;
  /** Write-off at standard cost + disposal fees [money] (0 where nothing is perishable). */
  disposalCost: number;
  avgAgeOnHand: number;
  avgAgeAtDelivery: number;
  shareBelowMinRemainingLife: number;
}

/** Units received from supply (a supplier or the site's own production) by a perishable stock. */
function fromSupply(sp: StockPointState): number {
  return sp.def.sourceKind === SourceKind.StockPoint ? 0 : sp.unitsReceived;
}

/** The overall freshness KPIs of a finished replication (NaN, and no waste cost, where nothing is perishable). */
export function freshnessKpis(rep: Replication): FreshnessKpis {
  const p = rep.perishables;
  const na = Number.NaN;
  if (p === null)
    return { wasteUnits: na, wasteFraction: na, wasteValue: na, disposalCost: 0, avgAgeOnHand: na, avgAgeAtDelivery: na, shareBelowMinRemainingLife: na };
  const { wasted, value, supply, intUnits, intAge } = storeTotals(rep, -1);
  let delivered = 0;
  let ageSum = 0;
  let tooOld = 0;
  let demand = 0;
  for (const s of rep.segments) {
    const g = s.def.index;
    delivered += p.deliveredUnits[g]!;
    ageSum += p.deliveredAgeSum[g]!;
    if (p.minRemainingLife[g]! > 0) {
      tooOld += p.tooOldUnits[g]!;
      demand += s.demandUnits;
    }
  }
  return {
    wasteUnits: wasted,
    wasteFraction: div(wasted, supply),
    wasteValue: value,
    disposalCost: value + p.wasteCost,
    avgAgeOnHand: div(intAge, intUnits),
    avgAgeAtDelivery: div(ageSum, delivered),
    shareBelowMinRemainingLife: div(tooOld, demand),
  };
}

/** Site KPIs `wasteUnits`, `wasteFraction` (of units received there), `avgAgeOnHand` of site `site`. */
export function siteFreshness(rep: Replication, site: number): [number, number, number] {
  const t = storeTotals(rep, site);
  if (t.stores === 0) return [Number.NaN, Number.NaN, Number.NaN];
  return [t.wasted, div(t.wasted, t.received), div(t.intAge, t.intUnits)];
}

/** Sums over the perishable stock points of site `site` (−1: every site). */
function storeTotals(rep: Replication, site: number) {
  const t = { stores: 0, wasted: 0, value: 0, received: 0, supply: 0, intUnits: 0, intAge: 0 };
  for (const sp of rep.stockPoints) {
    const store = sp.batches;
    if (store === null || (site >= 0 && sp.def.site !== site)) continue;
    t.stores++;
    t.wasted += store.wasted;
    t.value += store.wasted * sp.def.unitCost;
    t.received += sp.unitsReceived;
    t.supply += fromSupply(sp);
    t.intUnits += store.intUnits;
    t.intAge += store.intAge;
  }
  return t;
}

/** Segment KPIs `avgAgeAtDelivery` and `shareBelowMinRemainingLife` (NaN without a minimum). */
export function segmentFreshness(rep: Replication, seg: number): [number, number] {
  const p = rep.perishables;
  if (p === null) return [Number.NaN, Number.NaN];
  const share = p.minRemainingLife[seg]! > 0 ? div(p.tooOldUnits[seg]!, rep.segments[seg]!.demandUnits) : Number.NaN;
  return [div(p.deliveredAgeSum[seg]!, p.deliveredUnits[seg]!), share];
}
