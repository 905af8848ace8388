/**
 * The four network-depth features of issue 22 together: vehicles on lanes (transport.ts) carry
 * the deliveries of multi-line ship-complete orders and of backup DCs (order-lines.ts), and the
 * transfers of internal sourcing (internal-sourcing.ts). Each was built and tested on its own;
 * these cases check that combined they still conserve units, finish every order once, and
 * count the wait at the dock in the customer's lead time.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioSchema } from '../src/scenario/schema.ts';
import { linesScenario, runLines } from './fixtures/order-lines.ts';

const FIXTURE = new URL('./fixtures/internal-sourcing.yaml', import.meta.url);

describe('vehicles with multi-line orders and backup DCs', () => {
  /** Two-line ship-complete orders, one a day, from a home DC with stock, on a truck that leaves once a day at 12:00. */
  const scenario = (home: number) =>
    linesScenario({
      horizonDays: 40.25,
      leadTime: 2,
      dc: { a: { initial: home, policy: { type: 'base-stock', S: home } }, b: { initial: home, policy: { type: 'base-stock', S: home } } },
      dc2: { a: { initial: 1000, policy: { type: 'base-stock', S: 1000 } }, b: { initial: 1000, policy: { type: 'base-stock', S: 1000 } } },
      lanes: [
        { from: 'dc', to: 'c', transitTime: 1, vehicles: { capacity: 100, dispatch: 'schedule', everyDays: 1, offset: 0.5, costPerTrip: 10 } },
        { from: 'dc2', to: 'c', transitTime: 2, vehicles: { capacity: 100, dispatch: 'schedule', everyDays: 1, offset: 0.75, costPerTrip: 30 } },
      ],
      segments: {
        c: { servedBy: ['dc', 'dc2'], productMix: { a: 1, b: 1 }, linesPerOrder: 2, fulfilment: 'shipComplete', interarrival: 1, orderSize: 2, promisedDays: 10 },
      },
    });

  it('from the home DC: each order waits for the 12:00 truck (0.5 day at the dock) then travels 1 day', () => {
    const r = runLines(scenario(1000));
    // Orders arrive at days 1, 2, …: each waits 0.5 day for the noon truck, then 1 day of transit.
    expect(r.kpi('segment.c.customerLeadTimeMean')).toBeCloseTo(1.5, 9);
    expect(r.kpi('dispatchWaitMean')).toBeCloseTo(0.5, 9);
    expect(r.kpi('otherDcShare')).toBe(0);
    expect(r.kpi('lane.dc->c.trips')).toBeGreaterThan(35);
    expect(r.kpi('lane.dc2->c.trips')).toBe(0);
    expect(r.kpi('segment.c.otif')).toBe(1);
    expect(r.conservation).toEqual([]);
  });

  it('home DC empty: the backup DC ships on its own truck (0.75 day at the dock, 2 days of transit)', () => {
    const r = runLines(scenario(0));
    expect(r.kpi('otherDcShare')).toBe(1);
    expect(r.kpi('segment.c.customerLeadTimeMean')).toBeCloseTo(2.75, 9);
    expect(r.kpi('lane.dc->c.trips')).toBe(0);
    expect(r.kpi('lane.dc2->c.trips')).toBeGreaterThan(35);
    // Every order counted once: orders completed = orders placed that finished in the window.
    expect(r.rep.segments[0]!.ordersCompleted).toBeGreaterThan(35);
    expect(r.rep.segments[0]!.ordersCompleted).toBeLessThanOrEqual(40);
    expect(r.conservation).toEqual([]);
  });
});

describe('vehicles with internal sourcing', () => {
  it('transfers from the fallback plant ride its lane trucks; units are conserved', () => {
    const doc = parse(fs.readFileSync(FIXTURE, 'utf8'));
    // Trucks of 60 on the fallback lane plant-a → dc-b, leaving when full or after a day.
    doc.lanes[3].vehicles = { capacity: 60, dispatch: 'whenFull', maxWaitDays: 1, costPerTrip: 50 };
    const run = runLines(scenarioSchema.parse(doc), 2201, 0);
    expect(run.kpi('lane.plant-a->dc-b.trips')).toBeGreaterThan(0);
    // The fallback's part of dc-b's transfers (the rest comes from plant-b, on a lane without trucks).
    expect(run.kpi('lane.plant-a->dc-b.units')).toBeGreaterThan(0);
    expect(run.kpi('lane.plant-a->dc-b.units')).toBeLessThan(run.kpi('site.dc-b.transferUnitsIn'));
    expect(run.kpi('lane.plant-a->dc-b.dispatchWaitMean')).toBeLessThanOrEqual(1 + 1e-9);
    expect(run.conservation).toEqual([]);
  });

  it("a closure of the fallback plant's lane holds the trucks on it (its own route, not the stock's usual inbound one)", () => {
    const withTrucks = () => {
      const doc = parse(fs.readFileSync(FIXTURE, 'utf8'));
      doc.lanes[3].vehicles = { capacity: 60, dispatch: 'whenFull', maxWaitDays: 1, costPerTrip: 50 };
      return doc;
    };
    // A harmless disruption elsewhere, so both runs have the same disruption machinery.
    const open = withTrucks();
    open.disruptions = [{ name: 'x', type: 'lane-closed', from: 'dc-a', to: 'east', at: 399, days: 1 }];
    const closed = withTrucks();
    closed.disruptions = [
      { name: 'x', type: 'lane-closed', from: 'dc-a', to: 'east', at: 399, days: 1 },
      { name: 'strike', type: 'lane-closed', from: 'plant-a', to: 'dc-b', at: 100, days: 200 },
    ];
    const a = runLines(scenarioSchema.parse(open), 2201, 0);
    const b = runLines(scenarioSchema.parse(closed), 2201, 0);
    expect(a.kpi('lane.plant-a->dc-b.trips')).toBeGreaterThan(0);
    // The fallback's transfers sit out the strike: dc-b serves fewer of its customers from stock.
    expect(b.kpi('site.dc-b.fillRate')).toBeLessThan(a.kpi('site.dc-b.fillRate') - 0.01);
    expect(b.conservation).toEqual([]);
  });
});
