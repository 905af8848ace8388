/**
 * The benchmark's hand-written reference engines (bench/reference/) compute what scsim computes
 * for the same models (bench/scenarios/): otherwise the speed ratios of `npm run bench` compare
 * different work. The inventory reference agrees with scsim on every KPI the bench compares
 * (99% Welch intervals of the difference hold 0); the M/M/1 reference agrees with queueing
 * theory (Wq = ρ/(μ − λ) = 0.09 days, Lq = ρ²/(1 − ρ) = 8.1, utilisation ρ = 0.9).
 */
import { describe, expect, it } from 'vitest';
import * as inventory from '../bench/reference/inventory.ts';
import * as mm1 from '../bench/reference/mm1.ts';
import { mean, welchDifference } from '../src/experiment/stats.ts';
import { runBatch } from '../src/experiment/replicate.ts';
import { kpiValues } from '../src/experiment/results.ts';
import { kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { projectFile } from '../src/project-paths.ts';
import { loadScenario } from '../src/scenario/load.ts';

describe('bench reference engines', () => {
  it('the inventory reference agrees with scsim on fill rate per store, holding and backorder cost', () => {
    const n = 30;
    const scenario = loadScenario(projectFile('bench', 'scenarios', 'inventory-3-stores.yaml'));
    const net = buildNetwork(scenario);
    const layout = kpiLayout(net);
    const v = { layout, count: n, data: runBatch(net, 11, 0, n, layout) };
    const refs = Array.from({ length: n }, (_, i) => inventory.replicate(1000 + i));
    const pairs: Array<[string, number[], Float64Array]> = [
      ['store a fill rate', refs.map((r) => r.fillRate[0]!), kpiValues(v, 'segment.customers-a.fillRate')],
      ['store b fill rate', refs.map((r) => r.fillRate[1]!), kpiValues(v, 'segment.customers-b.fillRate')],
      ['store c fill rate', refs.map((r) => r.fillRate[2]!), kpiValues(v, 'segment.customers-c.fillRate')],
      ['holding cost', refs.map((r) => r.holdingCost), kpiValues(v, 'holdingCost')],
      ['backorder cost', refs.map((r) => r.backorderCost), kpiValues(v, 'backorderCost')],
    ];
    for (const [name, ref, sim] of pairs) {
      const d = welchDifference(ref, sim, 0.99);
      expect(Math.abs(d.mean), `${name}: reference ${mean(ref)}, scsim ${mean(sim)}`).toBeLessThanOrEqual(d.halfWidth);
      // Not a vacuous agreement: the interval is narrow next to the value itself.
      expect(d.halfWidth, name).toBeLessThan(0.05 * Math.abs(mean(sim)));
    }
    // The fill rates are those of a model that does run short now and then.
    expect(mean(pairs[0]![1])).toBeGreaterThan(0.95);
    expect(mean(pairs[0]![1])).toBeLessThan(0.999);
  });

  it('the M/M/1 reference agrees with queueing theory', () => {
    // 3 × 2,000 days ≈ 540,000 customers; the standard error of the mean wait is ≈ 0.0025 days.
    const runs = [1, 2, 3].map((seed) => mm1.replicate(seed, 2_000));
    expect(Math.abs(mean(runs.map((r) => r.meanWait)) - 0.09)).toBeLessThan(0.008);
    expect(Math.abs(mean(runs.map((r) => r.meanQueue)) - 8.1)).toBeLessThan(0.8);
    expect(Math.abs(mean(runs.map((r) => r.utilisation)) - 0.9)).toBeLessThan(0.005);
  });

  it("scsim's M/M/1 scenario loads as shipped (its horizon within the bound) and agrees with queueing theory", () => {
    expect(loadScenario(projectFile('bench', 'scenarios', 'mm1.yaml')).horizonDays).toBe(mm1.HORIZON);
    const net = buildNetwork(loadScenario(projectFile('bench', 'scenarios', 'mm1.yaml'), ['horizonDays=2000']));
    const layout = kpiLayout(net);
    const v = { layout, count: 3, data: runBatch(net, 1, 0, 3, layout) };
    expect(Math.abs(mean(kpiValues(v, 'orderProcessingWait')) - 0.09)).toBeLessThan(0.008);
    expect(Math.abs(mean(kpiValues(v, 'orderProcessingQueue')) - 8.1)).toBeLessThan(0.8);
    expect(Math.abs(mean(kpiValues(v, 'orderProcessingUtilisation')) - 0.9)).toBeLessThan(0.005);
  });
});
