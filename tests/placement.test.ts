/**
 * The guaranteed-service dynamic program against published optima. The instances and their
 * optimal committed service times and costs are those of Snyder & Shen, Fundamentals of Supply
 * Chain Theory (2nd ed., Wiley 2019), Example 6.5, Problems 6.7 and 6.9 and Figure 6.14 (a
 * Graves & Willems–style camera supply chain), as tested by the open-source library stockpyl
 * (github.com/LarrySnyder/stockpyl, tests/test_gsm_tree.py, TestOptimizeCommittedServiceTimes;
 * instance data in tests/instances_gsm_tree.py). Demand σ at an internal stage is the
 * root-sum-square of the σ of the customer-facing stages it feeds, as there.
 */
import { describe, expect, it } from 'vitest';
import { type GsmEdge, type GsmStage, solveGsm, stagePlan } from '../src/experiment/placement.ts';

const cst = (sol: ReturnType<typeof solveGsm>) => Object.fromEntries(Object.entries(sol.stages).map(([k, v]) => [k, v.S]));

describe('Example 6.5: a distribution tree (1 → 3 → {2, 4}), z = 1', () => {
  const stages: GsmStage[] = [
    { id: '1', processingTime: 2, externalInboundCst: 1, holdingCost: 1, sigma: Math.SQRT2, z: 1 },
    { id: '2', processingTime: 1, maxOutboundCst: 0, holdingCost: 3, sigma: 1, z: 1, mean: 5 },
    { id: '3', processingTime: 1, holdingCost: 2, sigma: Math.SQRT2, z: 1, mean: 10 },
    { id: '4', processingTime: 1, maxOutboundCst: 1, holdingCost: 3, sigma: 1, z: 1, mean: 5 },
  ];
  const edges: GsmEdge[] = [
    { from: '1', to: '3' },
    { from: '3', to: '2' },
    { from: '3', to: '4' },
  ];
  it('optimal S = (0, 0, 0, 1), cost 2√2 + √6 + 3', () => {
    const sol = solveGsm(stages, edges);
    expect(sol.cost).toBeCloseTo(2 * Math.SQRT2 + Math.sqrt(6) + 3, 10);
    expect(cst(sol)).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1 });
    // Net lead times and safety stocks as published (stockpyl TestNetLeadTime / TestSafetyStockLevels).
    expect(Object.fromEntries(Object.entries(sol.stages).map(([k, v]) => [k, v.netLeadTime]))).toEqual({ '1': 3, '2': 1, '3': 1, '4': 0 });
    expect(sol.stages['1']!.safetyStock).toBeCloseTo(2.44948974278318, 10);
    expect(sol.stages['3']!.safetyStock).toBeCloseTo(1.41421356237309, 10);
    // Base-stock levels with μ = 5 per customer stage (stockpyl TestBaseStockLevels).
    expect(sol.stages['2']!.baseStock).toBeCloseTo(6, 10);
    expect(sol.stages['3']!.baseStock).toBeCloseTo(11.4142135623731, 10);
  });
  it('the same answer whichever stage roots the tree', () => {
    const sol = solveGsm([...stages].reverse(), edges);
    expect(cst(sol)).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1 });
  });
  it('a sub-optimal plan costs what stockpyl says (13.6814…), more than the optimum', () => {
    const plan = { '1': [1, 2], '2': [2, 0], '3': [2, 2], '4': [2, 1] } as Record<string, [number, number]>;
    const cost = stages.reduce((a, s) => a + stagePlan(s, plan[s.id]![0], plan[s.id]![1]).cost, 0);
    expect(cost).toBeCloseTo(13.6814337969452, 10);
    expect(cost).toBeGreaterThan(solveGsm(stages, edges).cost);
  });
});

describe('Problem 6.7: a serial line (3 → 2 → 1), z = 4, σ = 10', () => {
  it('optimal S = (0, 3, 2), cost 160√5', () => {
    const sol = solveGsm(
      [
        { id: '3', processingTime: 1, externalInboundCst: 1, holdingCost: 2, sigma: 10, z: 4 },
        { id: '2', processingTime: 1, holdingCost: 3, sigma: 10, z: 4 },
        { id: '1', processingTime: 2, maxOutboundCst: 0, holdingCost: 4, sigma: 10, z: 4, mean: 45 },
      ],
      [
        { from: '3', to: '2' },
        { from: '2', to: '1' },
      ],
    );
    expect(sol.cost).toBeCloseTo(160 * Math.sqrt(5), 9);
    expect(cst(sol)).toEqual({ '1': 0, '2': 3, '3': 2 });
  });
});

