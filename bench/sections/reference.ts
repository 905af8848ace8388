/**
 * scsim against hand-written engines of the same models (issue 20): speed as a ratio, scsim's
 * time per replication / the reference's, main thread, after start-up. The references
 * (bench/reference/) are plain TypeScript — closures over a binary heap — for the two models of
 * bench/scenarios/: 1 supplier → 1 DC (r,Q) → 3 stores (s,S), and an M/M/1 queue of about a
 * million customers per replication.
 *
 * Each measurement is a pair of fresh processes (bench/reference-child.ts), reference and scsim
 * one after the other, the order alternating from pair to pair; each process times a few chunks
 * of replications and reports the median chunk's; the ratio is taken within the
 * pair and the median and range over `runs` pairs are printed. On a shared machine the speed of
 * a process drifts by tens of per cent over seconds, so only a ratio of neighbours is a figure.
 * The target ratio is of CPU time (process.cpuUsage, every thread of the process: V8's compiler
 * and GC count): with more runnable threads than cores, wall time also counts the time a process
 * waited for a core, which varied by a factor of five between neighbouring processes here. The
 * wall-time ratio is printed beside it.
 *
 * Before a ratio means anything, both must do the same work: the KPIs of every timed replication
 * (different seeds per pair) are pooled per engine and the means compared — they agree when the
 * 99% Welch interval of the difference holds 0 (± in the printed line is its half-width). For
 * M/M/1 each engine's 99% interval of the mean wait, queue and utilisation must also hold theory.
 */
import { confidenceInterval, mean, welchDifference } from '../../src/experiment/stats.ts';
import { median, type Row, runChild, type Section } from '../lib.ts';

/** Confidence level of the agreement checks: 99%, as several KPIs are checked per model. */
const LEVEL = 0.99;

type Engine = 'reference' | 'scsim';

interface ChildReport {
  secondsPerReplication: number;
  cpuSecondsPerReplication: number;
  kpis: Record<string, number[]>;
}

interface ModelSpec {
  name: string;
  model: 'inventory' | 'mm1';
  /** Untimed replications first in each process (start-up, JIT), then `chunks` timed runs of `count`. */
  warm: number;
  count: number;
  chunks: number;
  target: number;
  /** Exact values from theory, per bench KPI name. */
  theory?: Record<string, number>;
}

const MODELS: ModelSpec[] = [
  { name: 'inventory (1 DC, 3 stores, 10 years)', model: 'inventory', warm: 20, count: 40, chunks: 5, target: 1.3 },
  {
    name: 'M/M/1 (ρ 0.9, ~1 M customers)',
    model: 'mm1',
    warm: 1,
    count: 1,
    chunks: 3,
    target: 2.0,
    // Wq = ρ / (μ − λ), Lq = ρ² / (1 − ρ), utilisation ρ, with λ = 90, μ = 100 per day.
    theory: { 'mean wait [days]': 0.09, 'mean queue': 8.1, utilisation: 0.9 },
  },
];

async function child(spec: ModelSpec, engine: Engine, seed: number): Promise<ChildReport> {
  const out = await runChild('reference-child', [spec.model, engine, String(spec.warm), String(spec.count), String(spec.chunks), String(seed)]);
  return JSON.parse(out) as ChildReport;
}

/** 4 significant digits. */
const g = (x: number) => (Math.abs(x) >= 1e4 ? x.toFixed(0) : x.toPrecision(4));
const ms = (s: number) => `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;

async function measure(spec: ModelSpec, runs: number): Promise<Row[]> {
  const ratios: number[] = [];
  const wallRatios: number[] = [];
  const times: Record<Engine, number[]> = { reference: [], scsim: [] };
  const pooled: Record<Engine, Record<string, number[]>> = { reference: {}, scsim: {} };
  for (let i = 0; i < runs; i++) {
    const order: Engine[] = i % 2 === 0 ? ['reference', 'scsim'] : ['scsim', 'reference'];
    const got = {} as Record<Engine, ChildReport>;
    for (const engine of order) got[engine] = await child(spec, engine, i + 1);
    ratios.push(got.scsim.cpuSecondsPerReplication / got.reference.cpuSecondsPerReplication);
    wallRatios.push(got.scsim.secondsPerReplication / got.reference.secondsPerReplication);
    for (const engine of order) {
      times[engine].push(got[engine].cpuSecondsPerReplication);
      for (const [k, xs] of Object.entries(got[engine].kpis)) (pooled[engine][k] ??= []).push(...xs);
    }
  }
  const ratio = median(ratios);
  const rows: Row[] = [
    {
      measure: `${spec.name}: scsim / reference, CPU time`,
      value: `${ratio.toFixed(2)}×`,
      note:
        `target ≤ ${spec.target.toFixed(1)}${ratio <= spec.target ? ' (met)' : ' (not met)'}; ` +
        `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}× over ${runs} pairs; ` +
        `per replication ${ms(median(times.reference))} / ${ms(median(times.scsim))}`,
    },
    {
      measure: `${spec.name}: scsim / reference, wall time`,
      value: `${median(wallRatios).toFixed(2)}×`,
      note: `${Math.min(...wallRatios).toFixed(2)}–${Math.max(...wallRatios).toFixed(2)}× (includes waiting for a core on a busy machine)`,
    },
  ];
  const disagree: string[] = [];
  const parts: string[] = [];
  for (const k of Object.keys(pooled.reference)) {
    const a = pooled.reference[k]!;
    const b = pooled.scsim[k]!;
    const d = welchDifference(a, b, LEVEL);
    if (!(Math.abs(d.mean) <= d.halfWidth)) disagree.push(k);
    parts.push(`${k} ${g(mean(a))} / ${g(mean(b))} (±${g(d.halfWidth)})`);
    const exact = spec.theory?.[k];
    if (exact !== undefined)
      for (const [engine, xs] of [['reference', a], ['scsim', b]] as const) {
        const ci = confidenceInterval(xs, LEVEL);
        if (!(ci.low <= exact && exact <= ci.high)) disagree.push(`${k} (${engine} vs theory ${exact})`);
      }
  }
  const n = pooled.reference[Object.keys(pooled.reference)[0]!]!.length;
  rows.push({
    measure: `${spec.name}: KPIs agree (reference / scsim)`,
    value: disagree.length === 0 ? 'yes' : 'NO',
    note: `${n} replications each: ${parts.join('; ')}${spec.theory ? '; theory: ' + Object.entries(spec.theory).map(([k, v]) => `${k} ${v}`).join(', ') : ''}${disagree.length ? ` — differ: ${disagree.join(', ')}` : ''}`,
  });
  return rows;
}

export const reference: Section = {
  name: 'reference',
  title: 'scsim / hand-written reference, time per replication (fresh processes, interleaved pairs)',
  async run(ctx) {
    const rows: Row[] = [];
    for (const spec of MODELS) rows.push(...(await measure(spec, ctx.runs)));
    return rows;
  },
};
