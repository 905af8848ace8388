/**
 * Perishable products (src/model/perishables.ts, src/model/batch-store.ts): batches, FIFO and
 * FEFO issuing, minimum remaining life, expiry as an event that triggers the reorder check,
 * month dating, waste and age KPIs — each checked against numbers worked out by hand in the
 * comments, on deterministic models run through the real engine.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BatchStore, monthStart } from '../src/model/batch-store.ts';
import { checkConservation } from '../src/model/conservation.ts';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { checkReferences } from '../src/scenario/references.ts';
import { scenarioSchema, type Scenario } from '../src/scenario/schema.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PHARMACY = path.join(ROOT, 'scenarios/perishable-pharmacy.yaml');

interface Options {
  horizonDays?: number;
  warmupDays?: number;
  /** Product fields (shelfLifeDays defaults to 90). */
  product?: Record<string, unknown>;
  /** Supplier lead time [days]. */
  leadTime?: unknown;
  policy?: Record<string, unknown>;
  stock?: Record<string, unknown>;
  /** Segments served by the DC (default: one, 25 units a day, lost sales, all-or-nothing). */
  segments?: Record<string, Record<string, unknown>>;
  disruptions?: unknown[];
}

/** One supplier → one DC `dc` of product `med` → customer segments. */
function scenario(o: Options = {}): Scenario {
  const segments = o.segments ?? { patients: { interarrival: 1, orderSize: 25, onStockout: 'lost', partialFill: false } };
  return scenarioSchema.parse({
    name: 'perishable test',
    horizonDays: o.horizonDays ?? 360,
    warmupDays: o.warmupDays ?? 30,
    products: { med: { unitCost: 10, shelfLifeDays: 90, disposalCostPerUnit: 0.5, ...o.product } },
    sites: {
      sup: { type: 'supplier', products: { med: { price: 10 } }, leadTime: o.leadTime ?? 6 },
      dc: { type: 'dc', source: 'sup', policy: o.policy ?? { type: 'sS', s: 2000, S: 5000 }, stock: { med: { ...o.stock } } },
    },
    segments: Object.fromEntries(Object.entries(segments).map(([id, s]) => [id, { servedBy: 'dc', product: 'med', ...s }])),
    disruptions: o.disruptions ?? [],
    defaultLane: {},
  });
}

/** Runs replication `index` and returns the model and its KPIs by name. */
function run(s: Scenario, index = 0, seed = 1) {
  const net = buildNetwork(s);
  const rep = new Replication(net);
  rep.run(seed, index);
  const layout = kpiLayout(net);
  const out = new Float64Array(layout.length);
  collectKpis(rep, layout, out);
  const kpi = (name: string) => {
    const i = layout.names.indexOf(name);
    if (i < 0) throw new Error(`no KPI ${name}`);
    return out[i]!;
  };
  return { net, rep, sp: rep.stockPoints[0]!, kpi };
}

