/**
 * Vehicles (transport.ts): trip costs and waits hand-computed on a deterministic flow, the
 * limit on trips per day, conservation of units at the docks, the P&L identity with trip
 * costs in logistics, and determinism.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkConservation } from '../src/model/conservation.ts';
import { Perishables } from '../src/model/perishables.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { deliveryScenario, runReplications } from './transport-helpers.ts';

/** One order of one unit every 0.1 days (t = 0.1, 0.2, …, 10.0), no warm-up, 10.05 days. */
const steady = (vehicles: string) =>
  deliveryScenario(vehicles, 'interarrival: 0.1', { horizonDays: 10.05, warmupDays: 0, lane: 'transitTime: 0.5, costPerUnit: 0.1, costPerShipment: 2' });

describe('hand-computed trips, costs and waits', () => {
  it('full loads of 4: 25 trips at the full-load price, waits 0.3, 0.2, 0.1, 0', () => {
    const [k] = runReplications(steady('{capacity: 4, costPerTrip: 100, costPerPartLoadTrip: 70}'), 1);
    expect(k!.transportTrips).toBe(25);
    expect(k!.vehicleFill).toBe(1);
    // 25 trips × 100 + 100 shipments × (0.1 per unit + 2 per shipment)
    expect(k!.transportCost).toBeCloseTo(2710, 9);
    expect(k!['lane.dc->shops.transportCost']).toBeCloseTo(2710, 9);
    expect(k!['lane.dc->shops.transportCostPerUnit']).toBeCloseTo(27.1, 9);
    expect(k!.transportCostPerUnit).toBeCloseTo(27.1, 9);
    expect(k!.dispatchWaitMean).toBeCloseTo(0.15, 9);
    expect(k!.customerLeadTimeMean).toBeCloseTo(0.65, 9);
    expect(k!['lane.dc->shops.unitsWaiting']).toBe(0);
  });

  it('maxWaitDays 0.25: part loads of 3 leave on the timer at the part-load price', () => {
    const [k] = runReplications(steady('{capacity: 4, maxWaitDays: 0.25, costPerTrip: 100, costPerPartLoadTrip: 70}'), 1);
    // Orders at 0.1, 0.2, 0.3 leave at 0.35; …; the 100th (t = 10.0) still waits at the end.
    expect(k!.transportTrips).toBe(33);
    expect(k!.vehicleFill).toBeCloseTo(0.75, 12);
    expect(k!.transportCost).toBeCloseTo(33 * 70 + 100 * 2.1, 9);
    expect(k!.dispatchWaitMean).toBeCloseTo(0.15, 9);
    expect(k!['lane.dc->shops.units']).toBe(99);
    expect(k!['lane.dc->shops.unitsWaiting']).toBe(1);
    // The waiting order is open and past its promise (0 days): OTIF counts it as failed.
    expect(k!.otif).toBe(0);
  });

  it('weight capacity: the heavier product fills the vehicle sooner', () => {
    const s = deliveryScenario('{capacity: {weight: 1000}, costPerTrip: 100}', 'interarrival: 0.1', {
      horizonDays: 10.05,
      warmupDays: 0,
      product: '{unitCost: 10, weightPerUnit: 250}',
    });
    const [k] = runReplications(s, 1);
    expect(k!.transportTrips).toBe(25);
    expect(k!.dispatchWaitMean).toBeCloseTo(0.15, 9);
  });
});

describe('maxTripsPerDay', () => {
  it('never lets more trips leave on one calendar day, and the backlog waits', () => {
    // 100 units a day, vehicles of 10 (10 trips a day needed), at most 6 a day.
    const limited = deliveryScenario('{capacity: 10, maxTripsPerDay: 6}', 100, { horizonDays: 60 });
    const free = deliveryScenario('{capacity: 10}', 100, { horizonDays: 60 });
    let busiest = 0;
    const a = runReplications(limited, 3, (rep) => (busiest = Math.max(busiest, rep.transport!.lanes[0]!.busiestDay)));
    expect(busiest).toBe(6);
    const b = runReplications(free, 3);
    for (let i = 0; i < 3; i++) {
      expect(a[i]!.transportTrips).toBeLessThanOrEqual(6 * 41);
      expect(a[i]!['lane.dc->shops.unitsWaiting']).toBeGreaterThan(1000);
      expect(a[i]!.dispatchWaitMean).toBeGreaterThan(5 * b[i]!.dispatchWaitMean!);
    }
  });
});

