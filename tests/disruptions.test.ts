/**
 * Disruptions: a scheduled supplier outage stops deliveries for exactly its duration; fallback
 * and dual sourcing; plants down; lanes closed or slowed (in-transit rule); DCs closed; demand
 * surges; random outages on their own stream (the same in every variant); the risk KPIs; and
 * the reference checks of the scenario file.
 */
import { describe, expect, it } from 'vitest';
import { StreamFactory } from '../src/engine/rng.ts';
import { Disruptions } from '../src/model/disruptions.ts';
import { Ev } from '../src/model/events.ts';
import type { Network } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { fixture, kpisOf, network, runOne, shipped } from './fixtures/backoffice-helpers.ts';
import { problemsOf } from './scenario-helpers.ts';

const outage = fixture('outage');

/**
 * A model that logs every receipt: time, units, order time and source (kind | slot << 2): the
 * shipments that arrive, and the production jobs that finish (received at once, source 2).
 */
class ReceiptLog extends Replication {
  readonly receipts: Array<{ t: number; q: number; ordered: number; source: number }> = [];
  override handle(kind: number, a: number, b: number): void {
    const t = this.sim.now;
    const cal = this.sim.calendar;
    // A receipt carries its replenishment order's id; the order records when it was placed.
    if (kind === Ev.ShipmentArrival) this.receipts.push({ t, q: cal.x, ordered: this.orders.placed[cal.y]!, source: b });
    else if (kind === Ev.JobDone) this.receipts.push({ t, q: this.jobs.quantity[a]!, ordered: this.orders.placed[this.jobs.order[a]!]!, source: 2 });
    super.handle(kind, a, b);
  }
}
const logged = (file: string, sets: string[] = []) => runOne(file, sets, 0, (net) => new ReceiptLog(net)) as ReceiptLog;

describe('a scheduled supplier outage (day 50.5, 10 days; lead time 2, an order every day)', () => {
  const rep = logged(outage);
  const lead = (ordered: number) => rep.receipts.find((r) => r.ordered === ordered)!.t - ordered;

  it('stops deliveries for exactly its duration', () => {
    expect(rep.receipts.filter((r) => r.t >= 50.5 && r.t <= 60.5)).toEqual([]);
    // The last receipt before the outage and the first after it are 10 days + one day apart.
    const before = rep.receipts.filter((r) => r.t < 50.5).at(-1)!.t;
    const after = rep.receipts.find((r) => r.t > 60.5)!.t;
    expect(before).toBe(50);
    expect(after - before).toBe(11);
  });

  it('delays the orders in production by exactly the outage, and starts new ones when it ends', () => {
    expect(lead(48)).toBe(2); // done at 50, before the outage
    expect(lead(49)).toBe(12); // 1.5 days done, resumes at 60.5 with 0.5 left
    expect(lead(50)).toBe(12);
    for (let t = 51; t <= 60; t++) expect(rep.receipts.find((r) => r.ordered === t)!.t).toBe(62.5);
    expect(lead(61)).toBe(2);
  });

  it('loses no units: the same receipts as without it, only later', () => {
    const none = logged(outage, ['disruptions=[]']);
    const total = (r: ReceiptLog) => r.receipts.reduce((a, x) => a + x.q, 0);
    expect(total(rep)).toBe(total(none));
    expect(none.receipts.every((r) => r.t - r.ordered === 2)).toBe(true);
  });
});

