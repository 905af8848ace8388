/**
 * Fixtures for the report tests: a small real run of the shipped scenario written as a
 * results folder (results.json, replications.csv, scenario.json, as `scsim run --out` writes
 * them), and comparison / frontier documents in the shapes src/report/inputs.ts reads.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SCENARIO } from '../src/cli/common.ts';
import { resultsDocument, type KpiStat, type ResultsDocument } from '../src/experiment/results.ts';
import { runReplications } from '../src/experiment/runner.ts';
import type { CompareResult, OptionComparison } from '../src/experiment/compare.ts';
import type { FrontierResult } from '../src/experiment/frontier.ts';
import type { PairedDifference } from '../src/experiment/stats.ts';
import type { AlternativeResults } from '../src/experiment/variants.ts';
import { loadScenario } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/schema.ts';

export interface RunFixture {
  dir: string;
  doc: ResultsDocument;
  scenario: Scenario;
  csv: string;
}

/** A short run of the bottler (4 replications, 120 days) written to a fresh temp folder. */
export async function runFixture(mutate?: (f: { doc: ResultsDocument; scenario: Scenario }) => void): Promise<RunFixture> {
  const loaded = loadScenario(DEFAULT_SCENARIO, ['horizonDays=120', 'warmupDays=20']);
  const seed = 7;
  const vectors = await runReplications(loaded, { replications: 4, seed });
  // A mutable copy (loaded scenarios are frozen), as scenario.json holds it.
  const scenario = JSON.parse(JSON.stringify(loaded)) as Scenario;
  const doc = resultsDocument(
    { scenario: scenario.name, description: scenario.description, seed, horizonDays: scenario.horizonDays, warmupDays: scenario.warmupDays, confidence: 0.95 },
    vectors,
  );
  mutate?.({ doc, scenario });
  const { layout } = vectors;
  const names = layout.names.slice(0, layout.kpiCount);
  const lines = [['replication', ...names].join(',')];
  for (let i = 0; i < vectors.count; i++) {
    const row = [String(i)];
    for (let k = 0; k < layout.kpiCount; k++) {
      const x = vectors.data[i * layout.length + k]!;
      row.push(Number.isNaN(x) ? '' : String(x));
    }
    lines.push(row.join(','));
  }
  const csv = `${lines.join('\n')}\n`;
  const dir = mkdtempSync(join(tmpdir(), 'scsim-report-run-'));
  writeResultsFolder(dir, doc, { csv, scenario });
  return { dir, doc, scenario, csv };
}

export function writeResultsFolder(dir: string, doc: unknown, extra: { csv?: string; scenario?: unknown } = {}): string {
  writeFileSync(join(dir, 'results.json'), JSON.stringify(doc, null, 2));
  if (extra.csv) writeFileSync(join(dir, 'replications.csv'), extra.csv);
  if (extra.scenario) writeFileSync(join(dir, 'scenario.json'), JSON.stringify(extra.scenario, null, 2));
  return dir;
}

export function stat(mean: number, halfWidth: number): KpiStat {
  return { mean, ciLow: mean - halfWidth, ciHigh: mean + halfWidth, stdDev: halfWidth, p05: mean - 2 * halfWidth, p50: mean, p95: mean + 2 * halfWidth, n: 20 };
}

const diff = (mean: number, hw: number, share: number): PairedDifference => ({ mean, ciLow: mean - hw, ciHigh: mean + hw, halfWidth: hw, stdDev: hw * 2, n: 20, shareGreater: share, shareLess: 1 - share });

/** KPIs of one alternative; `scale` changes the holding cost and the backorder penalty. */
function alternative(scale: number, service = 0.9): AlternativeResults {
  return {
    kpis: {
      fillRate: stat(service, 0.01),
      otif: stat(service - 0.02, 0.01),
      inventoryCost: stat(250_000 * scale, 6000),
      holdingCost: stat(200_000 * scale, 5000),
      orderingCost: stat(50_000, 1000),
      transportCost: stat(300_000, 4000),
      cogs: stat(1_000_000, 9000),
      backorderCost: stat(20_000 / scale, 3000),
      lostSaleCost: stat(10_000, 2000),
      fixedCost: stat(400_000, 0),
      totalCost: stat(1_980_000 * scale, 20_000),
      operatingProfit: stat(3_000_000 / scale, 50_000),
    },
    bySite: {},
    bySegment: {},
  };
}

