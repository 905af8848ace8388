/**
 * Replications per second of the default scenario with one worker and with every core, the
 * parallel efficiency, seconds per replication-year, and the time of 1,000 replication-years.
 * Targets: efficiency ≥ 85 % on two cores; 1,000 replication-years in under two minutes with 2
 * workers (measured with --full, estimated otherwise).
 */
import { ExperimentRunner } from '../../src/experiment/runner.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { type BenchContext, defaultScenario, medianTime, pct, type Row, type Section } from '../lib.ts';

/** Replications/s of `count` replications on a warmed pool of `workers` threads. */
async function rate(scenario: Scenario, workers: number, count: number, ctx: BenchContext): Promise<number> {
  const runner = new ExperimentRunner({ workers });
  try {
    await runner.run(scenario, { seed: 99, count: 2 * workers }); // start-up and JIT warm-up, paid once per experiment
    const { seconds } = await medianTime(ctx.runs, () => runner.run(scenario, { seed: 1, count }));
    return count / seconds;
  } finally {
    await runner.close();
  }
}

export const scaling: Section = {
  name: 'scaling',
  title: 'Replications per second and parallel efficiency (default scenario)',
  async run(ctx) {
    const scenario = defaultScenario();
    const years = scenario.horizonDays / 365; // simulated years per replication, warm-up included
    const rows: Row[] = [];
    const inThread = await rate(scenario, 0, 4, ctx);
    rows.push({ measure: 'seconds per replication-year, main thread', value: (1 / (inThread * years)).toFixed(3) });
    const one = await rate(scenario, 1, 8, ctx);
    rows.push({ measure: 'replications/s, 1 worker', value: one.toFixed(2) });
    const all = await rate(scenario, ctx.cores, 8 * ctx.cores, ctx);
    rows.push({ measure: `replications/s, ${ctx.cores} workers`, value: all.toFixed(2) });
    rows.push({ measure: 'parallel efficiency', value: pct(all / (one * ctx.cores)), note: 'target ≥ 85% on 2 cores' });
    const two = ctx.cores === 2 ? all : await rate(scenario, 2, 16, ctx);
    const count = Math.ceil(1000 / years);
    if (ctx.full) {
      const runner = new ExperimentRunner({ workers: 2 });
      try {
        const t0 = performance.now();
        await runner.run(scenario, { seed: 1, count, kpisOnly: true });
        rows.push({ measure: '1,000 replication-years, 2 workers [s]', value: ((performance.now() - t0) / 1000).toFixed(1), note: 'measured, pool start-up included; target < 120' });
      } finally {
        await runner.close();
      }
    } else {
      rows.push({ measure: '1,000 replication-years, 2 workers [s]', value: (count / two).toFixed(1), note: 'estimated (--full measures it); target < 120' });
    }
    return rows;
  },
};
