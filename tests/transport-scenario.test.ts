/**
 * The shipped DC-consolidation story with trucks on the plant→DC lanes: three DCs send fewer,
 * fuller trucks (freight consolidation) and hold less stock (pooling), and the report shows the
 * transport KPIs — a per-lane table for a run, one row per alternative for a comparison — only
 * when a scenario has vehicles.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/cli/common.ts';
import { compare } from '../src/experiment/compare.ts';
import { resultsDocument } from '../src/experiment/results.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { loadScenario } from '../src/scenario/load.ts';
import type { CompareResults } from '../src/report/inputs.ts';
import { buildReport } from '../src/report/report.ts';

const DC = fileURLToPath(new URL('../scenarios/dc-consolidation.yaml', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

describe('scenarios/dc-consolidation.yaml with trucks', () => {
  it('three DCs: fewer, fuller trucks, cheaper trunk freight per case, less stock', async () => {
    const r = await compare(DC, { runner, replications: 3, variants: true });
    const report = buildReport({ results: r as unknown as CompareResults });
    const six = r.baseResults!;
    const three = r.options.find((o) => o.name === 'three-dcs')!.results!;
    const k6 = six.kpis;
    const k3 = three.kpis;
    expect(Object.keys(six.byLane!)).toHaveLength(6);
    expect(Object.keys(three.byLane!)).toEqual(['plant-central->dc-north', 'plant-central->dc-south', 'plant-central->dc-centre']);
    expect(k3.transportTrips!.mean!).toBeLessThan(0.7 * k6.transportTrips!.mean!);
    expect(k3.vehicleFill!.mean!).toBeGreaterThan(k6.vehicleFill!.mean! + 0.2);
    const trunk = (byLane: Record<string, Record<string, { mean: number | null }>>) => {
      let cost = 0;
      let units = 0;
      for (const l of Object.values(byLane)) {
        cost += l.transportCost!.mean!;
        units += l.units!.mean!;
      }
      return cost / units;
    };
    expect(trunk(three.byLane!)).toBeLessThan(0.8 * trunk(six.byLane!));
    expect(k3.avgInventoryValue!.mean!).toBeLessThan(k6.avgInventoryValue!.mean!);
    // Six DCs: an operating margin near 10%; trips are daily, one per DC.
    expect(k6.operatingMarginRatio!.mean!).toBeGreaterThan(0.08);
    expect(k6.operatingMarginRatio!.mean!).toBeLessThan(0.14);
    expect(k6.transportTrips!.mean!).toBeCloseTo(6 * 335, -1);
    const table = report.tables.find((t) => t.title === 'Transport: trips and vehicle fill')!;
    expect(table.rows.map((row) => row[0])).toEqual(['base', 'three-dcs']);
  });

  it('a run report has the per-lane transport table; a scenario without vehicles has none', async () => {
    for (const [file, lanes] of [
      [DC, 6],
      [DEFAULT_SCENARIO, 0],
    ] as const) {
      const scenario = loadScenario(file, ['horizonDays=90', 'warmupDays=10']);
      const v = await runner.run(scenario, { seed: 3, count: 2 });
      const doc = resultsDocument({ scenario: scenario.name, seed: 3, horizonDays: 90, warmupDays: 10, confidence: 0.95 }, v);
      const report = buildReport({ results: doc });
      const table = report.tables.find((t) => t.title === 'Transport: lanes with vehicles');
      expect(table?.rows.length ?? 0).toBe(lanes);
      expect(report.summary.some((s) => s.startsWith('Transport:'))).toBe(lanes > 0);
      expect('byLane' in doc).toBe(lanes > 0);
      expect('transportTrips' in doc.kpis).toBe(lanes > 0);
    }
  });
});
