/**
 * Child process of the memory section (bench/sections/memory.ts): runs N replications of the
 * small base-stock model on a worker pool and prints {replications, vectorLength (kept per
 * replication), seriesPoints (summarised), seconds, peakRssMb, …} as JSON.
 * Usage: memory-child.ts kpis|series N WORKERS.
 */
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { tuneJitForSimulation } from '../src/engine/jit-tuning.ts';
import { baseStockScenario } from './lib.ts';

tuneJitForSimulation();

const [mode = 'kpis', n = '100000', w = '2'] = process.argv.slice(2);
const scenario = baseStockScenario(['segments.customers.ordersPerDay=1']);
const runner = new ExperimentRunner({ workers: Number(w) });
const t0 = performance.now();
try {
  const count = Number(n);
  // As `scsim run` keeps them: summarised as replications finish (src/experiment/series-summary.ts).
  const seriesSummary = mode === 'series' ? runner.summarizeSeries(scenario, count) : undefined;
  const v = await runner.run(scenario, { seed: 1, count, kpisOnly: mode === 'kpis', seriesSummary });
  const seconds = (performance.now() - t0) / 1000;
  // maxRSS covers the whole process, worker threads included [kB].
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const m = process.memoryUsage();
  const mb = (x: number) => Math.round(x / 2 ** 20);
  process.stdout.write(`${JSON.stringify({ replications: v.count, vectorLength: v.layout.length, seriesPoints: seriesSummary?.points ?? 0, seconds, peakRssMb, endRssMb: mb(m.rss), heapMb: mb(m.heapUsed), arrayBuffersMb: mb(m.arrayBuffers) })}\n`);
} finally {
  await runner.close();
}
