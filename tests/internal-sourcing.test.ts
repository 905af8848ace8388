/**
 * Internal sourcing (src/model/internal-sourcing.ts): a stock replenished by several plants or
 * dcs by share, or by a preferred plant/dc with fallbacks when it is short.
 * Hand-computed deterministic cases (split by share, fallback for the shortfall, one cycle per
 * order, transport per lane), conservation and long-run shares on a stochastic network
 * (tests/fixtures/internal-sourcing.yaml), determinism, and the validate errors.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkConservation } from '../src/model/conservation.ts';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { demandMoments } from '../src/model/policies.ts';
import { Replication } from '../src/model/replication.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { scenarioSchema, type Scenario } from '../src/scenario/schema.ts';
import { simulate } from './fixtures/foundation-tiny.ts';
import { problemsOf, writeScenario } from './scenario-helpers.ts';

const FIXTURE = new URL('./fixtures/internal-sourcing.yaml', import.meta.url);

/**
 * Two plants with ample lines and given initial stock, one dc ordering 50 (base-stock S = 50,
 * nothing on hand) at time 0; its customers only arrive after the horizon.
 */
function twoPlants(dcStock: Record<string, unknown>, initialB: number, horizonDays = 10, initialA = 100): Scenario {
  return scenarioSchema.parse({
    name: 'two plants',
    horizonDays,
    products: { w: { unitCost: 1 } },
    sites: {
      'plant-a': { type: 'plant', lines: [{ capacityPerDay: 1000 }], policy: { type: 'base-stock', S: initialA }, stock: { w: {} } },
      'plant-b': { type: 'plant', lines: [{ capacityPerDay: 1000 }], policy: { type: 'base-stock', S: 100 }, stock: { w: { initial: initialB } } },
      dc: { type: 'dc', policy: { type: 'base-stock', S: 50 }, stock: { w: { initial: 0, ...dcStock } } },
    },
    lanes: [
      { from: 'plant-b', to: 'dc', transitTime: 1, costPerUnit: 0.1 },
      { from: 'plant-a', to: 'dc', transitTime: 2, costPerUnit: 0.4, costPerShipment: 3 },
      { from: 'dc', to: 'c', transitTime: 0 },
    ],
    segments: { c: { servedBy: 'dc', product: 'w', interarrival: 1000, orderSize: 1 } },
  });
}

const dcOf = (run: ReturnType<typeof simulate>) => run.rep.stockPoints[run.net.stockPoints.findIndex((s) => s.id === 'dc/w')]!;

describe('internal sourcing, hand-computed', () => {
  it('the part the preferred plant cannot ship goes to the fallback; one cycle when all parts arrived', () => {
    // Order 50 at t = 0: plant-b has 20 → ships 20 (arrives t = 1); the 30 it lacks go to
    // plant-a (arrive t = 2). Transport: 20 × 0.1 + (30 × 0.4 + 3) = 17.
    const stock = { source: 'plant-b', fallbackSources: ['plant-a'] };
    const early = simulate(twoPlants(stock, 20, 1.5));
    expect(dcOf(early).onHand).toBe(20);
    expect(dcOf(early).cycles).toBe(0); // 30 units still on their way
    const run = simulate(twoPlants(stock, 20));
    const dc = dcOf(run);
    expect(dc.onHand).toBe(50);
    expect(dc.ordersPlaced).toBe(1);
    expect(dc.cycles).toBe(1);
    expect(run.kpi('site.dc.transferUnitsIn')).toBe(50);
    expect(run.kpi('site.dc.fallbackShare')).toBeCloseTo(30 / 50, 12);
    expect(run.kpi('transportCost')).toBeCloseTo(17, 9);
    expect(checkConservation(run.rep)).toEqual([]);
  });

  it('no fallback while the preferred plant has the stock', () => {
    const run = simulate(twoPlants({ source: 'plant-b', fallbackSources: ['plant-a'] }, 60));
    expect(dcOf(run).onHand).toBe(50);
    expect(run.kpi('site.dc.fallbackShare')).toBe(0);
    expect(run.kpi('transportCost')).toBeCloseTo(5, 9); // 50 × 0.1, all from plant-b
  });

  it('nobody has it: the shortfall stays with the preferred plant (backordered there, then made)', () => {
    const run = simulate(twoPlants({ source: 'plant-b', fallbackSources: ['plant-a'] }, 0, 10, 0));
    expect(dcOf(run).onHand).toBe(50); // made by plant-b (50 at 1000/day), then shipped
    expect(run.kpi('site.dc.fallbackShare')).toBe(0);
    expect(run.kpi('transportCost')).toBeCloseTo(5, 9);
    // plant-a had none, so it took no part and ordered nothing.
    expect(run.rep.stockPoints[0]!.ordersPlaced).toBe(0);
  });

  it('shares split each order: 40 = 30 from plant-a (2 days) + 10 from plant-b (1 day)', () => {
    const stock = { sources: [{ site: 'plant-a', share: 3 }, { site: 'plant-b', share: 1 }], policy: { type: 'base-stock', S: 40 } };
    const early = simulate(twoPlants(stock, 100, 1.5));
    expect(dcOf(early).onHand).toBe(10);
    expect(dcOf(early).onOrder).toBe(30);
    expect(dcOf(early).cycles).toBe(0);
    const run = simulate(twoPlants(stock, 100));
    expect(dcOf(run).onHand).toBe(40);
    expect(dcOf(run).cycles).toBe(1);
    expect(run.kpi('transportCost')).toBeCloseTo(30 * 0.4 + 3 + 10 * 0.1, 9);
    expect(run.kpi('site.dc.fallbackShare')).toBe(0);
  });
});