describe('fallback and dual sourcing', () => {
  const open = ['sites.backup.open=true'];

  it('sends orders placed during the outage to the fallback supplier', () => {
    const rep = logged(outage, [...open, 'sites.dc.stock.widget.fallbackSource=backup']);
    const fromBackup = rep.receipts.filter((r) => r.source >> 2 > 0);
    expect(fromBackup.map((r) => r.ordered)).toEqual([51, 52, 53, 54, 55, 56, 57, 58, 59, 60]);
    expect(fromBackup.every((r) => r.t - r.ordered === 5)).toBe(true); // the backup's lead time
    // Orders already with the main supplier still wait for it.
    expect(rep.receipts.find((r) => r.ordered === 49)!.t).toBe(61);
    const k = kpisOf(rep);
    const units = rep.receipts.filter((r) => r.t > 0.5).reduce((a, r) => a + r.q, 0);
    expect(k.purchaseSpend).toBeCloseTo(4 * units + (5 - 4) * 10 * 10, 9); // ten orders at 5 instead of 4
  });

  it('splits every order between the sources by share', () => {
    const rep = logged(outage, [
      ...open,
      'sites.dc.stock.widget.source=null',
      'sites.dc.stock.widget.sources=[{site: main, share: 7}, {site: backup, share: 3}]',
    ]);
    const main = rep.receipts.filter((r) => r.source >> 2 === 0);
    const backup = rep.receipts.filter((r) => r.source >> 2 === 1);
    expect(main.every((r) => Math.abs(r.q - 7) < 1e-9)).toBe(true);
    expect(backup.every((r) => Math.abs(r.q - 3) < 1e-9)).toBe(true);
    // The backup's share keeps arriving through the main supplier's outage.
    expect(backup.filter((r) => r.t >= 50.5 && r.t < 60.5).length).toBe(10);
    expect(main.filter((r) => r.t >= 50.5 && r.t <= 60.5).length).toBe(0);
  });
});

describe('plant down (build-to-order scenario, assembly plant down from day 100 for 14 days)', () => {
  it('stops production, and the job in progress resumes afterwards with the work it had left', () => {
    const made = (sets: string[]) =>
      logged(shipped('build-to-order-vs-stock'), sets)
        .receipts.filter((r) => (r.source & 3) === 2)
        .map((r) => r.t);
    const down = made(['disruptions=[{name: fire, type: plant-down, site: assembly-plant, at: 100, days: 14}]']);
    const normal = made(['disruptions=[]']);
    expect(down.filter((t) => t > 100 && t < 114)).toEqual([]);
    // Until day 100 nothing differs; the job running then finishes exactly 14 days late.
    expect(down.filter((t) => t <= 100)).toEqual(normal.filter((t) => t <= 100));
    const next = normal.find((t) => t > 100)!;
    expect(down.find((t) => t > 100)).toBeCloseTo(next + 14, 9);
  });
});

describe('lanes and DCs: when shipments leave and arrive', () => {
  /** The disruptions of the outage fixture with `list` instead, started for replication 0. */
  function routes(list: string): { d: Disruptions; net: Network } {
    const net = network(outage, [`disruptions=${list}`]);
    const d = new Disruptions(net, new StreamFactory(1, 0));
    d.start([]);
    return { d, net };
  }
  const inbound = (d: Disruptions) => d.inbound[0]!;

  it('a closed lane holds departures; shipments on it keep their arrival unless affectsInTransit', () => {
    const { d } = routes('[{name: strike, type: lane-closed, from: main, to: dc, at: 50, days: 10}]');
    expect(d.arrival(45, 8, inbound(d))).toBe(53); // already on the lane
    expect(d.arrival(55, 8, inbound(d))).toBe(68); // waits for the lane to reopen at 60
    expect(d.departed).toBe(60);
    const t = routes('[{name: strike, type: lane-closed, from: main, to: dc, at: 50, days: 10, affectsInTransit: true}]').d;
    expect(t.arrival(45, 8, inbound(t))).toBe(63); // stopped for the 10 days of closure
    expect(t.arrival(30, 8, inbound(t))).toBe(38); // arrived before it closed
  });

  it('a slowed lane adds its extra days to departures in the window (and in transit, if it says so)', () => {
    const { d } = routes('[{name: port, type: lane-slowed, from: main, to: dc, extraDays: 5, at: 50, days: 10}]');
    expect(d.arrival(45, 8, inbound(d))).toBe(53);
    expect(d.arrival(52, 8, inbound(d))).toBe(65);
    expect(d.arrival(60, 8, inbound(d))).toBe(68);
    const t = routes('[{name: port, type: lane-slowed, from: main, to: dc, extraDays: 5, at: 50, days: 10, affectsInTransit: true}]').d;
    expect(t.arrival(45, 8, inbound(t))).toBe(58);
  });

  it('a closed DC receives nothing and ships nothing until it reopens', () => {
    const { d } = routes('[{name: flood, type: dc-closed, site: dc, at: 50, days: 10}]');
    expect(d.arrival(45, 8, inbound(d))).toBe(60); // inbound waits at the gate
    expect(d.arrival(40, 3, inbound(d))).toBe(43);
    const out = d.outbound[0]!;
    expect(d.arrival(55, 1, out)).toBe(61); // outbound leaves at reopening
    expect(d.departed).toBe(60);
    expect(d.arrival(61, 1, out)).toBe(62);
  });

  it('a DC closure delays deliveries and invoices end to end', () => {
    const k = kpisOf(runOne(outage, ['disruptions=[{name: flood, type: dc-closed, site: dc, at: 50.25, days: 10}]']));
    const none = kpisOf(runOne(outage, ['disruptions=[]']));
    expect(none.customerLeadTimeMean).toBe(0);
    // Orders 51 … 60 leave at 60.25: on average 5.25 days late, 10 of 120 orders.
    expect(k.customerLeadTimeMean).toBeCloseTo((10 * 4.75) / 120, 9);
    expect(k.customerLeadTimeP95).toBeGreaterThan(0);
  });
});

