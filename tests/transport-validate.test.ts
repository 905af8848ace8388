/** `validate` on lanes with vehicles: every problem at once, each at its file:line:col. */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../src/model/network.ts';
import { transportLoadWarnings } from '../src/model/transport-load.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { BASE, problemsOf, writeScenario } from './scenario-helpers.ts';

/** BASE with a second product and these lanes instead of the default lane (lines 24 on). */
const withLanes = (lanes: string) =>
  BASE.replace('  widget: {unitCost: 8}\n', '  widget: {unitCost: 8}\n  crate: {unitCost: 8, weightPerUnit: 5000}\n')
    .replace('products: {widget: {price: 8}}', 'products: {widget: {price: 8}, crate: {price: 8}}')
    .replace('      widget: {}\n', '      widget: {}\n      crate: {}\n')
    .replace('defaultLane: {}\n', `lanes:\n${lanes}`);

describe('validate: vehicles', () => {
  it('reports every problem with its line and column', () => {
    const file = writeScenario(
      withLanes(`  - {from: supplier-a, to: dc-north, vehicles: {capacity: {weight: 1000}, dispatch: schedule, maxWaitDays: 2}}
  - {from: dc-north, to: retail, vehicles: {capacity: 0, everyDays: 1, maxTripsPerDay: 0}}
`),
    );
    const problems = problemsOf(() => loadScenario(file)).map((p) => `${p.line}:${p.col}: ${p.path}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^24:68: lanes\.0\.vehicles\.capacity\.weight: a weight capacity needs weightPerUnit on every product the lane carries: missing on "widget"/),
      expect.stringMatching(/^24:68: lanes\.0\.vehicles\.capacity\.weight: one unit is larger than a vehicle \(weight 1000\): "crate" \(5000\)/),
      expect.stringMatching(/^24:85: lanes\.0\.vehicles\.dispatch: dispatch schedule needs a schedule: give everyDays or timesOfDay/),
      expect.stringMatching(/^24:108: lanes\.0\.vehicles\.maxWaitDays: maxWaitDays needs dispatch whenFull or fullOrSchedule/),
      expect.stringMatching(/^25:55: lanes\.1\.vehicles\.capacity: a vehicle capacity must be greater than 0/),
      expect.stringMatching(/^25:69: lanes\.1\.vehicles\.everyDays: a schedule needs dispatch: schedule or fullOrSchedule/),
      expect.stringMatching(/^25:88: lanes\.1\.vehicles\.maxTripsPerDay: maxTripsPerDay must be at least 1/),
    ]);
  });

  it('accepts a well-formed lane with vehicles, and refuses unknown keys in it', () => {
    const ok = withLanes(`  - {from: supplier-a, to: dc-north, vehicles: {capacity: {units: 100, weight: 6000}, dispatch: fullOrSchedule, timesOfDay: [0.25], maxWaitDays: 2}}
`).replace('  widget: {unitCost: 8}\n', '  widget: {unitCost: 8, weightPerUnit: 12}\n');
    expect(loadScenario(writeScenario(ok)).lanes[0]!.vehicles!.dispatch).toBe('fullOrSchedule');
    const typo = writeScenario(ok.replace('maxWaitDays: 2', 'maxWait: 2'));
    expect(problemsOf(() => loadScenario(typo)).map((p) => p.message).join('\n')).toMatch(/maxWait/);
  });
});

describe('warnings: vehicles that cannot carry the flow', () => {
  it('flags a lane whose maxTripsPerDay × capacity is below its mean flow, in the binding dimension', () => {
    const text = withLanes(`  - {from: supplier-a, to: dc-north, vehicles: {capacity: {units: 100, weight: 500}, maxTripsPerDay: 2}}
  - {from: dc-north, to: retail, vehicles: {capacity: 30, maxTripsPerDay: 1, dispatch: fullOrSchedule, everyDays: 1}}
`)
      .replace('  widget: {unitCost: 8}\n', '  widget: {unitCost: 8, weightPerUnit: 20}\n')
      .replace('  crate: {unitCost: 8, weightPerUnit: 5000}\n', '')
      .replace('products: {widget: {price: 8}, crate: {price: 8}}', 'products: {widget: {price: 8}}')
      .replace('      crate: {}\n', '')
      .replace('ordersPerDay: 5', 'ordersPerDay: 50');
    const warnings = transportLoadWarnings(buildNetwork(loadScenario(writeScenario(text))));
    expect(warnings).toEqual([
      { path: ['lanes', '0', 'vehicles', 'maxTripsPerDay'], message: expect.stringMatching(/^offered load 100%: 1000 weight a day on supplier-a->dc-north against 2 trips × 500 a day/) },
      { path: ['lanes', '1', 'vehicles', 'maxTripsPerDay'], message: expect.stringMatching(/^offered load 167%: 50 units a day on dc-north->retail against 1 trip × 30 a day/) },
    ]);
    expect(transportLoadWarnings(buildNetwork(loadScenario(writeScenario(text.replace('maxTripsPerDay: 1,', 'maxTripsPerDay: 2,')))))).toHaveLength(1);
  });
});