describe('Problem 6.9: assembly (4, 6 → 5 → 3) and distribution (3 → 1, 2), z = 4', () => {
  const sigma3 = Math.hypot(4.1, 6.2);
  const make = (s1: number, s2: number): GsmStage[] => [
    { id: '1', processingTime: 7, holdingCost: (220 * 0.2) / 365, z: 4, maxOutboundCst: s1, mean: 22, sigma: 4.1 },
    { id: '2', processingTime: 7, holdingCost: (140 * 0.2) / 365, z: 4, maxOutboundCst: s2, mean: 15.3, sigma: 6.2 },
    { id: '3', processingTime: 21, holdingCost: (90 * 0.2) / 365, z: 4, sigma: sigma3 },
    { id: '4', processingTime: 3, holdingCost: (5 * 0.2) / 365, z: 4, sigma: sigma3 },
    { id: '5', processingTime: 8, holdingCost: (20 * 0.2) / 365, z: 4, sigma: sigma3 },
    { id: '6', processingTime: 2, holdingCost: (7.5 * 0.2) / 365, z: 4, sigma: sigma3 },
  ];
  const edges: GsmEdge[] = [
    { from: '6', to: '5' },
    { from: '4', to: '3' },
    { from: '5', to: '3' },
    { from: '3', to: '1' },
    { from: '3', to: '2' },
  ];
  for (const [s1, s2, cost, S] of [
    [3, 3, 15.649530249501, { '1': 3, '2': 3, '3': 0, '4': 0, '5': 0, '6': 2 }],
    [0, 7, 13.121240238718, { '1': 0, '2': 7, '3': 0, '4': 0, '5': 0, '6': 2 }],
    [21, 5, 10.5811190103555, { '1': 7, '2': 5, '3': 0, '4': 0, '5': 0, '6': 2 }],
  ] as const)
    it(`customers' service times (${s1}, ${s2}): cost ${cost}`, () => {
      const sol = solveGsm(make(s1, s2), edges);
      expect(sol.cost).toBeCloseTo(cost, 9);
      expect(cst(sol)).toEqual(S);
    });
});

describe('Figure 6.14: the camera assembly tree, z = Φ⁻¹(0.95), σ = 10', () => {
  const z = 1.6448536269514722;
  const node = (id: string, T: number, h: number, extra: Partial<GsmStage> = {}): GsmStage => ({ id, processingTime: T, holdingCost: h, sigma: 10, z, ...extra });
  const make = (s: number) => [
    node('raw', 2, 0.01),
    node('wafers', 3, 0.03),
    node('package', 2, 0.04),
    node('imagerBase', 4, 0.06),
    node('imager', 2, 0.12),
    node('ship', 3, 0.13),
    node('camera', 6, 0.2),
    node('board', 4, 0.08),
    node('other', 3, 0.04),
    node('build', 2, 0.5, { maxOutboundCst: s }),
  ];
  const edges: GsmEdge[] = [
    ['raw', 'wafers'],
    ['wafers', 'package'],
    ['package', 'imager'],
    ['imagerBase', 'imager'],
    ['imager', 'ship'],
    ['camera', 'build'],
    ['ship', 'build'],
    ['board', 'build'],
    ['other', 'build'],
  ].map(([from, to]) => ({ from: from!, to: to! }));
  for (const [s, cost] of [
    [2, 18.8240044725922],
    [5, 12.4686888061037],
    [8, 3.25788236403285],
    [12, 0.232617430735335],
  ] as const)
    it(`final service time ${s}: cost ${cost}`, () => {
      expect(solveGsm(make(s), edges).cost).toBeCloseTo(cost, 9);
    });
});

describe('input checks', () => {
  it('rejects a cycle and a fractional time', () => {
    const a: GsmStage = { id: 'a', processingTime: 1, holdingCost: 1, sigma: 1, z: 1 };
    const b: GsmStage = { ...a, id: 'b' };
    expect(() => solveGsm([a, b], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }])).toThrow(/not a tree/);
    expect(() => solveGsm([{ ...a, processingTime: 1.5 }], [])).toThrow(/non-negative integer/);
  });
});
