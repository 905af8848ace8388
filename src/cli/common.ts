/**
 * What every command shares: the default scenario, loading with overrides, and turning
 * failures into one clear line and the right exit code.
 */
import { availableParallelism } from 'node:os';
import type { RunnerOptions } from '../experiment/runner.ts';
import { projectFile } from '../project-paths.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { checkOutFolder, OutFolderError } from '../experiment/results-folder.ts';

/** The shipped default scenario. */
export const DEFAULT_SCENARIO = projectFile('scenarios', 'bottler-17-plants.yaml');

/** Exit codes: 0 success, 1 runtime failure, 2 bad input (scenario or arguments), 130 interrupted. */
export const EXIT = { ok: 0, failure: 1, badInput: 2, interrupted: 130 } as const;

/**
 * Work [s] a command does in the main thread before it starts worker threads, when `--workers`
 * is not given: a run estimated to take about a second costs less CPU, and no more time, without
 * them (see RunnerOptions.mainThreadBudget). `--workers N` starts N at once; `-w 0` never.
 */
export const MAIN_THREAD_BUDGET = 1;

/** The runner of a command: `--workers` (default: the machine's cores, started only when they pay) and `--batch-size`. */
export function runnerOptions(args: { workers?: number; batchSize?: number }): RunnerOptions {
  return {
    workers: args.workers ?? availableParallelism(),
    batchSize: args.batchSize,
    mainThreadBudget: args.workers === undefined ? MAIN_THREAD_BUDGET : 0,
  };
}

/** Extra `--set` arguments for the common `--horizon` / `--warmup` overrides. */
export function overrideSets(args: { set?: string[]; horizon?: number; warmup?: number }): string[] {
  const sets = [...(args.set ?? [])];
  if (args.horizon !== undefined) sets.push(`horizonDays=${args.horizon}`);
  if (args.warmup !== undefined) sets.push(`warmupDays=${args.warmup}`);
  return sets;
}

/**
 * Runs a command body and maps failures to exit codes: scenario problems → all of them on
 * stderr, exit 2; anything else → one line on stderr, exit 1. Never a stack trace, unless
 * SCSIM_DEBUG is set.
 */
export async function guarded(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof ScenarioError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.badInput;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`scsim: ${err.message}\n`);
      return EXIT.badInput;
    }
    if (process.env.SCSIM_DEBUG) throw err;
    process.stderr.write(`scsim: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
}

/** A bad command-line argument (exit code 2). */
export class UsageError extends Error {}

/**
 * `--quantiles 0.05,0.5,0.9,0.95`: probabilities strictly between 0 and 1, reported sorted and
 * without repeats; undefined keeps the default (0.05, 0.5, 0.95).
 */
export function parseQuantiles(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
  const values = parts.map(Number);
  const bad = parts.filter((_, i) => !(values[i]! > 0 && values[i]! < 1));
  if (parts.length === 0 || bad.length > 0)
    throw new UsageError(`--quantiles must be probabilities between 0 and 1, comma-separated (e.g. 0.05,0.5,0.95)${bad.length > 0 ? `; not one: ${bad.join(', ')}` : ''}`);
  return [...new Set(values)].sort((a, b) => a - b);
}

/** `--out DIR` must be able to become a folder: checked before any work (a UsageError if not). */
export function checkOut(dir: string): void {
  try {
    checkOutFolder(dir);
  } catch (err) {
    if (err instanceof OutFolderError) throw new UsageError(err.message);
    throw err;
  }
}
