/**
 * Policy optimisation against theory: one base-stock site with unit Poisson demand and a fixed
 * lead time, where the fill rate at level S is P(D_L ≤ S − 1), D_L ~ Poisson(λL); the optimum
 * is the smallest S meeting the target. Then a two-lever problem checked for local optimality,
 * infeasibility, the evaluation budget and the command.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { optimize } from '../src/experiment/optimize.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { sweep } from '../src/experiment/sweep.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/whatif-basestock.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

/** P(D ≤ k) for D ~ Poisson(mean). */
function poissonCdf(k: number, mean: number): number {
  let term = Math.exp(-mean);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mean / i;
    sum += term;
  }
  return sum;
}

/** The smallest S with fill rate P(D_L ≤ S − 1) ≥ target. */
function theoreticalS(target: number, meanLeadTimeDemand: number): number {
  let S = 0;
  while (!(S >= 1 && poissonCdf(S - 1, meanLeadTimeDemand) >= target)) S++;
  return S;
}

describe('single base-stock site, Poisson demand, fixed lead time', () => {
  // λ = 2 orders of one unit a day, L = 5 days: D_L ~ Poisson(10).
  for (const target of [0.93, 0.6]) {
    it(`finds the smallest S with fill rate ≥ ${target}, as theory says`, async () => {
      const expected = theoreticalS(target, 10);
      expect(expected).toBe(target === 0.93 ? 16 : 12);
      const r = await optimize(FIXTURE, { runner, target });
      expect(r.status).toBe('optimal');
      expect(r.chosen.parameters).toEqual({ 'sites.dc.policy.S': expected });
      expect(r.chosen.service[0]).toMatchObject({ kpi: 'fillRate', target, met: true });
      // One lever, 41 values: the top, then bisection — about log2(41) more evaluations.
      expect(r.evaluations).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(41)));
      expect(r.passes).toBe(1);
      // The level just below misses the target (it was evaluated on the same futures).
      const below = r.trace.find((e) => e.parameters['sites.dc.policy.S'] === expected - 1)!;
      expect(below.feasible).toBe(false);
      expect(r.chosen.cost.mean!).toBeGreaterThan(below.cost.mean!);
      expect(r.problem).toMatchObject({ serviceKpi: 'fillRate', per: 'overall', costKpi: 'inventoryCost', verify: 'mean' });
    });
  }

  it('with verify: ciLow it never chooses less stock than with the mean', async () => {
    const mean = await optimize(FIXTURE, { runner, target: 0.93 });
    const strict = await optimize(FIXTURE, { runner, target: 0.93, verify: 'ciLow' });
    expect(strict.chosen.parameters['sites.dc.policy.S']!).toBeGreaterThanOrEqual(mean.chosen.parameters['sites.dc.policy.S']!);
    expect(strict.chosen.service[0]!.ciLow!).toBeGreaterThanOrEqual(0.93);
  });

  it('reports infeasibility when even the top of the range misses the target', async () => {
    const r = await optimize(FIXTURE, { runner, target: 0.99, levers: ['sites.dc.policy.S=0:12'] });
    expect(r.status).toBe('infeasible');
    // The top, then probes at 4 evenly spaced lower values: none serves better (monotone).
    expect(r.evaluations).toBe(5);
    expect(r.search).toMatchObject({ method: 'bisection', monotonicity: 'held', violation: null, probes: 4 });
    expect(r.chosen.parameters).toEqual({ 'sites.dc.policy.S': 12 });
    expect(r.chosen.service[0]!.met).toBe(false);
  });

  it('stops at the evaluation budget with the best point found so far', async () => {
    const r = await optimize(FIXTURE, { runner, target: 0.93, maxEvaluations: 3 });
    expect(r.status).toBe('budget');
    expect(r.evaluations).toBe(3);
    expect(r.chosen.service[0]!.met).toBe(true);
    expect(r.chosen.parameters['sites.dc.policy.S']!).toBeGreaterThan(16);
  });
});

describe('two levers sharing one constraint', () => {
  const TWO = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));
  const levers = ['sites.dc-east.policy.targetServiceLevel=0.5:0.98:0.06', 'sites.dc-west.policy.targetServiceLevel=0.5:0.98:0.06'];

  it('ends at a point where no lever can go one step lower and keep overall fill rate ≥ 0.95', async () => {
    const common = { runner, replications: 4, seed: 21 };
    const r = await optimize(TWO, { ...common, levers, target: 0.95, per: 'overall' });
    expect(r.status).toBe('optimal');
    expect(r.chosen.service[0]).toMatchObject({ kpi: 'fillRate', met: true });
    const east = r.chosen.parameters['sites.dc-east.policy.targetServiceLevel']!;
    const west = r.chosen.parameters['sites.dc-west.policy.targetServiceLevel']!;
    // Check the neighbours independently, on the same futures.
    const down = (x: number) => Math.round((x - 0.06) * 100) / 100;
    const params: string[] = [];
    if (east > 0.5) params.push(`sites.dc-east.policy.targetServiceLevel=${down(east)}`, `sites.dc-west.policy.targetServiceLevel=${west}`);
    const s1 = east > 0.5 ? await sweep(TWO, { ...common, params, mode: 'zip' }) : undefined;
    if (s1) expect(s1.points[0]!.results.kpis.fillRate!.mean!).toBeLessThan(0.95);
    if (west > 0.5) {
      const s2 = await sweep(TWO, {
        ...common,
        params: [`sites.dc-east.policy.targetServiceLevel=${east}`, `sites.dc-west.policy.targetServiceLevel=${down(west)}`],
        mode: 'zip',
      });
      expect(s2.points[0]!.results.kpis.fillRate!.mean!).toBeLessThan(0.95);
    }
    // Per segment is at least as demanding as overall.
    const perSegment = await optimize(TWO, { ...common, levers, target: 0.95, per: 'segment' });
    expect(perSegment.chosen.service.map((c) => c.kpi)).toEqual(['segment.east-retail.fillRate', 'segment.west-retail.fillRate']);
    expect(perSegment.chosen.service.every((c) => c.met)).toBe(true);
  });
});

describe('scsim optimize', () => {
  it('prints the chosen level, its cost and service, and the evaluations', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'optimize', FIXTURE, '-w', '0', '-q']);
    expect(stdout).toMatch(/minimise Inventory cost subject to overall Fill rate \(mean\) ≥ 93\.00%/);
    expect(stdout).toMatch(/Result: converged.*; \d+ evaluations, 1 pass/);
    expect(stdout).toMatch(/sites\.dc\.policy\.S +0 … 40 \(41 values\) +16/);
  });
});
