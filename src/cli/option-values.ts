/**
 * Checks of numeric option values shared by every command, each problem a UsageError (exit 2)
 * naming the option as the user typed it: `-n abc` says "not a number" (yargs turns it into
 * NaN), `--warmup -1` is reported as `--warmup` (not as the `warmupDays` patch it becomes),
 * `--seed` is an integer in the schema's range, and absurd sizes are refused before any work.
 */
import { availableParallelism } from 'node:os';
import { MAX_SEED } from '../scenario/schema.ts';
import { UsageError } from './common.ts';

/**
 * Most worker threads: four per core. More threads than cores only share the same cores (each
 * thread also costs its own heap and start-up), and hundreds of threads exhaust memory.
 */
export const MAX_WORKERS_PER_CORE = 4;

/** The largest `--workers` on this machine (at least 8, so a small machine can still test 1–8). */
export function maxWorkers(): number {
  return Math.max(8, MAX_WORKERS_PER_CORE * availableParallelism());
}

/** Most replications of one run, point or option: beyond this the KPI vectors alone exceed memory. */
export const MAX_REPLICATIONS = 10_000_000;
/** Longest simulated horizon [days] (1,000 years). */
export const MAX_HORIZON_DAYS = 365_000;

interface IntRule {
  /** Smallest value allowed. */
  min: number;
  /** Largest value allowed. */
  max: number;
  /** What the value is, for the message: "a positive integer". */
  what: string;
  /** Why there is a maximum, when it can be reached by a sensible user. */
  why?: string;
}

const fmt = (x: number) => x.toLocaleString('en-US');

/** Checks an integer option; `undefined` (not given) passes. */
export function checkInteger(option: string, value: number | undefined, rule: IntRule): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new UsageError(`${option}: not a number (expected ${rule.what})`);
  if (!Number.isInteger(value)) throw new UsageError(`${option} must be ${rule.what}, got ${value}`);
  if (value < rule.min) throw new UsageError(`${option} must be ${rule.what}, got ${value}`);
  if (value > rule.max) throw new UsageError(`${option} must be at most ${fmt(rule.max)}, got ${fmt(value)}${rule.why ? ` (${rule.why})` : ''}`);
}

/** Checks a number of days; `undefined` passes. */
export function checkDays(option: string, value: number | undefined, opts: { positive: boolean }): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new UsageError(`${option}: not a number (expected a number of days)`);
  const ok = opts.positive ? value > 0 : value >= 0;
  if (!ok || !Number.isFinite(value)) throw new UsageError(`${option} must be ${opts.positive ? 'a positive' : 'a non-negative'} number of days, got ${value}`);
  if (value > MAX_HORIZON_DAYS) throw new UsageError(`${option} must be at most ${fmt(MAX_HORIZON_DAYS)} days, got ${fmt(value)}`);
}

/** The options most commands share; each checked when given. */
export interface CommonNumbers {
  replications?: number;
  seed?: number;
  workers?: number;
  horizon?: number;
  warmup?: number;
  batchSize?: number;
  maxReplications?: number;
}

/** Checks the shared numeric options (`minReplications`: 1 for run, 2 where intervals are compared). */
export function checkCommonNumbers(a: CommonNumbers, minReplications = 1): void {
  const reps = minReplications === 1 ? 'a positive integer' : `an integer ≥ ${minReplications} (intervals need two)`;
  checkInteger('--replications', a.replications, { min: minReplications, max: MAX_REPLICATIONS, what: reps });
  checkInteger('--seed', a.seed, { min: 0, max: MAX_SEED, what: `an integer from 0 to ${MAX_SEED}` });
  const cap = maxWorkers();
  checkInteger('--workers', a.workers, {
    min: 0,
    max: cap,
    what: 'a non-negative integer',
    why: `${MAX_WORKERS_PER_CORE} per core on this ${availableParallelism()}-core machine; more threads only share the same cores`,
  });
  checkInteger('--batch-size', a.batchSize, { min: 1, max: MAX_REPLICATIONS, what: 'a positive integer' });
  checkInteger('--max-replications', a.maxReplications, { min: 2, max: MAX_REPLICATIONS, what: 'an integer ≥ 2' });
  checkDays('--horizon', a.horizon, { positive: true });
  checkDays('--warmup', a.warmup, { positive: false });
  if (a.horizon !== undefined && a.warmup !== undefined && a.warmup >= a.horizon)
    throw new UsageError(`--warmup (${a.warmup} days) must be shorter than --horizon (${a.horizon} days)`);
}