describe('conservation and the P&L', () => {
  it.each([
    ['when full', '{capacity: 7, costPerTrip: 50}'],
    ['full or schedule, max wait, trip limit', '{capacity: 30, dispatch: fullOrSchedule, timesOfDay: [0.3], maxWaitDays: 0.4, maxTripsPerDay: 2, costPerTrip: 50, costPerPartLoadTrip: 20}'],
  ])('%s: units loaded = units left + units waiting; every balance holds', (_, vehicles) => {
    runReplications(deliveryScenario(vehicles, 20, { horizonDays: 120 }), 3, (rep, k) => {
      expect(checkConservation(rep)).toEqual([]);
      const lane = rep.transport!.lanes[0]!;
      expect(lane.unitsIn).toBeGreaterThan(0);
      expect(Math.abs(lane.unitsIn - lane.unitsOut - lane.waitingUnits)).toBeLessThan(1e-9);
      expect(k.logisticsCost).toBeCloseTo(k.transportCost! + k.holdingCost! + k.orderingCost! + k.fixedCost!, 6);
      expect(k.transportCost).toBeGreaterThan(0);
    });
  });

  it('replenishment by vehicle keeps cycles and lead times: waiting lands in the replenishment lead time', () => {
    // Vehicles on the supplier lane: one-for-one orders of 1 unit travel in loads of 40.
    const s = deliveryScenario('', 20, { horizonDays: 200, inbound: 'transitTime: 0, vehicles: {capacity: 40, costPerTrip: 10}' });
    runReplications(s, 3, (rep, k) => {
      expect(checkConservation(rep)).toEqual([]);
      expect(k.transportTrips).toBeGreaterThan(60);
      // One-for-one orders of 1 unit wait for 39 more: (40 − 1)/(2 × 20) days on average.
      expect(k['site.dc.replenishmentLeadTime']).toBeCloseTo(k.dispatchWaitMean!, 1);
      expect(k.dispatchWaitMean).toBeGreaterThan(0.8);
      expect(k.dispatchWaitMean).toBeLessThan(1.15);
      expect(k.cycleServiceLevel).toBeGreaterThan(0.99);
    });
  });
});

describe('determinism', () => {
  it('same vectors in-thread and on 2 workers', async () => {
    const s = deliveryScenario('{capacity: 12, dispatch: fullOrSchedule, everyDays: 0.7, maxWaitDays: 0.5, maxTripsPerDay: 3}', 15, { horizonDays: 120 });
    const inThread = new ExperimentRunner({ workers: 0 });
    const pooled = new ExperimentRunner({ workers: 2 });
    try {
      const a = await inThread.run(s, { seed: 5, count: 4 });
      const b = await pooled.run(s, { seed: 5, count: 4 });
      expect(Buffer.from(b.data.buffer).equals(Buffer.from(a.data.buffer))).toBe(true);
    } finally {
      await pooled.close();
      await inThread.close();
    }
  });
});

describe('perishable goods on vehicles', () => {
  it('batches split across vehicles still add up to on-hand; age at delivery includes the wait at the dock', () => {
    // Orders of 5 units travel from the supplier in vehicles of 7: most shipments are split.
    const policy = '{type: base-stock, S: 150}';
    const s = deliveryScenario('{capacity: 9, maxWaitDays: 0.5}', 6, {
      orderSize: 5,
      policy,
      horizonDays: 150,
      product: '{unitCost: 10, shelfLifeDays: 60}',
      inbound: 'transitTime: 1, vehicles: {capacity: 7, costPerTrip: 10}',
    });
    const without = deliveryScenario('', 6, { orderSize: 5, policy, horizonDays: 150, product: '{unitCost: 10, shelfLifeDays: 60}', inbound: 'transitTime: 1' });
    const base = runReplications(without, 3);
    const split = vi.spyOn(Perishables.prototype, 'split');
    runReplications(s, 3, (rep, k) => {
      expect(checkConservation(rep)).toEqual([]);
      expect(k['lane.maker->dc.trips']).toBeGreaterThan(100);
      expect(k['lane.dc->shops.trips']).toBeGreaterThan(100);
      expect(k.wasteUnits).toBe(0);
    });
    expect(split.mock.calls.length).toBeGreaterThan(100);
    split.mockRestore();
    const withVehicles = runReplications(s, 3);
    for (let i = 0; i < 3; i++) {
      const k = withVehicles[i]!;
      // Delivered older by at least the customer lane's mean wait at the dock.
      expect(k.avgAgeAtDelivery! - base[i]!.avgAgeAtDelivery!).toBeGreaterThan(0.5 * k['lane.dc->shops.dispatchWaitMean']!);
    }
  });
});
