/**
 * `scsim run --out DIR`: results.json, replications.csv and scenario.json, and no file at all
 * when the run fails or is interrupted.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from './helpers/capture.ts';
import { replicationsCsv, runCommand } from '../src/cli/run.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { loadScenario } from '../src/scenario/load.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'scsim-run-outputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const io = captureOutput();
afterEach(() => {
  delete process.env.SCSIM_FAULT_REPLICATION;
});

describe('scsim run --out', () => {
  it('writes results.json (as --json), replications.csv (and .parquet), the scenario as run and their manifest, and nothing else', async () => {
    const dir = join(tmp, 'a');
    const args = { scenario: SMALL, seed: 3, replications: 12, horizon: 150, set: ['segments.retail.ordersPerDay=4'], workers: 0 };
    expect(await runCommand({ ...args, json: true, out: dir })).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'replications.csv', 'replications.parquet', 'results.json', 'scenario.json']);
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe(io.out);
    expect(io.err).toBe(`scsim: wrote results.json, replications.csv, scenario.json, replications.parquet to ${dir}\n`);

    // The scenario actually run: overrides applied, and running it again gives the same results.
    const asRun = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
    expect(asRun.horizonDays).toBe(150);
    expect(asRun.segments.retail.ordersPerDay).toBe(4);
    io.out = '';
    expect(await runCommand({ scenario: join(dir, 'scenario.json'), seed: 3, replications: 12, workers: 0, json: true, quiet: true })).toBe(0);
    expect(io.out).toBe(readFileSync(join(dir, 'results.json'), 'utf8'));
  });

  it('writes one CSV row per replication and one column per KPI, matching the vectors', async () => {
    const dir = join(tmp, 'b');
    expect(await runCommand({ scenario: SMALL, seed: 3, replications: 12, workers: 2, batchSize: 5, quiet: true, out: dir })).toBe(0);
    expect(io.err).toBe('');
    const lines = readFileSync(join(dir, 'replications.csv'), 'utf8').trimEnd().split('\n');
    const vectors = await new ExperimentRunner().run(loadScenario(SMALL), { seed: 3, count: 12 });
    const header = lines[0]!.split(',');
    expect(header).toEqual(['replication', ...vectors.layout.names.slice(0, vectors.layout.kpiCount)]);
    expect(header).toContain('segment.online.lostSalesUnits');
    expect(header.some((h) => h.startsWith('onHand.'))).toBe(false); // no series columns
    expect(lines).toHaveLength(13);
    const fillRate = header.indexOf('fillRate');
    for (let i = 0; i < 12; i++) {
      const cells = lines[i + 1]!.split(',');
      expect(cells).toHaveLength(header.length);
      expect(cells[0]).toBe(String(i));
      expect(Number(cells[fillRate])).toBe(vectors.data[i * vectors.layout.length + fillRate - 1]);
    }
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    const column = lines.slice(1).map((l) => Number(l.split(',')[fillRate]));
    expect(column.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(results.kpis.fillRate.mean, 12);
  });

  it('leaves not-applicable values empty and numbers exact', () => {
    const layout = { names: ['a', 'b', 'series.0'], siteIds: [], segmentIds: [], productIds: [], siteOffset: 2, segmentOffset: 2, productOffset: 2, siteValueOffset: 2, siteSlot: [], kpiCount: 2, series: [], length: 3 };
    const csv = replicationsCsv({ layout, count: 2, data: Float64Array.from([0.1, Number.NaN, 9, 1e21, -2.5, 9]) }, 40);
    expect(csv).toBe('replication,a,b\n40,0.1,\n41,1e+21,-2.5\n');
  });

  it('writes nothing when a replication fails', async () => {
    const dir = join(tmp, 'c');
    process.env.SCSIM_FAULT_REPLICATION = '4';
    await expect(runCommand({ scenario: SMALL, replications: 12, workers: 0, quiet: true, out: dir })).rejects.toThrow('replication 4 failed');
    expect(existsSync(dir)).toBe(false);
    expect(io.out).toBe('');
  });
});

describe('Ctrl-C', () => {
  it('stops the workers, prints the statistics of the completed replications, writes nothing, exits 130', async () => {
    const dir = join(tmp, 'interrupted');
    const child = spawn(process.execPath, [BIN, 'run', SMALL, '-n', '1000000', '--workers', '2', '--out', dir], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    // The first progress line (stderr is a pipe) appears once replications complete: the handler is in place.
    // Once only: a second Ctrl-C is the user insisting, and kills the process outright.
    let sent = false;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && /\d+\/1000000 replications/.test(stderr)) sent = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const m = /scsim: interrupted after (\d+) of 1000000 replications; no files written\n$/.exec(stderr);
    expect(m, stderr).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(stdout).toContain(`Small DC: interrupted after ${m![1]} of 1000000 replications, seed 1`);
    expect(stdout).toMatch(/Fill rate\s+\d+\.\d+%/);
    expect(existsSync(dir)).toBe(false);
  });
});
