/**
 * `optimize` with constraints on any KPI (`--constraint KPI>=value` / `KPI<=value`): per site
 * and per segment beside, or instead of, the service target; several levers at once. Checked
 * against independent runs of the same points on the same random numbers.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { optimize } from '../src/experiment/optimize.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { sweep } from '../src/experiment/sweep.ts';
import { kpiColumn, openScenario, patchedAlternative, runAlternatives } from '../src/experiment/variants.ts';

const TWO = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());
const EAST = 'sites.dc-east.policy.targetServiceLevel';
const WEST = 'sites.dc-west.policy.targetServiceLevel';
const levers = [`${EAST}=0.5:0.98:0.06`, `${WEST}=0.5:0.98:0.06`];
const common = { runner, replications: 4, seed: 21, levers };
const down = (x: number) => Math.round((x - 0.06) * 100) / 100;

describe('constraints on per-site and per-segment KPIs', () => {
  it('a site fill-rate floor on top of the overall target: met, and binding one step lower', async () => {
    const plain = await optimize(TWO, { ...common, target: 0.9, per: 'overall' });
    const r = await optimize(TWO, { ...common, target: 0.9, per: 'overall', constraints: ['site.dc-east.fillRate>=0.97'] });
    expect(r.status).toBe('optimal');
    expect(r.problem.constraints).toEqual([{ kpi: 'site.dc-east.fillRate', op: '>=', target: 0.97 }]);
    const site = r.chosen.service.find((c) => c.kpi === 'site.dc-east.fillRate')!;
    expect(site).toMatchObject({ op: '>=', target: 0.97, met: true });
    expect(site.mean!).toBeGreaterThanOrEqual(0.97);
    expect(r.chosen.service.find((c) => c.kpi === 'fillRate')!.met).toBe(true);
    // The floor costs stock at the east DC compared with the overall target alone.
    expect(r.chosen.parameters[EAST]!).toBeGreaterThanOrEqual(plain.chosen.parameters[EAST]!);
    // One step lower at the east DC, on the same futures, breaks one of the constraints.
    const east = r.chosen.parameters[EAST]!;
    if (east > 0.5) {
      const s = await sweep(TWO, { runner, replications: 4, seed: 21, params: [`${EAST}=${down(east)}`, `${WEST}=${r.chosen.parameters[WEST]}`], mode: 'zip' });
      const k = s.points[0]!.results;
      expect(k.bySite['dc-east']!.fillRate!.mean! < 0.97 || k.kpis.fillRate!.mean! < 0.9).toBe(true);
    }
  });

  it('an upper bound (≤) alone, without a service target: average backorders at the west DC', async () => {
    const r = await optimize(TWO, { ...common, constraints: ['site.dc-west.avgBackorders<=0.5'] });
    expect(r.problem.target).toBeNull();
    expect(r.chosen.service).toHaveLength(1);
    const c = r.chosen.service[0]!;
    expect(c).toMatchObject({ kpi: 'site.dc-west.avgBackorders', op: '<=', target: 0.5, met: true });
    expect(c.mean!).toBeLessThanOrEqual(0.5);
    // Nothing constrains the east DC: it goes to the bottom of its range.
    expect(r.chosen.parameters[EAST]).toBe(0.5);
    expect(r.search.monotonicity).toBe('held');
  });

  it('a segment OTIF constraint', async () => {
    const r = await optimize(TWO, { ...common, constraints: ['segment.east-retail.otif>=0.9'] });
    const c = r.chosen.service[0]!;
    expect(c).toMatchObject({ kpi: 'segment.east-retail.otif', met: true });
    expect(c.mean!).toBeGreaterThanOrEqual(0.9);
  });

  it('the command: prints every constraint; a malformed or unknown one is a usage error (exit 2)', async () => {
    const run = (...a: string[]) => promisify(execFile)(process.execPath, [BIN, 'optimize', TWO, '-w', '0', '-q', '-n', '4', '-s', '21', ...a]);
    const { stdout } = await run('--lever', levers[0]!, '--lever', levers[1]!, '--target', '0.9', '--per', 'overall', '--constraint', 'site.dc-east.fillRate>=0.97');
    expect(stdout).toMatch(/subject to overall Fill rate \(mean\) ≥ 90\.00% and site\.dc-east\.fillRate \(mean\) ≥ 97\.00%/);
    expect(stdout).toMatch(/site\.dc-east\.fillRate +\d+\.\d+% .* ≥ 97\.00% +yes/);
    for (const [arg, msg] of [
      ['fillRate>0.9', /--constraint: "fillRate>0.9" is not KPI>=value or KPI<=value/],
      ['site.nowhere.fillRate>=0.9', /--constraint: .*nowhere/],
    ] as const) {
      const err = await run('--lever', levers[0]!, '--constraint', arg).catch((e) => e);
      expect(err.code).toBe(2);
      expect(err.stderr).toMatch(msg);
      expect(err.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});

describe('confirmation on fresh replications', () => {
  const FIXTURE = fileURLToPath(new URL('./fixtures/whatif-basestock.yaml', import.meta.url));
  it('re-runs the chosen point on replication indices after the search’s, and reports its interval', async () => {
    const r = await optimize(FIXTURE, { runner, target: 0.93, confirm: 12 });
    const cf = r.confirmation!;
    expect(cf).toMatchObject({ first: r.replications, replications: 12 });
    expect(cf.cost.n).toBe(12);
    expect(cf.service[0]!.kpi).toBe('fillRate');
    // The same numbers as an independent run of that point on indices 8 … 19.
    const src = openScenario(FIXTURE);
    const alt = patchedAlternative(src, 'check', [{ patch: { 'sites.dc.policy.S': r.chosen.parameters['sites.dc.policy.S'] }, origin: { file: 't', line: 1, col: 1, label: 't' } }]);
    const [v] = await runAlternatives(runner, [alt], { seed: r.seed, replications: 12, first: r.replications });
    const fill = Array.from(kpiColumn(v!, 'fillRate'));
    expect(cf.service[0]!.mean).toBeCloseTo(fill.reduce((a, b) => a + b, 0) / fill.length, 12);
    expect(cf.feasible).toBe(cf.service[0]!.mean! >= 0.93);
    // Fresh futures: not the search's estimate.
    expect(cf.service[0]!.mean).not.toBe(r.chosen.service[0]!.mean);
    expect(r.confirmation === null).toBe(false);
    expect((await optimize(FIXTURE, { runner, target: 0.93 })).confirmation).toBeNull();
  });
});
