/**
 * The report of a safety-stock placement and of its frontier: on hand-made results, that the
 * summary leads with the paired saving at equal service (or says why there is none), gives each
 * plan's service with intervals and the analytic plan's cost, and tabulates the stocks; and end
 * to end, that `optimize --placement --report` writes a report carrying the run's numbers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { PlacementResult } from '../src/experiment/placement-plan.ts';
import type { PlacementArmResult, PlacementFrontierResults, PlacementResults } from '../src/report/inputs.ts';
import { withCurrency } from '../src/report/model.ts';
import { buildReport } from '../src/report/report.ts';
import { placementFrontierSection, placementSection } from '../src/report/sections/placement.ts';
import { stat } from './report-helpers.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/safety-stock-placement.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const context = { currency: 'EUR', horizonDays: 400, warmupDays: 40 };

function arm(name: PlacementArmResult['name'], k: number | null, fill: number, cost: number, vs: number | null, metTarget: boolean): PlacementArmResult {
  return {
    name,
    safetyFactor: k,
    analyticCost: k === null ? null : (name.startsWith('uniform') ? 5 : 4) * k,
    metTarget,
    fillRate: stat(fill, 0.01),
    worstSegment: { segment: 'retail', fillRate: stat(fill - 0.01, 0.02) },
    inventoryCost: stat(cost, 50),
    costVsUniform: vs === null ? null : stat(vs, 5),
  };
}

/** A DC that passes its 2 days on to a store that covers 9 instead of its own 7. */
function placementDoc(saving = 250): PlacementResults {
  return {
    kind: 'placement',
    scenario: 'Two stocks',
    replications: 10,
    seed: 7,
    confidence: 0.95,
    target: 0.95,
    z: 1.6448536,
    analyticCost: { uniform: 5, placement: 4 },
    stocks: [
      { stock: 'dc/drink', site: 'dc', product: 'drink', processingTime: 2, demandMean: 100, demandSd: 30, holdingCost: 0.005, S: 2, SI: 0, netLeadTime: 0, safetyStock: 0, baseStock: 0, uniformBaseStock: 270 },
      { stock: 'store/drink', site: 'store', product: 'drink', processingTime: 7, demandMean: 100, demandSd: 30, holdingCost: 0.006, S: 0, SI: 2, netLeadTime: 9, safetyStock: 148, baseStock: 1048, uniformBaseStock: 831 },
    ],
    arms: [
      arm('current', null, 0.94, 2100, 40, false),
      arm('uniform', 1, 0.935, 2060, null, false),
      arm('placement', 1, 0.936, 1850, -210, false),
      arm('uniform-corrected', 1.2, 0.967, 2150, null, true),
      arm('placement-corrected', 1.25, 0.968, 2150 - saving, -saving, true),
    ],
    evaluations: 17,
  };
}

