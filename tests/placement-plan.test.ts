/**
 * `optimize --placement` end to end on the shipped scenario (supplier → plant → central DC →
 * three regional DCs → six segments): the guaranteed-service plan is the dynamic program's
 * answer on the scenario's own numbers, its base-stock levels are what the simulation runs,
 * and at equal simulated service (every segment ≥ target after correction) it is compared with
 * uniform safety stock on common random numbers. Fewer replications than the scenario's, for time.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalQuantile } from '../src/engine/special-functions.ts';
import { buildNetwork } from '../src/model/network.ts';
import { solveGsm } from '../src/experiment/placement.ts';
import { placement, placementModel, type PlacementResult } from '../src/experiment/placement-plan.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { openScenario } from '../src/experiment/variants.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/safety-stock-placement.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

let r: PlacementResult;
beforeAll(async () => {
  r = await placement(SCENARIO, { runner, replications: 6, target: 0.95 });
}, 120_000);

describe('safety-stock placement on the shipped scenario', () => {
  it('the plan is the dynamic program on the scenario’s stocks; the model is built from its numbers', () => {
    const net = buildNetwork(openScenario(SCENARIO).base);
    const model = placementModel(net, normalQuantile(0.95));
    expect(model.stages.map((s) => s.id)).toEqual(['plant/concentrate', 'plant/drink', 'dc-central/drink', 'dc-north/drink', 'dc-south/drink', 'dc-east/drink']);
    // Links: supplier-bought concentrate → made drink (BOM) → central DC → regional DCs.
    expect(model.edges).toEqual(
      expect.arrayContaining([
        { from: 'plant/concentrate', to: 'plant/drink' },
        { from: 'plant/drink', to: 'dc-central/drink' },
        { from: 'dc-central/drink', to: 'dc-north/drink' },
      ]),
    );
    const north = model.stages.find((s) => s.id === 'dc-north/drink')!;
    // Lane of 7 days; compound Poisson demand: 4/day × Poisson(20) + 20/day × Poisson(3).
    expect(north.processingTime).toBe(7);
    expect(north.mean).toBeCloseTo(4 * 20 + 20 * 3, 9);
    expect(north.sigma ** 2).toBeCloseTo(4 * (20 + 400) + 20 * (3 + 9), 9);
    expect(north.maxOutboundCst).toBe(0);
    const central = model.stages.find((s) => s.id === 'dc-central/drink')!;
    expect(central.sigma ** 2).toBeCloseTo(model.stages.filter((s) => s.id.startsWith('dc-') && s !== central).reduce((a, s) => a + s.sigma ** 2, 0), 6);
    const sol = solveGsm(model.stages, model.edges);
    expect(r.analyticCost.placement).toBeCloseTo(sol.cost, 12);
    for (const s of r.stocks) {
      const p = sol.stages[s.stock]!;
      expect([s.S, s.SI, s.netLeadTime]).toEqual([p.S, p.SI, p.netLeadTime]);
      expect(s.baseStock).toBe(Math.max(0, Math.ceil(p.baseStock - 1e-9)));
      // Base stock = pipeline over the net lead time + safety stock.
      expect(s.baseStock).toBeGreaterThanOrEqual(s.demandMean * s.netLeadTime);
    }
  });

  it('the placement makes the central DC a pass-through and covers its time at the regional DCs; cheaper than uniform on paper', () => {
    const central = r.stocks.find((s) => s.stock === 'dc-central/drink')!;
    expect(central).toMatchObject({ netLeadTime: 0, baseStock: 0, S: central.processingTime });
    expect(central.uniformBaseStock).toBeGreaterThan(0);
    for (const s of r.stocks.filter((x) => /^dc-(north|south|east)/.test(x.stock))) {
      expect(s.SI).toBe(central.S);
      expect(s.baseStock).toBeGreaterThan(s.uniformBaseStock);
    }
    expect(r.analyticCost.placement).toBeLessThan(r.analyticCost.uniform);
  });

  it('simulates what it planned: the placement’s central DC holds (almost) nothing, uniform’s holds stock', () => {
    const arm = (n: string) => r.arms.find((a) => a.name === n)!;
    expect(arm('placement').results.bySite['dc-central']!.avgOnHand!.mean!).toBeLessThan(1);
    expect(arm('uniform').results.bySite['dc-central']!.avgOnHand!.mean!).toBeGreaterThan(100);
  });

  it('after correction both plans meet the target in every segment, and the placement costs less, paired', () => {
    const uc = r.arms.find((a) => a.name === 'uniform-corrected')!;
    const pc = r.arms.find((a) => a.name === 'placement-corrected')!;
    for (const a of [uc, pc]) {
      expect(a.metTarget).toBe(true);
      expect(a.worstSegment!.fillRate.mean!).toBeGreaterThanOrEqual(0.95);
      for (const seg of Object.values(a.results.bySegment)) expect(seg.fillRate!.mean!).toBeGreaterThanOrEqual(0.95);
    }
    expect(pc.costVsUniform!.ciHigh!).toBeLessThan(0);
    expect(pc.inventoryCost.mean! - uc.inventoryCost.mean!).toBeCloseTo(pc.costVsUniform!.mean!, 6);
  });
});

describe('scsim optimize --placement', () => {
  it('prints the plan, the simulated arms and the equal-service verdict', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'optimize', SCENARIO, '--placement', '-n', '4', '-w', '0', '-q'], { maxBuffer: 1 << 24 });
    expect(stdout).toMatch(/safety-stock placement for 95\.00% service \(z = 1\.645\)/);
    expect(stdout).toMatch(/dc-central\/drink +2 +370\.0 +77\.8 +0 +2 +0 +0 +0 +\d+/);
    expect(stdout).toMatch(/safety stock +level +uniform level/);
    expect(stdout).toMatch(/placement, corrected +\d\.\d\d/);
    expect(stdout).toMatch(/At equal service \(every segment ≥ 95\.00%\): placement is cheaper/);
  }, 120_000);

  it('refuses lever-search options with --placement (exit 2)', async () => {
    const err = await promisify(execFile)(process.execPath, [BIN, 'optimize', SCENARIO, '--placement', '--lever', 'sites.dc-north.policy.S=1:2', '-q']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/--placement takes --target only; drop --lever/);
  });
});