describe('BatchStore', () => {
  it('FIFO issues in arrival order, FEFO by expiry: a later arrival that expires first goes first under FEFO', () => {
    // Batch A arrives first (produced 0, life 100, expires 100); batch B arrives later but
    // with a short life (produced 10, life 30, expires 40). Taking 15 units at t = 20:
    // FIFO takes 15 from A (A 5 left, B 20); FEFO takes 15 from B (A 20 left, B 5).
    const fifo = new BatchStore(false);
    const fefo = new BatchStore(true);
    for (const s of [fifo, fefo]) {
      s.add(20, 0, 100, 100, 0);
      s.add(20, 10, 40, 30, 10);
      expect(s.take(15, 20, 0)).toBe(15);
    }
    expect(fifo.batches().map((b) => [b.qty, b.expiry])).toEqual([[5, 100], [20, 40]]);
    expect(fefo.batches().map((b) => [b.qty, b.expiry])).toEqual([[5, 40], [20, 100]]);
    expect(fifo.taken.produced[0]).toBe(0);
    expect(fefo.taken.produced[0]).toBe(10);
    // At t = 40 B expires: FIFO wastes 20 units, FEFO only 5.
    expect(fifo.expire(40)).toBe(20);
    expect(fefo.expire(40)).toBe(5);
    expect(fifo.units).toBe(5);
    expect(fefo.units).toBe(20);
  });

  it('skips batches with too little life left for a requester, leaving them for others', () => {
    // Two batches of 10, both life 100: produced 0 (expires 100) and produced 50 (expires 150).
    // At t = 60 the old one has 40% of its life left, the new one 90%.
    const s = new BatchStore(false);
    s.add(10, 0, 100, 100, 0);
    s.add(10, 50, 150, 100, 50);
    expect(s.available(60, 0.5)).toBe(10);
    expect(s.available(60, 0)).toBe(20);
    expect(s.take(15, 60, 0.5)).toBe(10); // only the fresh batch qualifies
    expect(s.batches().map((b) => [b.qty, b.produced])).toEqual([[10, 0]]);
    expect(s.take(4, 60, 0)).toBe(4); // anyone takes the old batch
    expect(s.units).toBe(6);
  });

  it('agrees with a plain-array reference on random sequences of receipts, takes and expiries', () => {
    // The reference keeps batches in an array sorted the slow way; the store must hold the same
    // batches in the same order and hand out the same ones, under both rules.
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    type B = { qty: number; produced: number; expiry: number; life: number };
    for (const fefo of [false, true]) {
      const store = new BatchStore(fefo);
      let ref: B[] = [];
      let now = 0;
      for (let step = 0; step < 3000; step++) {
        now += rnd() * 2;
        const u = rnd();
        if (u < 0.35) {
          const life = 5 + Math.floor(rnd() * 40);
          const produced = now - Math.floor(rnd() * 5);
          const b = { qty: 1 + Math.floor(rnd() * 20), produced, expiry: produced + life, life };
          store.add(b.qty, b.produced, b.expiry, b.life, now);
          const at = fefo ? ref.filter((x) => x.expiry <= b.expiry).length : ref.length;
          ref.splice(at, 0, b);
        } else if (u < 0.9) {
          const q = Math.floor(rnd() * 30);
          const minLife = rnd() < 0.5 ? 0 : rnd();
          const fresh = (x: B) => minLife <= 0 || x.expiry - now + 1e-9 >= minLife * x.life;
          expect(store.available(now, minLife)).toBeCloseTo(ref.filter(fresh).reduce((a, x) => a + x.qty, 0), 9);
          let rest = q;
          const taken: number[] = [];
          for (const x of ref) {
            if (rest <= 0 || !fresh(x)) continue;
            const t = Math.min(rest, x.qty);
            x.qty -= t;
            rest -= t;
            taken.push(t);
          }
          ref = ref.filter((x) => x.qty > 0);
          expect(store.take(q, now, minLife)).toBe(q - rest);
          expect(Array.from(store.taken.qty.subarray(0, store.taken.count))).toEqual(taken);
        } else {
          const gone = ref.filter((x) => x.expiry <= now).reduce((a, x) => a + x.qty, 0);
          ref = ref.filter((x) => x.expiry > now);
          expect(store.expire(now)).toBe(gone);
        }
        expect(store.batches()).toEqual(ref);
        expect(store.units).toBe(ref.reduce((a, x) => a + x.qty, 0));
      }
    }
  });

  it('integrates the age of the units on hand exactly', () => {
    // 10 units produced at 0 held over [0, 4], 5 of them taken at t = 4, the rest held to t = 6:
    // ∫ Σ age·units dt = 10·(4²/2) + 5·((6² − 4²)/2) = 80 + 50 = 130; ∫ units dt = 40 + 10 = 50.
    const s = new BatchStore(true);
    s.add(10, 0, 100, 100, 0);
    s.take(5, 4, 0);
    s.touch(6);
    expect(s.intAge).toBeCloseTo(130, 10);
    expect(s.intUnits).toBeCloseTo(50, 10);
  });

  it('month dating floors to the first day of the month (365-day year from 1 January)', () => {
    expect(monthStart(0)).toBe(0);
    expect(monthStart(30.9)).toBe(0);
    expect(monthStart(31)).toBe(31); // 1 February
    expect(monthStart(40)).toBe(31);
    expect(monthStart(364.5)).toBe(334); // 1 December
    expect(monthStart(365 + 59.5)).toBe(365 + 59); // 1 March of the second year
  });
});

