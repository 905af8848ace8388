/**
 * Little's law (L = λW) on every plant and DC of a scenario: the pipeline and the backorder
 * queue of each site. No closed form is needed, so it holds the engine's bookkeeping of the
 * shipped default scenario — seasonal, capacity-limited, with patience and back offices — to
 * an identity (Little, Operations Research 9, 1961; Stidham, Operations Research 22, 1974).
 *
 * Pipeline:   avgOnOrder = receiptRate × replenishmentLeadTime.
 * Backorders: avgBackorders = backorderRate × backorderDelay + Σ_g lost_g × patience_g / T,
 *   where g runs over the site's segments that backorder with a patience: a unit whose
 *   customer's patience runs out leaves the queue unserved after exactly `patienceDays`, and
 *   such segments lose units in no other way.
 *
 * Finite window [w, T]: both sides count the same unit-days except two boundary terms, the
 * time before w of units in the queue at w (right side only) and the time after their entry
 * of units still in the queue at T (left side only). Each is the queue at the boundary × the
 * mean age of its units, E[W²]/(2E[W]) ≤ W when W's coefficient of variation is ≤ 1; the queue
 * at a boundary is at most `peak` times its average, peak = the seasonal demand peak over the
 * window's mean demand. The allowance is therefore peak × L × W / (T − w), with L and W the
 * replication means. It is an honest order-of-magnitude bound, not a theorem: it assumes the
 * time in the queue is no more variable than exponential.
 */
import type { Network } from '../model/network.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Check, ReplicationView } from './check.ts';
import { windowDays } from './params.ts';

/** Ratio of the highest daily demand multiplier to its mean over the measured window (1 without seasonality). */
export function seasonalPeak(net: Network): number {
  let peak = 1;
  const from = Math.floor(net.warmupDays);
  const to = Math.ceil(net.horizonDays);
  for (const seg of net.segments) {
    const m = seg.multipliers;
    if (m.length === 0) continue;
    let sum = 0;
    let n = 0;
    for (let d = from; d < to && d < m.length; d++) {
      sum += m[d]!;
      n++;
    }
    if (n > 0 && sum > 0) peak = Math.max(peak, seg.maxMultiplier / (sum / n));
  }
  return peak;
}

/** Two Little's-law checks (pipeline, backorders) per plant and DC of the scenario. */
export function littleChecks(s: Scenario, net: Network): Check[] {
  const T = windowDays(s);
  const peak = seasonalPeak(net);
  const checks: Check[] = [];
  for (const site of net.sites) {
    if (site.type === 'supplier') continue;
    const k = (name: string) => `site.${site.id}.${name}`;
    const abandoning = net.segments.filter((g) => g.site === site.index && !g.lostSales && Number.isFinite(g.patienceDays));
    const abandonedUnitDays = (r: ReplicationView) => {
      let sum = 0;
      for (const g of abandoning) sum += r.kpi(`segment.${g.id}.lostSalesUnits`) * g.patienceDays;
      return sum;
    };
    const abandonRate = (r: ReplicationView) => {
      let sum = 0;
      for (const g of abandoning) sum += r.kpi(`segment.${g.id}.lostSalesUnits`);
      return sum / T;
    };
    const pipelineRhs = (r: ReplicationView) => {
      const rate = r.kpi(k('receiptRate'));
      return rate > 0 ? rate * r.kpi(k('replenishmentLeadTime')) : 0;
    };
    const backorderRhs = (r: ReplicationView) => {
      const rate = r.kpi(k('backorderRate'));
      return (rate > 0 ? rate * r.kpi(k('backorderDelay')) : 0) + abandonedUnitDays(r) / T;
    };
    checks.push({
      quantity: `${site.id}: pipeline L = λW`,
      kpi: 'avgOnOrder vs receiptRate × replenishmentLeadTime',
      simulated: (r) => r.kpi(k('avgOnOrder')),
      theory: pipelineRhs,
      precision: 0.02,
      allowance: (mean) => (peak * mean((r) => r.kpi(k('avgOnOrder'))) * mean((r) => r.kpi(k('replenishmentLeadTime')))) / T,
      allowanceReason: 'window boundary terms ≤ peak × L × W / T',
    });
    checks.push({
      quantity: `${site.id}: backorders L = λW`,
      kpi: abandoning.length > 0 ? 'avgBackorders vs backorderRate × backorderDelay + abandoned × patience / T' : 'avgBackorders vs backorderRate × backorderDelay',
      simulated: (r) => r.kpi(k('avgBackorders')),
      theory: backorderRhs,
      precision: 0.05,
      allowance: (mean) => {
        const L = mean((r) => r.kpi(k('avgBackorders')));
        const lambda = mean((r) => r.kpi(k('backorderRate')) + abandonRate(r));
        return lambda > 0 ? (peak * L * (L / lambda)) / T : 0;
      },
      allowanceReason: 'window boundary terms ≤ peak × L × W / T',
    });
  }
  return checks;
}