describe('placement report section', () => {
  it('leads with the paired saving at equal service, then each plan’s service and the analytic plan', () => {
    const report = buildReport({ results: placementDoc(), scenario: context });
    const [lead, service, analytic, asPlanned, current] = report.summary;
    expect(lead).toBe(
      'At the same service target — every segment’s fill rate at least 95.00% with either plan — the placement costs 1,900 EUR of inventory over the 360 measured days against 2,150 EUR with uniform safety stock: ' +
        'a paired saving of 250 EUR (95% CI 245 EUR to 255 EUR), 11.6% of uniform’s inventory cost.',
    );
    expect(service).toContain('placement fill rate 96.80% (95% CI 95.80% to 97.80%), worst segment retail 95.80% (95% CI 93.80% to 97.80%)');
    expect(service).toContain('uniform safety stock fill rate 96.70% (95% CI 95.70% to 97.70%)');
    expect(service).toContain('k = 1.25 for the placement, 1.20 for uniform');
    expect(analytic).toBe(
      'The analytic plan (guaranteed-service model, z = 1.645 for 95.00%) costs 4.00 EUR/day of safety-stock holding against 5.00 EUR/day for uniform safety stock (20.0% less): ' +
        'dc/drink holds no safety stock and passes on its replenishment time; store/drink covers 9 days instead of its own 7.',
    );
    expect(asPlanned).toContain('neither meets the target in every segment; the placement’s inventory cost differs from uniform’s by −210 EUR (95% CI −215 EUR to −205 EUR), paired.');
    expect(current).toContain('inventory cost 2,100 EUR (95% CI 2,050 EUR to 2,150 EUR); they miss the target');
    expect(report.facts).toBe('Safety-stock placement, 10 replications, master seed 7, 400-day horizon, 40-day warm-up excluded, 95% confidence intervals (Student t), money in EUR.');
    expect(report.charts.map((c) => c.id)).toEqual(['placement-cost-service']);
    const stocks = report.tables[0]!;
    expect(stocks.columns.slice(0, 2)).toEqual(['Stock', 'T [days]']);
    expect(stocks.rows).toEqual([
      ['dc/drink', '2', '100.0', '30.0', '0', '2', '0', '0', '0', '270', '0.0050'],
      ['store/drink', '7', '100.0', '30.0', '2', '0', '9', '148', '1,048', '831', '0.0060'],
    ]);
    const arms = report.tables[1]!;
    expect(arms.rows.map((r) => r[0])).toEqual(['scenario’s policies', 'uniform safety stock (analytic)', 'placement (analytic)', 'uniform safety stock, corrected', 'placement, corrected']);
    expect(arms.rows[4]).toEqual(['placement, corrected', '1.25', '5.00', '96.80%', '[95.80%, 97.80%]', 'retail 95.80%', 'yes', '1,900 EUR', '[1,850 EUR, 1,950 EUR]', '−250 EUR', '[−255 EUR, −245 EUR]']);
    // The chart draws one point per arm, the two analytic/corrected pairs joined per plan.
    const values = (report.charts[0]!.spec as { data: { values: Array<{ plan: string; cost: number }> } }).data.values;
    expect(values.map((v) => `${v.plan} ${v.cost}`)).toEqual(['scenario’s policies 2100', 'uniform safety stock 2060', 'placement 1850', 'uniform safety stock 2150', 'placement 1900']);
  });

  it('says when the saving is not distinguishable from zero, and when a corrected plan missed the target', () => {
    const unclear = withCurrency('EUR', () => placementSection({ results: placementDoc(3), scenario: context })).summary[0]!;
    expect(unclear).toContain('the paired difference, −3 EUR (95% CI −8 EUR to +2 EUR), is not distinguishable from zero at 95% confidence.');
    const doc = placementDoc();
    doc.arms[4] = { ...doc.arms[4]!, metTarget: false };
    expect(placementSection({ results: doc }).summary[0]).toBe(
      'No comparison at equal service: even at 4 × its analytic safety stock, the placement does not bring every segment to 95.00%.',
    );
  });
});

