/**
 * Events per second per core, in the main thread and inside a worker thread, for the default
 * scenario and the single-site base-stock model. Target: a worker no more than 10 % below the
 * main thread (nothing per event crosses threads, so the only costs are start-up and transfer).
 */
import { ExperimentRunner } from '../../src/experiment/runner.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { type BenchContext, baseStockScenario, defaultScenario, eventsOf, medianTime, pct, type Row, type Section, si } from '../lib.ts';

/** Events/s of `count` replications of `scenario` on `runner` (one untimed warm-up run first). */
async function eventsPerSecond(runner: ExperimentRunner, scenario: Scenario, count: number, runs: number): Promise<number> {
  await runner.run(scenario, { seed: 99, count, kpisOnly: true });
  const { seconds, value } = await medianTime(runs, () => runner.run(scenario, { seed: 1, count, kpisOnly: true }));
  return eventsOf(value) / seconds;
}

async function measure(name: string, scenario: Scenario, count: number, ctx: BenchContext): Promise<Row[]> {
  const main = new ExperimentRunner({ workers: 0 });
  // One worker, one batch: the whole count runs in the worker, as a long experiment would.
  const worker = new ExperimentRunner({ workers: 1, batchSize: count });
  try {
    const inThread = await eventsPerSecond(main, scenario, count, ctx.runs);
    const inWorker = await eventsPerSecond(worker, scenario, count, ctx.runs);
    return [
      { measure: `${name}: events/s, main thread`, value: si(inThread) },
      { measure: `${name}: events/s, in a worker`, value: si(inWorker), note: `${pct(inWorker / inThread)} of main thread (target ≥ 90%)` },
    ];
  } finally {
    await worker.close();
  }
}

export const events: Section = {
  name: 'events',
  title: 'Events per second per core',
  async run(ctx) {
    return [...(await measure('default scenario', defaultScenario(), 6, ctx)), ...(await measure('base-stock', baseStockScenario(), 500, ctx))];
  },
};
