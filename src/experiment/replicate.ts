/**
 * Runs replications of a network and returns their KPI vectors. A replication's vector is a
 * pure function of (network, master seed, replication index): this is the unit of work that
 * workers, batches and shards are made of.
 */
import { kpiLayout, type KpiLayout, collectKpis } from '../model/kpis.ts';
import type { Network } from '../model/network.ts';
import { Replication } from '../model/replication.ts';

/** One reusable model per network (per thread): built once, run for every replication. */
const models = new WeakMap<Network, Replication>();

/** Runs replication `index` and returns its KPI vector (layout.length entries). */
export function runReplication(net: Network, layout: KpiLayout, masterSeed: number, index: number): Float64Array {
  let rep = models.get(net);
  if (!rep) {
    rep = new Replication(net);
    models.set(net, rep);
  }
  rep.run(masterSeed, index);
  const out = new Float64Array(layout.length);
  collectKpis(rep, layout, out);
  return out;
}

/**
 * Runs replications [first, first + count) one after another and returns their vectors packed
 * into one Float64Array (replication-major), ready to cross a thread boundary.
 */
export function runBatch(net: Network, masterSeed: number, first: number, count: number, layout = kpiLayout(net)): Float64Array {
  const out = new Float64Array(count * layout.length);
  for (let i = 0; i < count; i++) out.set(runReplication(net, layout, masterSeed, first + i), i * layout.length);
  return out;
}
