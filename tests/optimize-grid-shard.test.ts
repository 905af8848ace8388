/**
 * `optimize --method grid`: every point of the lever grid, on one machine and as shards merged
 * by `scsim merge` — the two results.json byte for byte the same, because the points are the
 * same scenarios on the same random numbers and the reduction is one function (gridOptimum).
 * Then the refusals: a grid too large to evaluate, and `--shard` without `--method grid`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { OptimizeResult } from '../src/experiment/optimize.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/scsim.js');
const FIXTURE = join(ROOT, 'tests/fixtures/whatif-two-dcs.yaml');
const dir = mkdtempSync(join(tmpdir(), 'scsim-optimize-grid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 4 × 3 grid of the two DCs' service targets, 3 short replications a point. */
const PROBLEM = [
  'optimize', FIXTURE, '--method', 'grid',
  '--lever', 'sites.dc-east.policy.targetServiceLevel=0.8:0.95:0.05',
  '--lever', 'sites.dc-west.policy.targetServiceLevel=0.8,0.9,0.95',
  '--target', '0.9', '--per', 'overall', '-n', '3', '--horizon', '120', '--warmup', '10', '-q',
];

async function scsim(args: string[]) {
  return await run(process.execPath, [CLI, ...args], { cwd: ROOT, maxBuffer: 64 << 20 });
}

/** Exit code and stderr of a command expected to fail. */
async function failing(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await scsim(args);
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error(`expected scsim ${args.join(' ')} to fail`);
}

describe('optimize --method grid', () => {
  it('gives byte-identical results.json in one process and as 3 shards merged', async () => {
    await scsim([...PROBLEM, '--workers', '0', '--out', join(dir, 'one')]);
    // Blocks of 2 replications cut points in two, so shards hold parts of points.
    for (let k = 0; k < 3; k++) await scsim([...PROBLEM, '--workers', String(k % 2), '--shard', `${k}/3`, '--block-size', '2', '--out', join(dir, `s${k}.bin`)]);
    await scsim(['merge', ...[0, 1, 2].map((k) => join(dir, `s${k}.bin`)), '--out', join(dir, 'merged'), '-q']);
    const one = readFileSync(join(dir, 'one', 'results.json'));
    expect(readFileSync(join(dir, 'merged', 'results.json')).equals(one)).toBe(true);

    // And the result is the grid's: every point once, the cheapest feasible one chosen.
    const r = JSON.parse(one.toString()) as OptimizeResult;
    expect(r.search.method).toBe('grid');
    expect(r.evaluations).toBe(12);
    expect(new Set(r.trace.map((t) => JSON.stringify(t.parameters))).size).toBe(12);
    const feasible = r.trace.filter((t) => t.feasible);
    expect(feasible.length).toBeGreaterThan(0);
    expect(r.status).toBe('optimal');
    expect(r.chosen.cost.mean).toBe(Math.min(...feasible.map((t) => t.cost.mean!)));
    expect(r.chosen.service.every((c) => c.met)).toBe(true);
  }, 120_000);

  it('refuses a grid over the bound (exit 2, nothing written), locally and sharded', async () => {
    const big = ['optimize', FIXTURE, '--method', 'grid', '--lever', 'sites.dc-east.policy.s=0:100', '--lever', 'sites.dc-west.policy.s=0:100', '--target', '0.9'];
    const local = await failing([...big, '--out', join(dir, 'big')]);
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/--method grid: the lever grid has 10201 points .* more than 5000/);
    expect(local.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'big'))).toBe(false);
    const sharded = await failing([...big, '--shard', '0/2', '--out', join(dir, 'big.bin')]);
    expect(sharded.code).toBe(2);
    expect(sharded.stderr).toMatch(/more than 5000/);
    expect(existsSync(join(dir, 'big.bin'))).toBe(false);
    // --max-evaluations sets the bound.
    const capped = await failing([...PROBLEM, '--max-evaluations', '10']);
    expect(capped.stderr).toMatch(/12 points .* more than 10; coarsen the lever steps or raise --max-evaluations/);
  }, 60_000);

  it('refuses --shard with the adaptive search', async () => {
    const r = await failing(['optimize', FIXTURE, '--lever', 'sites.dc-east.policy.s=0:100', '--target', '0.9', '--shard', '0/2', '--out', join(dir, 'auto.bin')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard needs --method grid/);
    expect(existsSync(join(dir, 'auto.bin'))).toBe(false);
  }, 60_000);
});
