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
import { pointsSection, withDominance } from '../src/report/sections/points.ts';
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
    const [headline, service, money] = runSummary(runDoc({}));
    // Without a scenario `headline:`, the summary leads with the default headline KPIs.
    expect(headline).toBe(
      "In the scenario's headline KPIs (means with 90% confidence intervals): fill rate 95.00% (90% CI 94.00% to 96.00%); OTIF 90.00% (90% CI 88.00% to 92.00%); customer lead time, mean 2.00 d (90% CI 1.90 d to 2.10 d); total cost (revenue − operating profit) 1,000,000 (90% CI 990,000 to 1,010,000); operating profit 2,000,000 (90% CI 1,980,000 to 2,020,000).",
    );
    expect(service).toContain('Over 10 replications of 365 days (statistics over the last 300 days, after a 65-day warm-up)');
    expect(service).toContain('95.00% (90% CI 94.00% to 96.00%) of demand straight from stock');
    expect(service).toContain('90.00% (90% CI 88.00% to 92.00%) of orders arrived on time and in full');
    expect(money).toContain('Total cost was 1,000,000 (90% CI 990,000 to 1,010,000)');
    expect(money).toContain('operating profit of 2,000,000 (90% CI 1,980,000 to 2,020,000) over those 300 days.');
    const withRisk = runSummary({ ...runDoc({}), costAtRisk: 1_030_000 })[2];
    expect(withRisk).toContain('over those 300 days; cost at risk (the 95th percentile of total cost across the 10 replications) 1,030,000.');
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

  it('says no resource is a bottleneck when none is busy or makes orders wait, and points at the weakest stock', () => {
    const text = bottleneckSentence(
      runDoc({
        'plant-a': { productionUtilisation: stat(0.6, 0.01), fillRate: stat(0.99, 0.01) },
        'dc-x': { orderProcessingUtilisation: stat(0.7, 0.01), orderProcessingWait: stat(0.01, 0.001), fillRate: stat(0.8, 0.01) },
      }),
    );
    expect(text).toBe(
      'No resource is a bottleneck: the busiest is the order desk at dc-x (70.00% busy) and orders wait 14 min on average at the slowest order desk (dc-x); the weak point is inventory: the lowest fill rate of any site is at dc-x (80.00%).',
    );
  });

  it('names the order desk when orders wait there for a large part of the lead time, however busy it is on average', () => {
    // Holiday-surge: clerks busy 75% of the year, but the surge makes orders wait days.
    const doc = runDoc({ 'toy-dc': { orderProcessingUtilisation: stat(0.75, 0.01), orderProcessingWait: stat(2.9, 0.1), fillRate: stat(1, 0) } });
    doc.kpis.customerLeadTimeMean = stat(4.4, 0.1);
    doc.kpis.orderProcessingPeakQueue = stat(8172, 100);
    expect(bottleneckSentence(doc)).toBe(
      'Bottleneck: the order desk (back-office order processing) at toy-dc — orders wait 2.90 d on average for a clerk (65.91% of the 4.40 d mean customer lead time), and up to 8,172 orders queued at once; its clerks are busy only 75.00% of the time on average, so the queue builds in peaks, not all year.',
    );
  });

  it('does not call full stock the weak point', () => {
    const text = bottleneckSentence(runDoc({ 'dc-x': { orderProcessingUtilisation: stat(0.5, 0.01), orderProcessingWait: stat(0.001, 0.0001), fillRate: stat(1, 0) } }));
    expect(text).not.toMatch(/weak point/);
    expect(text).toContain('stock-outs are rare');
  });
});