describe('waste and fill rate against a hand calculation (supplier always up, 25 units a day)', () => {
  // (s, S) = (2000, 5000), lead time 6, shelf life 90, one order of 25 units a day at t = 1, 2, ...
  // lost whole when it cannot be met; 360 days, warm-up 30 (events at t ≤ 30 are warm-up).
  // Same-time events run in the order they were scheduled, so at t = 90 the expiry (scheduled
  // at t = 0) runs before that day's order (scheduled at t = 89), and at t = 96 the delivery
  // (scheduled at t = 90) before the order (scheduled at t = 95).
  //
  // t = 0:   5000 units on hand (produced at 0, expire at 90); position 5000 > s, no order.
  // t = 1…89: 89 orders served (2225 units); position never reaches s = 2000 before expiry.
  // t = 90:  2775 units expire → position 0 ≤ s → order 5000, dispatched at 96 (lead time 6).
  // t = 90…95: six orders find nothing: 150 units lost.
  // t = 96:  5000 units arrive (produced at 96, expire at 186); t = 96…185: 90 orders served
  //          (2250 units); t = 186: 2750 expire, order again; t = 186…191 lost; and so on:
  //          a 96-day cycle with receipts at 96k, expiries at 96k + 90.
  // Window (30, 360]: 330 orders = 8250 units demanded; expiries at 90, 186, 282 waste
  // 2775 + 2750 + 2750 = 8275 units; lost t = 90…95, 186…191, 282…287 = 18 orders = 450 units,
  // so the fill rate is 7800 / 8250; receipts at 96, 192, 288 = 15000 units from supply.
  it('gives exactly the waste, lost sales and orders worked out by hand', () => {
    const { kpi, sp, rep } = run(scenario());
    expect(kpi('demandUnits')).toBe(8250);
    expect(kpi('wasteUnits')).toBe(8275);
    expect(kpi('lostSalesUnits')).toBe(450);
    expect(kpi('fillRate')).toBeCloseTo(7800 / 8250, 12);
    expect(kpi('wasteFraction')).toBeCloseTo(8275 / 15000, 12);
    expect(kpi('wasteValue')).toBe(82750); // × unit cost 10
    expect(kpi('disposalCost')).toBe(82750 + 4137.5); // written off at unit cost 10, + disposal 0.5 a unit
    expect(kpi('site.dc.wasteUnits')).toBe(8275);
    expect(kpi('site.dc.ordersPlaced')).toBe(3); // at 90, 186, 282: every order follows an expiry
    // The disposal cost is a line of the P&L: part of the total cost.
    const lines = ['cogs', 'costVariance', 'holdingCost', 'orderingCost', 'transportCost', 'fixedCost', 'staffCost', 'overtimeCost', 'backorderCost', 'lostSaleCost', 'disposalCost'];
    expect(kpi('totalCost')).toBeCloseTo(lines.reduce((a, k) => a + kpi(k), 0), 6);
    // At t = 360 the batch received at 288 has served t = 288…360 (73 orders): 5000 − 1825.
    expect(sp.onHand).toBe(3175);
    expect(sp.batches!.units).toBe(3175);
    expect(checkConservation(rep)).toEqual([]);
  });

  it('gives the time-average age on hand and the age at delivery of an independent day-by-day account', () => {
    // The same model, day by day: on [t, t+1) the stock is one batch (its production date p,
    // its units after the events at t), so ∫ age·units over the day = units·(t + ½ − p).
    const { kpi } = run(scenario());
    let intUnits = 0;
    let intAge = 0;
    let deliveredAge = 0;
    let delivered = 0;
    let units = 5000;
    let produced = 0;
    let orderAt = -1;
    for (let t = 1; t <= 360; t++) {
      if (t === produced + 90) {
        units = 0; // expiry, then the reorder
        orderAt = t;
      }
      if (orderAt >= 0 && t === orderAt + 6) {
        units = 5000;
        produced = t;
        orderAt = -1;
      }
      if (units >= 25) {
        units -= 25;
        if (t > 30) {
          delivered += 25;
          deliveredAge += 25 * (t - produced);
        }
      }
      if (t >= 30 && t < 360) {
        intUnits += units;
        intAge += units * (t + 0.5 - produced);
      }
    }
    expect(kpi('avgOnHand')).toBeCloseTo(intUnits / 330, 9);
    expect(kpi('avgAgeOnHand')).toBeCloseTo(intAge / intUnits, 9);
    expect(kpi('avgAgeAtDelivery')).toBeCloseTo(deliveredAge / delivered, 9);
    expect(kpi('segment.patients.avgAgeAtDelivery')).toBeCloseTo(deliveredAge / delivered, 9);
    expect(kpi('site.dc.avgAgeOnHand')).toBeCloseTo(intAge / intUnits, 9);
  });

  it('with Poisson(25) demand the mean waste is still 8275 units (5000 − 90 days of demand per cycle)', () => {
    // 5000 units always outlast 90 days of Poisson(25) demand (mean 2250, sd 47): every cycle
    // still ends with an expiry 90 days after its receipt, so the expiries stay at 90, 186, 282
    // and each wastes 5000 − the demand of the days it served (89, 90, 90 days): in
    // expectation 2775 + 2750 + 2750 = 8275 units.
    const s = scenario({ segments: { patients: { interarrival: 1, orderSize: { dist: 'poisson', mean: 25 }, onStockout: 'lost', partialFill: false } } });
    const net = buildNetwork(s);
    const rep = new Replication(net);
    const layout = kpiLayout(net);
    const out = new Float64Array(layout.length);
    const w = layout.names.indexOf('wasteUnits');
    const n = 200;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      rep.run(5, i);
      collectKpis(rep, layout, out);
      sum += out[w]!;
      sum2 += out[w]! ** 2;
      expect(checkConservation(rep)).toEqual([]);
    }
    const mean = sum / n;
    const se = Math.sqrt((sum2 / n - mean * mean) / (n - 1));
    // Waste = 8275 − (demand − its mean) over 269 days: sd √(269·25) ≈ 82; se over 200 reps ≈ 5.8.
    expect(Math.abs(mean - 8275)).toBeLessThan(4 * se);
  });
});

