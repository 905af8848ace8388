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
 *
 * The worker target is judged on events per CPU second of the whole process (every thread:
 * the worker's, V8's compiler and GC threads), the median of per-pair ratios, as the reference
 * section judges its ratios: on this shared machine a process waits for a core most of its
 * wall time, and wall-time ratios of neighbouring processes ranged 0.5–1.4 in one run. The
 * wall-time ratio is printed beside it.
 */
import { type BenchContext, median, pct, type Row, runChild, type Section, si } from '../lib.ts';

type Where = 'main' | 'worker';

interface Rates {
  /** Events per second of wall time. */
  eventsPerSecond: number;
  /** Events per second of the process's CPU time (every thread). */
  eventsPerCpuSecond: number;
}

async function eventsPerSecond(model: string, count: number, runs: number, where: Where): Promise<Rates> {
  return JSON.parse(await runChild('events-child', [model, String(count), String(runs), where])) as Rates;
}

/** The range of per-process figures, e.g. "4.61 M–5.22 M over 3 processes". */
function spread(xs: number[]): string {
  return `${si(Math.min(...xs))}–${si(Math.max(...xs))} over ${xs.length} processes`;
}

/** Median and range of per-pair ratios, e.g. "87% (81–93% over 5 pairs)". */
function ratios(xs: number[]): string {
  return `${pct(median(xs))} (${pct(Math.min(...xs))}–${pct(Math.max(...xs))} over ${xs.length} pairs)`;
}

async function measure(name: string, model: string, count: number, target: string, ctx: BenchContext): Promise<Row[]> {
  const samples: Record<Where, Rates[]> = { main: [], worker: [] };
  // Pairs of neighbouring processes, the order alternating, so a slow stretch of the machine
  // falls on both sides as often.
  for (let i = 0; i < ctx.runs; i++)
    for (const where of i % 2 === 0 ? (['main', 'worker'] as const) : (['worker', 'main'] as const))
      samples[where].push(await eventsPerSecond(model, count, ctx.runs, where));
  const wall = (w: Where) => samples[w].map((r) => r.eventsPerSecond);
  const cpu = (w: Where) => samples[w].map((r) => r.eventsPerCpuSecond);
  const cpuRatios = samples.worker.map((r, i) => r.eventsPerCpuSecond / samples.main[i]!.eventsPerCpuSecond);
  const wallRatios = samples.worker.map((r, i) => r.eventsPerSecond / samples.main[i]!.eventsPerSecond);
  const met = median(cpuRatios) >= 0.9 ? 'met' : 'NOT met';
  return [
    { measure: `${name}: events/s, main thread`, value: si(median(wall('main'))), note: `target ≥ ${target}; ${spread(wall('main'))}` },
    { measure: `${name}: events/s, in a worker`, value: si(median(wall('worker'))), note: spread(wall('worker')) },
    {
      measure: `${name}: worker / main thread, events per CPU second`,
      value: pct(median(cpuRatios)),
      note: `target ≥ 90% (${met}); ${ratios(cpuRatios)}; ${si(median(cpu('worker')))} / ${si(median(cpu('main')))}`,
    },
    { measure: `${name}: worker / main thread, events per wall second`, value: pct(median(wallRatios)), note: `${ratios(wallRatios)} (includes waiting for a core)` },
  ];
}

export const events: Section = {
  name: 'events',
  title: 'Events per second per core (fresh processes, median across them)',
  async run(ctx) {
    return [...(await measure('default scenario', 'default', 6, '3 M', ctx)), ...(await measure('base-stock', 'base-stock', 500, '8 M', ctx))];
  },
};
