/**
 * Reserves (src/model/allocation.ts), hand-computed on the tiny one-DC model: a stock keeps R
 * units for priority ≤ forPriority; worse priorities may take only what is above R, on arrival
 * and as backorders; the no-overtaking rule still holds; daysOfDemand resolves to whole units.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../src/model/network.ts';
import { protectedDemand } from '../src/model/allocation.ts';
import { Replication } from '../src/model/replication.ts';
import { simulate, tinyScenario } from './fixtures/foundation-tiny.ts';

/** Segment c (priority 2, 4 units a day from t = 1) and a key account (priority 1) that never orders in the run. */
const reserved = (o: { policy?: Record<string, unknown>; horizonDays: number; units?: number }) =>
  tinyScenario({
    policy: o.policy ?? { type: 'sS', s: -100, S: 0 }, // never orders
    initial: 7,
    horizonDays: o.horizonDays,
    segment: { priority: 2, orderSize: 4 },
    more: { key: { interarrival: 1000, priority: 1 } },
    stock: { reserve: { forPriority: 1, units: o.units ?? 5 } },
  });

describe('reserve: hand-computed', () => {
  it('a priority-2 order of 4 at on-hand R + 2 = 7 gets 2 units; later ones get none while on-hand = R', () => {
    const r = simulate(reserved({ horizonDays: 3.5 }));
    // [time, on-hand, on-order, backorders]: 2 shipped at t = 1, then nothing below the reserve of 5.
    expect(r.trace).toEqual([
      [0, 7, 0, 0],
      [1, 5, 0, 2],
      [2, 5, 0, 6],
      [3, 5, 0, 10],
    ]);
    expect(r.rep.segments[0]!.unitsDelivered).toBe(2);
    expect(r.kpi('segment.c.fillRate')).toBeCloseTo(2 / 12, 12);
    // Three orders cut short, 2 + 4 + 4 units held back (what each would have had without the reserve).
    expect(r.kpi('reserveRefusals')).toBe(3);
    expect(r.kpi('reserveHeldUnits')).toBe(2 + 4 + 4);
    expect(r.kpi('site.dc.reserveRefusals')).toBe(3);
    expect(r.kpi('site.dc.reserveHeldUnits')).toBe(10);
  });

  it('without the reserve the same orders take the stock: 4, then 3 (the counts are NaN)', () => {
    const s = reserved({ horizonDays: 3.5 });
    delete (s.sites.dc as { stock: Record<string, { reserve?: unknown }> }).stock.w!.reserve;
    const r = simulate(s);
    expect(r.rep.segments[0]!.unitsDelivered).toBe(7);
    expect(r.kpi('reserveRefusals')).toBeNaN();
    expect(r.kpi('site.dc.reserveHeldUnits')).toBeNaN();
  });

  it('a priority-1 order may take the reserve itself', () => {
    const s = tinyScenario({
      policy: { type: 'sS', s: -100, S: 0 },
      initial: 7,
      horizonDays: 2.5,
      segment: { priority: 1, orderSize: 4 },
      more: { low: { interarrival: 1000, priority: 2 } },
      stock: { reserve: { forPriority: 1, units: 5 } },
    });
    const r = simulate(s);
    expect(r.trace).toEqual([
      [0, 7, 0, 0],
      [1, 3, 0, 0],
      [2, 0, 0, 1],
    ]);
    expect(r.kpi('reserveRefusals')).toBe(0);
  });

  it('a priority-2 backorder waits while on-hand ≤ R and is served from the units a receipt lifts above R', () => {
    // (s, S) = (5, 12), lead time 2.5: t = 1 ships 2 (bo 2, IP 3 → order 9, due 3.5); t = 2 bo 6;
    // t = 3 bo 10, IP 4 → order 8; t = 3.5: 9 arrive, on-hand 14, 9 above R go to the backorders
    // oldest first (2, 4, then 3 of 4), leaving on-hand 5 = R and 1 unit owed.
    const r = simulate(reserved({ horizonDays: 3.6, policy: { type: 'sS', s: 5, S: 12 } }));
    expect(r.trace).toEqual([
      [0, 7, 0, 0],
      [1, 5, 9, 2],
      [2, 5, 9, 6],
      [3, 5, 17, 10],
      [3.5, 5, 8, 1],
    ]);
    expect(r.orders).toEqual([
      [1, 9],
      [3, 8],
    ]);
    expect(r.rep.segments[0]!.unitsDelivered).toBe(11);
  });

  it('no overtaking: a newcomer takes nothing an older all-or-nothing waiter of its priority can use above the reserve', () => {
    // R = 5, on-hand 7: shops (priority 2, 4 units all or nothing) at t = 1 cannot be served whole
    // from the 2 units above the reserve and waits; walk-ins (priority 2, 1 unit) at t = 1.5 and 3
    // find those 2 units set aside; the key account (priority 1) at t = 2.5 takes its unit from the reserve.
    const s = tinyScenario({
      policy: { type: 'sS', s: -100, S: 0 },
      initial: 7,
      horizonDays: 3.2,
      segment: { priority: 2, orderSize: 4, partialFill: false, interarrival: 1000 },
      more: {
        shops: { priority: 2, orderSize: 4, partialFill: false, interarrival: 1 },
        walkin: { priority: 2, orderSize: 1, interarrival: 1.5 },
        key: { priority: 1, orderSize: 1, interarrival: 2.5 },
      },
      stock: { reserve: { forPriority: 1, units: 5 } },
    });
    const r = simulate(s);
    const [, shops, walkin, key] = r.rep.segments;
    expect(walkin!.unitsDelivered).toBe(0);
    expect(key!.unitsDelivered).toBe(1);
    expect(shops!.unitsDelivered).toBe(0);
    expect(r.rep.stockPoints[0]!.onHand).toBe(6);
  });
});

describe('reserve: daysOfDemand', () => {
  it('is ⌈d × mean daily demand of the protected segments (and internal demand)⌉ whole units', () => {
    // Key accounts: 3 orders/day × 2 units; others (priority 2): 5 × 1. Two days of key demand = 12.
    const s = tinyScenario({
      policy: { type: 'sS', s: 10, S: 40 },
      segment: { interarrival: undefined, ordersPerDay: 5, orderSize: 1, priority: 2 },
      more: { key: { ordersPerDay: 3, orderSize: 2, priority: 1 } },
      stock: { reserve: { forPriority: 1, daysOfDemand: 2.1 } },
    });
    const net = buildNetwork(s);
    expect(protectedDemand(net, 0, 1)).toBeCloseTo(6, 12);
    expect(protectedDemand(net, 0, 2)).toBeCloseTo(11, 12);
    expect(net.stockPoints[0]!.allocation).toEqual({ reserveFor: 1, reserveUnits: 13, fairShare: false }); // ⌈12.6⌉
    const rep = new Replication(net);
    expect(rep.stockPoints[0]!.reserveUnits).toBe(13);
  });
});
