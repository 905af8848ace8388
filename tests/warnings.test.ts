/**
 * Sanity checks of a scenario (issue 17, item 5): each warning and error with a scenario that
 * triggers it and one that does not; warnings are positioned (file:line:col), never change the
 * exit code, and `run` prints them once.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectWarnings } from '../src/cli/warnings.ts';
import { formatProblems } from '../src/scenario/errors.ts';
import { loadScenario, loadScenarioDocument, materialize } from '../src/scenario/load.ts';
import { standardCosts } from '../src/scenario/standard-cost.ts';
import { demandChanges } from '../src/scenario/warnings.ts';
import { problemsOf, writeScenario } from './scenario-helpers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'scsim.js');

/** A plant making `kit` from `part`, a DC with a back office, one segment. Lines matter below. */
const NET = `name: sanity
horizonDays: 100
products:
  kit:
    unitCost: 5
    bom: [{product: part, quantity: 2}]
  part: {unitCost: 1}
sites:
  maker:
    type: supplier
    products: {part: {price: 1}}
    leadTime: 2
  plant:
    type: plant
    lines: [{count: 1, capacityPerDay: 200}]
    productionCostPerUnit: 3
    stock:
      kit: {policy: {type: base-stock, S: 100}}
      part: {source: maker, policy: {type: base-stock, S: 300}}
  dc:
    type: dc
    source: plant
    policy: {type: base-stock, S: 50}
    stock: {kit: {}}
    orderProcessing: {servers: 2, processingTime: 0.01}
segments:
  shop:
    servedBy: dc
    product: kit
    ordersPerDay: 100
lanes:
  - {from: maker, to: plant, transitTime: 1}
  - {from: plant, to: dc, transitTime: 1}
`;

/** The warnings of a scenario text, as `line:col path: message`. */
function warningsOf(text: string): string[] {
  const file = writeScenario(text);
  const doc = loadScenarioDocument(file);
  return collectWarnings(doc, materialize(doc)).map((w) => `${w.line}:${w.col} ${w.path}: ${w.message}`);
}

describe('standard cost', () => {
  it('rolls up components at their cost + production cost; a bought product costs its lowest price', () => {
    const s = loadScenario(writeScenario(NET.replace('    unitCost: 5\n', '').replace('  part: {unitCost: 1}', '  part: {}')));
    const { unitCost, rolledUp } = standardCosts(s);
    expect(unitCost.get('part')).toBe(1);
    expect(unitCost.get('kit')).toBe(2 * 1 + 3);
    expect(rolledUp.get('kit')).toMatchObject({ materials: 2, conversion: 3, how: 'made' });
  });

  it('a given unitCost within 10% of the rolled-up cost is no warning; beyond it is one, with both figures', () => {
    expect(warningsOf(NET)).toEqual([]); // 5 = 2 × 1 + 3
    expect(warningsOf(NET.replace('unitCost: 5', 'unitCost: 5.4'))).toEqual([]);
    expect(warningsOf(NET.replace('unitCost: 5', 'unitCost: 3.2'))).toEqual([
      '5:15 products.kit.unitCost: unitCost 3.20 differs from the rolled-up cost 5.00 (components 2.00 + production 3.00) by -36%: inventory value and COGS use 3.20 (omit unitCost to use the rolled-up cost)',
    ]);
  });
});

describe('offered load', () => {
  it('an order desk asked for ≥ 100% of what its servers can process', () => {
    expect(warningsOf(NET)).toEqual([]); // 100 orders a day × 0.01 / 2 servers = 50%
    const w = warningsOf(NET.replace('servers: 2, processingTime: 0.01', 'servers: 1, processingTime: 0.011'));
    expect(w).toEqual([expect.stringMatching(/^25:32 sites\.dc\.orderProcessing\.servers: offered load 110%: 100 orders a day against the 90\.9 its 1 server\(s\) can process/)]);
  });

  it('plant lines and a supplier with a capacity, from the demand that reaches them', () => {
    // 100 kits a day reach the plant (capacity 80); 200 parts a day reach the supplier (capacity 150).
    const text = NET.replace('capacityPerDay: 200', 'capacityPerDay: 80').replace('    leadTime: 2\n', '    leadTime: 2\n    capacityPerDay: 150\n');
    expect(warningsOf(text)).toEqual([
      expect.stringMatching(/^13:21 sites\.maker\.capacityPerDay: offered load 133%: 200 units a day ordered against a capacity of 150/),
      expect.stringMatching(/^16:5 sites\.plant\.lines: offered load 125%: 100 units a day to make against a capacity of 80/),
    ]);
    expect(warningsOf(NET.replace('    leadTime: 2\n', '    leadTime: 2\n    capacityPerDay: 250\n'))).toEqual([]);
  });
});

