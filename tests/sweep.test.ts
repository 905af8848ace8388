/**
 * Parameter sweeps: parsing `--param`, grid and zip plans, the `variant` parameter and
 * wildcards, a real sweep on common random numbers, sweep.csv, and the `scsim sweep` command.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import {
  csvCell,
  parseParamArg,
  parseRange,
  runSweep,
  splitTopLevel,
  sweep,
  sweepCsv,
  sweepPlan,
  sweepPoints,
  type SweepPlan,
} from '../src/experiment/sweep.ts';
import { kpiColumn, openScenario } from '../src/experiment/variants.ts';
import { ScenarioError } from '../src/scenario/errors.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const run = promisify(execFile);
const runner = new ExperimentRunner({ workers: 0 });
const dirs: string[] = [];
afterAll(async () => {
  await runner.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const origin = { file: '--param', line: 1, col: 1, label: 'x' };
const plan = (mode: 'grid' | 'zip', ...ps: Array<[string, unknown[]]>): SweepPlan => ({
  mode,
  parameters: ps.map(([path, values]) => ({ path, values, origin })),
});

describe('parsing --param', () => {
  it('splits values at top-level commas only', () => {
    expect(splitTopLevel('1, 2,3')).toEqual(['1', '2', '3']);
    expect(splitTopLevel('{dist: normal, mean: 5, sd: 1},[1,2],"a,b"')).toEqual(['{dist: normal, mean: 5, sd: 1}', '[1,2]', '"a,b"']);
  });

  it('reads lo:hi:step ranges without binary noise', () => {
    expect(parseRange('0.9:0.99:0.03')).toEqual([0.9, 0.93, 0.96, 0.99]);
    expect(parseRange('10:50:20')).toEqual([10, 30, 50]);
    expect(parseRange('0:3')).toEqual([0, 1, 2, 3]);
    expect(parseRange('5:1')).toBeNull();
    expect(parseRange('a:b')).toBeNull();
  });

  it('reads values as YAML, like --set', () => {
    const p = parseParamArg('lanes.0.transitTime={dist: normal, mean: 5, sd: 1},3,base', 0);
    expect(p.path).toBe('lanes.0.transitTime');
    expect(p.values).toEqual([{ dist: 'normal', mean: 5, sd: 1 }, 3, 'base']);
    expect(p.origin).toMatchObject({ file: '--param', line: 1 });
  });

  it('rejects a missing path or an empty value, positioned at the argument', () => {
    expect(() => parseParamArg('0.9,0.95', 1)).toThrow(/--param:2:1: .*expected path=v1,v2/);
    expect(() => parseParamArg('a.b=1,,2', 0)).toThrow(/empty value/);
  });
});

describe('plans', () => {
  it('grid: every combination, the first parameter slowest', () => {
    const pts = sweepPoints(plan('grid', ['a.x', [1, 2]], ['b.y', ['u', 'v', 'w']]));
    expect(pts.map((p) => p.label)).toEqual(['x=1, y=u', 'x=1, y=v', 'x=1, y=w', 'x=2, y=u', 'x=2, y=v', 'x=2, y=w']);
    expect(pts[4]!.parameters).toEqual({ 'a.x': 2, 'b.y': 'v' });
  });

  it('zip: the i-th values together; unequal lengths and duplicate paths are errors', () => {
    expect(sweepPoints(plan('zip', ['a.x', [1, 2]], ['b.x', [3, 4]])).map((p) => p.label)).toEqual(['a.x=1, b.x=3', 'a.x=2, b.x=4']);
    expect(() => sweepPoints(plan('zip', ['a', [1, 2]], ['b', [3]]))).toThrow(/zip mode needs lists of equal length/);
    expect(() => sweepPoints(plan('grid', ['a', [1]], ['a', [2]]))).toThrow(/swept twice/);
  });

  it('uses the scenario’s sweep: section unless --param is given, positioned at its keys', () => {
    const src = openScenario(FIXTURE);
    const declared = sweepPlan(src, {});
    expect(declared.parameters.map((p) => [p.path, p.values])).toEqual([['sites.dc-*.policy.targetServiceLevel', [0.8, 0.9, 0.97]]]);
    expect(declared.parameters[0]!.origin.file).toBe(FIXTURE);
    expect(declared.parameters[0]!.origin.line).toBeGreaterThan(80);
    const cli = sweepPlan(src, { params: ['seed=1,2'], mode: 'zip' });
    expect(cli).toMatchObject({ mode: 'zip', parameters: [{ path: 'seed', values: [1, 2] }] });
  });

  it('reports every bad point at once, with the swept value named', async () => {
    const src = openScenario(FIXTURE);
    const p = sweepPlan(src, { params: ['sites.dc-*.policy.targetServiceLevel=0.9,1.5', 'variant=base,three-dcs'] });
    const err = await runSweep(src, p, { runner, replications: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    const text = (err as ScenarioError).message;
    expect(text).toMatch(/unknown variant "three-dcs" \(known: base, slow-lane, one-dc\)/);
    expect(text).toMatch(/sites\.dc-east\.policy\.targetServiceLevel: .*\(set by --param sites\.dc-\*\.policy\.targetServiceLevel=0\.9,1\.5 \(sites\.dc-\*\.policy\.targetServiceLevel=1\.5\)\)/);
  });
});

describe('running a sweep', () => {
  it('runs variants × a wildcard lever on common random numbers', async () => {
    const r = await sweep(FIXTURE, {
      runner,
      replications: 3,
      params: ['variant=base,one-dc', 'sites.dc-*.policy.targetServiceLevel=0.7,0.99'],
    });
    expect(r.kind).toBe('sweep');
    expect(r.parameters).toEqual(['variant', 'sites.dc-*.policy.targetServiceLevel']);
    expect(r.points.map((p) => p.label)).toEqual([
      'variant=base, targetServiceLevel=0.7',
      'variant=base, targetServiceLevel=0.99',
      'variant=one-dc, targetServiceLevel=0.7',
      'variant=one-dc, targetServiceLevel=0.99',
    ]);
    // The variant took effect (dc-west closed) and the lever too (more stock for more service).
    expect(Object.keys(r.points[2]!.results.bySite)).toEqual(['dc-east']);
    expect(Object.keys(r.points[0]!.results.bySite)).toEqual(['dc-east', 'dc-west']);
    for (const [lo, hi] of [[0, 1], [2, 3]] as const) {
      expect(r.points[hi]!.results.kpis.avgOnHand!.mean!).toBeGreaterThan(r.points[lo]!.results.kpis.avgOnHand!.mean!);
      expect(r.points[hi]!.results.kpis.fillRate!.mean!).toBeGreaterThan(r.points[lo]!.results.kpis.fillRate!.mean!);
    }
    // Same futures at every point: the demand that reaches the east DC's customers is identical.
    const demand = r.points.map((p) => p.results.bySegment['east-retail']!.demandUnits!.mean);
    expect(new Set(demand).size).toBe(1);
    expect(r.points[0]!.results.kpis.fillRate).toMatchObject({ n: 3 });
  });

  it('gives the per-replication vectors of each point, the same as a single run of that point', async () => {
    const src = openScenario(FIXTURE);
    const s = await runSweep(src, sweepPlan(src, {}), { runner, replications: 2, seed: 8 });
    const alone = await runner.run(s.scenarios[1]!, { seed: 8, count: 2, kpisOnly: true });
    expect(Array.from(kpiColumn(s.vectors[1]!, 'operatingProfit'))).toEqual(Array.from(kpiColumn(alone, 'operatingProfit')));
    expect(s.scenarios[1]!.sites['dc-west']).toMatchObject({ policy: { targetServiceLevel: 0.9 } });
  });

  it('writes sweep.csv: one row per point, parameters, then mean/ciLow/ciHigh of every KPI', async () => {
    const r = await sweep(FIXTURE, { runner, replications: 2 });
    const lines = sweepCsv(r).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['point', 'label', 'sites.dc-*.policy.targetServiceLevel']);
    expect(header).toContain('fillRate.mean');
    expect(header).toContain('operatingProfit.ciHigh');
    const row = lines[2]!.split(',');
    expect(row.slice(0, 3)).toEqual(['1', 'targetServiceLevel=0.9', '0.9']);
    expect(Number(row[header.indexOf('fillRate.mean')])).toBeCloseTo(r.points[1]!.results.kpis.fillRate!.mean!, 12);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe('');
  });
});

describe('scsim sweep', () => {
  it('writes results.json and sweep.csv, and prints a table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scsim-sweep-'));
    dirs.push(dir);
    const { stdout } = await run(process.execPath, [BIN, 'sweep', FIXTURE, '-n', '2', '-w', '0', '-q', '--param', 'variant=base,one-dc', '--out', dir]);
    expect(stdout).toMatch(/sweep of 2 points \(grid\), 2 replications each/);
    expect(stdout).toMatch(/one-dc/);
    const doc = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(doc).toMatchObject({ kind: 'sweep', replications: 2, parameters: ['variant'] });
    expect(doc.points[1].results.kpis.otif.mean).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'sweep.csv'), 'utf8').split('\n')[2]).toMatch(/^1,variant=one-dc,one-dc,/);
  });

  it('exits 2 with a positioned message for a bad --param', async () => {
    const err = (await run(process.execPath, [BIN, 'sweep', FIXTURE, '-n', '2', '-w', '0', '--param', '0.9,0.95']).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/^--param:1:1: .*expected path=v1,v2/);
    expect(err.stderr).not.toMatch(/\n\s+at /);
  });
});
