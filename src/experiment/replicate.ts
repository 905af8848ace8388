/**
 * Runs replications of a network and returns their KPI vectors. A replication's vector is a
 * pure function of (network, master seed, replication index): this is the unit of work that
 * workers, batches and shards are made of.
 */
import { kpiLayout, type KpiLayout, collectKpis } from '../model/kpis.ts';
import type { Network } from '../model/network.ts';
import { Replication } from '../model/replication.ts';

interface Model {
  rep: Replication;
  /** The vector of the replication last run (layout.length entries), overwritten by the next. */
  vector: Float64Array;
}

/**
 * One reusable model per network (per thread): built once, run for every replication, with
 * one vector to collect into. A fresh Float64Array per replication cost as much as collecting
 * the KPIs of a short replication (its memory lives outside the JS heap).
 */
const models = new WeakMap<Network, Model>();

/**
 * Runs replication `index` and returns its KPI vector (layout.length entries; `layout` is
 * kpiLayout(net)). The vector is reused: it holds this replication's values until the next
 * call for the same network, so copy what you keep.
 */
export function runReplication(
  net: Network,
  layout: KpiLayout,
  masterSeed: number,
  index: number,
  /** Raised by another thread to stop mid-replication (the run then throws SimulationStopped). */
  stop: Int32Array | null = null,
  /** Called every ≈ 10⁶ events of this replication (see Simulator.onCheckpoint). */
  onCheckpoint: (() => void) | null = null,
): Float64Array {
  let model = models.get(net);
  if (!model) {
    model = { rep: new Replication(net), vector: new Float64Array(layout.length) };
    models.set(net, model);
  }
  model.rep.sim.stopFlag = stop;
  model.rep.sim.onCheckpoint = onCheckpoint;
  model.rep.run(masterSeed, index);
  collectKpis(model.rep, layout, model.vector);
  return model.vector;
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
