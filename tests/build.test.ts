/**
 * The bundle in dist/ (scripts/build.mjs) is what bin/scsim.js runs: it is rebuilt whenever a
 * source is newer, and it gives the same numbers as the TypeScript sources.
 */
import { execFile } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script without type declarations.
import { ensureBuilt, isFresh } from '../scripts/build.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI_BUNDLE = `${ROOT}dist/cli.mjs`;

describe('the bundle', () => {
  it('is rebuilt when a source file is newer than it', async () => {
    await ensureBuilt();
    expect(isFresh()).toBe(true);
    // Age the bundle instead of touching a source: the same staleness, no edit to the tree.
    const old = new Date(Date.UTC(2001, 0, 1));
    utimesSync(CLI_BUNDLE, old, old);
    expect(isFresh()).toBe(false);
    await ensureBuilt();
    expect(isFresh()).toBe(true);
    expect(statSync(CLI_BUNDLE).mtimeMs).toBeGreaterThan(old.getTime());
  });

  it('runs the CLI with the same results as the TypeScript sources', async () => {
    const args = ['run', 'bench/single-site-base-stock.yaml', '-n', '3', '--seed', '4', '--json', '--quiet'];
    const run = promisify(execFile);
    const [bundled, sources] = await Promise.all([
      run(process.execPath, ['bin/scsim.js', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }),
      run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--workers', '0'], { cwd: ROOT, maxBuffer: 64 << 20 }),
    ]);
    expect(bundled.stdout.length).toBeGreaterThan(1000);
    expect(bundled.stdout).toBe(sources.stdout);
  });
});
