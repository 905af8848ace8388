/**
 * Builds dist/: one self-contained ES module per entry point, bundled by esbuild from the
 * TypeScript sources (npm packages stay external, loaded from node_modules).
 *
 * Why a bundle: the sources also run as they are (tsx, vitest), but per-file transpilation
 * leaves every cross-file `const enum`, shared constant and small helper behind a module
 * binding; bundled, they are inlined literals and the event loop runs ≈ 1.3–1.6× faster
 * (`npm run bench`). Results are byte-identical either way: same arithmetic, same order.
 *
 * `npm install` / `npm ci` build it (the `prepare` script); bin/scsim.js calls `ensureBuilt()`,
 * which rebuilds in ≈ 0.1 s whenever a source file is newer than the bundle, so an edit is
 * never run stale. Usage: `node scripts/build.mjs` (always rebuilds).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** Bundle name → entry source. */
const ENTRIES = {
  cli: 'src/cli/main.ts',
  // The library (package.json `exports`): `import { run } from 'scsim'` without a TypeScript loader.
  index: 'src/index.ts',
  worker: 'workers/replicate.ts',
  bench: 'bench/run.ts',
  'bench-memory-child': 'bench/memory-child.ts',
  'bench-events-child': 'bench/events-child.ts',
  'bench-reference-child': 'bench/reference-child.ts',
  'bench-instructions': 'bench/instructions.ts',
  'bench-instructions-child': 'bench/instructions-child.ts',
};

/**
 * The entries whose sources are present: an installed package ships src/ and workers/ but not
 * bench/ (nor its bundles), and must not count those as missing.
 */
function presentEntries() {
  return Object.fromEntries(Object.entries(ENTRIES).filter(([, src]) => existsSync(join(ROOT, src))));
}

/** Directories whose files the bundles are made of (a change there makes them stale). */
const SOURCES = ['src', 'workers', 'bench', 'scripts/build.mjs', 'package.json', 'tsconfig.json'];

/** Newest modification time [ms] of a file or any file below a directory. */
function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when every bundle exists and is newer than every source file. */
export function isFresh() {
  let oldest = Number.POSITIVE_INFINITY;
  for (const name of Object.keys(presentEntries())) {
    const st = statSync(join(DIST, `${name}.mjs`), { throwIfNoEntry: false });
    if (!st) return false;
    oldest = Math.min(oldest, st.mtimeMs);
  }
  return SOURCES.every((s) => newestMtime(join(ROOT, s)) <= oldest);
}

/**
 * Bundles every entry into dist/. Each file is written under a temporary name and renamed, so
 * concurrent builds (several CLI processes started at once) never leave a half-written file.
 */
export async function build() {
  const esbuild = await import('esbuild');
  const common = {
    absWorkingDir: ROOT,
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Named, not left to discovery: its useDefineForClassFields: false is a speed setting (see
    // bench/README.md), so the bundle must always be built with it.
    tsconfig: join(ROOT, 'tsconfig.json'),
    sourcemap: 'linked',
    // Tells src/experiment/pool.ts to start workers from dist/worker.mjs (no TypeScript loader).
    define: { 'globalThis.__SCSIM_BUNDLED__': 'true' },
    write: false,
    logLevel: 'warning',
  };
  const { cli, ...rest } = presentEntries();
  const results = await Promise.all([
    // The CLI is split: what a dynamic import() loads (the report writer with vega, vega-lite and
    // resvg; the worker pool with piscina) is a chunk of its own, loaded only when used, so a
    // command pays start-up only for what it does. The other bundles stay single files.
    esbuild.build({ ...common, entryPoints: { cli }, splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
    esbuild.build({ ...common, entryPoints: rest }),
  ]);
  const outputs = results.flatMap((r) => r.outputFiles);
  mkdirSync(join(DIST, 'chunks'), { recursive: true });
  for (const file of outputs) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  removeStaleChunks(new Set(outputs.map((f) => f.path)));
}

/**
 * Deletes chunks no current bundle refers to. Only those older than an hour: a CLI process
 * started from the previous bundle may still load one of them lazily.
 */
function removeStaleChunks(current) {
  const dir = join(DIST, 'chunks');
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!current.has(path) && !current.has(path.replace(/\.map$/, '')) && statSync(path).mtimeMs < hourAgo) rmSync(path, { force: true });
  }
}

/** Builds dist/ unless it is already up to date. */
export async function ensureBuilt() {
  if (!isFresh()) await build();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
