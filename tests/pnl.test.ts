/**
 * The P&L of a replication (src/model/pnl.ts) adds up: its identities hold in every
 * replication of every shipped scenario (and their variants and options), COGS counts the
 * products actually shipped (issue 16.3), and staff and line costs reach it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { loadScenarioDocument, materialize, optionPatches, setArgPatches, variantPatches, type Patch } from '../src/scenario/load.ts';
import { scenarioSchema, type Scenario } from '../src/scenario/schema.ts';
import { runReplications } from './helpers/replications.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHIPPED = fs
  .readdirSync(path.join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/${f}`);


/** Every P&L identity of one replication; returns the ones that fail. */
function pnlProblems(k: Record<string, number>): string[] {
  const scale = Math.max(1, Math.abs(k.revenue!), Math.abs(k.totalCost!));
  const eq = (name: string, a: number, b: number) => (Math.abs(a - b) <= 1e-9 * scale ? [] : [`${name}: ${a} ≠ ${b}`]);
  return [
    ...eq('grossMargin = revenue − cogs', k.grossMargin!, k.revenue! - k.cogs!),
    ...eq('logistics = transport + holding + ordering + fixed', k.logisticsCost!, k.transportCost! + k.holdingCost! + k.orderingCost! + k.fixedCost!),
    ...eq('backOffice = staff + overtime', k.backOfficeCost!, k.staffCost! + k.overtimeCost!),
    ...eq('penalties = backorder + lost sale', k.penaltyCost!, k.backorderCost! + k.lostSaleCost!),
    ...eq(
      'operatingProfit = grossMargin − variance − logistics − backOffice − penalties − disposal',
      k.operatingProfit!,
      k.grossMargin! - k.costVariance! - k.logisticsCost! - k.backOfficeCost! - k.penaltyCost! - k.disposalCost!,
    ),
    ...eq('totalCost = revenue − operatingProfit', k.totalCost!, k.revenue! - k.operatingProfit!),
    ...eq('operatingMarginRatio', k.operatingMarginRatio! * k.revenue!, k.operatingProfit!),
    ...(k.cogs! >= 0 && k.staffCost! >= 0 && k.fixedCost! >= 0 && k.disposalCost! >= 0 ? [] : ['a cost line is negative']),
  ];
}

/** A scenario shortened to 200 days (warm-up 30) to keep the suite fast. */
function shortened(file: string, extra: Patch[] = []): Scenario {
  const doc = loadScenarioDocument(path.join(ROOT, file));
  return materialize(doc, [...extra, ...setArgPatches(['horizonDays=200', 'warmupDays=30'])]);
}

describe('the P&L of every shipped scenario adds up', () => {
  it.each(SHIPPED)('%s, its variants and its options, in every replication', (file) => {
    const doc = loadScenarioDocument(path.join(ROOT, file));
    const base = materialize(doc);
    const runs: Array<[string, Patch[]]> = [
      ['base', []],
      ...Object.keys(base.variants).map((v): [string, Patch[]] => [`variant ${v}`, variantPatches(doc, v)]),
      ...base.options.map((o, i): [string, Patch[]] => [`option ${o.name}`, optionPatches(doc, i)]),
    ];
    const problems: string[] = [];
    for (const [label, patches] of runs)
      runReplications(shortened(file, patches), 3).forEach((k, i) => {
        for (const p of pnlProblems(k)) problems.push(`${label}, replication ${i}: ${p}`);
        if (!(k.revenue! > 0)) problems.push(`${label}, replication ${i}: no revenue`);
      });
    expect(problems).toEqual([]);
  });
});

/** One DC selling a 50/50 mix of a costly product (100) and a cheap one (1) kept short of stock. */
function mixScenario(): Scenario {
  return scenarioSchema.parse({
    name: 'mix',
    horizonDays: 400,
    warmupDays: 50,
    products: { costly: { unitCost: 100 }, cheap: { unitCost: 1 } },
    sites: {
      sup: { type: 'supplier', products: { costly: { price: 100 }, cheap: { price: 1 } }, leadTime: 10 },
      dc: {
        type: 'dc',
        source: 'sup',
        stock: { costly: { policy: { type: 'base-stock', S: 400 } }, cheap: { policy: { type: 'base-stock', S: 5 } } },
      },
    },
    segments: { c: { servedBy: 'dc', productMix: { costly: 1, cheap: 1 }, ordersPerDay: 20, orderSize: 1, onStockout: 'lost', price: 150 } },
  });
}

