/**
 * Offered load of vehicles limited to maxTripsPerDay (a sanity warning, like offered-load.ts):
 * the mean flow on the lane [units/day, in each capacity dimension] against the most its trips
 * can carry (maxTripsPerDay × capacity). At ≥ 100% the dock's queue grows without bound.
 *
 *   flow on a replenishment lane = Σ demand of the stocks it replenishes (offered-load.ts)
 *   flow on a delivery lane      = the segment's orders/day × mean order size, by product mix
 */
import { compileDistribution } from '../engine/distributions.ts';
import type { Warning } from '../scenario/warnings.ts';
import type { Network } from './network.ts';
import { orderRates, stockDemandRates } from './offered-load.ts';

const DIMENSIONS = ['units', 'weight', 'volume'];

/** Warnings for every lane whose vehicles cannot carry its mean flow within maxTripsPerDay. */
export function transportLoadWarnings(net: Network): Warning[] {
  const lanes = net.transportLanes.filter((l) => Number.isFinite(l.maxTripsPerDay));
  if (lanes.length === 0) return [];
  const demand = stockDemandRates(net);
  const orders = orderRates(net);
  const flow = lanes.map((l) => new Float64Array(l.capacity.length));
  const at = new Map(lanes.map((l, i) => [l.index, i]));
  const add = (lane: number | undefined, product: number, units: number) => {
    const i = lane === undefined ? undefined : at.get(lane);
    if (i === undefined) return;
    const l = lanes[i]!;
    const dims = l.capacity.length;
    for (let j = 0; j < dims; j++) flow[i]![j]! += units * l.perUnit[product * dims + j]!;
  };
  for (const sp of net.stockPoints) add(sp.inbound.vehicles, sp.product, demand[sp.index]!);
  net.segments.forEach((g, k) => {
    const units = orders[k]! * compileDistribution(g.orderSize).mean;
    let prev = 0;
    g.stockPoints.forEach((sp, m) => {
      add(g.outbound.vehicles, net.stockPoints[sp]!.product, units * (g.cumulativeWeights[m]! - prev));
      prev = g.cumulativeWeights[m]!;
    });
  });
  const out: Warning[] = [];
  lanes.forEach((l, i) => {
    let worst = 0;
    let dim = 0;
    l.capacity.forEach((c, j) => {
      const load = flow[i]![j]! / (l.maxTripsPerDay * c);
      if (load > worst) [worst, dim] = [load, j];
    });
    if (worst >= 1) {
      const name = DIMENSIONS[l.dimensions[dim]!]!;
      out.push({
        path: ['lanes', String(l.laneIndex), 'vehicles', 'maxTripsPerDay'],
        message: `offered load ${Math.round(worst * 100)}%: ${Number(flow[i]![dim]!.toPrecision(3))} ${name} a day on ${l.id} against ${l.maxTripsPerDay} trip${l.maxTripsPerDay === 1 ? '' : 's'} × ${l.capacity[dim]} a day; the loading dock's queue grows without bound`,
      });
    }
  });
  return out;
}
