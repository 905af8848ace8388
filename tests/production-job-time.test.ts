/**
 * A production job of q units takes the sum of q independent per-unit times: mean q·μ and
 * variance q·σ² (not q²·σ², which one draw scaled by q would give). Jobs up to 64 whole units
 * draw every unit; larger jobs draw a gamma with the same mean and variance (production.ts).
 */
import { describe, expect, it } from 'vitest';
import { compileDistribution } from '../src/engine/distributions.ts';
import { StreamFactory } from '../src/engine/rng.ts';
import { PlantState } from '../src/model/production.ts';
import type { DistributionSpec } from '../src/scenario/distribution-schema.ts';

const DRAWS = 20_000;

function jobTimes(unitTime: DistributionSpec, q: number): { mean: number; variance: number } {
  const def = { index: 0, site: 0, lines: [{ processingTime: unitTime, capacityPerDay: Infinity }], productionCostPerUnit: 0 };
  const plant = new PlantState(def, [compileDistribution(unitTime)], [new StreamFactory(1, 0).get('production/p/line-0')]);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < DRAWS; i++) {
    const t = plant.duration(0, q);
    sum += t;
    sumSq += t * t;
  }
  const mean = sum / DRAWS;
  return { mean, variance: (sumSq - DRAWS * mean * mean) / (DRAWS - 1) };
}

describe('production time of a job', () => {
  // Per-unit time exponential with mean 0.01 day (σ² = 1e-4), and uniform(0.01, 0.03) (σ² = 0.02²/12).
  const cases: Array<[string, DistributionSpec, number, number]> = [
    ['exponential', { dist: 'exponential', mean: 0.01 }, 0.01, 1e-4],
    ['uniform', { dist: 'uniform', min: 0.01, max: 0.03 }, 0.02, 0.0004 / 12],
  ];
  for (const [name, spec, mu, sigma2] of cases) {
    it(`${name} unit times: mean q·μ and variance q·σ², drawn unit by unit or as one gamma`, () => {
      for (const q of [4, 16, 64, 400, 1000.5]) {
        const { mean, variance } = jobTimes(spec, q);
        // Tolerances: ≈ 6 standard errors of the sample mean and of the sample variance.
        expect(mean / (q * mu)).toBeGreaterThan(1 - 6 * Math.sqrt(sigma2 / (q * mu * mu * DRAWS)));
        expect(mean / (q * mu)).toBeLessThan(1 + 6 * Math.sqrt(sigma2 / (q * mu * mu * DRAWS)));
        expect(variance / (q * sigma2)).toBeGreaterThan(0.9);
        expect(variance / (q * sigma2)).toBeLessThan(1.1);
      }
    });
  }

  it('a constant per-unit time gives exactly q times it', () => {
    const { mean, variance } = jobTimes(0.02, 37);
    expect(mean).toBeCloseTo(0.74, 9);
    expect(variance).toBeCloseTo(0, 12);
  });
});