describe('COGS counts what was shipped (issue 16.3)', () => {
  it('a 50/50 mix with the cheap product often out of stock: COGS = Σ units shipped × unit cost, not the ordered mix', () => {
    const net = buildNetwork(mixScenario());
    const layout = kpiLayout(net);
    const rep = new Replication(net);
    const out = new Float64Array(layout.length);
    rep.run(1, 0);
    collectKpis(rep, layout, out);
    const k = (name: string) => out[layout.names.indexOf(name)]!;
    const [costly, cheap] = rep.stockPoints; // the DC serves only customers: issued = shipped to them
    const shippedCostly = costly!.unitsIssued;
    const shippedCheap = cheap!.unitsIssued;
    expect(shippedCostly + shippedCheap).toBe(k('unitsDelivered'));
    // The cheap product is out of stock most of the time: far fewer of its units ship.
    expect(shippedCheap).toBeLessThan(0.3 * shippedCostly);
    expect(k('cogs')).toBeCloseTo(100 * shippedCostly + 1 * shippedCheap, 6);
    // The ordered mix would say 50.5 a unit: a third too low here.
    expect(k('cogs') / k('unitsDelivered')).toBeGreaterThan(75);
    expect(k('grossMargin')).toBeCloseTo(k('revenue') - k('cogs'), 6);
    expect(k('dio')).toBeCloseTo(k('avgInventoryValue') / (k('cogs') / 350), 9);
    expect(k('product.costly.cogs')).toBeCloseTo(100 * shippedCostly, 6);
    // Values beside units: the product and site values add up to the overall ones.
    expect(k('product.costly.avgOnHandValue') + k('product.cheap.avgOnHandValue')).toBeCloseTo(k('avgInventoryValue'), 6);
    expect(k('site.dc.avgOnHandValue')).toBeCloseTo(k('avgInventoryValue'), 6);
    expect(k('site.dc.avgOnOrderValue')).toBeCloseTo(k('avgOnOrderValue'), 6);
    expect(k('product.costly.avgOnHandValue')).toBeCloseTo(100 * k('product.costly.avgOnHand'), 6);
    expect(k('product.cheap.unitsDelivered')).toBe(shippedCheap);
  });
});

describe('staff and line costs', () => {
  const base = (w: Record<string, unknown>) =>
    scenarioSchema.parse({
      name: 'staff',
      horizonDays: 70,
      warmupDays: 7,
      products: { w, part: { unitCost: 1 } },
      sites: {
        sup: { type: 'supplier', products: { part: { price: 1 } }, leadTime: 1 },
        plant: {
          type: 'plant',
          lines: [{ count: 2, capacityPerDay: 100, fixedCostPerDay: 300 }],
          productionCostPerUnit: 1,
          fixedCostPerDay: 1000,
          stock: { w: { policy: { type: 'base-stock', S: 100 } }, part: { source: 'sup', policy: { type: 'base-stock', S: 100 } } },
        },
        dc: {
          type: 'dc',
          source: 'plant',
          stock: { w: { policy: { type: 'base-stock', S: 50 } } },
          orderProcessing: {
            servers: 3,
            processingTime: 0.001,
            costPerServerHour: 25,
            workingHours: { start: 8, end: 18, days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
          },
        },
      },
      segments: { c: { servedBy: 'dc', product: 'w', ordersPerDay: 10, price: 5 } },
    });
  const bom = [{ product: 'part', quantity: 1 }];

  it('clerks are paid for their working hours, busy or not; lines for every day', () => {
    const [k] = runReplications(base({ bom }), 1);
    // 63 days from day 7 (a Monday) = 9 weeks × 5 days × 10 hours × 3 clerks × 25.
    expect(k!.staffCost).toBeCloseTo(9 * 5 * 10 * 3 * 25, 6);
    // Site 1,000 + 2 lines × 300 a day, over 63 days.
    expect(k!.fixedCost).toBeCloseTo(63 * 1600, 6);
    // No unitCost: the rolled-up 2 = part 1 + production 1 is met exactly, no variance.
    expect(k!.costVariance).toBeCloseTo(0, 9);
    expect(k!.cogs).toBeCloseTo(2 * k!.unitsDelivered!, 6);
  });

  it('a given unit cost below what the plant pays shows as cost variance', () => {
    const [k] = runReplications(base({ unitCost: 1.5, bom }), 1);
    // Each unit made costs 1 (part) + 1 (production) = 2, standard 1.5: 0.5 a unit made.
    expect(k!.costVariance).toBeGreaterThan(0);
    expect(k!.costVariance! / 0.5).toBeCloseTo(Math.round(k!.costVariance! / 0.5), 6);
  });
});
