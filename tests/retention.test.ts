/**
 * Demand that answers to service (segment `retention`): volume falls toward the level the
 * segment's OTIF deserves, rises up to maxFactor when service beats the target, and changes
 * nothing at all while the factor sits at its top.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { kpiColumn, openScenario } from '../src/experiment/variants.ts';
import { ScenarioError } from '../src/scenario/errors.ts';

const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

/** One always-stocked DC, one segment of unit orders at 10 a day; `lane` days to the customer, promise 1 day. */
function scenario(lane: number, retention?: Record<string, number>): Record<string, unknown> {
  return {
    name: 'retention',
    horizonDays: 196,
    products: { widget: { unitCost: 1 } },
    sites: {
      supplier: { type: 'supplier', products: { widget: { price: 1 } }, leadTime: 1 },
      dc: { type: 'dc', source: 'supplier', policy: { type: 'base-stock', S: 1000 }, stock: { widget: {} } },
    },
    segments: {
      key: { servedBy: 'dc', product: 'widget', ordersPerDay: 10, orderSize: 1, promisedDays: 1, ...(retention ? { retention } : {}) },
    },
    lanes: [{ from: 'dc', to: 'key', transitTime: lane }],
    defaultLane: {},
  };
}

async function demand(s: Record<string, unknown>, replications: number): Promise<Float64Array> {
  const { base } = openScenario(s);
  return kpiColumn(await runner.run(base, { seed: 4, count: replications, kpisOnly: true }), 'segment.key.demandUnits');
}

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('retention', () => {
  it('lets volume decay toward what an OTIF of 0 deserves, at the documented pace', async () => {
    // Every order is late (2-day lane, 1-day promise): each review sees OTIF 0, so the factor
    // follows m_k = m* + (1 − m*)·a^k, m* = 1 + 1·(0 − 0.9) = 0.1, a = e^(−7/14), week by week.
    const xs = await demand(scenario(2, { targetOtif: 0.9, sensitivity: 1, responseDays: 14 }), 16);
    const a = Math.exp(-7 / 14);
    let expected = 0;
    for (let k = 0; k < 28; k++) expected += 10 * 7 * (k === 0 ? 1 : 0.1 + 0.9 * a ** k);
    expect(mean(xs)).toBeGreaterThan(expected * 0.95);
    expect(mean(xs)).toBeLessThan(expected * 1.05);
    const without = await demand(scenario(2), 4);
    expect(mean(without)).toBeGreaterThan(1800); // 10 a day for 196 days
  });

  it('grows volume up to maxFactor when service beats the target', async () => {
    const xs = await demand(scenario(0, { targetOtif: 0.9, sensitivity: 5, responseDays: 7, maxFactor: 1.2 }), 8);
    const plain = await demand(scenario(0), 8);
    const ratio = mean(xs) / mean(plain);
    expect(ratio).toBeGreaterThan(1.12); // the factor reaches ~1.2 within a few weeks
    expect(ratio).toBeLessThan(1.25); // never above maxFactor (1.2) beyond sampling noise
  });

  it('changes nothing, draw for draw, while the factor stays at its top', async () => {
    const xs = await demand(scenario(0, { targetOtif: 0.9, sensitivity: 1 }), 4);
    expect(Array.from(xs)).toEqual(Array.from(await demand(scenario(0), 4)));
  });

  it('rejects a minFactor above maxFactor', () => {
    expect(() => openScenario(scenario(0, { targetOtif: 0.9, sensitivity: 1, minFactor: 0.5, maxFactor: 0.4 }))).toThrow(ScenarioError);
    expect(() => openScenario(scenario(0, { targetOtif: 0.9, sensitivity: 1, minFactor: 0.5, maxFactor: 0.4 }))).toThrow(/minFactor must not exceed maxFactor/);
  });
});
