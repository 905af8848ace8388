/**
 * `frontier --placement` on the shipped placement scenario: the guaranteed-service plan
 * re-solved at each target beside uniform safety stock and the scenario's policies, on common
 * random numbers. Fewer replications than the scenario's, for time.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { placementFrontier } from '../src/experiment/placement-frontier.ts';
import { placementPlans } from '../src/experiment/placement-plan.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { openScenario } from '../src/experiment/variants.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/safety-stock-placement.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

describe('placement frontier', () => {
  it('re-solves the placement at each target; it is cheaper than uniform at the same target, paired', async () => {
    const r = await placementFrontier(SCENARIO, { runner, replications: 4, targets: [0.95, 0.9] });
    expect(r.targets).toEqual([0.9, 0.95]);
    expect(r.points.map((p) => `${p.plan}@${p.target}`)).toEqual(['current@null', 'uniform@0.9', 'placement@0.9', 'uniform@0.95', 'placement@0.95']);
    const src = openScenario(SCENARIO);
    for (const t of r.targets) {
      const plans = placementPlans(src, t);
      const point = (plan: string) => r.points.find((p) => p.plan === plan && p.target === t)!;
      expect(point('placement').analyticCost).toBeCloseTo(plans.analyticCost.placement, 12);
      expect(point('uniform').analyticCost).toBeCloseTo(plans.analyticCost.uniform, 12);
      expect(plans.analyticCost.placement).toBeLessThan(plans.analyticCost.uniform);
      const s = r.savings.find((x) => x.target === t)!;
      expect(s.cost.ciHigh!).toBeLessThan(0);
      expect(s.cost.mean).toBeCloseTo(point('placement').inventoryCost.mean! - point('uniform').inventoryCost.mean!, 6);
    }
    // More service costs more stock: the placement's fill rate and cost rise with the target.
    const pl = r.points.filter((p) => p.plan === 'placement');
    expect(pl[1]!.fillRate.mean!).toBeGreaterThan(pl[0]!.fillRate.mean!);
    expect(pl[1]!.inventoryCost.mean!).toBeGreaterThan(pl[0]!.inventoryCost.mean!);
    // The cheapest point is always efficient.
    const cheapest = r.points.reduce((a, b) => (b.inventoryCost.mean! < a.inventoryCost.mean! ? b : a));
    expect(cheapest.efficient).toBe(true);
  }, 60_000);

  it('the command prints the points and the paired savings, writes results and the report with --out --report; rejects bad --targets and sweep options (exit 2)', async () => {
    const run = (...a: string[]) => promisify(execFile)(process.execPath, [BIN, 'frontier', SCENARIO, '--placement', '-w', '0', '-q', '-n', '3', ...a]);
    const out = join(mkdtempSync(join(tmpdir(), 'scsim-placement-frontier-')), 'results');
    const { stdout } = await run('--targets', '0.9,0.95', '--out', out, '--report');
    expect(existsSync(join(out, 'results.json')) && existsSync(join(out, 'scenario.json'))).toBe(true);
    const md = readFileSync(join(out, 'report', 'summary.md'), 'utf8');
    expect(md).toMatch(/At every one of the 2 service targets the placement costs less inventory than uniform safety stock made for the same target: a paired saving of \d+ EUR \(95% CI \d+ EUR to \d+ EUR\) at 90\.00%/);
    expect(md).not.toMatch(/NaN|n\/a/);
    for (const chart of ['placement-frontier', 'cost-by-target', 'saving-by-target']) expect(existsSync(join(out, 'report', `${chart}.png`))).toBe(true);
    expect(stdout).toMatch(/placement re-solved at each of 2 targets beside uniform safety stock/);
    expect(stdout).toMatch(/Placement − uniform at each target, paired:/);
    expect(stdout).toMatch(/^95\.00% +-\d+ ± \d+/m);
    for (const [args, msg] of [
      [['--targets', '0.9,1.2'], /--targets must be service levels strictly between 0 and 1/],
      [['--param', 'sites.dc-north.policy.S=1,2'], /--placement takes --targets only; drop --param/],
    ] as const) {
      const err = await run(...args).catch((e) => e);
      expect(err.code).toBe(2);
      expect(err.stderr).toMatch(msg);
    }
  }, 60_000);
});
