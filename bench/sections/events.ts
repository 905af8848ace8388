/**
 * Events per second per core, in the main thread and inside a worker thread, for the default
 * scenario and the single-site base-stock model. Target: a worker no more than 10 % below the
 * main thread (nothing per event crosses threads, so the only costs are start-up and transfer).
 *
 * Each figure comes from a fresh process (bench/events-child.ts), as `scsim run` would meet the
 * model: measured in one long-lived process, a model runs slower after another one has trained
 * the JIT on different distributions and event mixes, and the main thread would be compared with
 * a worker that never saw those.
 */
import { type BenchContext, pct, type Row, runChild, type Section, si } from '../lib.ts';

async function eventsPerSecond(model: string, count: number, runs: number, where: 'main' | 'worker'): Promise<number> {
  const out = JSON.parse(await runChild('events-child', [model, String(count), String(runs), where])) as { eventsPerSecond: number };
  return out.eventsPerSecond;
}

async function measure(name: string, model: string, count: number, ctx: BenchContext): Promise<Row[]> {
  const inThread = await eventsPerSecond(model, count, ctx.runs, 'main');
  const inWorker = await eventsPerSecond(model, count, ctx.runs, 'worker');
  return [
    { measure: `${name}: events/s, main thread`, value: si(inThread) },
    { measure: `${name}: events/s, in a worker`, value: si(inWorker), note: `${pct(inWorker / inThread)} of main thread (target ≥ 90%)` },
  ];
}

export const events: Section = {
  name: 'events',
  title: 'Events per second per core (each in a fresh process)',
  async run(ctx) {
    return [...(await measure('default scenario', 'default', 6, ctx)), ...(await measure('base-stock', 'base-stock', 500, ctx))];
  },
};
