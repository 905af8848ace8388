/**
 * Backorders are filled strictly by priority, then first come first served: a newcomer never
 * takes stock while an older request of equal or higher priority waits, even when the one
 * waiting is an all-or-nothing order that cannot yet be filled whole (the stock set aside
 * for it stays set aside).
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { tinyScenario } from './fixtures/foundation-tiny.ts';

describe('no overtaking in the backorder queue', () => {
  it('ships no priority-2 unit while a priority-1 all-or-nothing order of 10 waits', () => {
    const scenario = tinyScenario({
      policy: { type: 'sS', s: 12, S: 30 },
      leadTime: { dist: 'uniform', min: 1, max: 5 },
      horizonDays: 400,
      // Key accounts: 10 units, all or nothing, about every 2 days.
      segment: { interarrival: undefined, ordersPerDay: 0.5, orderSize: 10, partialFill: false, priority: 1 },
      // Walk-in customers: one unit at a time, lower priority, arriving later.
      more: { walkin: { ordersPerDay: 3, orderSize: 1, priority: 2 } },
    });
    const net = buildNetwork(scenario);
    let violations = 0;
    let waitsWithStock = 0;
    for (let replication = 0; replication < 5; replication++) {
      const rep = new Replication(net);
      const [key, walkin] = rep.segments;
      const sp = rep.stockPoints[0]!;
      const handle = rep.handle.bind(rep);
      rep.handle = (kind, a, b) => {
        const shipped = walkin!.unitsDelivered;
        handle(kind, a, b);
        if (key!.backordered > 0) {
          if (walkin!.unitsDelivered > shipped) violations++;
          if (sp.onHand > 0) waitsWithStock++;
        }
      };
      rep.run(9, replication);
    }
    // The case arises (a key order waits while some stock is on hand, set aside for it)…
    expect(waitsWithStock).toBeGreaterThan(20);
    // …and no walk-in customer is served meanwhile.
    expect(violations).toBe(0);
  });
});
