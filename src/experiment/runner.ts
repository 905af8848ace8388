/**
 * Runs replications of a scenario and gathers their KPI vectors in replication order.
 *
 * An ExperimentRunner is started once per experiment (a run, a sweep, a comparison) and
 * reused for every scenario variant in it, so worker start-up is paid once.
 */
import { kpiLayout } from '../model/kpis.ts';
import { buildNetwork } from '../model/network.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runBatch } from './replicate.ts';
import type { ReplicationVectors } from './results.ts';

export interface RunnerOptions {
  /** Worker threads; 0 runs in this thread. */
  workers?: number;
  /** Replications per batch sent to a worker. */
  batchSize?: number;
}

export interface RunRange {
  /** Master seed. */
  seed: number;
  /** First replication index (default 0). */
  first?: number;
  /** Number of replications. */
  count: number;
  /** Called as batches finish, with the number of replications of this call done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Stops scheduling new batches when aborted; the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

export class ExperimentRunner {
  readonly workers: number;
  readonly batchSize: number;

  constructor(opts: RunnerOptions = {}) {
    this.workers = opts.workers ?? 0;
    this.batchSize = opts.batchSize ?? 8;
  }

  /** Runs replications [first, first + count) of `scenario`; vectors in replication order. */
  async run(scenario: Scenario, range: RunRange): Promise<ReplicationVectors> {
    const net = buildNetwork(scenario);
    const layout = kpiLayout(net);
    const first = range.first ?? 0;
    const data = new Float64Array(range.count * layout.length);
    for (let i = 0; i < range.count; i++) {
      range.signal?.throwIfAborted();
      data.set(runBatch(net, range.seed, first + i, 1, layout), i * layout.length);
      range.onProgress?.(i + 1, range.count);
    }
    return { layout, count: range.count, data };
  }

  /** Stops the workers. */
  async close(): Promise<void> {}
}

/** Convenience: one run with a runner of its own. */
export async function runReplications(
  scenario: Scenario,
  opts: { replications: number; seed: number; workers?: number; onProgress?: (done: number, total: number) => void },
): Promise<ReplicationVectors> {
  const runner = new ExperimentRunner({ workers: opts.workers ?? 0 });
  try {
    return await runner.run(scenario, { seed: opts.seed, count: opts.replications, onProgress: opts.onProgress });
  } finally {
    await runner.close();
  }
}
