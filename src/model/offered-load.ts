/**
 * Offered load of every capacity in the network, from the demand rates alone (no simulation):
 * an order desk, a plant's lines or a supplier asked for as much as it can do, or more, has a
 * queue that grows without bound, and every KPI downstream of it depends on the horizon.
 *
 *   demand [units/day] of a customer-facing stock = Σ segments: orders/day × mean order size × mix share
 *   demand of an upstream stock = Σ demand of the stocks it replenishes (+ components: made × BOM quantity)
 *   back office:  orders/day × mean processing time / (servers × share of the week worked)
 *   plant:        Σ made [units/day] / Σ lines' capacity [units/day] (1 / mean time per unit)
 *   supplier:     Σ bought [units/day] / capacityPerDay
 *
 * Mean rates (a seasonal segment at its mean over the horizon); a warning at ≥ 100%.
 */
import { compileDistribution } from '../engine/distributions.ts';
import type { Warning } from '../scenario/warnings.ts';
import { internalShares } from './internal-shares.ts';
import { type Network, SourceKind } from './network.ts';
import { WorkingHours } from './working-hours.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(3))));

/** Mean orders per day of each segment over the horizon. */
export function orderRates(net: Network): number[] {
  return net.segments.map((g) => {
    if (g.ordersPerDay <= 0) return g.interarrival !== undefined ? 1 / compileDistribution(g.interarrival).mean : 0;
    if (g.multipliers.length === 0) return g.ordersPerDay;
    let sum = 0;
    for (const m of g.multipliers) sum += m;
    return (g.ordersPerDay * sum) / g.multipliers.length;
  });
}

/** Mean demand [units/day] on every stock point, customers' and downstream stocks' together. */
export function stockDemandRates(net: Network): Float64Array {
  const n = net.stockPoints.length;
  const direct = new Float64Array(n);
  const orders = orderRates(net);
  net.segments.forEach((g, i) => {
    const units = orders[i]! * compileDistribution(g.orderSize).mean;
    let prev = 0;
    g.stockPoints.forEach((sp, k) => {
      direct[sp]! += units * (g.lines !== null ? g.lines.inclusion[k]! : g.cumulativeWeights[k]! - prev);
      prev = g.cumulativeWeights[k]!;
    });
  });
  // Who draws on each stock: the stocks it replenishes, and the products made from it.
  const users: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  // Split between plants/dcs by share (fallbacks unknown ahead: not counted; internal-sourcing.ts).
  for (const sp of net.stockPoints)
    if (sp.sourceKind === SourceKind.StockPoint) for (const [from, share] of internalShares(net, sp)) users[from]!.push([sp.index, share]);
  net.bom.forEach((lines, made) => {
    for (const l of lines) users[l.componentStockPoint]!.push([made, l.quantityPerUnit]);
  });
  const rate = new Float64Array(n).fill(Number.NaN);
  const visiting = new Uint8Array(n);
  const of = (i: number): number => {
    if (!Number.isNaN(rate[i]!)) return rate[i]!;
    if (visiting[i]) return 0; // a cycle (reported by the reference checks)
    visiting[i] = 1;
    let r = direct[i]!;
    for (const [j, q] of users[i]!) r += of(j) * q;
    visiting[i] = 0;
    rate[i] = r;
    return r;
  };
  for (let i = 0; i < n; i++) of(i);
  return rate;
}

/** Warnings for every back office, plant and supplier offered ≥ 100% of its capacity. */
export function offeredLoadWarnings(net: Network): Warning[] {
  const out: Warning[] = [];
  const orders = orderRates(net);
  net.backOffices.forEach((b, i) => {
    let lambda = 0;
    net.segments.forEach((g, k) => {
      if (net.backOfficeOfSite[g.site] === i) lambda += orders[k]!;
    });
    const share = b.workingHours ? new WorkingHours(b.workingHours).perWeek / 7 : 1;
    const perDay = (b.servers * share) / compileDistribution(b.processingTime).mean;
    const load = lambda / perDay;
    if (load >= 1) {
      const path = b.site >= 0 ? ['sites', b.id, 'orderProcessing', 'servers'] : ['orderDesks', b.id.slice('desk/'.length), 'servers'];
      out.push({
        path,
        message: `offered load ${pct(load)}: ${num(lambda)} orders a day against the ${num(perDay)} its ${b.servers} server(s) can process${b.workingHours ? ' in their working hours' : ''}; the queue grows without bound`,
      });
    }
  });
  const demand = stockDemandRates(net);
  for (const p of net.plants) {
    let made = 0;
    for (const sp of net.stockPoints) if (sp.sourceKind === SourceKind.Production && sp.sourceIndex === p.index) made += demand[sp.index]!;
    let capacity = 0;
    for (const l of p.lines) capacity += l.processingTime !== undefined ? 1 / compileDistribution(l.processingTime).mean : l.capacityPerDay;
    if (made > 0 && made >= capacity)
      out.push({
        path: ['sites', net.sites[p.site]!.id, 'lines'],
        message: `offered load ${pct(made / capacity)}: ${num(made)} units a day to make against a capacity of ${num(capacity)}; the job queue grows without bound`,
      });
  }
  net.suppliers.forEach((s, i) => {
    if (!Number.isFinite(s.capacityPerDay)) return;
    let bought = 0;
    for (const sp of net.stockPoints) if (sp.sourceKind === SourceKind.Supplier && sp.sourceIndex === i) bought += demand[sp.index]!;
    if (bought >= s.capacityPerDay)
      out.push({
        path: ['sites', net.sites[s.site]!.id, 'capacityPerDay'],
        message: `offered load ${pct(bought / s.capacityPerDay)}: ${num(bought)} units a day ordered against a capacity of ${num(s.capacityPerDay)}; its order queue grows without bound`,
      });
  });
  return out;
}