describe('compare summary', () => {
  it('leads with the headline KPIs per option, then names the winner, by how much, and how sure', () => {
    const { summary, tables } = compareSection({ results: compareFixture() });
    expect(summary[0]).toMatch(/^extra-line against base \(95% CI\): fill rate \+1\.00 pp \[\+0\.60 pp, \+1\.40 pp\]; OTIF \+2\.00 pp /);
    expect(summary[0]).toContain('profit ');
    expect(summary[1]).toMatch(/^crm-priority against base/);
    expect(summary[3]).toBe(
      'Verdict: extra-line pays — net present value against base over 5 years at 8.00% a year, investment and running costs included, +250,000 (95% CI +100,000 to +400,000); it loses money in 10.00% of the replications (P(loss)).',
    );
    expect(summary[4]).toContain('changes operating profit by +120,000 (95% CI +80,000 to +160,000) over each measured period');
    expect(summary[5]).toBe('extra-line is ahead of the runner-up, crm-priority: paired NPV difference +270,000 (95% CI +70,000 to +470,000).');
    expect(tables[0]!.rows.map((r) => r[0])).toEqual(['extra-line', 'crm-priority', 'second-supplier']);
  });

  it('says when the data cannot tell the winner from the base, and how many replications would separate the top two', () => {
    const results = compareFixture();
    results.options[0]!.npv = { ...results.options[0]!.npv, ciLow: -50_000 };
    results.options[0]!.vsNext = { ...results.options[0]!.vsNext!, ciLow: -30_000, ciHigh: 570_000 };
    const { summary } = compareSection({ results });
    expect(summary[3]).toContain('Verdict: extra-line has the highest NPV, +250,000 (95% CI −50,000 to +400,000), but its interval includes zero: these replications do not show that it beats base');
    // Half-width 300,000 around a mean of 270,000 over 20 replications: 20 × (300/270)² ≈ 25.
    expect(summary[5]).toContain('extra-line and the runner-up, crm-priority, are not separated');
    expect(summary[5]).toContain('about 25 replications would be needed to separate them if the difference stayed at its mean (20 were run)');
  });

  it('says when no option pays', () => {
    const results = compareFixture();
    for (const o of results.options) o.npv = { ...o.npv, mean: -1000 - o.rank, ciLow: -2000, ciHigh: -500 };
    const { summary } = compareSection({ results });
    expect(summary[3]).toMatch(/^Verdict: no option pays — even the best, extra-line, loses: /);
  });

  it('gives SCM against CRM its own verdict, and flags a gain that rests on an assumed demand change', () => {
    const results = compareFixture();
    results.families = { scm: 'extra-line', crm: 'crm-priority', npvDifference: { mean: 270_000, ciLow: 70_000, ciHigh: 470_000, halfWidth: 200_000, stdDev: 400_000, n: 20, shareGreater: 0.8, shareLess: 0.2 } };
    const scenario = { options: [{ name: 'crm-priority', set: { 'segments.a.retention.maxFactor': 1.05, 'segments.a.priority': 1 } }] };
    const { summary } = compareSection({ results, scenario });
    expect(summary).toContain(
      'SCM against CRM: the best SCM option is extra-line, the best CRM option crm-priority; paired NPV difference SCM − CRM +270,000 (95% CI +70,000 to +470,000) — SCM (extra-line) wins.',
    );
    expect(summary.at(-1)).toBe(
      'Caution: the gain of crm-priority rests on an assumed change in demand (segments.a.retention.maxFactor), not on a measured effect: check that assumption before investing.',
    );
  });

  it('does not call the result of a losing what-if with assumed demand a gain', () => {
    const results = compareFixture();
    const o = results.options.find((x) => x.name === 'crm-priority')!;
    o.npv = { ...o.npv!, mean: -120_000, ciLow: -200_000, ciHigh: -40_000 };
    o.differences.operatingProfit = { ...o.differences.operatingProfit!, mean: -60_000, ciLow: -90_000, ciHigh: -30_000 };
    const scenario = { options: [{ name: 'crm-priority', set: { 'segments.a.linesPerOrder': 2 } }] };
    const { summary } = compareSection({ results, scenario });
    expect(summary.at(-1)).toBe(
      'Caution: the result of crm-priority rests on an assumed change in demand (segments.a.linesPerOrder), not only on a measured effect: it holds only as far as that demand does.',
    );
    expect(summary.some((l) => l.includes('the gain of crm-priority'))).toBe(false);
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
    expect(summary[1]).toBe(
      '1 of 6 plans is dominated on inventory cost against fill rate — another plan costs no more and serves at least as well — so not worth choosing: S=120 (confidently).',
    );
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
    expect(summary).toContain('1 of 6 plans is dominated on inventory cost against fill rate — another plan costs no more and serves at least as well — so not worth choosing: S=120.');
    expect(summary[0]).toMatch(/^Cheapest plan: S=80 — inventory cost 1,000,000/);
  });

  it('judges a sweep on the scenario’s frontier KPIs, so the sweep and the frontier of one grid agree on what is dominated', () => {
    const f = frontierFixture();
    // On inventory cost against fill rate, S=120 is dominated; on OTIF (best at S=120) it dominates S=160 and S=180.
    f.points.forEach((p, i) => (p.results.kpis.otif = stat([0.8, 0.85, 0.99, 0.9, 0.95, 0.97][i]!, 0.005)));
    const sweep = { ...f, kind: 'sweep' as const, costKpi: undefined, serviceKpi: undefined, points: f.points.map(({ dominated, dominatedBy, confidentlyDominated, cost, service, ...p }) => p) };
    const scenario = { frontier: { costKpi: 'inventoryCost', serviceKpi: 'otif' } };
    const fromSweep = pointsSection({ results: sweep, scenario });
    expect(fromSweep.charts[0]!.title).toBe('Inventory cost against OTIF');
    expect(fromSweep.summary).toContain('2 of 6 plans are dominated on inventory cost against OTIF — another plan costs no more and serves at least as well — so not worth choosing: S=160; S=180.');
    // The frontier of the same grid, marked by src/experiment/frontier.ts on the same rule, reads the same.
    const marked = withDominance(sweep.points, 'inventoryCost', 'otif').map((p) => p.dominated);
    expect(marked).toEqual([false, false, false, false, true, true]);
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
    expect(report.charts.map((c) => c.id)).toEqual(['headline-changes', 'options-compared', 'cost-breakdown']);
    expect(report.tables.map((t) => t.title)).toEqual(['Options', 'Headline KPIs per option']);
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
