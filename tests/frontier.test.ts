/**
 * The cost vs service frontier: Pareto marking on a hand-made set, then a small real sweep
 * (one DC vs two, across DC service targets) and the `scsim frontier` command.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { frontier, frontierCsv } from '../src/experiment/frontier.ts';
import { dominates, dominators, paretoFront } from '../src/experiment/pareto.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
const dirs: string[] = [];
afterAll(async () => {
  await runner.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('Pareto dominance (cost down, service up)', () => {
  // 0 and 1 and 4 are efficient; 2 is beaten by 1 (cheaper, better); 3 ties 1 on cost but serves
  // worse; 5 equals 4 exactly (neither dominates the other); 6 has no cost (never compared).
  const pts = [
    { cost: 10, service: 0.9 },
    { cost: 12, service: 0.95 },
    { cost: 15, service: 0.94 },
    { cost: 12, service: 0.93 },
    { cost: 20, service: 0.99 },
    { cost: 20, service: 0.99 },
    { cost: Number.NaN, service: 1 },
  ];

  it('marks who dominates whom', () => {
    expect(dominates(pts[1]!, pts[2]!)).toBe(true);
    expect(dominates(pts[1]!, pts[3]!)).toBe(true);
    expect(dominates(pts[4]!, pts[5]!)).toBe(false);
    expect(dominates(pts[0]!, pts[1]!)).toBe(false);
    expect(dominators(pts)).toEqual([[], [], [1], [1], [], [], []]);
  });

  it('lists the frontier cheapest first, without undefined points', () => {
    expect(paretoFront(pts)).toEqual([0, 1, 4, 5]);
  });
});

describe('frontier on a real sweep', () => {
  it('one pooled DC dominates two at inventory cost vs fill rate; the frontier runs cheapest first', async () => {
    const r = await frontier(FIXTURE, {
      runner,
      replications: 8,
      params: ['variant=base,one-dc', 'sites.dc-*.policy.targetServiceLevel=0.8,0.95'],
    });
    expect(r).toMatchObject({ kind: 'frontier', costKpi: 'inventoryCost', serviceKpi: 'fillRate', replications: 8 });
    const byLabel = Object.fromEntries(r.points.map((p) => [p.label, p]));
    const two = byLabel['variant=base, targetServiceLevel=0.8']!;
    expect(two.dominated).toBe(true);
    expect(two.dominatedBy).toContain('variant=one-dc, targetServiceLevel=0.95');
    expect(two.confidentlyDominated).toBe(true);
    expect(byLabel['variant=one-dc, targetServiceLevel=0.8']!.dominated).toBe(false);
    // The frontier is exactly the non-dominated points, cost rising and service rising along it.
    expect(new Set(r.frontier)).toEqual(new Set(r.points.filter((p) => !p.dominated).map((p) => p.label)));
    const along = r.frontier.map((l) => byLabel[l]!);
    for (let i = 1; i < along.length; i++) {
      expect(along[i]!.cost.mean!).toBeGreaterThan(along[i - 1]!.cost.mean!);
      expect(along[i]!.service.mean!).toBeGreaterThan(along[i - 1]!.service.mean!);
    }
    // Cost and service carry intervals, and match the point's own KPIs.
    expect(two.cost.mean).toBe(two.results.kpis.inventoryCost!.mean);
    expect(two.cost.ciLow!).toBeLessThan(two.cost.ciHigh!);
    const csv = frontierCsv(r).split('\n');
    expect(csv[0]!.split(',').slice(0, 7)).toEqual(['point', 'label', 'variant', 'sites.dc-*.policy.targetServiceLevel', 'dominated', 'confidentlyDominated', 'dominatedBy']);
  });

  it('takes its axes from options, else the frontier: section; an unknown KPI names the close ones', async () => {
    const r = await frontier(FIXTURE, { runner, replications: 2, costKpi: 'logisticsCost', serviceKpi: 'segment.east-retail.otif', params: ['variant=base,one-dc'] });
    expect(r.points[0]!.service.mean).toBe(r.points[0]!.results.bySegment['east-retail']!.otif!.mean);
    await expect(frontier(FIXTURE, { runner, replications: 2, serviceKpi: 'fillrate' })).rejects.toThrow(/unknown KPI "fillrate" \(did you mean "fillRate"/);
  });
});

describe('scsim frontier', () => {
  it('prints the table with dominated points marked and writes results.json with kind frontier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scsim-frontier-'));
    dirs.push(dir);
    const { stdout } = await promisify(execFile)(process.execPath, [
      BIN, 'frontier', FIXTURE, '-n', '3', '-w', '0', '-q', '--param', 'variant=base,one-dc', '--out', dir,
    ]);
    expect(stdout).toMatch(/Inventory cost vs Fill rate at 2 points/);
    expect(stdout).toMatch(/dominated by #1/);
    expect(stdout).toMatch(/Efficient frontier \(cheapest first\): #1$/m);
    const doc = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(doc).toMatchObject({ kind: 'frontier', costKpi: 'inventoryCost', serviceKpi: 'fillRate', frontier: ['variant=one-dc'] });
    expect(doc.points[0]).toMatchObject({ label: 'variant=base', dominated: true, dominatedBy: ['variant=one-dc'] });
    expect(readFileSync(join(dir, 'frontier.csv'), 'utf8')).toMatch(/^point,label,variant,dominated,/);
  });
});
