/**
 * Events per second per core, in the main thread and inside a worker thread, for the default
 * scenario and the single-site base-stock model. Target: a worker no more than 10 % below the
 * main thread (nothing per event crosses threads, so the only costs are start-up and transfer).
 *
 * Each figure comes from fresh processes (bench/events-child.ts), as `scsim run` would meet the
 * model: measured in one long-lived process, a model runs slower after another one has trained
 * the JIT on different distributions and event mixes, and the main thread would be compared with
 * a worker that never saw those. And it is the median over `runs` such processes, main-thread
 * and worker processes interleaved: on a shared virtual machine the speed of a process is set
 * for seconds at a time (the same code runs in one process up to ~35 % faster than in the next),
 * so one process is one sample, however many runs it times. The range across processes is
 * printed beside each figure.
 */
import { type BenchContext, median, pct, type Row, runChild, type Section, si } from '../lib.ts';

type Where = 'main' | 'worker';

async function eventsPerSecond(model: string, count: number, runs: number, where: Where): Promise<number> {
  const out = JSON.parse(await runChild('events-child', [model, String(count), String(runs), where])) as { eventsPerSecond: number };
  return out.eventsPerSecond;
}

/** The range of per-process figures, e.g. "4.61 M–5.22 M over 3 processes". */
function spread(xs: number[]): string {
  return `${si(Math.min(...xs))}–${si(Math.max(...xs))} over ${xs.length} processes`;
}

async function measure(name: string, model: string, count: number, target: string, ctx: BenchContext): Promise<Row[]> {
  const samples: Record<Where, number[]> = { main: [], worker: [] };
  for (let i = 0; i < ctx.runs; i++)
    for (const where of ['main', 'worker'] as const) samples[where].push(await eventsPerSecond(model, count, ctx.runs, where));
  const inThread = median(samples.main);
  const inWorker = median(samples.worker);
  return [
    { measure: `${name}: events/s, main thread`, value: si(inThread), note: `target ≥ ${target}; ${spread(samples.main)}` },
    {
      measure: `${name}: events/s, in a worker`,
      value: si(inWorker),
      note: `${pct(inWorker / inThread)} of main thread (target ≥ 90%); ${spread(samples.worker)}`,
    },
  ];
}

export const events: Section = {
  name: 'events',
  title: 'Events per second per core (fresh processes, median across them)',
  async run(ctx) {
    return [...(await measure('default scenario', 'default', 6, '3 M', ctx)), ...(await measure('base-stock', 'base-stock', 500, '8 M', ctx))];
  },
};
