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