describe('demand surges', () => {
  const poisson = ['segments.shop.interarrival=null', 'segments.shop.ordersPerDay=10', 'segments.shop.orderSize=1', 'sites.dc.policy={type: base-stock, S: 1000}'];

  it('multiply the order rate on the days of the window', () => {
    const sets = [...poisson, 'disruptions=[{name: promo, type: demand-surge, segments: [shop], multiplier: 3, at: 40, days: 30}]'];
    let inside = 0;
    let outside = 0;
    const reps = 8;
    for (let i = 0; i < reps; i++) {
      const tr = runOne(outage, sets, i).risk!;
      for (let k = 0; k < tr.days; k++) {
        const day = tr.from + k; // day k covers [day, day + 1)
        if (day >= 40 && day + 1 <= 70) inside += tr.demand[k]!;
        else if (day + 1 <= 40 || day >= 70) outside += tr.demand[k]!;
      }
    }
    const perDayIn = inside / (29 * reps);
    const perDayOut = outside / ((120 - 31) * reps);
    expect(perDayIn / perDayOut).toBeGreaterThan(2.7);
    expect(perDayIn / perDayOut).toBeLessThan(3.3);
    expect(perDayOut).toBeGreaterThan(9);
    expect(perDayOut).toBeLessThan(11);
  });
});

describe('random disruptions', () => {
  const random = 'disruptions=[{name: typhoon, type: supplier-outage, site: main, random: {ratePerYear: 6, duration: {dist: uniform, min: 2, max: 8}}}]';
  const windows = (sets: string[], replication: number): number[] => {
    const net = network(outage, [random, ...sets]);
    const d = new Disruptions(net, new StreamFactory(net.scenario.seed, replication));
    d.start([]);
    const w = d.windows[0]!;
    return Array.from({ length: w.count }, (_, i) => [w.start(i), w.end(i)]).flat();
  };

  it('draw the same windows in every variant (their own stream), new ones in every replication', () => {
    const base = windows([], 3);
    expect(base.length).toBeGreaterThan(0);
    expect(windows(['sites.main.leadTime=4', 'segments.shop.orderSize=3'], 3)).toEqual(base);
    expect(windows([], 4)).not.toEqual(base);
  });

  it('follow the outage process: events at ratePerYear between outages', () => {
    let events = 0;
    let down = 0;
    const n = 300;
    for (let i = 0; i < n; i++) {
      const w = windows([], i);
      events += w.length / 2;
      for (let k = 0; k < w.length; k += 2) down += Math.min(120.5, w[k + 1]!) - w[k]!;
    }
    // Alternating renewal: a cycle is 365/6 days up + 5 days down on average.
    const expected = 120.5 / (365 / 6 + 5);
    expect(events / n).toBeGreaterThan(expected * 0.9);
    expect(events / n).toBeLessThan(expected * 1.12);
    expect(down / events).toBeGreaterThan(4.5);
    expect(down / events).toBeLessThan(5.5);
  });
});

