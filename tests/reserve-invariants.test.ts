/**
 * Reserves and fair share on random runs: the floor holds after every event in which a
 * restricted request took stock; no restricted newcomer is served while an older request of
 * its class or better waits; units are conserved (src/model/conservation.ts) with reserves,
 * fair share, perishables, all-or-nothing orders, patience and lost sales together; and the
 * results are bit-identical whatever the worker count or batch size.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkConservation } from '../src/model/conservation.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { tinyScenario } from './fixtures/foundation-tiny.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = 'tests/fixtures/reserve-dc.yaml';

describe('reserve invariants on random runs', () => {
  for (const allocation of ['strictPriority', 'fairShare'] as const)
    it(`${allocation}: on-hand stays ≥ R whenever a restricted request is served; no overtaking within a class`, () => {
      const R = 6;
      const scenario = tinyScenario({
        policy: { type: 'sS', s: 12, S: 30 },
        leadTime: { dist: 'uniform', min: 1, max: 5 },
        horizonDays: 400,
        segment: { interarrival: undefined, ordersPerDay: 1, orderSize: { dist: 'poisson', mean: 3 }, priority: 1 },
        more: {
          mid: { ordersPerDay: 1, orderSize: 3, partialFill: false, priority: 2 },
          low: { ordersPerDay: 3, orderSize: 1, priority: 3 },
        },
        stock: { reserve: { forPriority: 1, units: R }, allocation },
      });
      const net = buildNetwork(scenario);
      let restrictedServed = 0;
      let belowFloor = 0;
      let overtaken = 0;
      let midWaitsAboveFloor = 0;
      for (let i = 0; i < 4; i++) {
        const rep = new Replication(net);
        const [key, mid, low] = rep.segments;
        const sp = rep.stockPoints[0]!;
        const handle = rep.handle.bind(rep);
        rep.handle = (kind, a, b) => {
          const before = mid!.unitsDelivered + low!.unitsDelivered;
          const lowBefore = low!.unitsDelivered;
          const keyBefore = key!.unitsDelivered;
          handle(kind, a, b);
          if (mid!.unitsDelivered + low!.unitsDelivered > before) {
            restrictedServed++;
            // Only a key order in the same event (none: one order per event) could go below R.
            if (key!.unitsDelivered === keyBefore && sp.onHand < R - 1e-9) belowFloor++;
          }
          if (mid!.backordered > 0) {
            if (low!.unitsDelivered > lowBefore && allocation === 'strictPriority') overtaken++;
            if (sp.onHand > R) midWaitsAboveFloor++;
          }
        };
        rep.run(17, i);
        expect(checkConservation(rep)).toEqual([]);
      }
      expect(restrictedServed).toBeGreaterThan(100);
      expect(belowFloor).toBe(0);
      expect(overtaken).toBe(0);
      // The all-or-nothing class does wait while some stock above the floor is set aside for it.
      expect(midWaitsAboveFloor).toBeGreaterThan(0);
    });

  it('conserves units on the reserve fixture (reserves, fair share, perishables, internal demand)', () => {
    const net = buildNetwork(loadScenario(`${ROOT}${FIXTURE}`));
    const rep = new Replication(net);
    for (let i = 0; i < 4; i++) {
      rep.run(3, i);
      expect(checkConservation(rep), `replication ${i}`).toEqual([]);
      // The features are exercised: the reserves refuse orders at both DCs.
      for (const sp of rep.stockPoints) if (sp.def.id !== 'dc-central/yoghurt') expect(sp.reserveRefusals, sp.def.id).toBeGreaterThan(0);
    }
  });
});

describe('determinism with reserves and fair share', () => {
  const run = promisify(execFile);
  const cli = async (...args: string[]) =>
    (await run(process.execPath, ['bin/scsim.js', 'run', FIXTURE, '-n', '6', '--json', '--quiet', ...args], { cwd: ROOT, maxBuffer: 64 << 20 })).stdout;

  it('the same bytes in the main thread and on two workers with batches of 1', async () => {
    const main = await cli('-w', '0');
    expect(await cli('-w', '2', '--batch-size', '1')).toBe(main);
    expect(JSON.parse(main).kpis.reserveRefusals.mean).toBeGreaterThan(0);
  }, 120_000);
});
