/**
 * The library API (src/index.ts): the functions the CLI calls, usable without it — with a
 * shared runner, with a runner of their own, on a file or on plain scenario data.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as scsim from '../src/index.ts';

const BASESTOCK = fileURLToPath(new URL('./fixtures/whatif-basestock.yaml', import.meta.url));
const TWO = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));
const runner = new scsim.ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

describe('library API', () => {
  it('exports run, sweep, compare, frontier and optimize, and what they need', () => {
    for (const name of ['run', 'sweep', 'compare', 'frontier', 'optimize', 'loadScenario', 'openScenario', 'scenarioDocument', 'ExperimentRunner', 'ScenarioError'])
      expect(typeof (scsim as Record<string, unknown>)[name]).toBe('function');
  });

  it('run: the results document of `scsim run --json`, from a file or from plain data', async () => {
    const doc = await scsim.run(BASESTOCK, { runner, replications: 3, sets: ['horizonDays=400'] });
    expect(doc).toMatchObject({ scenario: 'Base-stock with Poisson demand', replications: 3, horizonDays: 400, seed: 11 });
    expect(doc.kpis.fillRate!.n).toBe(3);
    const scenario = scsim.loadScenario(BASESTOCK, ['horizonDays=400']);
    const again = await scsim.run(scenario as unknown as Record<string, unknown>, { replications: 3 });
    expect(again.kpis).toEqual(doc.kpis);
  });

  it('run with a precision rule adds replications until the KPI is known well enough', async () => {
    const doc = await scsim.run(BASESTOCK, { runner, sets: ['horizonDays=300'], precision: { kpi: 'fillRate', target: 0.02, maxReplications: 200 } });
    expect(doc.precision).toMatchObject({ kpi: 'fillRate', met: true });
    expect(doc.kpis.fillRate!.ciHigh! - doc.kpis.fillRate!.mean!).toBeLessThanOrEqual(0.02 * doc.kpis.fillRate!.mean!);
  });

  it('sweep, compare, frontier and optimize share one runner; scenario problems throw ScenarioError', async () => {
    const s = await scsim.sweep(TWO, { runner, replications: 2, parameters: { variant: ['base', 'one-dc'] } });
    expect(s.points).toHaveLength(2);
    const c = await scsim.compare(TWO, { runner, replications: 2 });
    expect(c.ranking).toHaveLength(2);
    const f = await scsim.frontier(TWO, { runner, replications: 2 });
    expect(f.points).toHaveLength(3);
    const o = await scsim.optimize(BASESTOCK, { runner, replications: 2, leverSpecs: { 'sites.dc.policy.S': [8, 12, 16, 20, 24] }, target: 0.9 });
    expect(o.chosen.parameters['sites.dc.policy.S']).toBe(16);
    await expect(scsim.sweep(TWO, { runner, replications: 2, sets: ['horizonDays=-1'] })).rejects.toBeInstanceOf(scsim.ScenarioError);
  });

  it('an abort signal stops an experiment with an AbortError', async () => {
    const stop = new AbortController();
    stop.abort();
    const err = await scsim.compare(TWO, { runner, replications: 2, signal: stop.signal }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
  });
});