describe('placement frontier report section', () => {
  const point = (plan: 'current' | 'uniform' | 'placement', target: number | null, fill: number, cost: number, efficient: boolean) => ({
    plan,
    target,
    analyticCost: target === null ? null : 4,
    fillRate: stat(fill, 0.01),
    worstSegmentFillRate: fill - 0.01,
    inventoryCost: stat(cost, 40),
    efficient,
  });
  const doc: PlacementFrontierResults = {
    kind: 'placement-frontier',
    scenario: 'Two stocks',
    replications: 10,
    confidence: 0.95,
    targets: [0.9, 0.95],
    points: [
      point('current', null, 0.94, 1000, false),
      point('uniform', 0.9, 0.89, 700, false),
      point('placement', 0.9, 0.892, 620, true),
      point('uniform', 0.95, 0.945, 900, false),
      point('placement', 0.95, 0.944, 800, true),
    ],
    savings: [
      { target: 0.9, cost: stat(-80, 4), fillRate: stat(0.002, 0.005) },
      { target: 0.95, cost: stat(-100, 5), fillRate: stat(-0.001, 0.004) },
    ],
  };

  it('leads with the paired saving per target, then service, the scenario’s policies and the efficient points', () => {
    const s = withCurrency('EUR', () => placementFrontierSection({ results: doc, scenario: context }));
    expect(s.summary[0]).toBe(
      'At every one of the 2 service targets the placement costs less inventory than uniform safety stock made for the same target: ' +
        'a paired saving of 80 EUR (95% CI 76 EUR to 84 EUR) at 90.00% up to 100 EUR (95% CI 95 EUR to 105 EUR) at 95.00% over the 360 measured days, 11.1% to 11.4% of uniform’s inventory cost.',
    );
    expect(s.summary[1]).toBe(
      'The fill rates are paired too: placement − uniform lies between −0.10 pp and +0.20 pp across the targets; every interval includes zero: no difference in service is detectable with 10 replications (widest interval ±0.50 pp).',
    );
    expect(s.summary.join(' ')).toContain('the placement made for 95.00% serves at least as well (94.40%) for 200 EUR less, on the means.');
    expect(s.summary.join(' ')).toContain('Efficient points (no other point is cheaper and better served, on the means): placement at 90.00%, placement at 95.00%.');
    expect(s.charts.map((c) => c.id)).toEqual(['placement-frontier', 'cost-by-target', 'saving-by-target']);
    expect(s.tables[1]!.rows[1]).toEqual(['95.00%', '900 EUR', '800 EUR', '100 EUR', '[95 EUR, 105 EUR]', '11.1%', '−0.10 pp', '[−0.50 pp, +0.30 pp]']);
  });
});

describe('scsim optimize --placement --report', () => {
  it('writes reports/<scenario>-placement/ with the saving, each plan’s service and the analytic cost of the run', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'scsim-placement-report-'));
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [BIN, 'optimize', SCENARIO, '--placement', '--report', '--json', '-n', '4', '--horizon', '150', '--warmup', '30', '-w', '0'],
      { cwd, maxBuffer: 1 << 26 },
    );
    const r = JSON.parse(stdout) as PlacementResult;
    const dir = join(cwd, 'reports', 'safety-stock-placement-placement');
    expect(stderr).toContain(join(dir, 'report.html'));
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    // The inlined vega bundles spell NaN; the page outside its scripts must not.
    expect(html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')).not.toMatch(/NaN/);
    expect(md).not.toMatch(/NaN|n\/a/);
    const money = (x: number) => `${Math.round(x).toLocaleString('en-US')} EUR`.replace(/^-/, '−');
    const pc = r.arms.find((a) => a.name === 'placement-corrected')!;
    const uc = r.arms.find((a) => a.name === 'uniform-corrected')!;
    expect(pc.metTarget && uc.metTarget).toBe(true);
    const d = pc.costVsUniform!;
    // Cheaper on these 4 replications too (the saving's interval is narrow: paired).
    expect(d.ciHigh!).toBeLessThan(0);
    expect(md).toContain(`the placement costs ${money(pc.inventoryCost.mean!)} of inventory over the 120 measured days against ${money(uc.inventoryCost.mean!)} with uniform safety stock`);
    expect(md).toContain(`a paired saving of ${money(-d.mean!)} (95% CI ${money(-d.ciHigh!)} to ${money(-d.ciLow!)})`);
    for (const a of r.arms) expect(md).toContain(`${(a.fillRate.mean! * 100).toFixed(2)}% (95% CI ${(a.fillRate.ciLow! * 100).toFixed(2)}%`);
    expect(md).toContain(`costs ${r.analyticCost.placement.toFixed(2)} EUR/day of safety-stock holding against ${r.analyticCost.uniform.toFixed(2)} EUR/day`);
    expect(md).toContain('| dc-central/drink | 2 | 370.0 | 77.8 | 0 | 2 | 0 | 0 | 0 |');
    expect(html).toContain('Inventory cost against fill rate, per plan');
  }, 60_000);
});