describe('expiry is an event the inventory policy sees', () => {
  it('continuous review: the reorder check runs at the expiry, as after a sale', () => {
    // Stopped just after t = 90: the expiry emptied the stock and an order of S = 5000 is out.
    const { sp, kpi } = run(scenario({ horizonDays: 90.5, warmupDays: 0 }));
    expect(sp.onHand).toBe(0);
    expect(sp.onOrder).toBe(5000);
    expect(kpi('site.dc.ordersPlaced')).toBe(1);
    expect(kpi('wasteUnits')).toBe(2775);
  });

  it('periodic review: the drop is seen at the next review', () => {
    // Reviews every 7 days from t = 0: the expiry at 90 waits for the review at 91.
    const periodic = { type: 'sS', s: 2000, S: 5000, review: { period: 7 } };
    const before = run(scenario({ policy: periodic, horizonDays: 90.5, warmupDays: 0 }));
    expect(before.sp.onHand).toBe(0);
    expect(before.sp.onOrder).toBe(0);
    const after = run(scenario({ policy: periodic, horizonDays: 91.5, warmupDays: 0 }));
    expect(after.sp.onOrder).toBe(5000);
  });
});

describe('minimum remaining life of a segment', () => {
  // Shelf life 100; 2000 units at t = 0 (expire at 100). Two segments order 10 units a day at
  // t = 1, 2, ...: `picky` accepts only units with ≥ 50% of their life left, `anyone` any unit.
  // (s, S) = (500, 2000), lead time 2, backorders.
  // t ≤ 50: both served from the initial batch (remaining life (100 − t)/100 ≥ 0.5).
  // t = 51…: the batch is too old for picky: its orders wait (on-hand would have covered them:
  //   "too old"); anyone is still served from it. Position = 2000 − 20t until t = 50, then falls
  //   by 10 (anyone's sale) + 10 (picky's backorder) a day: 500 at t = 75 → order 1500.
  // t = 77: the fresh batch (dispatched at 77) arrives and serves picky's 26 backordered orders
  //   (t = 51…76, 260 units); picky's orders at 77…80 are served from it at once.
  const picky = (onStockout: 'backorder' | 'lost') =>
    scenario({
      product: { shelfLifeDays: 100 },
      leadTime: 2,
      policy: { type: 'sS', s: 500, S: 2000 },
      horizonDays: 80,
      warmupDays: 0,
      segments: {
        picky: { interarrival: 1, orderSize: 10, minRemainingLife: 0.5, onStockout },
        anyone: { interarrival: 1, orderSize: 10 },
      },
    });

  it('serves only fresh-enough units, backorders the rest until fresh stock arrives, and leaves old units to others', () => {
    const { kpi, sp, rep } = run(picky('backorder'));
    // picky: 80 orders; 50 (t ≤ 50) + 4 (t = 77…80) served from stock on arrival.
    expect(kpi('segment.picky.demandUnits')).toBe(800);
    expect(kpi('segment.picky.fillRate')).toBeCloseTo(540 / 800, 12);
    expect(kpi('segment.picky.shareBelowMinRemainingLife')).toBeCloseTo(260 / 800, 12);
    expect(kpi('shareBelowMinRemainingLife')).toBeCloseTo(260 / 800, 12); // pooled over segments with a minimum
    expect(Number.isNaN(kpi('segment.anyone.shareBelowMinRemainingLife'))).toBe(true);
    expect(kpi('segment.anyone.fillRate')).toBe(1);
    expect(kpi('avgBackorders')).toBeGreaterThan(0);
    // Ages at delivery: picky got ages 1…50 (×10), 260 units of age 0 at t = 77, then ages 0…3.
    expect(kpi('segment.picky.avgAgeAtDelivery')).toBeCloseTo((10 * 1275 + 0 + 10 * 6) / 800, 9);
    // anyone always got the old batch (issued first): ages 1…80.
    expect(kpi('segment.anyone.avgAgeAtDelivery')).toBeCloseTo(40.5, 9);
    // At t = 80: old batch 2000 − 500 − 800 = 700; new batch 1500 − 260 − 40 = 1200.
    expect(sp.batches!.batches().map((b) => [b.qty, b.produced])).toEqual([[700, 0], [1200, 77]]);
    expect(checkConservation(rep)).toEqual([]);
  });

  it('lost-sales segments lose the orders that find only old stock', () => {
    const { kpi } = run(picky('lost'));
    // t = 51…80 lost (30 orders): no backorders, so the position only falls by anyone's sales:
    // 2000 − 20·50 − 10·(t − 50) > 500 up to t = 80; nothing fresh ever arrives.
    expect(kpi('segment.picky.lostSalesUnits')).toBe(300);
    expect(kpi('segment.picky.shareBelowMinRemainingLife')).toBeCloseTo(300 / 800, 12);
  });
});

