/**
 * The shipped what-if scenarios: they load with every option and variant, their patches hit
 * the fields they mean to (list indices into the bottler's lanes are checked by name), and the
 * DC-consolidation story holds — about a quarter of logistics cost saved, at a service cost.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { sweep } from '../src/experiment/sweep.ts';
import { baseAlternative, openScenario, optionAlternatives, variantAlternative } from '../src/experiment/variants.ts';
import { demandChanges } from '../src/scenario/warnings.ts';

const SCM_VS_CRM = fileURLToPath(new URL('../scenarios/scm-vs-crm.yaml', import.meta.url));
const DC = fileURLToPath(new URL('../scenarios/dc-consolidation.yaml', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

describe('scenarios/scm-vs-crm.yaml', () => {
  const src = openScenario(SCM_VS_CRM);
  const options = optionAlternatives(src);

  it('has at least two SCM and two CRM options, each with costs and a description', () => {
    const kinds = src.base.options.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'scm').length).toBeGreaterThanOrEqual(2);
    expect(kinds.filter((k) => k === 'crm').length).toBeGreaterThanOrEqual(2);
    for (const o of src.base.options) expect(o.description).toBeTruthy();
    expect(src.base.extends).toBeUndefined();
    expect(Object.keys(src.base.sites)).toHaveLength(26);
  });

  it('express-delivery changes exactly the convenience and on-premise delivery lanes', () => {
    const alt = options.find((a) => a.name === 'express-delivery')!;
    const changed = alt.scenario.lanes.filter((l, i) => JSON.stringify(l) !== JSON.stringify(src.base.lanes[i]));
    expect(changed).toHaveLength(12);
    for (const l of changed) expect(l.to).toMatch(/^(convenience|on-premise)-/);
    for (const l of changed) expect(l.from).toBe(`dc-${l.to.replace(/^(convenience|on-premise)-/, '')}`);
  });

  it('the strategic segments answer to service, and key-accounts gives on-premise priority 1 and a reserve, no assumed uplift', () => {
    for (const [id, seg] of Object.entries(src.base.segments)) expect(seg.retention !== undefined).toBe(/^(retail-chains|on-premise)-/.test(id));
    const key = options.find((a) => a.name === 'key-accounts')!.scenario;
    expect(key.segments['on-premise-italy']).toMatchObject({ priority: 1, retention: { maxFactor: 1 } });
    for (const [id, seg] of Object.entries(key.segments)) if (seg.priority === 1) expect(id).toMatch(/^on-premise-/);
    for (const dc of ['dc-iberia', 'dc-france', 'dc-benelux', 'dc-germany', 'dc-italy', 'dc-uk-ireland'])
      for (const stock of Object.values((key.sites[dc] as { stock: Record<string, { reserve?: unknown }> }).stock))
        expect(stock.reserve).toEqual({ forPriority: 1, daysOfDemand: 1 });
    expect(demandChanges(src.base.options.find((o) => o.name === 'key-accounts')!.set)).toEqual([]);
    expect(options.find((a) => a.name === 'demand-visibility')!.scenario.forecast.errorCv).toBeLessThan(src.base.forecast.errorCv);
  });
});

describe('scenarios/dc-consolidation.yaml', () => {
  it('three DCs: about a quarter less logistics cost, lower OTIF, longer lead times, more lost sales', async () => {
    const src = openScenario(DC);
    expect(variantAlternative(src, 'three-dcs').scenario.sites['dc-east']!.open).toBe(false);
    const r = await sweep(DC, { runner, replications: 3, params: ['variant=base,three-dcs'] });
    const [six, three] = r.points.map((p) => p.results.kpis);
    const ratio = three!.logisticsCost!.mean! / six!.logisticsCost!.mean!;
    expect(ratio).toBeGreaterThan(0.68);
    expect(ratio).toBeLessThan(0.8);
    expect(three!.otif!.mean!).toBeLessThan(six!.otif!.mean! - 0.03);
    expect(three!.customerLeadTimeMean!.mean!).toBeGreaterThan(1.5 * six!.customerLeadTimeMean!.mean!);
    expect(three!.lostSalesFraction!.mean!).toBeGreaterThan(six!.lostSalesFraction!.mean!);
    expect(three!.revenue!.mean!).toBeLessThan(six!.revenue!.mean!);
    expect(baseAlternative(src).scenario.frontier).toEqual({ costKpi: 'logisticsCost', serviceKpi: 'otif' });
  });
});
