/**
 * Workers only when they pay (RunnerOptions.mainThreadBudget, the CLI's default without
 * --workers): a short run stays in the main thread and starts no pool; a long one starts the
 * pool part-way through; the vectors are byte-identical to a main-thread run either way, for a
 * single run and for a runner reused across runs (a sweep).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runnerOptions } from '../src/cli/common.ts';
import type { ReplicationVectors } from '../src/experiment/results.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { loadScenario } from '../src/scenario/load.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));
const bytes = (v: ReplicationVectors) => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);

async function vectors(opts: ConstructorParameters<typeof ExperimentRunner>[0], counts: number[]) {
  const scenario = loadScenario(SMALL);
  const runner = new ExperimentRunner(opts);
  const progress: Array<[number, number]> = [];
  try {
    const out: ReplicationVectors[] = [];
    for (const count of counts) out.push(await runner.run(scenario, { seed: 5, count, onProgress: (d, t) => progress.push([d, t]) }));
    return { out, poolStarted: runner.poolStarted, progress };
  } finally {
    await runner.close();
  }
}

describe('ExperimentRunner mainThreadBudget', () => {
  it('keeps a run within the budget in the main thread: no pool, the same vectors', async () => {
    const reference = await vectors({ workers: 0 }, [40]);
    const within = await vectors({ workers: 2, mainThreadBudget: 1000 }, [40]);
    expect(within.poolStarted).toBe(false);
    expect(bytes(within.out[0]!).equals(bytes(reference.out[0]!))).toBe(true);
  });

  it('hands the rest of a longer run to the pool, byte-identical, progress rising to the total', async () => {
    const reference = await vectors({ workers: 0 }, [120, 30]);
    // A budget of 50 ms: replication 0 always runs here (nothing is judged before a fifth of the
    // budget), and 120 replications cannot fit, so the pool takes the rest.
    const split = await vectors({ workers: 2, mainThreadBudget: 0.05, batchSize: 7 }, [120, 30]);
    expect(split.poolStarted).toBe(true);
    for (let i = 0; i < 2; i++) expect(bytes(split.out[i]!).equals(bytes(reference.out[i]!)), `run ${i}`).toBe(true);
    const first = split.progress.filter(([, t]) => t === 120).map(([d]) => d);
    expect(first[0]).toBe(1); // in this thread: the pool reports whole batches of 7
    expect(first.at(-1)).toBe(120);
    expect(first.every((d, i) => i === 0 || d >= first[i - 1]!)).toBe(true);
  });

  it('is what the CLI uses when --workers is not given, and only then', () => {
    expect(runnerOptions({}).mainThreadBudget).toBeGreaterThan(0);
    expect(runnerOptions({ workers: 2 })).toMatchObject({ workers: 2, mainThreadBudget: 0 });
    expect(runnerOptions({ workers: 0 }).mainThreadBudget).toBe(0);
  });
});
