/**
 * Variants and options on common random numbers: a variant that changes a lane leaves every
 * segment's demand untouched, replication by replication; patches apply in the documented
 * order; wildcards expand; running alternatives together gives what running them alone does.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import {
  baseAlternative,
  expandWildcards,
  kpiColumn,
  openScenario,
  optionAlternatives,
  runAlternatives,
  scenarioDocument,
  variantAlternative,
  wildcardPatch,
} from '../src/experiment/variants.ts';
import { ScenarioError } from '../src/scenario/errors.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/whatif-two-dcs.yaml', import.meta.url));
const runner = new ExperimentRunner({ workers: 0 });
afterAll(() => runner.close());

describe('common random numbers across variants', () => {
  it('a variant that slows a lane leaves every segment’s demand identical, replication by replication', async () => {
    const src = openScenario(FIXTURE);
    const base = baseAlternative(src);
    const slow = variantAlternative(src, 'slow-lane');
    expect(slow.scenario.lanes[0]!.transitTime).toEqual({ dist: 'triangular', min: 2, mode: 4, max: 8 });
    const [b, s] = await runAlternatives(runner, [base, slow], { seed: 3, replications: 4 });
    for (const seg of Object.keys(src.base.segments)) {
      const kpi = `segment.${seg}.demandUnits`;
      const bd = kpiColumn(b!, kpi);
      expect(bd.every((x) => x > 0)).toBe(true);
      expect(Array.from(kpiColumn(s!, kpi))).toEqual(Array.from(bd));
      expect(Array.from(kpiColumn(s!, `segment.${seg}.orders`))).toEqual(Array.from(kpiColumn(b!, `segment.${seg}.orders`)));
    }
    // …while the change itself shows: the east DC waits longer for its replenishments.
    const lt = (v: typeof b) => kpiColumn(v!, 'site.dc-east.replenishmentLeadTime');
    for (let i = 0; i < 4; i++) expect(lt(s)[i]!).toBeGreaterThan(lt(b)[i]! + 1);
  });

  it('runs alternatives together exactly as it runs each alone, in-thread or on two workers', async () => {
    const src = openScenario(FIXTURE);
    const alts = [baseAlternative(src), ...optionAlternatives(src)];
    const together = await runAlternatives(runner, alts, { seed: 9, replications: 3 });
    const pooled = new ExperimentRunner({ workers: 2 });
    try {
      const onPool = await runAlternatives(pooled, alts, { seed: 9, replications: 3 });
      for (let k = 0; k < alts.length; k++) {
        const alone = await runner.run(alts[k]!.scenario, { seed: 9, count: 3, kpisOnly: true });
        expect(Array.from(together[k]!.data)).toEqual(Array.from(alone.data));
        expect(Array.from(onPool[k]!.data)).toEqual(Array.from(alone.data));
      }
    } finally {
      await pooled.close();
    }
  });

  it('reports progress across the whole experiment, ending at alternatives × replications', async () => {
    const src = openScenario(FIXTURE);
    const seen: Array<[number, number]> = [];
    await runAlternatives(runner, [baseAlternative(src), variantAlternative(src, 'one-dc')], {
      seed: 1,
      replications: 2,
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(seen.at(-1)).toEqual([4, 4]);
    expect(seen.every(([d], i) => i === 0 || d > seen[i - 1]![0])).toBe(true);
  });
});

describe('patches', () => {
  it('applies --set first and the option last, so an option keeps its own value', () => {
    const src = openScenario(FIXTURE, ['forecast.errorCv=0.3', 'horizonDays=120']);
    expect(src.base.forecast.errorCv).toBe(0.3);
    const visibility = optionAlternatives(src).find((a) => a.name === 'demand-visibility')!;
    expect(visibility.scenario.forecast.errorCv).toBe(0.05);
    expect(visibility.scenario.horizonDays).toBe(120);
  });

  it('names the known variants when asked for an unknown one', () => {
    const src = openScenario(FIXTURE);
    expect(() => variantAlternative(src, 'two-dc')).toThrow(ScenarioError);
    expect(() => variantAlternative(src, 'two-dc')).toThrow(/unknown variant "two-dc" \(known: base, slow-lane, one-dc\)/);
    expect(variantAlternative(src, 'base').scenario).toBe(src.base);
  });

  it('expands * within a path segment against the document', () => {
    const src = openScenario(FIXTURE);
    expect(expandWildcards(src.doc.value, 'sites.dc-*.policy.targetServiceLevel')).toEqual([
      'sites.dc-east.policy.targetServiceLevel',
      'sites.dc-west.policy.targetServiceLevel',
    ]);
    expect(expandWildcards(src.doc.value, 'lanes.*.costPerUnit')).toHaveLength(5);
    expect(expandWildcards(src.doc.value, 'horizonDays')).toEqual(['horizonDays']);
    expect(expandWildcards(src.doc.value, 'sites.plant-*.open')).toEqual([]);
    const origin = { file: '--param', line: 2, col: 1, label: '--param sites.plant-*.open=false' };
    expect(() => wildcardPatch(src, 'sites.plant-*.open', false, origin)).toThrow(/--param:2:1: sites\.plant-\*\.open: no field matches/);
  });

  it('takes a scenario as plain data', () => {
    const src = openScenario(FIXTURE);
    const again = openScenario(src.doc.value as Record<string, unknown>, ['seed=77']);
    expect(again.base.seed).toBe(77);
    expect(again.file).toBe('<scenario>');
    expect(openScenario(scenarioDocument(src.doc.value, 'mine')).file).toBe('mine');
  });
});