describe('batch dates travel with the stock', () => {
  it('month dating: a batch dispatched on 10 February is dated 1 February and expires 9 days earlier', () => {
    // No initial stock, (s, S) = (0, 100): the order at t = 0 is dispatched at t = 40 (lead time
    // 40). Exact dating: expires at 130; month dating: dated 31, expires at 121 (shelf life 90).
    const base = { horizonDays: 125, warmupDays: 0, leadTime: 40, policy: { type: 'sS', s: 0, S: 100 }, stock: { initial: 0 }, segments: { none: { interarrival: 1000 } } };
    const exact = run(scenario(base));
    expect(exact.kpi('wasteUnits')).toBe(0);
    expect(exact.sp.batches!.batches()).toEqual([{ qty: 100, produced: 40, expiry: 130, life: 90 }]);
    const month = run(scenario({ ...base, product: { dating: 'month' } }));
    expect(month.kpi('wasteUnits')).toBe(100);
    // ∫ age·units: 100 units aged from 31, held over [40, 121]: 100·((121−31)² − (40−31)²)/2.
    expect(month.kpi('avgAgeOnHand')).toBeCloseTo((100 * ((90 ** 2 - 9 ** 2) / 2)) / (100 * 81), 9);
  });

  it('a shipment between stock points carries the upstream batches, dates unchanged', () => {
    // depot holds 1000 units produced at t = 0; the shop starts empty, orders 300 at t = 0 and
    // receives them at t = 5 (lane transit 5), still produced at 0 and expiring at 90.
    const sc = scenarioSchema.parse({
      name: 'two echelons',
      horizonDays: 10,
      products: { med: { unitCost: 1, shelfLifeDays: 90 } },
      sites: {
        sup: { type: 'supplier', products: { med: { price: 1 } }, leadTime: 3 },
        depot: { type: 'dc', source: 'sup', policy: { type: 'sS', s: 0, S: 1000 }, stock: { med: {} } },
        shop: { type: 'dc', source: 'depot', policy: { type: 'sS', s: 0, S: 300 }, stock: { med: { initial: 0 } } },
      },
      segments: { c: { servedBy: 'shop', product: 'med', interarrival: 1000 } },
      lanes: [{ from: 'depot', to: 'shop', transitTime: 5 }],
    });
    const { rep, net } = run(sc);
    const shop = rep.stockPoints[net.stockPoints.findIndex((d) => d.id === 'shop/med')]!;
    const depot = rep.stockPoints[net.stockPoints.findIndex((d) => d.id === 'depot/med')]!;
    expect(shop.batches!.batches()).toEqual([{ qty: 300, produced: 0, expiry: 90, life: 90 }]);
    expect(depot.batches!.units).toBe(700);
    expect(checkConservation(rep)).toEqual([]);
  });

  it('in a model with random shelf lives, FEFO keeps the stock in expiry order and FIFO in arrival order', () => {
    // Shelf lives uniform on [20, 120], so a later batch often expires first: the two rules
    // hold the same batches in different orders (the BatchStore case above shows the effect).
    const rule = (issuing: 'FIFO' | 'FEFO') =>
      scenario({
        product: { shelfLifeDays: { dist: 'uniform', min: 20, max: 120 } },
        leadTime: 3,
        policy: { type: 'sS', s: 200, S: 400 },
        stock: { issuing },
        horizonDays: 200,
        warmupDays: 0,
        segments: { c: { ordersPerDay: 10, orderSize: 3 } },
      });
    const sorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);
    let fefoOutOfArrivalOrder = 0;
    for (const issuing of ['FIFO', 'FEFO'] as const) {
      const rep = new Replication(buildNetwork(rule(issuing)));
      for (let i = 0; i < 10; i++) {
        rep.run(3, i);
        const batches = rep.stockPoints[0]!.batches!.batches();
        // Constant lead time: arrival order = production order.
        if (issuing === 'FIFO') expect(sorted(batches.map((b) => b.produced))).toBe(true);
        else {
          expect(sorted(batches.map((b) => b.expiry))).toBe(true);
          if (!sorted(batches.map((b) => b.produced))) fefoOutOfArrivalOrder++;
        }
        expect(checkConservation(rep)).toEqual([]);
      }
    }
    expect(fefoOutOfArrivalOrder).toBeGreaterThan(0);
  });
});

