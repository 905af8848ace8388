/**
 * A results folder (`--out DIR`) written as one unit, and checked as one when read.
 *
 * The files of one run (results.json, replications.csv, scenario.json, sweep.csv, …) are each
 * written under a temporary name and renamed; then `manifest.json` is written last, naming
 * every file of the run with its size and SHA-256. Before the first file is replaced, the
 * previous manifest is replaced by one that says `writing`, so a run killed halfway leaves a
 * folder that says so, never a mix of two runs that looks whole. Files of the previous run that
 * the new one does not write (its manifest named them) are removed. The user's other files in
 * the folder are left alone, which is why the folder itself is not swapped.
 *
 * `checkResultsFolder` is what readers (`scsim report`) call: a folder still `writing`, or
 * whose files differ from its manifest, is refused with one line saying which file. A folder
 * without a manifest (written by hand, or by an older scsim) is read as it is.
 *
 * Temporary files left by a process that was killed (`.<pid>.<…>.tmp`) are removed by the next
 * write into the same folder once that process is gone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MANIFEST = 'manifest.json';

interface Manifest {
  scsim: 'results-folder';
  /** `complete` once every file is written; `writing` while a run replaces them. */
  state: 'complete' | 'writing';
  /** File name → size [bytes] and SHA-256 (hex). */
  files: Record<string, { bytes: number; sha256: string }>;
}

/** Writes `content` to `file` atomically (temporary file in the same folder, then rename). */
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

/** Fails before any work when `dir` cannot be a results folder (it is a file, or lies under one). */
export function checkOutFolder(dir: string, option = '--out'): void {
  for (let d = dir; ; d = dirname(d)) {
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(d, { throwIfNoEntry: false });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err; // under a file: look further up
    }
    if (st && !st.isDirectory()) throw new OutFolderError(d === dir ? `${option} ${dir}: is a file, not a folder` : `${option} ${dir}: ${d} is a file, not a folder`);
    if (st || dirname(d) === d) return;
  }
}

/** A `--out` that cannot be a folder (the CLI reports it as a usage error). */
export class OutFolderError extends Error {}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes temporary files of processes that no longer run. */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = /^\.(\d+)\.\d+\.[0-9a-z]*\.tmp$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (m?.scsim === 'results-folder' && typeof m.files === 'object' && m.files !== null) return m;
  } catch {
    // unreadable: treated as a foreign file below
  }
  throw new Error(`${file}: not a results manifest written by scsim`);
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Writes the files of one run into `dir` as one unit (see above). Returns their names. */
export function writeResultsFolder(dir: string, files: ReadonlyArray<readonly [string, string | Uint8Array]>): string[] {
  checkOutFolder(dir);
  mkdirSync(dir, { recursive: true });
  removeStaleTemporaries(dir);
  let previous: Manifest | undefined;
  try {
    previous = readManifest(dir);
  } catch {
    previous = undefined; // a foreign manifest.json is replaced like a stale one
  }
  const manifest: Manifest = { scsim: 'results-folder', state: 'complete', files: {} };
  for (const [name, content] of files)
    manifest.files[name] = { bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength, sha256: sha256(content) };
  writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify({ ...manifest, state: 'writing' }, null, 2)}\n`);
  for (const name of Object.keys(previous?.files ?? {}))
    if (!(name in manifest.files) && /^[^/\\]+$/.test(name) && name !== MANIFEST) rmSync(join(dir, name), { force: true });
  for (const [name, content] of files) writeFileAtomic(join(dir, name), content);
  writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return files.map(([name]) => name);
}

/**
 * Throws (one line) if `dir`'s files do not belong together: a manifest still `writing`, or a
 * file missing, resized or changed since its manifest was written. No manifest: nothing to check.
 */
export function checkResultsFolder(dir: string): void {
  const manifest = readManifest(dir);
  if (!manifest) return;
  if (manifest.state !== 'complete')
    throw new Error(`${dir}: incomplete results folder (the run writing it was stopped before it finished); run it again`);
  for (const [name, { sha256: want }] of Object.entries(manifest.files)) {
    const file = join(dir, name);
    if (!existsSync(file)) throw new Error(`${file}: missing, but ${MANIFEST} lists it (the folder's files do not belong together)`);
    if (sha256(readFileSync(file)) !== want)
      throw new Error(`${file}: changed since the run that wrote ${MANIFEST} (the folder's files do not belong together); run it again`);
  }
}
