/**
 * Perishable products: 1,000 replications of scenarios/perishable-pharmacy.yaml (one pharmacy,
 * one supplier with random outages, 360 days), in the main thread and on the worker pool.
 * Target: well under half a second (a SimPy-based peer needs about 22 s for a comparable
 * case). Each replication is short (~750 events), so the per-replication overhead — stream
 * reseeding, state reset, KPI collection — weighs as much as the events; the breakdown rows
 * show where the time goes.
 */
import { ExperimentRunner } from '../../src/experiment/runner.ts';
import { collectKpis, kpiLayout } from '../../src/model/kpis.ts';
import { buildNetwork } from '../../src/model/network.ts';
import { Replication } from '../../src/model/replication.ts';
import { StreamFactory } from '../../src/engine/rng.ts';
import { projectFile } from '../../src/project-paths.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { type BenchContext, eventsOf, median, medianTime, type Row, type Section, si } from '../lib.ts';

const PHARMACY = projectFile('scenarios', 'perishable-pharmacy.yaml');
const COUNT = 1000;

/** Median wall time [s] of 1,000 replications on `runner` (after an untimed warm-up run). */
async function timeRuns(runner: ExperimentRunner, ctx: BenchContext): Promise<{ seconds: number; events: number }> {
  const scenario = loadScenario(PHARMACY);
  await runner.run(scenario, { seed: 99, count: COUNT, kpisOnly: true });
  const { seconds, value } = await medianTime(ctx.runs, () => runner.run(scenario, { seed: 1, count: COUNT, kpisOnly: true }));
  return { seconds, events: eventsOf(value) };
}

/** Per-replication costs measured directly on the model [µs per replication]. */
function breakdown(ctx: BenchContext): { reseed: number; run: number; kpis: number; streams: number } {
  const net = buildNetwork(loadScenario(PHARMACY));
  const rep = new Replication(net);
  const layout = kpiLayout(net);
  const out = new Float64Array(layout.length);
  // A factory holding the same named streams as the model (read from its private factory:
  // a benchmark may look inside), reseeded on its own.
  const model = (rep as unknown as { streams: { streams: Map<string, unknown> } }).streams.streams;
  const probe = new StreamFactory(0, 0);
  for (const name of model.keys()) probe.get(name);
  const time = (fn: (i: number) => void) => {
    const xs: number[] = [];
    for (let r = 0; r < ctx.runs + 1; r++) {
      const t0 = performance.now();
      for (let i = 0; i < COUNT; i++) fn(i);
      xs.push(((performance.now() - t0) * 1000) / COUNT);
    }
    return median(xs.slice(1));
  };
  return {
    reseed: time((i) => probe.reseed(1, i)),
    run: time((i) => rep.run(1, i)),
    kpis: time(() => collectKpis(rep, layout, out)),
    streams: model.size,
  };
}

export const perishables: Section = {
  name: 'perishables',
  title: 'Perishable pharmacy: 1,000 replications of 360 days',
  async run(ctx) {
    const rows: Row[] = [];
    const main = new ExperimentRunner({ workers: 0 });
    const inThread = await timeRuns(main, ctx);
    rows.push({
      measure: 'main thread',
      value: `${inThread.seconds.toFixed(3)} s`,
      note: `${si(inThread.events / inThread.seconds)} events/s; target well under 0.5 s (SimPy peer: ~22 s)`,
    });
    const workers = Math.max(2, ctx.cores);
    const pool = new ExperimentRunner({ workers });
    try {
      const pooled = await timeRuns(pool, ctx);
      rows.push({ measure: `${workers} workers`, value: `${pooled.seconds.toFixed(3)} s`, note: 'warm pool (threads started by the warm-up run)' });
    } finally {
      await pool.close();
    }
    const b = breakdown(ctx);
    rows.push(
      { measure: 'per replication: model run', value: `${b.run.toFixed(0)} µs`, note: `reseeding included; ${Math.round(inThread.events / COUNT)} events` },
      { measure: 'per replication: stream reseeding', value: `${b.reseed.toFixed(0)} µs`, note: `${b.streams} named streams` },
      { measure: 'per replication: KPI collection', value: `${b.kpis.toFixed(0)} µs` },
    );
    return rows;
  },
};
