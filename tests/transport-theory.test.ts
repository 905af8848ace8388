/**
 * Vehicles against theory (transport.ts). Unit shipments arriving as a Poisson flow of rate λ
 * at a vehicle dispatched when full with Q units: the k-th unit of a load waits for Q − k more
 * arrivals, so the unit-weighted mean wait for dispatch is (Q − 1)/(2λ). On a fixed schedule
 * every T days (arrivals uniform within the interval, Poisson) the mean wait is T/2. The
 * tolerance is the replications' own 99% confidence interval.
 */
import { describe, expect, it } from 'vitest';
import { confidenceInterval } from '../src/experiment/stats.ts';
import { buildNetwork } from '../src/model/network.ts';
import { plannedDockWait } from '../src/model/transport-def.ts';
import { deliveryScenario, runReplications } from './transport-helpers.ts';

/** Replication values of the mean dispatch wait, and their 99% interval widened by `slack`. */
function waitInterval(vehicles: string, lambda: number, n = 12): { low: number; high: number; rows: Array<Record<string, number>> } {
  const rows = runReplications(deliveryScenario(vehicles, lambda), n);
  const ci = confidenceInterval(rows.map((r) => r.dispatchWaitMean!), 0.99);
  return { low: ci.low, high: ci.high, rows };
}

describe('the dock wait a derived policy plans for', () => {
  const lane = (vehicles: string) => buildNetwork(deliveryScenario(vehicles, 10)).transportLanes[0]!;
  it('random arrivals: half the gap on average (uniform wait over each gap)', () => {
    const w = plannedDockWait(lane('{capacity: 10, dispatch: schedule, timesOfDay: [0.25, 0.75]}'), null);
    expect(w.mean).toBeCloseTo(0.25, 12);
    expect(w.variance).toBeCloseTo(0.5 ** 2 / 12, 12);
    // Gaps of 0.2 and 0.8 of a day: arrivals mostly fall in the long gap.
    expect(plannedDockWait(lane('{capacity: 10, dispatch: schedule, timesOfDay: [0.3, 0.5]}'), null).mean).toBeCloseTo((0.04 + 0.64) / 2, 12);
    expect(plannedDockWait(lane('{capacity: 10, dispatch: fullOrSchedule, everyDays: 3, maxWaitDays: 1}'), null)).toEqual({ mean: 1, variance: 0 });
    expect(plannedDockWait(lane('{capacity: 10}'), null)).toEqual({ mean: 0, variance: 0 });
  });
  it('orders at fixed review times: exactly the wait to the next departure', () => {
    const w = plannedDockWait(lane('{capacity: 10, dispatch: schedule, timesOfDay: [0.25]}'), { period: 1, offset: 0 });
    expect(w.mean).toBeCloseTo(0.25, 12);
    expect(w.variance).toBeCloseTo(0, 12);
  });
});

describe('mean wait for dispatch', () => {
  it.each([
    [10, 20],
    [25, 8],
    [4, 3],
  ])('dispatch when full, Q = %i, λ = %i/day: (Q − 1)/(2λ)', (Q, lambda) => {
    const { low, high, rows } = waitInterval(`{capacity: ${Q}}`, lambda);
    const theory = (Q - 1) / (2 * lambda);
    expect(theory).toBeGreaterThanOrEqual(low);
    expect(theory).toBeLessThanOrEqual(high);
    // Every trip leaves full, and the wait reaches the customer lead time (transit 0.5 days).
    for (const r of rows) {
      expect(r.vehicleFill).toBe(1);
      expect(r.customerLeadTimeMean! - 0.5).toBeCloseTo(r.dispatchWaitMean!, 1);
    }
  });

  it.each([
    ['{capacity: 100000, dispatch: schedule, everyDays: 0.5}', 0.5],
    ['{capacity: 100000, dispatch: schedule, everyDays: 2, offset: 0.3}', 2],
    ['{capacity: 100000, dispatch: schedule, timesOfDay: [0.25, 0.75]}', 0.5],
    ['{capacity: 100000, dispatch: fullOrSchedule, everyDays: 1}', 1],
  ])('scheduled departures %s: half the interval', (vehicles, interval) => {
    const { low, high, rows } = waitInterval(vehicles, 10);
    expect(interval / 2).toBeGreaterThanOrEqual(low);
    expect(interval / 2).toBeLessThanOrEqual(high);
    // One trip per departure in the 380-day window that finds something to carry (no trip leaves
    // empty): 380/T × (1 − e^(−λT)), give or take the binomial spread of empty departures.
    const departures = 380 / interval;
    const empty = Math.exp(-10 * interval);
    for (const r of rows) expect(Math.abs(r.transportTrips! - departures * (1 - empty))).toBeLessThanOrEqual(4 * Math.sqrt(departures * empty) + 2);
  });

  it('full or schedule, whichever first: shorter waits than either rule alone', () => {
    const full = waitInterval('{capacity: 10}', 10).rows;
    const sched = waitInterval('{capacity: 100000, dispatch: schedule, everyDays: 1}', 10).rows;
    const both = waitInterval('{capacity: 10, dispatch: fullOrSchedule, everyDays: 1}', 10).rows;
    const mean = (rows: Array<Record<string, number>>) => rows.reduce((a, r) => a + r.dispatchWaitMean!, 0) / rows.length;
    expect(mean(both)).toBeLessThan(mean(full));
    expect(mean(both)).toBeLessThan(mean(sched));
    expect(both.every((r) => r.vehicleFill! < 1 && r.vehicleFill! > 0.5)).toBe(true);
  });
});
