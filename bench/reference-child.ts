/**
 * Child process of the reference section (bench/sections/reference.ts): runs one model with one
 * engine in this fresh process — `warm` untimed replications (start-up, JIT), then CHUNKS timed
 * runs of `count` replications each — and prints {secondsPerReplication, cpuSecondsPerReplication
 * (the median chunk's wall and process CPU time), kpis: {name: value per timed replication}} as
 * JSON. The median of chunks keeps a stall of the shared machine during one chunk out of the
 * figure; CPU time (all threads of the process: V8's compiler and GC included) leaves out the
 * time the process waited for a core.
 * Usage: reference-child.ts inventory|mm1 reference|scsim WARM COUNT CHUNKS SEED.
 * scsim runs in the main thread, KPI vectors only (the reference computes no time series).
 */
import { tuneJitForSimulation } from '../src/engine/jit-tuning.ts';
import { kpiValues } from '../src/experiment/results.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { projectFile } from '../src/project-paths.ts';
import { loadScenario } from '../src/scenario/load.ts';
import * as inventory from './reference/inventory.ts';
import * as mm1 from './reference/mm1.ts';

tuneJitForSimulation();

const [model = 'inventory', engine = 'reference', warmText = '3', countText = '10', chunksText = '3', seedText = '1'] = process.argv.slice(2);
const warm = Number(warmText);
const count = Number(countText);
const chunks = Number(chunksText);
const seed = Number(seedText);

/** Bench KPI name → scsim KPI id, per model. */
const SCSIM_KPIS: Record<string, Record<string, string>> = {
  inventory: {
    'fill rate, store a': 'segment.customers-a.fillRate',
    'fill rate, store b': 'segment.customers-b.fillRate',
    'fill rate, store c': 'segment.customers-c.fillRate',
    'holding cost': 'holdingCost',
    'backorder cost': 'backorderCost',
  },
  mm1: {
    'mean wait [days]': 'orderProcessingWait',
    'mean queue': 'orderProcessingQueue',
    utilisation: 'orderProcessingUtilisation',
  },
};

/** One reference replication as bench KPIs (the names of SCSIM_KPIS). */
function referenceReplication(s: number): Record<string, number> {
  if (model === 'inventory') {
    const k = inventory.replicate(s);
    return {
      'fill rate, store a': k.fillRate[0]!,
      'fill rate, store b': k.fillRate[1]!,
      'fill rate, store c': k.fillRate[2]!,
      'holding cost': k.holdingCost,
      'backorder cost': k.backorderCost,
    };
  }
  const k = mm1.replicate(s);
  return { 'mean wait [days]': k.meanWait, 'mean queue': k.meanQueue, utilisation: k.utilisation };
}

const names = SCSIM_KPIS[model];
if (!names) throw new Error(`unknown model ${model}`);
const kpis: Record<string, number[]> = Object.fromEntries(Object.keys(names).map((n) => [n, []]));
/** Wall and CPU seconds per replication of each timed chunk. */
const chunkSeconds: number[] = [];
const chunkCpuSeconds: number[] = [];
let t0 = 0;
let cpu0 = process.cpuUsage();
function startChunk(): void {
  cpu0 = process.cpuUsage();
  t0 = performance.now();
}
function endChunk(): void {
  chunkSeconds.push((performance.now() - t0) / 1000 / count);
  const cpu = process.cpuUsage(cpu0);
  chunkCpuSeconds.push((cpu.user + cpu.system) / 1e6 / count);
}
if (engine === 'reference') {
  for (let i = 0; i < warm; i++) referenceReplication(seed * 100_000 + 99_999 - i);
  for (let c = 0; c < chunks; c++) {
    const rows: Record<string, number>[] = [];
    startChunk();
    for (let i = 0; i < count; i++) rows.push(referenceReplication(seed * 100_000 + c * count + i));
    endChunk();
    for (const row of rows) for (const n of Object.keys(names)) kpis[n]!.push(row[n]!);
  }
} else {
  const file = model === 'inventory' ? 'inventory-3-stores.yaml' : 'mm1.yaml';
  const scenario = loadScenario(projectFile('bench', 'scenarios', file));
  const runner = new ExperimentRunner({ workers: 0 });
  try {
    await runner.run(scenario, { seed: seed + 1_000_000, count: warm, kpisOnly: true });
    for (let c = 0; c < chunks; c++) {
      startChunk();
      const v = await runner.run(scenario, { seed, first: c * count, count, kpisOnly: true });
      endChunk();
      for (const [n, id] of Object.entries(names)) kpis[n]!.push(...kpiValues(v, id));
    }
  } finally {
    await runner.close();
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
process.stdout.write(`${JSON.stringify({ secondsPerReplication: median(chunkSeconds), cpuSecondsPerReplication: median(chunkCpuSeconds), kpis })}\n`);
