/**
 * Conservation of units (src/model/conservation.ts) on every shipped scenario — every file in
 * scenarios/ and scenarios/validation/, found afresh on each run so new scenarios are checked
 * without touching this file — and on each of their variants and options, plus the
 * foundation's test networks. A few replications each, on a horizon shortened to keep the
 * suite fast (warm-up kept shorter than the horizon, so the statistics reset is exercised).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConservation } from '../src/model/conservation.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { getPath, loadScenarioDocument, materialize, optionPatches, setArgPatches, variantPatches, type Patch } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { simulate, tinyScenario } from './fixtures/foundation-tiny.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Longest horizon simulated here [days]. */
const MAX_HORIZON = 240;
const REPLICATIONS = 3;

function yamlFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

const SHIPPED = [...yamlFiles('scenarios'), ...yamlFiles('scenarios/validation')];
const FIXTURES = ['tests/fixtures/foundation-network.yaml', 'tests/fixtures/small-dc.yaml'].filter((f) => fs.existsSync(path.join(ROOT, f)));

/** `--set` overrides that shorten a scenario's horizon, keeping warm-up < horizon. */
function shorten(horizon: number, warmup: number): string[] {
  if (horizon <= MAX_HORIZON) return [];
  const w = warmup < MAX_HORIZON / 2 ? warmup : MAX_HORIZON / 4;
  return [`horizonDays=${MAX_HORIZON}`, `warmupDays=${w}`];
}

/** The scenario of a file, shortened, with extra patches (a variant's, an option's) applied. */
function scenarioOf(file: string, extra: Patch[] = []): Scenario {
  const doc = loadScenarioDocument(path.join(ROOT, file));
  const full = materialize(doc, extra);
  return materialize(doc, [...extra, ...setArgPatches(shorten(full.horizonDays, full.warmupDays))]);
}

/** Runs replications and returns every violation, labelled with its replication. */
function violations(scenario: Scenario, replications: number, seed = 1): string[] {
  const rep = new Replication(buildNetwork(scenario));
  const out: string[] = [];
  for (let i = 0; i < replications; i++) {
    rep.run(seed, i);
    for (const p of checkConservation(rep)) out.push(`replication ${i}: ${p}`);
  }
  return out;
}

/** Names of the variants and options of a scenario file, with their patches. */
function alternatives(file: string): Array<[string, Patch[]]> {
  const doc = loadScenarioDocument(path.join(ROOT, file));
  const out: Array<[string, Patch[]]> = [];
  const variants = getPath(doc.value, ['variants']);
  if (variants && typeof variants === 'object') for (const name of Object.keys(variants)) out.push([`variant ${name}`, variantPatches(doc, name)]);
  const options = getPath(doc.value, ['options']);
  if (Array.isArray(options)) options.forEach((o, i) => out.push([`option ${(o as { name?: string }).name ?? i}`, optionPatches(doc, i)]));
  return out;
}

describe('conservation on every shipped scenario', () => {
  it('finds the shipped scenarios', () => {
    expect(SHIPPED).toContain('scenarios/bottler-17-plants.yaml');
  });

  describe.each([...SHIPPED, ...FIXTURES])('%s', (file) => {
    it(`balances in each of ${REPLICATIONS} replications`, () => {
      const scenario = scenarioOf(file);
      expect(scenario.warmupDays).toBeLessThan(scenario.horizonDays);
      expect(violations(scenario, REPLICATIONS)).toEqual([]);
    });

    it('balances under each variant and option (one replication each)', () => {
      for (const [name, patches] of alternatives(file)) expect(violations(scenarioOf(file, patches), 1), name).toEqual([]);
    });
  });
});

describe('conservation on hand-checked cases', () => {
  it('holds with and without warm-up, with backorders and lost sales open at the end', () => {
    const cases = [
      tinyScenario({ policy: { type: 'sS', s: 3, S: 8 }, segment: { orderSize: 2 } }),
      tinyScenario({ policy: { type: 'sS', s: 3, S: 8 }, segment: { orderSize: 2 }, warmupDays: 7.25 }),
      tinyScenario({ policy: { type: 'rQ', r: 4, Q: 3 }, segment: { orderSize: 5 }, warmupDays: 3.75, horizonDays: 9 }),
      tinyScenario({ policy: { type: 'sS', s: -100, S: 0 }, initial: 10, segment: { orderSize: 3, onStockout: 'lost' }, horizonDays: 5.5 }),
      tinyScenario({ policy: { type: 'make-to-order' }, inboundTransit: 1, outboundTransit: 0.5, warmupDays: 5.25 }),
    ];
    for (const s of cases) {
      const r = simulate(s);
      expect(checkConservation(r.rep)).toEqual([]);
    }
  });
});

describe('the checker catches broken counting', () => {
  const run = () => {
    const rep = new Replication(buildNetwork(scenarioOf('tests/fixtures/foundation-network.yaml')));
    rep.run(1, 0);
    expect(checkConservation(rep)).toEqual([]);
    return rep;
  };

  it('names the stock point whose on-hand does not balance', () => {
    const rep = run();
    rep.stockPoints[1]!.unitsIssued += 1;
    const problems = checkConservation(rep);
    expect(problems.some((p) => p.startsWith('stock plant/concentrate: on-hand'))).toBe(true);
  });

  it('names the segment whose demand is not accounted for', () => {
    const rep = run();
    const seg = rep.segments.find((s) => s.def.id === 'wholesale-west')!;
    seg.lostUnits += 0.5;
    expect(checkConservation(rep).some((p) => p.startsWith('segment wholesale-west: demanded'))).toBe(true);
  });

  it('sees units vanish in transit and orders stuck in the back office', () => {
    const rep = run();
    rep.inTransit -= 2;
    expect(checkConservation(rep).some((p) => p.startsWith('network:'))).toBe(true);
    const rep2 = run();
    rep2.segments[0]!.unitsInProcessing += 3;
    expect(checkConservation(rep2).some((p) => p.startsWith('segment retail-east: units ordered'))).toBe(true);
  });

  it('tolerates rounding (1e-6 relative) but not a unit', () => {
    const rep = run();
    const sp = rep.stockPoints[0]!;
    sp.onHand += 1e-9 * Math.max(1, sp.unitsReceived);
    expect(checkConservation(rep)).toEqual([]);
    sp.onHand += 1;
    expect(checkConservation(rep).length).toBeGreaterThan(0);
  });
});