/**
 * A comparison of three options against the base, in the exact shape `scsim compare` writes
 * (typed as src/experiment/compare.ts's CompareResult, so a change there breaks this fixture
 * at compile time instead of the report at run time).
 */
export function compareFixture(names = ['extra-line', 'crm-priority', 'second-supplier']): CompareResult {
  const option = (name: string, kind: 'scm' | 'crm', rank: number, profit: PairedDifference, npv: number, npvHw: number, share: number, scale: number): OptionComparison => ({
    name,
    kind,
    source: 'option',
    oneOffCost: 100_000 * rank,
    runningCostPerYear: 20_000 * rank,
    differences: { operatingProfit: profit, totalCost: diff(-profit.mean, profit.halfWidth, 1 - share), fillRate: diff(0.01 / rank, 0.004, 0.8), otif: diff(0.02 / rank, 0.01, 0.7), avgInventoryValue: diff(1000 * rank, 200, 0.9) },
    npv: { mean: npv, ciLow: npv - npvHw, ciHigh: npv + npvHw, halfWidth: npvHw, stdDev: npvHw * 2, n: 20 },
    npvQuantiles: { p05: npv - 3 * npvHw, p50: npv, p95: npv + 3 * npvHw },
    shareBeatsBase: share,
    shareLoss: 1 - share,
    rank,
    overlapsWith: [],
    vsNext: null,
    results: alternative(scale),
  });
  const options = [
    option(names[0]!, 'scm', 1, diff(120_000, 40_000, 0.9), 250_000, 150_000, 0.9, 1.1),
    option(names[1]!, 'crm', 2, diff(30_000, 60_000, 0.6), -20_000, 180_000, 0.45, 0.9),
    option(names[2]!, 'scm', 3, diff(-50_000, 20_000, 0.1), -300_000, 80_000, 0.05, 1.3),
  ];
  options[0]!.overlapsWith = [names[1]!];
  options[1]!.overlapsWith = [names[0]!];
  options[0]!.vsNext = { name: names[1]!, ...diff(270_000, 200_000, 0.8) };
  options[1]!.vsNext = { name: names[2]!, ...diff(280_000, 150_000, 0.9) };
  return {
    kind: 'compare',
    scenario: 'Bottler: SCM vs CRM',
    file: 'scenarios/scm-vs-crm.yaml',
    seed: 1,
    replications: 20,
    confidence: 0.95,
    horizonDays: 365,
    warmupDays: 60,
    investment: { discountRatePerYear: 0.08, years: 5, annuityFactor: 3.99, windowDays: 305, windowYears: 305 / 365, capitalChargeRatePerYear: 0 },
    base: 'base',
    options,
    ranking: options.map((o) => o.name),
    baseResults: alternative(1),
  };
}

/** A frontier of six safety-stock levels, one dominated, in the shape `scsim frontier` writes. */
export function frontierFixture(labels = ['S=80', 'S=100', 'S=120', 'S=140', 'S=160', 'S=180']): FrontierResult {
  const cost = [1.0e6, 1.1e6, 1.25e6, 1.2e6, 1.45e6, 1.6e6];
  const service = [0.82, 0.88, 0.91, 0.93, 0.96, 0.975];
  const points = labels.map((label, i) => {
    const results = alternative(1, service[i]!);
    results.kpis.inventoryCost = stat(cost[i]!, 20_000);
    return {
      index: i,
      label,
      parameters: { 'sites.dc-north.policy.S': 80 + 20 * i },
      results,
      cost: stat(cost[i]!, 20_000),
      service: stat(service[i]!, 0.006),
      dominated: i === 2,
      dominatedBy: i === 2 ? [labels[3]!] : [],
      confidentlyDominated: i === 2,
    };
  });
  return {
    kind: 'frontier',
    scenario: 'Bottler safety stock frontier',
    file: 'scenarios/frontier.yaml',
    seed: 3,
    replications: 20,
    confidence: 0.95,
    horizonDays: 365,
    warmupDays: 60,
    mode: 'grid',
    parameters: ['sites.dc-north.policy.S'],
    costKpi: 'inventoryCost',
    serviceKpi: 'fillRate',
    points,
    frontier: labels.filter((_, i) => i !== 2),
  };
}
