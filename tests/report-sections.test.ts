/**
 * What each experiment kind says in plain words (the answer to the scenario's question), and
 * how report inputs are read. Synthetic documents, so every branch is reached on purpose.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KpiStat, ResultsDocument } from '../src/experiment/results.ts';
import { loadReportInputs, parseReplicationsCsv, type ReportInputs } from '../src/report/inputs.ts';
import { kpiText } from '../src/report/model.ts';
import { buildReport } from '../src/report/report.ts';
import { compareSection } from '../src/report/sections/compare.ts';
import { pointsSection } from '../src/report/sections/points.ts';
import { bottleneckSentence, runSummary } from '../src/report/sections/run.ts';
import { compareFixture, frontierFixture, stat } from './report-helpers.ts';

function runDoc(bySite: Record<string, Record<string, KpiStat>>): ResultsDocument {
  return {
    scenario: 'Test network',
    seed: 1,
    replications: 10,
    horizonDays: 365,
    warmupDays: 65,
    confidence: 0.9,
    kpis: { fillRate: stat(0.95, 0.01), otif: stat(0.9, 0.02), customerLeadTimeMean: stat(2, 0.1), totalCost: stat(1e6, 1e4), revenue: stat(3e6, 1e4), operatingProfit: stat(2e6, 2e4) },
    bySite,
    bySegment: {},
    series: {},
  };
}

describe('run summary', () => {
  it('states service, cost and profit with their intervals at the run’s confidence level', () => {
    const [service, money] = runSummary(runDoc({}));
    expect(service).toContain('Over 10 replications of 365 days (statistics over the last 300 days, after a 65-day warm-up)');
    expect(service).toContain('95.00% (90% CI 94.00% to 96.00%) of demand straight from stock');
    expect(service).toContain('90.00% (90% CI 88.00% to 92.00%) of orders arrived on time and in full');
    expect(money).toContain('Total cost was 1,000,000 (90% CI 990,000 to 1,010,000)');
    expect(money).toContain('operating profit of 2,000,000 (90% CI 1,980,000 to 2,020,000) over those 300 days.');
    const withRisk = runSummary({ ...runDoc({}), costAtRisk: 1_030_000 })[1];
    expect(withRisk).toContain('over those 300 days; in 1 replication out of 20 total cost exceeded 1,030,000 (cost at risk, 95th percentile).');
  });

  it('names the busiest resource as the bottleneck when it is busy enough', () => {
    const text = bottleneckSentence(
      runDoc({
        'plant-a': { productionUtilisation: stat(0.7, 0.01), fillRate: stat(0.99, 0.01) },
        'plant-b': { productionUtilisation: stat(0.97, 0.01), fillRate: stat(0.98, 0.01) },
        'dc-x': { orderProcessingUtilisation: stat(0.9, 0.01), fillRate: stat(0.8, 0.01) },
      }),
    );
    expect(text).toBe('Bottleneck: the production lines at plant-b, busy 97.00% of the time (the highest utilisation in the network); the lowest fill rate of any site is at dc-x (80.00%).');
  });

  it('says capacity is not the constraint when no resource is busy, and points at the weakest stock', () => {
    const text = bottleneckSentence(
      runDoc({
        'plant-a': { productionUtilisation: stat(0.6, 0.01), fillRate: stat(0.99, 0.01) },
        'dc-x': { orderProcessingUtilisation: stat(0.7, 0.01), fillRate: stat(0.8, 0.01) },
      }),
    );
    expect(text).toContain('the highest is the back office at dc-x, 70.00%');
    expect(text).toContain('capacity is not the constraint; the weakest point is inventory: the lowest fill rate of any site is at dc-x (80.00%)');
  });
});

describe('compare summary', () => {
  it('names the winner, by how much, and how sure', () => {
    const { summary, tables } = compareSection({ results: compareFixture() });
    expect(summary[0]).toBe(
      'extra-line wins: net present value against base over 5 years at 8.00% a year, investment and running costs included +250,000 (95% CI +100,000 to +400,000); it comes out ahead of base in 90.00% of the replications.',
    );
    expect(summary[1]).toContain('changes operating profit by +120,000 (95% CI +80,000 to +160,000) over each measured period of 305 days (0.84 years)');
    expect(summary[2]).toContain('the 95% interval excludes zero');
    expect(summary[2]).toContain('its lead over crm-priority is established too: paired NPV difference +270,000 (95% CI +70,000 to +470,000)');
    expect(summary[3]).toBe('Runner-up: crm-priority, NPV −20,000 (95% CI −200,000 to +160,000).');
    expect(tables[0]!.rows.map((r) => r[0])).toEqual(['extra-line', 'crm-priority', 'second-supplier']);
  });

  it('says when the data cannot tell the winner from the base', () => {
    const results = compareFixture();
    results.options[0]!.npv = { ...results.options[0]!.npv, ciLow: -50_000 };
    results.options[0]!.vsNext = { ...results.options[0]!.vsNext!, ciLow: -10_000 };
    const { summary } = compareSection({ results });
    expect(summary[2]).toContain('How sure: not very — the 95% interval includes zero, so these replications cannot tell extra-line from base');
    expect(summary[2]).toContain('its lead over crm-priority is not established');
    expect(summary[2]).toContain('More replications would narrow the intervals.');
  });

  it('says when no option beats the base', () => {
    const results = compareFixture();
    for (const o of results.options) o.npv = { ...o.npv, mean: -1000 - o.rank, ciLow: -2000, ciHigh: -500 };
    const { summary } = compareSection({ results });
    expect(summary[0]).toMatch(/^No option beats base; the least costly is extra-line: /);
  });

  it('says when the gain of an option is an assumption: it changes demand directly', () => {
    const results = compareFixture();
    results.options[1]!.assumption = 'changes demand directly (segments.a.ordersPerDay): its gain is an assumption of the scenario, not a result of the simulation';
    const { summary } = compareSection({ results });
    expect(summary.at(-1)).toBe(`Assumption: crm-priority ${results.options[1]!.assumption}.`);
    expect(compareSection({ results: compareFixture() }).summary.some((l) => l.startsWith('Assumption'))).toBe(false);
  });

  it('ranks by NPV when the document carries no ranks', () => {
    const results = compareFixture();
    for (const o of results.options) delete (o as { rank?: number }).rank;
    results.options.reverse();
    const { tables } = compareSection({ results });
    expect(tables[0]!.rows.map((r) => r[0])).toEqual(['extra-line', 'crm-priority', 'second-supplier']);
  });
});

describe('frontier and sweep summary', () => {
  it('finds the cheapest plan meeting the service target and lists the dominated plans', () => {
    const results = frontierFixture();
    results.serviceTarget = 0.95;
    const { summary, tables } = pointsSection({ results });
    expect(summary[0]).toBe(
      'Cheapest plan meeting the fill rate target of 95.00%: S=160 — inventory cost 1,450,000 (95% CI 1,430,000 to 1,470,000), fill rate 96.00% (95% CI 95.40% to 96.60%). It meets the target even at the low end of its interval.',
    );
    expect(summary[1]).toBe('1 of 6 plans is dominated — another plan costs no more and serves at least as well — so not worth choosing: S=120 (confidently).');
    expect(tables[0]!.rows[2]!.at(-1)).toBe('by S=140');
  });

  it('takes the target from the scenario’s optimisation problem, and says when it is met on average only', () => {
    const { summary } = pointsSection({ results: frontierFixture(), scenario: { optimize: { serviceKpi: 'fillRate', target: 0.958 } } });
    expect(summary[0]).toContain('Cheapest plan meeting the fill rate target of 95.80%: S=160');
    expect(summary[0]).toContain('on average only (the low end of its 95% interval falls short)');
  });

  it('says when no plan meets the target', () => {
    const results = frontierFixture();
    results.serviceTarget = 0.99;
    expect(pointsSection({ results }).summary[0]).toBe('No plan meets the fill rate target of 99.00%; the best reaches 97.50% (S=180).');
  });

  it('computes dominance for a sweep, which does not mark it', () => {
    const f = frontierFixture();
    const results = { ...f, kind: 'sweep' as const, costKpi: 'inventoryCost', points: f.points.map(({ dominated, dominatedBy, confidentlyDominated, cost, service, ...p }) => p) };
    const { summary } = pointsSection({ results });
    expect(summary.at(-1)).toBe('1 of 6 plans is dominated — another plan costs no more and serves at least as well — so not worth choosing: S=120.');
    expect(summary[0]).toMatch(/^Cheapest plan: S=80 — inventory cost 1,000,000/);
  });

  it('reads a segment KPI axis from the points’ segment results', () => {
    const f = frontierFixture();
    f.serviceKpi = 'segment.retail.otif';
    f.points.forEach((p, i) => {
      delete (p as { service?: KpiStat }).service;
      p.results.bySegment = { retail: { otif: stat(0.5 + i * 0.05, 0.01) } };
    });
    const { summary, charts } = pointsSection({ results: f });
    expect(summary[0]).toContain('OTIF of segment retail 50.00%');
    expect(charts[0]!.title).toBe('Inventory cost against OTIF of segment retail');
    expect(kpiText('site.dc-a.fillRate')).toBe('fill rate at site dc-a');
  });
});

describe('buildReport', () => {
  it('puts the summary first, then charts with unique fixed ids, then tables', () => {
    const report = buildReport({ results: compareFixture() });
    expect(report.title).toBe('Bottler: SCM vs CRM');
    expect(report.facts).toBe('Comparison of options, 20 replications, master seed 1, 365-day horizon, 60-day warm-up excluded, 95% confidence intervals (Student t).');
    expect(report.charts.map((c) => c.id)).toEqual(['options-compared', 'cost-breakdown']);
    expect(report.tables.map((t) => t.title)).toEqual(['Options']);
  });

  it('rejects an unknown experiment kind', () => {
    expect(() => buildReport({ results: { kind: 'bogus', scenario: 'x' } } as unknown as ReportInputs)).toThrow(/unknown experiment kind "bogus"/);
  });
});

describe('report inputs', () => {
  it('parses replications.csv: header of KPI ids, empty cells as NaN, quoted cells', () => {
    const csv = 'replication,fillRate,"segment.a,b.otif"\n0,0.9,\n1,0.95,"0.5"\n';
    const out = parseReplicationsCsv(csv);
    expect(out.replication).toEqual([0, 1]);
    expect(out.fillRate).toEqual([0.9, 0.95]);
    expect(out['segment.a,b.otif']![0]).toBeNaN();
    expect(out['segment.a,b.otif']![1]).toBe(0.5);
    expect(() => parseReplicationsCsv('a,b\n1\n', 'r.csv')).toThrow('r.csv:2: 1 cells, the header has 2');
  });

  it('reads a results folder and says what is missing or wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scsim-report-inputs-'));
    expect(() => loadReportInputs(dir)).toThrow(/results\.json: not found \(give the folder written by scsim run --out\)/);
    writeFileSync(join(dir, 'results.json'), '{"scenario": 1');
    expect(() => loadReportInputs(dir)).toThrow(/results\.json: .*JSON/);
    writeFileSync(join(dir, 'results.json'), '{"kpis": {}}');
    expect(() => loadReportInputs(dir)).toThrow(/not a results document/);
    writeFileSync(join(dir, 'results.json'), JSON.stringify(compareFixture()));
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ segments: { a: { promisedDays: 2 } } }));
    const inputs = loadReportInputs(dir);
    expect(inputs.results.kind).toBe('compare');
    expect(inputs.scenario?.segments?.a?.promisedDays).toBe(2);
    expect(inputs.replications).toBeUndefined();
  });
});
