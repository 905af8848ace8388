/**
 * What every benchmark section shares: the section contract, the models measured, timing with
 * medians, and number formatting. See bench/run.ts for how sections are run and printed.
 */
import { DEFAULT_SCENARIO } from '../src/cli/common.ts';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ReplicationVectors } from '../src/experiment/results.ts';
import { BUNDLED, projectFile } from '../src/project-paths.ts';
import { loadScenario } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/schema.ts';

export interface BenchContext {
  /** `--full`: also run the measurements that take minutes instead of estimating them. */
  full: boolean;
  /** Timed repetitions of each measurement; the median is reported (≥ 3). */
  runs: number;
  /** Worker threads for "all workers" figures (the machine's cores). */
  cores: number;
}

/** One printed line: what was measured, the figure, and what it is compared with. */
export interface Row {
  measure: string;
  value: string;
  /** Target, ratio, or how the figure was obtained. */
  note?: string;
}

/** A benchmark section: one file in bench/sections/, listed in bench/sections/index.ts. */
export interface Section {
  /** Short id for `--only`. */
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

/** The shipped default scenario (17 plants, one replication = one year). */
export function defaultScenario(): Scenario {
  return loadScenario(DEFAULT_SCENARIO);
}

export const BASE_STOCK_FILE = projectFile('bench', 'single-site-base-stock.yaml');

/** The single-site base-stock model with unit-size Poisson orders; `sets` as with `--set`. */
export function baseStockScenario(sets: string[] = []): Scenario {
  return loadScenario(BASE_STOCK_FILE, sets);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Runs `fn` `runs` times; the median wall time [s], the median CPU time of the whole process
 * [s] (every thread: a worker's, V8's compiler and GC threads) and the last value.
 */
export async function medianTime<T>(runs: number, fn: () => Promise<T>): Promise<{ seconds: number; cpuSeconds: number; cpuTimes: number[]; value: T }> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    value = await fn();
    times.push((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1e6);
  }
  return { seconds: median(times), cpuSeconds: median(cpuTimes), cpuTimes, value: value as T };
}

/** Simulation events executed by the replications in `v` (the `events` KPI, summed). */
export function eventsOf(v: ReplicationVectors): number {
  const k = v.layout.names.indexOf('events');
  let sum = 0;
  for (let i = 0; i < v.count; i++) sum += v.data[i * v.layout.length + k]!;
  return sum;
}

/** 1234567 → "1.23 M", 5432 → "5.43 k". */
export function si(x: number): string {
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (Math.abs(x) >= 1e3) return `${(x / 1e3).toFixed(2)} k`;
  return x.toFixed(2);
}

export const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/**
 * Runs a measurement in a fresh process and returns what it prints: bench/<name>.ts through tsx,
 * or dist/bench-<name>.mjs when the benchmark itself runs from the bundle (`npm run bench`).
 * A fresh process measures a model the way `scsim run` meets it: without the JIT feedback and
 * memory left behind by the other models the benchmark ran before.
 */
export async function runChild(name: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [...childScript(name), ...args], { maxBuffer: 1 << 20 });
  return stdout;
}

/** Node arguments that run bench/<name>.ts: its bundle under `npm run bench`, else the source through tsx. */
export function childScript(name: string): string[] {
  return BUNDLED
    ? [projectFile('dist', `bench-${name}.mjs`)]
    : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, projectFile('bench', `${name}.ts`)];
}