describe('risk KPIs (outage fixture, base stock 60, lost sales)', () => {
  const lean = ['sites.dc.policy={type: base-stock, S: 60}', 'segments.shop.onStockout=lost'];

  it('measure service before, during and after the event, lost revenue and time to recover', () => {
    const k = kpisOf(runOne(outage, [...lean, 'risk={smoothingDays: 1}']));
    expect(k.disruptionEvents).toBe(1);
    expect(k.disruptionDays).toBe(10);
    expect(k.fillRateBeforeDisruption).toBe(1);
    // 40 units on hand when it starts: orders 51–54 are served, 55–60 lost.
    expect(k.fillRateDuringDisruption).toBeCloseTo(0.4, 12);
    expect(k.lostSalesUnits).toBe(60);
    expect(k.lostRevenue).toBe(60 * 10);
    expect(k.fillRateAfterDisruption).toBe(1);
    // Stock arrives on day 61, the first day after the outage: recovered at once.
    expect(k.timeToRecover).toBe(0);
  });

  it('time to recover follows the smoothed KPI: a 7-day fill rate is back 6 days later', () => {
    const k = kpisOf(runOne(outage, [...lean, 'risk={smoothingDays: 7, band: 0.05}']));
    expect(k.timeToRecover).toBe(6);
    const none = kpisOf(runOne(outage, ['disruptions=[]']));
    expect(Number.isNaN(none.timeToRecover)).toBe(true); // no event: not applicable
  });

  it('report cost at risk as the 95th percentile of total cost across replications', async () => {
    const { runDoc } = await import('./fixtures/backoffice-helpers.ts');
    const doc = runDoc(shipped('supplier-outage'), [], 8);
    expect(doc.costAtRisk).toBe(doc.kpis.totalCost!.p95);
    expect(doc.costAtRisk).toBeGreaterThan(doc.kpis.totalCost!.mean!);
  });
});

describe('scenario checks', () => {
  const messages = (sets: string[]) => problemsOf(() => loadScenario(outage, sets)).map((p) => `${p.path}: ${p.message}`);

  it('name unknown or wrong-kind sites, segments and duplicate names', () => {
    const m = messages([
      'disruptions=[{name: a, type: supplier-outage, site: dc, at: 1, days: 2}, {name: a, type: plant-down, site: nowhere, at: 1, days: 2}, {name: b, type: lane-closed, from: main, to: shops, at: 1, days: 1}, {name: c, type: demand-surge, segments: [shop], multiplier: 2, at: 1, days: 1}]',
    ]);
    expect(m.some((x) => x.startsWith('disruptions.0.site: "dc" is a dc, not a supplier'))).toBe(true);
    expect(m.some((x) => x.startsWith('disruptions.1.site: unknown site "nowhere"'))).toBe(true);
    expect(m.some((x) => x.startsWith('disruptions.1.name: disruption name "a" is used twice'))).toBe(true);
    expect(m.some((x) => x.startsWith('disruptions.2.to: unknown site or segment "shops" (did you mean "shop"?'))).toBe(true);
    expect(m.some((x) => x.startsWith('disruptions.3.segments.0: segment "shop" has renewal arrivals'))).toBe(true);
  });

  it('need either a schedule or a random process', () => {
    expect(messages(['disruptions=[{name: a, type: supplier-outage, site: main}]']).join('\n')).toMatch(/give at and days/);
    expect(messages(['disruptions=[{name: a, type: supplier-outage, site: main, at: 3}]']).join('\n')).toMatch(/needs both at and days/);
  });

  it('check sources, fallbacks and order desks', () => {
    const m = messages([
      'sites.backup.open=true',
      'sites.dc.stock.widget.sources=[{site: backup, share: 1}]',
      'sites.dc.stock.widget.fallbackSource=dc',
      'sites.dc.orderDesk=central',
    ]);
    expect(m.some((x) => x.startsWith('sites.dc.stock.widget.sources: give source (one supplier) or sources'))).toBe(true);
    expect(m.some((x) => x.startsWith('sites.dc.stock.widget.fallbackSource: "dc" is a dc, not a supplier'))).toBe(true);
    expect(m.some((x) => x.startsWith('sites.backup:'))).toBe(false); // reachable through sources
    expect(m.some((x) => x.startsWith('sites.dc.orderDesk: unknown order desk "central"'))).toBe(true);
  });
});
