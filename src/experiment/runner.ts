/**
 * Runs replications of a scenario and gathers their KPI vectors in replication order.
 */
import { kpiLayout } from '../model/kpis.ts';
import { buildNetwork } from '../model/network.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runBatch } from './replicate.ts';
import type { ReplicationVectors } from './results.ts';

export interface RunOptions {
  /** Number of replications. */
  replications: number;
  /** Master seed. */
  seed: number;
  /** Called after each finished batch with the number of replications done. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs replications 0..n−1 of `scenario` and returns their vectors. */
export async function runReplications(scenario: Scenario, opts: RunOptions): Promise<ReplicationVectors> {
  const net = buildNetwork(scenario);
  const layout = kpiLayout(net);
  const data = new Float64Array(opts.replications * layout.length);
  for (let i = 0; i < opts.replications; i++) {
    data.set(runBatch(net, opts.seed, i, 1, layout), i * layout.length);
    opts.onProgress?.(i + 1, opts.replications);
  }
  return { layout, count: opts.replications, data };
}
