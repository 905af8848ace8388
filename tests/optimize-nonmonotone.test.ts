/**
 * `optimize` on a response that bisection gets wrong: a perishable product whose fill rate
 * rises then falls with the order-up-to level S (more stock, more expiry, empty shelves while
 * the replacement is on its way; see the fixture's header). Before the monotonicity check the
 * optimiser declared target 0.95 INFEASIBLE after evaluating only the top of the range, while a
 * sweep found levels meeting it. Every expectation is derived from a sweep of the same grid on
 * the same random numbers, not hard-coded.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { formatOptimize } from '../src/cli/optimize.ts';
import { optimize } from '../src/experiment/optimize.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { sweep } from '../src/experiment/sweep.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/optimize-perishable.yaml', import.meta.url));
const LEVER = 'sites.pharmacy.policy.S';
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

/** The sweep of the fixture's grid: S, fill rate, inventory cost per point. */
async function sweepGrid(grid: string) {
  const s = await sweep(FIXTURE, { runner, params: [`${LEVER}=${grid}`] });
  return s.points.map((p) => ({
    S: p.parameters[LEVER] as number,
    fill: p.results.kpis.fillRate!.mean!,
    cost: p.results.kpis.inventoryCost!.mean!,
  }));
}

/** The cheapest swept point with fill rate ≥ target. */
function cheapestFeasible(points: Array<{ S: number; fill: number; cost: number }>, target: number) {
  return points.filter((p) => p.fill >= target).reduce((a, b) => (b.cost < a.cost ? b : a));
}

describe('non-monotone service (perishable): optimize falls back from bisection', () => {
  it('the fixture is the failure: the top of the range misses 0.95, a sweep meets it lower down', async () => {
    const points = await sweepGrid('250:4000:250');
    expect(points.at(-1)!.fill).toBeLessThan(0.95);
    expect(points.some((p) => p.fill >= 0.95)).toBe(true);
    // Rises then falls: the best level is strictly inside the range.
    const peak = points.reduce((a, b) => (b.fill > a.fill ? b : a));
    expect(peak.S).toBeGreaterThan(250);
    expect(peak.S).toBeLessThan(4000);
  });

  for (const target of [0.95, 0.9]) {
    it(`target ${target}: detects the fall, searches the whole grid, returns the sweep's cheapest feasible level`, async () => {
      const points = await sweepGrid('250:4000:250');
      const expected = cheapestFeasible(points, target);
      const r = await optimize(FIXTURE, { runner, target });
      expect(r.status).toBe('optimal');
      expect(r.search.method).toBe('grid');
      expect(r.search.monotonicity).toBe('violated');
      const v = r.search.violation!;
      expect(v.lever).toBe(LEVER);
      expect(v.lower).toBeLessThan(v.higher);
      expect(v.atLower).toBeGreaterThan(v.atHigher);
      expect(v.dropCiLow).toBeGreaterThan(0);
      expect(r.chosen.parameters[LEVER]).toBe(expected.S);
      expect(r.chosen.cost.mean).toBeCloseTo(expected.cost, 9);
      expect(r.chosen.service[0]!.met).toBe(true);
      expect(r.evaluations).toBe(points.length);
      expect(r.method).toMatch(/every point of the lever grid/);
      const text = formatOptimize(r);
      expect(text).toMatch(/Result: the cheapest grid point meeting the target; 16 evaluations/);
      expect(text).toMatch(/Search: grid — service is not monotone: fillRate fell from [\d.]+% at sites\.pharmacy\.policy\.S = \d+ to [\d.]+% at \d+/);
      expect(text).not.toMatch(/INFEASIBLE/);
    });
  }

  it('two levers (s and S): the fallback grid covers both and returns the sweep’s cheapest feasible pair', async () => {
    const levers = [`${LEVER}=500:2500:250`, 'sites.pharmacy.policy.s=50:200:50'];
    const r = await optimize(FIXTURE, { runner, target: 0.95, levers });
    expect(r.search.method).toBe('grid');
    const s = await sweep(FIXTURE, { runner, params: levers });
    const feasible = s.points.filter((p) => p.results.kpis.fillRate!.mean! >= 0.95);
    expect(feasible.length).toBeGreaterThan(0);
    const best = feasible.reduce((a, b) => (b.results.kpis.inventoryCost!.mean! < a.results.kpis.inventoryCost!.mean! ? b : a));
    expect(r.chosen.parameters).toEqual(best.parameters);
    expect(r.evaluations).toBe(s.points.length);
  });

  it('with a budget smaller than the grid, a pattern search ends at a feasible local optimum', async () => {
    const r = await optimize(FIXTURE, { runner, target: 0.95, levers: [`${LEVER}=250:4000:50`], maxEvaluations: 60 });
    expect(r.search.method).toBe('pattern');
    expect(r.evaluations).toBeLessThanOrEqual(60);
    expect(r.chosen.service[0]!.met).toBe(true);
    const S = r.chosen.parameters[LEVER]!;
    if (r.status === 'optimal') {
      // Local optimality on the grid: neither neighbour (evaluated on the same futures) is a
      // cheaper feasible point.
      for (const n of [S - 50, S + 50]) {
        const e = r.trace.find((t) => t.parameters[LEVER] === n);
        if (e) expect(e.feasible && e.cost.mean! < r.chosen.cost.mean!).toBe(false);
      }
    } else expect(r.status).toBe('budget');
    // And it is no worse than the coarse 250-step grid's answer.
    const coarse = cheapestFeasible(await sweepGrid('250:4000:250'), 0.95);
    expect(r.chosen.cost.mean!).toBeLessThanOrEqual(coarse.cost + 1e-9);
  });
});

describe('the report of a non-monotone optimisation', () => {
  it('says which search answered and why', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'scsim-opt-'));
    try {
      const bin = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
      await promisify(execFile)(process.execPath, [bin, 'optimize', FIXTURE, '-w', '0', '-q', '--out', out, '--report']);
      const summary = fs.readFileSync(path.join(out, 'report', 'summary.md'), 'utf8');
      expect(summary).toMatch(/Service is not monotone in the levers here: fill rate fell from [\d.]+% at sites\.pharmacy\.policy\.S = \d+ to [\d.]+% at \d+, so bisection was abandoned for a grid search/);
      expect(summary).toMatch(/it evaluated every point of the lever grid/);
      expect(summary).not.toMatch(/no lever could go lower/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
