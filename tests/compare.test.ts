/**
 * Comparing investment options: the NPV formula on a hand example, paired differences and
 * NPV on a real comparison, ranking, and the point of common random numbers — a narrower
 * interval than independent runs of the same two alternatives.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, pairedKpiDifference } from '../src/experiment/compare.ts';
import { annuityFactor, npvOfDifference, npvSamples } from '../src/experiment/npv.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { welchDifference } from '../src/experiment/stats.ts';
import { baseAlternative, kpiColumn, openScenario, optionAlternatives } from '../src/experiment/variants.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
const dirs: string[] = [];
afterAll(async () => {
  await runner.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('NPV', () => {
  it('annuity factor: end-of-year payments, closed form and r = 0', () => {
    expect(annuityFactor(0.1, 3)).toBeCloseTo(1 / 1.1 + 1 / 1.21 + 1 / 1.331, 12);
    expect(annuityFactor(0.08, 5)).toBeCloseTo(3.992710037, 8);
    expect(annuityFactor(0, 4)).toBe(4);
    expect(() => annuityFactor(-0.1, 3)).toThrow(RangeError);
  });

  it('on a hand example: 50,000 more profit over half a year, 20,000 a year to run, 100,000 up front, 3 years at 10%', () => {
    // annual gain 100,000; (100,000 − 20,000) × 2.486852 − 100,000 = 98,948.16
    const npv = npvOfDifference(50_000, 182.5, { oneOffCost: 100_000, runningCostPerYear: 20_000 }, { discountRatePerYear: 0.1, years: 3 });
    expect(npv).toBeCloseTo(80_000 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331) - 100_000, 6);
    expect(npv).toBeCloseTo(98_948.16, 1);
    const xs = npvSamples([10, 20], [60_010, 40_020], 365, { oneOffCost: 1000, runningCostPerYear: 0 }, { discountRatePerYear: 0, years: 2 });
    expect(Array.from(xs)).toEqual([119_000, 79_000]);
  });

  it('charges the working capital an option ties up, and credits what it frees', () => {
    // 200,000 more stock at 10% a year costs 20,000 a year: (100,000 − 20,000 − 20,000) × A − 100,000.
    const a = annuityFactor(0.1, 3);
    const inv = { discountRatePerYear: 0.1, years: 3, capitalChargeRatePerYear: 0.1 };
    const costs = { oneOffCost: 100_000, runningCostPerYear: 20_000 };
    expect(npvOfDifference(50_000, 182.5, costs, inv, 200_000)).toBeCloseTo(60_000 * a - 100_000, 6);
    expect(npvOfDifference(50_000, 182.5, costs, inv, -200_000)).toBeCloseTo(100_000 * a - 100_000, 6);
    // No rate stated: no charge (the holding rate may already include the cost of capital).
    expect(npvOfDifference(50_000, 182.5, costs, { discountRatePerYear: 0.1, years: 3 }, 200_000)).toBeCloseTo(80_000 * a - 100_000, 6);
    const xs = npvSamples([0, 0], [0, 0], 365, { oneOffCost: 0, runningCostPerYear: 0 }, { discountRatePerYear: 0, years: 1, capitalChargeRatePerYear: 0.5 }, [100, 100], [300, 0]);
    expect(Array.from(xs)).toEqual([-100, 50]);
  });
});

describe('compare', () => {
  it('pairs every option with the base: differences, NPV, wins, ranking', async () => {
    const r = await compare(FIXTURE, { runner, replications: 6 });
    expect(r).toMatchObject({ kind: 'compare', base: 'base', replications: 6, seed: 5, investment: { discountRatePerYear: 0.08, years: 5, windowDays: 180 } });
    expect(r.options.map((o) => [o.name, o.kind, o.source])).toEqual([
      ['faster-lanes', 'scm', 'option'],
      ['demand-visibility', 'crm', 'option'],
    ]);
    const src = openScenario(FIXTURE);
    const [base, ...opts] = await Promise.all(
      [baseAlternative(src), ...optionAlternatives(src)].map((a) => runner.run(a.scenario, { seed: 5, count: 6, kpisOnly: true })),
    );
    r.options.forEach((o, k) => {
      for (const kpi of ['operatingProfit', 'totalCost', 'fillRate', 'otif'] as const) {
        expect(o.differences[kpi]).toEqual(pairedKpiDifference(base!, opts[k]!, kpi, 0.95));
        expect(o.differences[kpi].ciLow).toBeLessThanOrEqual(o.differences[kpi].ciHigh);
      }
      // NPV is affine in the paired profit difference: mean and interval follow the formula.
      const a = annuityFactor(0.08, 5);
      const scale = (365 / 180) * a;
      const shift = -o.runningCostPerYear * a - o.oneOffCost;
      expect(o.npv.mean).toBeCloseTo(o.differences.operatingProfit.mean * scale + shift, 4);
      expect(o.npv.halfWidth).toBeCloseTo(o.differences.operatingProfit.halfWidth * scale, 4);
      const npv = npvSamples(kpiColumn(base!, 'operatingProfit'), kpiColumn(opts[k]!, 'operatingProfit'), 180, o, { discountRatePerYear: 0.08, years: 5 });
      expect(o.shareBeatsBase).toBe(npv.filter((x) => x > 0).length / 6);
      expect(o.results.kpis.operatingProfit!.mean).toBeCloseTo(kpiColumn(opts[k]!, 'operatingProfit').reduce((s, x) => s + x, 0) / 6, 6);
    });
    expect([...r.options].sort((a, b) => a.rank - b.rank).map((o) => o.name)).toEqual(r.ranking);
    const [first, second] = r.ranking.map((n) => r.options.find((o) => o.name === n)!);
    expect(first!.npv.mean).toBeGreaterThanOrEqual(second!.npv.mean);
    expect(first!.vsNext).toMatchObject({ name: second!.name });
    expect(first!.vsNext!.mean).toBeCloseTo(first!.npv.mean - second!.npv.mean, 4);
    expect(second!.vsNext).toBeNull();
    const overlap = first!.npv.ciLow <= second!.npv.ciHigh && second!.npv.ciLow <= first!.npv.ciHigh;
    expect(first!.overlapsWith).toEqual(overlap ? [second!.name] : []);
    expect(r.baseResults.kpis.operatingProfit!.n).toBe(6);
  });

  it('common random numbers give a narrower interval than independent streams on the same case', async () => {
    const src = openScenario(FIXTURE);
    const base = baseAlternative(src).scenario;
    const option = optionAlternatives(src).find((a) => a.name === 'faster-lanes')!.scenario;
    const n = 10;
    const b = await runner.run(base, { seed: 5, count: n, kpisOnly: true });
    const crn = await runner.run(option, { seed: 5, count: n, kpisOnly: true });
    const independent = await runner.run(option, { seed: 5005, count: n, kpisOnly: true });
    for (const kpi of ['operatingProfit', 'totalCost']) {
      const paired = pairedKpiDifference(b, crn, kpi, 0.95);
      const welch = welchDifference(kpiColumn(b, kpi), kpiColumn(independent, kpi), 0.95);
      expect(paired.halfWidth).toBeLessThan(welch.halfWidth / 3);
    }
  });

  it('compares variants too when asked, and only the options named', async () => {
    const r = await compare(FIXTURE, { runner, replications: 2, variants: true, only: ['one-dc', 'faster-lanes'] });
    expect(r.options.map((o) => [o.name, o.kind, o.source, o.oneOffCost])).toEqual([
      ['faster-lanes', 'scm', 'option', 5000],
      ['one-dc', 'other', 'variant', 0],
    ]);
    await expect(compare(FIXTURE, { runner, replications: 2, only: ['one-dc'] })).rejects.toThrow(/unknown option "one-dc" \(known: faster-lanes, demand-visibility\)/);
  });
});

describe('scsim compare', () => {
  it('prints the ranking and writes results.json with kind compare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scsim-compare-'));
    dirs.push(dir);
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'compare', FIXTURE, '-n', '3', '-w', '0', '-q', '--out', dir]);
    expect(stdout).toMatch(/2 options vs base, 3 replications each, seed 5, common random numbers/);
    expect(stdout).toMatch(/NPV over 5 years at 8\.0%\/year \(annuity factor 3\.993\)/);
    expect(stdout).toMatch(/^rank +option +kind/m);
    const doc = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(doc).toMatchObject({ kind: 'compare', base: 'base', replications: 3 });
    // The four compared KPIs first (and the inventory value behind the capital charge), then every other overall KPI (compare.csv has them all).
    expect(Object.keys(doc.options[0].differences).slice(0, 5)).toEqual(['operatingProfit', 'totalCost', 'fillRate', 'otif', 'avgInventoryValue']);
    expect(Object.keys(doc.options[0].differences)).toEqual(expect.arrayContaining(['logisticsCost', 'cashToCash', 'customerLeadTimeMean']));
    expect(doc.options[0].shareLoss).toBeGreaterThanOrEqual(0);
    expect(doc.options[0].npvQuantiles.p05).toBeLessThanOrEqual(doc.options[0].npvQuantiles.p95);
    const csv = readFileSync(join(dir, 'compare.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('option,kind,source,kpi,baseMean,optionMean,diffMean,diffCiLow,diffCiHigh,relativeChange,shareGreater,shareLess');
    expect(csv).toHaveLength(1 + doc.options.length * Object.keys(doc.options[0].differences).length);
    const profit = csv.find((l) => l.startsWith(`${doc.options[0].name},`) && l.includes(',operatingProfit,'))!.split(',');
    expect(Number(profit[6])).toBeCloseTo(doc.options[0].differences.operatingProfit.mean, 6);
    expect(readdirSync(dir).sort()).toEqual(['compare.csv', 'manifest.json', 'results.json', 'scenario.json']);
    expect(Object.keys(doc.options[0].differences.otif)).toEqual(['mean', 'ciLow', 'ciHigh', 'halfWidth', 'stdDev', 'n', 'shareGreater', 'shareLess']);
    expect(doc.options[0].npv).toMatchObject({ n: 3 });
    expect(doc.baseResults.kpis.operatingProfit.n).toBe(3);
  });
});