function fixture(edit?: (raw: Record<string, any>) => void): Scenario {
  const raw = parse(fs.readFileSync(FIXTURE, 'utf8'));
  edit?.(raw);
  return scenarioSchema.parse(raw);
}

function runs(s: Scenario, n: number, seed = 7): { rep: Replication; kpis: Float64Array[]; problems: string[]; issued: Float64Array[] } {
  const net = buildNetwork(s);
  const rep = new Replication(net);
  const layout = kpiLayout(net);
  const kpis: Float64Array[] = [];
  const issued: Float64Array[] = [];
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    rep.run(seed, i);
    const out = new Float64Array(layout.length);
    collectKpis(rep, layout, out);
    kpis.push(out);
    issued.push(Float64Array.from(rep.stockPoints.map((sp) => sp.unitsIssued)));
    problems.push(...checkConservation(rep).map((p) => `replication ${i}: ${p}`));
  }
  return { rep, kpis, problems, issued };
}

describe('internal sourcing, stochastic network', () => {
  it('conserves units across plant-to-dc and plant-to-plant transfers', () => {
    expect(runs(fixture(), 6).problems).toEqual([]);
    // Both plants make cola from syrup (BOM); plant-a makes syrup, plant-b buys it from
    // plant-a (plant-to-plant transfers), falling back on dc-a's syrup when plant-a is short.
    const transfer = fixture((raw) => {
      raw.products.syrup = { unitCost: 1 };
      raw.products.cola.bom = [{ product: 'syrup', quantity: 1 }];
      raw.sites['plant-a'].stock = { syrup: { policy: { type: 'base-stock', S: 150 } }, cola: {} };
      raw.sites['plant-a'].lines.push({ capacityPerDay: 60 });
      raw.sites['plant-b'].stock.syrup = { sources: [{ site: 'plant-a', share: 1 }], fallbackSources: ['dc-a'], policy: { type: 'sS', s: 40, S: 120 } };
      raw.sites['dc-a'].stock.syrup = { source: 'plant-a', policy: { type: 'sS', s: 20, S: 60 } };
      raw.lanes.push({ from: 'plant-a', to: 'plant-b', transitTime: 1, costPerUnit: 0.2 }, { from: 'dc-a', to: 'plant-b', transitTime: 1 });
    });
    const r = runs(transfer, 4);
    expect(r.problems).toEqual([]);
    const layout = kpiLayout(r.rep.net);
    for (const v of r.kpis) expect(v[layout.names.indexOf('site.plant-b.transferUnitsIn')]).toBeGreaterThan(1000);
  });

  it('a dc whose preferred plant is often short leans on the fallback; shares hold in the long run', () => {
    const { kpis, rep } = runs(fixture(), 8);
    const layout = kpiLayout(rep.net);
    const col = (name: string) => kpis.map((v) => v[layout.names.indexOf(name)]!);
    const fb = col('site.dc-b.fallbackShare');
    for (const x of fb) expect(x).toBeGreaterThan(0.05);
    expect(col('site.dc-a.fallbackShare').every((x) => x === 0)).toBe(true);
    // Without dc-b, plant-b ships only dc-a's 20% share.
    const alone = runs(
      fixture((raw) => {
        delete raw.sites['dc-b'];
        delete raw.segments.west;
        raw.lanes = raw.lanes.filter((l: { to: string }) => l.to !== 'dc-b' && l.to !== 'west');
      }),
      8,
    );
    const a = alone.rep.net.stockPoints.findIndex((s) => s.id === 'plant-a/cola');
    const b = alone.rep.net.stockPoints.findIndex((s) => s.id === 'plant-b/cola');
    const shares = alone.issued.map((u) => u[b]! / (u[a]! + u[b]!));
    const mean = shares.reduce((x, y) => x + y, 0) / shares.length;
    const sd = Math.sqrt(shares.reduce((x, y) => x + (y - mean) ** 2, 0) / (shares.length - 1));
    // 99.9% Student-t interval for 7 degrees of freedom (t = 5.408), plus the orders in flight.
    expect(Math.abs(mean - 0.2)).toBeLessThanOrEqual((5.408 * sd) / Math.sqrt(shares.length) + 0.005);
  });

  it('plans upstream demand by share (derived policies, offered load); fallbacks are not planned on', () => {
    const net = buildNetwork(fixture());
    const m = demandMoments(net);
    const at = (id: string) => m[net.stockPoints.findIndex((s) => s.id === id)]!.mean;
    // east and west: 8 orders a day of 5 units. dc-a: 80% plant-a, 20% plant-b; dc-b: plant-b.
    expect(at('plant-a/cola')).toBeCloseTo(0.8 * 40, 9);
    expect(at('plant-b/cola')).toBeCloseTo(0.2 * 40 + 40, 9);
  });

  it('is deterministic: same seed, same numbers, whatever ran before on the same model', () => {
    const s = fixture();
    const one = runs(s, 3).kpis;
    const net = buildNetwork(s);
    const rep = new Replication(net);
    const layout = kpiLayout(net);
    rep.run(99, 5); // another replication first: the state must be reset
    const again = [0, 1, 2].map((i) => {
      rep.run(7, i);
      const out = new Float64Array(layout.length);
      collectKpis(rep, layout, out);
      return out;
    });
    expect(again).toEqual(one);
  });
});