describe('what-ifs and disruptions', () => {
  it('a disruption that starts after the horizon', () => {
    const at = (day: number) => `${NET}disruptions:\n  - {name: strike, type: supplier-outage, site: maker, at: ${day}, days: 5}\n`;
    expect(warningsOf(at(50))).toEqual([]);
    expect(warningsOf(at(120))).toEqual([
      '35:60 disruptions.0.at: disruption "strike" starts on day 120, after the horizon (100 days): it never happens in the run',
    ]);
  });

  it('a variant and an option with the same name; an option that changes demand directly', () => {
    const text = (variant: string, set: string) =>
      `${NET}variants:\n  ${variant}: {set: {sites.dc.policy.S: 80}}\noptions:\n  - {name: promo, kind: crm, set: {${set}}}\n`;
    expect(warningsOf(text('bigger', 'sites.dc.policy.S: 90'))).toEqual([]);
    expect(warningsOf(text('promo', 'sites.dc.policy.S: 90'))).toEqual([
      '37:12 options.0.name: option "promo" has the name of a variant: results and --only would mix them up (rename one)',
    ]);
    const w = warningsOf(text('bigger', 'segments.shop.ordersPerDay: 120'));
    expect(w).toEqual([expect.stringMatching(/^37:30 options\.0\.set: option "promo" changes demand directly \(segments\.shop\.ordersPerDay\): its result rests on that assumed demand/)]);
  });

  it('demand changes: order rate, size, mix, seasonality, or a retention uplift above 1', () => {
    expect(demandChanges({ 'segments.a.ordersPerDay': 3, 'segments.a.retention.maxFactor': 1.05, 'segments.b.retention.maxFactor': 1 })).toEqual([
      'segments.a.ordersPerDay',
      'segments.a.retention.maxFactor',
    ]);
    expect(demandChanges({ 'segments.a.priority': 1, 'forecast.errorCv': 0.04, 'sites.dc.policy.S': 3 })).toEqual([]);
  });
});

describe('lanes and standby sites (errors)', () => {
  const noLane = NET.replace('  - {from: plant, to: dc, transitTime: 1}\n', '');

  it('a flow between two sites with no lane is an error, at the field that makes the flow', () => {
    const problems = problemsOf(() => loadScenario(writeScenario(noLane)));
    expect(formatProblems(problems)).toMatch(/:22:13: sites\.dc\.source: no lane from "plant" to "dc": the flow of "kit" would be free and instant/);
    expect(problems).toHaveLength(1);
  });

  it('unless the scenario gives defaultLane, whose transit and cost the flow then takes', () => {
    const s = loadScenario(writeScenario(`${noLane}defaultLane: {transitTime: 2, costPerUnit: 0.5}\n`));
    expect(s.defaultLane).toEqual({ transitTime: 2, costPerUnit: 0.5, costPerShipment: 0 });
    expect(() => loadScenario(writeScenario(NET))).not.toThrow();
  });

  it('a site no segment reaches is an error unless marked standby: true', () => {
    const withSpare = NET.replace('segments:\n', '  spare: {type: dc, source: plant, stock: {kit: {policy: {type: base-stock, S: 5}}}}\nsegments:\n') + '  - {from: plant, to: spare}\n';
    const problems = problemsOf(() => loadScenario(writeScenario(withSpare)));
    expect(problems.map((p) => p.path)).toEqual(['sites.spare']);
    expect(problems[0]!.message).toMatch(/not reachable from any customer segment .*mark it standby: true/);
    expect(() => loadScenario(writeScenario(withSpare.replace('spare: {type: dc,', 'spare: {type: dc, standby: true,')))).not.toThrow();
  });
});

describe('the CLI', () => {
  it('validate prints the warnings with file:line:col and still exits 0; run prints them once', () => {
    const file = writeScenario(NET.replace('unitCost: 5', 'unitCost: 3.2'));
    const v = spawnSync(process.execPath, [BIN, 'validate', file], { encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('valid (3 sites, 1 segment, 2 products, 1 warning)');
    expect(v.stderr.trim()).toBe(`${file}:5:15: products.kit.unitCost: warning: unitCost 3.20 differs from the rolled-up cost 5.00 (components 2.00 + production 3.00) by -36%: inventory value and COGS use 3.20 (omit unitCost to use the rolled-up cost)`);
    const r = spawnSync(process.execPath, [BIN, 'run', file, '-n', '2', '-w', '0', '-q', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr.match(/warning:/g)).toHaveLength(1);
    expect(JSON.parse(r.stdout).kpis.operatingProfit.n).toBe(2);
  });
});
