/**
 * Writing result files safely: each file is written under a temporary name in the target
 * folder and renamed into place, so a crash, a full disk or Ctrl-C never leaves a
 * half-written file behind under the real name.
 */
export { writeFileAtomic } from '../experiment/results-folder.ts';

/** JSON with NaN/Infinity as null and a final newline: stable bytes for identical values. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/**
 * A reader that stops reading (`scsim schema | head -1`) closes the pipe; the next write then
 * fails with EPIPE, which Node reports as an unhandled error with a stack trace. The output is
 * no longer wanted, so scsim stops quietly with exit code 0 (result files are written before
 * anything is printed, each atomically, so nothing is left half-written).
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
}
