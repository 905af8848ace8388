/**
 * Child process of the events section (bench/sections/events.ts): measures the events per
 * second of one model in this fresh process, in the main thread or in one worker thread, and
 * prints {eventsPerSecond, eventsPerCpuSecond} as JSON (CPU time of the whole process). Usage: events-child.ts default|base-stock COUNT RUNS main|worker.
 */
import { tuneJitForSimulation } from '../src/engine/jit-tuning.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { baseStockScenario, defaultScenario, eventsOf, medianTime } from './lib.ts';

tuneJitForSimulation();

const [model = 'default', countText = '6', runsText = '3', where = 'main'] = process.argv.slice(2);
const scenario = model === 'base-stock' ? baseStockScenario() : defaultScenario();
const count = Number(countText);
// The worker gets batches of the size `scsim run -w 1` would send (defaultBatchSize). One batch
// of the whole count, as before, warmed up the batch loop with a single call, so the worker
// compiled it (in line, src/experiment/pool.ts) inside the first timed run: ≈ 0.25 s of CPU
// that a real run pays once per pool, not once per 500 replications.
const runner = where === 'worker' ? new ExperimentRunner({ workers: 1 }) : new ExperimentRunner({ workers: 0 });
try {
  // One untimed run first: JIT warm-up (and, for the worker, thread start-up).
  await runner.run(scenario, { seed: 99, count, kpisOnly: true });
  const { seconds, cpuSeconds, cpuTimes, value } = await medianTime(Number(runsText), () => runner.run(scenario, { seed: 1, count, kpisOnly: true }));
  const events = eventsOf(value);
  process.stdout.write(`${JSON.stringify({ eventsPerSecond: events / seconds, eventsPerCpuSecond: events / cpuSeconds, cpuSecondsPerRun: cpuTimes })}\n`);
} finally {
  await runner.close();
}
