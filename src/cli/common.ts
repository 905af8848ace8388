/**
 * What every command shares: the default scenario, loading with overrides, and turning
 * failures into one clear line and the right exit code.
 */
import { projectFile } from '../project-paths.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { checkOutFolder, OutFolderError } from '../experiment/results-folder.ts';

/** The shipped default scenario. */
export const DEFAULT_SCENARIO = projectFile('scenarios', 'bottler-17-plants.yaml');

/** Exit codes: 0 success, 1 runtime failure, 2 bad input (scenario or arguments), 130 interrupted. */
export const EXIT = { ok: 0, failure: 1, badInput: 2, interrupted: 130 } as const;

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

/** `--out DIR` must be able to become a folder: checked before any work (a UsageError if not). */
export function checkOut(dir: string): void {
  try {
    checkOutFolder(dir);
  } catch (err) {
    if (err instanceof OutFolderError) throw new UsageError(err.message);
    throw err;
  }
}