describe('non-perishable models pay nothing', () => {
  it('creates no batch store, no expiry events, NaN freshness KPIs and no waste cost', () => {
    const { rep, kpi } = run(scenario({ product: { shelfLifeDays: undefined } }));
    expect(rep.perishables).toBeNull();
    expect(rep.stockPoints.every((sp) => sp.batches === null)).toBe(true);
    expect(Number.isNaN(kpi('wasteUnits'))).toBe(true);
    expect(Number.isNaN(kpi('avgAgeOnHand'))).toBe(true);
    expect(kpi('disposalCost')).toBe(0);
  });

  it('gives a perishable product a store and leaves a non-perishable one at the same site without', () => {
    const s = scenarioSchema.parse({
      name: 'mixed',
      horizonDays: 30,
      products: { med: { unitCost: 1, shelfLifeDays: 10 }, soap: { unitCost: 1 } },
      sites: {
        sup: { type: 'supplier', products: { med: { price: 1 }, soap: { price: 1 } }, leadTime: 1 },
        dc: { type: 'dc', source: 'sup', policy: { type: 'sS', s: 5, S: 20 }, stock: { med: {}, soap: {} } },
      },
      segments: { c: { servedBy: 'dc', productMix: { med: 1, soap: 1 }, ordersPerDay: 4 } },
    });
    const { rep, net } = run(s);
    const byId = (id: string) => rep.stockPoints[net.stockPoints.findIndex((d) => d.id === id)]!;
    expect(byId('dc/med').batches).not.toBeNull();
    expect(byId('dc/soap').batches).toBeNull();
    expect(checkConservation(rep)).toEqual([]);
  });
});

