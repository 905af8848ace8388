/**
 * `--precision` for sweep and compare: every alternative gets the same replications, in whole
 * rounds, until each one's KPI interval is narrow enough (or the cap); the result is the same
 * whatever the worker count; a KPI the scenario does not have is refused before anything runs.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare } from '../src/experiment/compare.ts';
import { DEFAULT_ROUND_SIZE } from '../src/experiment/stopping.ts';
import { sweep } from '../src/experiment/sweep.ts';
import { UsageError } from '../src/cli/common.ts';
import { compareCommand } from '../src/cli/compare.ts';

const BASESTOCK = fileURLToPath(new URL('./fixtures/whatif-basestock.yaml', import.meta.url));
const TWO_DCS = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));

describe('sweep with a precision rule', () => {
  const opts = { parameters: { 'sites.dc.policy.S': [12, 16] }, sets: ['horizonDays=300'], precision: { kpi: 'fillRate', target: 0.01, maxReplications: 400 } };

  it('replicates every point alike until each fill rate is within ±1%, byte-identical on 2 workers', async () => {
    const a = await sweep(BASESTOCK, { ...opts, workers: 0 });
    const p = a.precision as { met: boolean; relativeHalfWidth: number; target: number };
    expect(a.replications % DEFAULT_ROUND_SIZE === 0 || a.replications === 400).toBe(true);
    expect(a.replications).toBeGreaterThan(DEFAULT_ROUND_SIZE); // one round is not enough here
    if (p.met) expect(p.relativeHalfWidth).toBeLessThanOrEqual(0.01);
    for (const pt of a.points) expect(pt.results.kpis.fillRate!.n).toBe(a.replications);
    const b = await sweep(BASESTOCK, { ...opts, workers: 2 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('compare with a precision rule', () => {
  it('stops at the first round that meets a loose target, and refuses an unknown KPI', async () => {
    const r = await compare(TWO_DCS, { precision: { kpi: 'fillRate', target: 0.5 } });
    expect(r.replications).toBe(DEFAULT_ROUND_SIZE);
    expect(r.precision).toMatchObject({ kpi: 'fillRate', met: true });
    await expect(compare(TWO_DCS, { precision: { kpi: 'fillrate', target: 0.5 } })).rejects.toThrow(/unknown KPI "fillrate".*did you mean "fillRate"/);
  });

  it('CLI: --precision with -n, or an unknown --kpi, is a usage error before anything runs', async () => {
    await expect(compareCommand({ scenario: TWO_DCS, precision: 0.01, replications: 4, quiet: true })).rejects.toThrow(UsageError);
    await expect(compareCommand({ scenario: TWO_DCS, precision: 0.01, kpi: 'fill', quiet: true })).rejects.toThrow(/--kpi: unknown KPI "fill"/);
    await expect(compareCommand({ scenario: TWO_DCS, precision: 0.01, shard: '0/2', quiet: true })).rejects.toThrow(/cannot be sharded/);
  });
});
