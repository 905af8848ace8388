/**
 * The back office as a capacity: an M/M/c queue in steady state, working hours on a
 * deterministic case, extra servers and their cost, a central order desk shared by two DCs,
 * and the holiday-surge scenario (no queue with unlimited capacity; OTIF restored by more).
 */
import { describe, expect, it } from 'vitest';
import { mmc } from '../src/validation/queues.ts';
import { fixture, kpiColumn, kpisOf, runDoc, runOne, shipped } from './fixtures/backoffice-helpers.ts';

/** Mean and standard error of a sample. */
function meanSe(xs: number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

describe('order processing is an M/M/c queue (λ = 240/day, E[S] = 0.01 day, c = 3)', () => {
  const theory = mmc(240, 0.01, 3);
  const lq = 240 * theory.meanWait; // Little's law

  it.each([
    ['fixture with its own back office', fixture('mmc')],
    ['central order desk shared by two DCs', fixture('desk')],
  ])('matches Erlang C in steady state: %s', (_, file) => {
    const wait = meanSe(kpiColumn(file, 'orderProcessingWait'));
    const util = meanSe(kpiColumn(file, 'orderProcessingUtilisation'));
    const queue = meanSe(kpiColumn(file, 'orderProcessingQueue'));
    // Within four standard errors of the replications (deterministic seed: no flakiness).
    expect(Math.abs(wait.mean - theory.meanWait)).toBeLessThan(4 * wait.se + 1e-4);
    expect(Math.abs(util.mean - theory.utilisation)).toBeLessThan(4 * util.se + 1e-3);
    expect(Math.abs(queue.mean - lq)).toBeLessThan(4 * queue.se + 0.02);
    // And the tests have teeth: the intervals are tight.
    expect(wait.se / theory.meanWait).toBeLessThan(0.05);
  });

  it('reports a shared desk under every DC that uses it', () => {
    const doc = runDoc(fixture('desk'), [], 2);
    const east = doc.bySite['dc-east']!.orderProcessingUtilisation!.mean!;
    expect(doc.bySite['dc-west']!.orderProcessingUtilisation!.mean).toBe(east);
    expect(east).toBeCloseTo(doc.kpis.orderProcessingUtilisation!.mean!, 12);
    expect(east).toBeGreaterThan(0.7); // the load of both DCs (0.8), not of one (0.4)
  });
});

describe('working hours (one order every midnight, one clerk Mon–Fri 8–18, 1 hour each)', () => {
  it('waits for the opening, weekends included, and queues behind the weekend backlog', () => {
    const k = kpisOf(runOne(fixture('hours')));
    // Per week: Tue–Fri midnight orders wait 8 h; Saturday's waits 56 h (Monday 8:00), Sunday's
    // 33 h (behind it), Monday's 10 h: 131 hours per 7 orders.
    expect(k.orderProcessingWait).toBeCloseTo(131 / 7 / 24, 9);
    // 7 hours of work per 50 working hours; closed time is not capacity.
    expect(k.orderProcessingUtilisation).toBeCloseTo(7 / 50, 9);
    // Sunday's and Monday's orders queue behind Saturday's: at most two wait at once.
    expect(k.orderProcessingPeakQueue).toBe(2);
  });

  it('with three clerks nobody queues, but night orders still wait for the opening', () => {
    const k = kpisOf(runOne(fixture('hours'), ['sites.dc.orderProcessing.servers=3']));
    expect(k.orderProcessingWait).toBeCloseTo(128 / 7 / 24, 9); // 4×8 + 56 + 32 + 8 hours
    expect(k.orderProcessingPeakQueue).toBe(0);
    expect(k.orderProcessingQueue).toBe(0);
  });

  it('without working hours, a clerk works around the clock', () => {
    const k = kpisOf(runOne(fixture('hours'), ['sites.dc.orderProcessing.workingHours=null']));
    expect(k.orderProcessingWait).toBe(0);
    expect(k.orderProcessingUtilisation).toBeCloseTo(1 / 24, 9);
  });
});

describe('extra servers (temporary staff) and their cost', () => {
  // Orders every day, 1.5 days of work each, one regular clerk around the clock: alone it
  // would fall behind for ever; an extra clerk called in whenever an order waits takes every
  // other order.
  const overloaded = ['sites.dc.orderProcessing.workingHours=null', 'sites.dc.orderProcessing.processingTime=1.5'];
  const extra = [...overloaded, 'sites.dc.orderProcessing.extraServers={count: 1, whenQueueAbove: 0, costPerHour: 2}'];

  it('takes the overflow, so nobody waits, and costs its hours worked', () => {
    const k = kpisOf(runOne(fixture('hours'), extra));
    expect(k.orderProcessingWait).toBe(0);
    expect(k.orderProcessingUtilisation).toBeCloseTo(0.75, 9); // the regular clerk: 1.5 days in 2
    // The extra clerk finishes the even-day orders 70 … 208 inside the window: 70 orders of 36 hours.
    expect(k.overtimeCost).toBeCloseTo(70 * 36 * 2, 6);
  });

  it('counts its cost in the back-office cost and total cost', () => {
    const k = kpisOf(runOne(fixture('hours'), extra));
    expect(k.backOfficeCost).toBeCloseTo(k.staffCost! + k.overtimeCost!, 6);
    const others = k.cogs! + k.costVariance! + k.logisticsCost! + k.staffCost! + k.penaltyCost! + k.disposalCost!;
    expect(k.totalCost! - others).toBeCloseTo(k.overtimeCost!, 6);
  });

  it('without it the queue grows for ever; a high threshold lets the queue build first', () => {
    const alone = kpisOf(runOne(fixture('hours'), overloaded));
    expect(alone.orderProcessingPeakQueue).toBeGreaterThan(60);
    const late = kpisOf(runOne(fixture('hours'), [...overloaded, 'sites.dc.orderProcessing.extraServers={count: 1, whenQueueAbove: 5, costPerHour: 2}']));
    expect(late.orderProcessingPeakQueue).toBe(6); // the extra clerk starts when a 6th waits
    expect(late.overtimeCost).toBeGreaterThan(0);
    expect(late.orderProcessingWait).toBeGreaterThan(1);
  });
});

describe('the holiday surge (scenarios/holiday-surge.yaml)', () => {
  const file = shipped('holiday-surge');

  it('with unlimited processing capacity shows no queue', () => {
    const k = kpisOf(runOne(file, ['sites.toy-dc.orderProcessing.servers=10000']));
    expect(k.orderProcessingPeakQueue).toBe(0);
    expect(k.orderProcessingQueue).toBe(0);
    expect(k.fillRate).toBeGreaterThan(0.999); // the stock was there all along
  });

  it('collapses OTIF with four clerks and recovers it with eight or with temporary staff', () => {
    const base = kpisOf(runOne(file));
    const more = kpisOf(runOne(file, ['sites.toy-dc.orderProcessing.servers=8']));
    const temps = kpisOf(runOne(file, ['sites.toy-dc.orderProcessing.extraServers={count: 5, whenQueueAbove: 100, costPerHour: 28}']));
    expect(base.fillRate).toBeGreaterThan(0.999);
    expect(base.orderProcessingPeakQueue).toBeGreaterThan(3000);
    expect(base.otif).toBeLessThan(0.85);
    expect(more.otif).toBeGreaterThan(0.95);
    expect(temps.otif).toBeGreaterThan(0.95);
    expect(temps.overtimeCost).toBeGreaterThan(0);
    expect(base.revenue).toBeLessThan(more.revenue! * 0.98); // web shoppers walked away (retention)
  });
});