describe('scenario checks', () => {
  it('rejects a minimum remaining life for a product without a shelf life, naming the field', () => {
    const s = scenario({ product: { shelfLifeDays: undefined }, segments: { picky: { interarrival: 1, minRemainingLife: 0.3 } } });
    expect(checkReferences(s)).toEqual([
      {
        path: 'segments.picky.minRemainingLife',
        message: 'minRemainingLife applies to perishable products, but med has no shelfLifeDays (give the product a shelf life, or remove minRemainingLife)',
      },
    ]);
    expect(checkReferences(scenario({ segments: { picky: { interarrival: 1, minRemainingLife: 0.3 } } }))).toEqual([]);
  });

  it('accepts only a share of shelf life in [0, 1] and the two dating rules', () => {
    expect(() => scenario({ segments: { picky: { interarrival: 1, minRemainingLife: 1.5 } } })).toThrow();
    expect(() => scenario({ product: { dating: 'week' } })).toThrow();
    expect(scenario().products.med!.dating).toBe('exact');
  });
});

describe('the shipped pharmacy scenario', () => {
  it('conserves units: received = issued + wasted + change of on-hand, and batches = on-hand', () => {
    const s = loadScenario(PHARMACY);
    expect(s.disruptions.some((d) => d.type === 'supplier-outage' && d.random !== undefined)).toBe(true);
    const net = buildNetwork(s);
    const rep = new Replication(net);
    for (let i = 0; i < 20; i++) {
      rep.run(s.seed, i);
      const sp = rep.stockPoints[0]!;
      const wasted = sp.batches!.wasted;
      expect(sp.unitsReceived - sp.unitsIssued - wasted).toBeCloseTo(sp.onHand - sp.onHandAtStart, 6);
      expect(sp.batches!.units).toBeCloseTo(sp.onHand, 6);
      expect(checkConservation(rep)).toEqual([]);
    }
  });

  it('loses more sales with the outages than with the supplier always up', () => {
    const withOutages = loadScenario(PHARMACY);
    const alwaysUp = { ...withOutages, disruptions: [] };
    const mean = (s: Scenario, name: string) => {
      const net = buildNetwork(s);
      const rep = new Replication(net);
      const layout = kpiLayout(net);
      const out = new Float64Array(layout.length);
      let sum = 0;
      for (let i = 0; i < 100; i++) {
        rep.run(s.seed, i);
        collectKpis(rep, layout, out);
        sum += out[layout.names.indexOf(name)]!;
      }
      return sum / 100;
    };
    const up = mean(alwaysUp, 'fillRate');
    // Always up: a 96-day cycle with 6 days lost (the hand calculation above) ≈ 94.5%.
    expect(up).toBeGreaterThan(0.93);
    expect(up).toBeLessThan(0.96);
    expect(mean(withOutages, 'fillRate')).toBeLessThan(up - 0.02);
  });
});
