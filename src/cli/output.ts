/**
 * Writing result files safely: each file is written under a temporary name in the target
 * folder and renamed into place, so a crash, a full disk or Ctrl-C never leaves a
 * half-written file behind under the real name.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `content` to `file` atomically (temporary file, then rename). */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

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