describe('internal sourcing, validate', () => {
  it('reports every problem at once, at its line:col', () => {
    const text = fs
      .readFileSync(FIXTURE, 'utf8')
      .replace('sources: [{site: plant-a, share: 0.8}, {site: plant-b, share: 0.2}]', 'sources: [{site: plant-a, share: 0.8}, {site: east, share: 0.2}, {site: dc-b, share: 0}]')
      .replace('cola: {source: plant-b, fallbackSources: [plant-a]}', 'cola: {sources: [{site: plant-b, share: 1}, {site: dc-a, share: 1}], fallbackSources: [dc-b, nowhere]}');
    const problems = problemsOf(() => loadScenario(writeScenario(text)));
    const at = problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`);
    expect(at).toEqual([
      '28:55 sites.dc-a.stock.cola.sources.1.site: unknown site "east" (known: plant-a, plant-b, dc-a, dc-b)',
      '28:94 sites.dc-a.stock.cola.sources.2.share: must be > 0 (got 0)',
      '33:100 sites.dc-b.stock.cola.fallbackSources.1: unknown site "nowhere" (known: plant-a, plant-b, dc-a, dc-b)',
    ]);
    // Schema-valid: the semantic checks run too.
    const valid = text.replace('{site: dc-b, share: 0}', '{site: dc-b, share: 1}').replace('{site: east, share: 0.2}', '{site: plant-b, share: 0.2}').replace(', nowhere]', ', west]');
    const more = problemsOf(() => loadScenario(writeScenario(valid))).map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`);
    expect(more.find((m) => m.includes('fallbackSources.0'))).toMatch(/^33:\d+ .*cannot be its own fallback source/);
    expect(more.find((m) => m.includes('fallbackSources.1'))).toMatch(/"west" is a customer segment; a fallback source is a plant or dc/);
  });

  it('a share cycle dc-a ↔ dc-b, a supplier as fallback, mixed sources', () => {
    const text = fs
      .readFileSync(FIXTURE, 'utf8')
      .replace('sources: [{site: plant-a, share: 0.8}, {site: plant-b, share: 0.2}]', 'sources: [{site: dc-b, share: 0.8}, {site: plant-b, share: 0.2}]')
      .replace('cola: {source: plant-b, fallbackSources: [plant-a]}', 'cola: {sources: [{site: dc-a, share: 1}, {site: plant-a, share: 1}]}');
    const problems = problemsOf(() => loadScenario(writeScenario(text)));
    expect(problems.some((p) => /sourcing cycle for "cola"/.test(p.message))).toBe(true);
    const sup = fs
      .readFileSync(FIXTURE, 'utf8')
      .replace('products:\n  cola: {unitCost: 2}', 'products:\n  cola: {unitCost: 2}\nlanesNote: x')
      .replace('lanesNote: x\n', '')
      .replace('sites:\n', 'sites:\n  sup:\n    type: supplier\n    products: {cola: {price: 1}}\n    leadTime: 2\n')
      .replace('fallbackSources: [plant-a]', 'fallbackSources: [sup]')
      .replace('{site: plant-b, share: 0.2}', '{site: sup, share: 0.2}');
    const msgs = problemsOf(() => loadScenario(writeScenario(sup))).map((p) => `${p.path}: ${p.message}`);
    expect(msgs.some((m) => /fallbackSources\.0: "sup" is a supplier/.test(m))).toBe(true);
    expect(msgs.some((m) => /sources: sources are either all suppliers or all plants\/dcs/.test(m))).toBe(true);
    const own = fs.readFileSync(FIXTURE, 'utf8').replace('fallbackSources: [plant-a]', 'fallbackSources: [plant-a, plant-b]');
    expect(problemsOf(() => loadScenario(writeScenario(own))).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'sites.dc-b.stock.cola.fallbackSources.1: "plant-b" is this stock\'s own source; a fallback is another plant or dc',
    ]);
  });
});
