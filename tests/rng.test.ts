/**
 * Named random streams (src/engine/rng.ts) and the common-random-numbers property they give
 * the model: a stream is a pure function of (master seed, replication, name), streams with
 * different names are independent, and how much one stream is consumed never shifts another —
 * down to the model level, where a slower lane must not change a single customer order.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createStream, StreamFactory, streamSeed, type RandomStream } from '../src/engine/rng.ts';
import { runBatch } from '../src/experiment/replicate.ts';
import { kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { loadScenario } from '../src/scenario/load.ts';

const FIXTURE = new URL('./fixtures/foundation-network.yaml', import.meta.url).pathname;

function draw(s: RandomStream, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s.next();
  return out;
}

/** Pearson correlation of two equally long samples. */
function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('stream identity', () => {
  it('the generator is exactly seedrandom\'s Alea (the port in rng.ts changes no number)', () => {
    for (const [seed, rep, name] of [[42, 3, 'demand/retail/arrivals'], [1, 0, 'x'], [9, 17, 'transit/p->q']] as const) {
      const ref = seedrandom.alea(streamSeed(seed, rep, name));
      const expected = new Float64Array(10_000);
      for (let i = 0; i < expected.length; i++) expected[i] = ref();
      expect(draw(createStream(seed, rep, name), 10_000)).toEqual(expected);
    }
    // Reseeding a stream (a model reused for the next replication) restarts it exactly.
    const f = new StreamFactory(5, 0);
    const s = f.get('demand/a/size');
    draw(s, 37);
    f.reseed(6, 2);
    expect(draw(s, 1000)).toEqual(draw(createStream(6, 2, 'demand/a/size'), 1000));
  });

  it('the same (seed, replication, name) gives the identical sequence', () => {
    const a = draw(createStream(42, 3, 'demand/retail/arrivals'), 10_000);
    const b = draw(createStream(42, 3, 'demand/retail/arrivals'), 10_000);
    expect(b).toEqual(a);
    for (const u of a) expect(u >= 0 && u < 1).toBe(true);
  });

  it('changing any one coordinate gives a different sequence', () => {
    const base = draw(createStream(42, 3, 'demand/retail/arrivals'), 100);
    for (const other of [
      createStream(43, 3, 'demand/retail/arrivals'),
      createStream(42, 4, 'demand/retail/arrivals'),
      createStream(42, 3, 'demand/retail/size'),
      // Coordinates must not run together: (4, "2:x") is not (42, "x").
      createStream(4, 23, 'demand/retail/arrivals'),
    ])
      expect(draw(other, 100)).not.toEqual(base);
    expect(streamSeed(4, 23, 'x')).not.toBe(streamSeed(42, 3, 'x'));
  });

  it('streams with different names are uncorrelated (|r| within 5/√n over 100,000 pairs)', () => {
    const n = 100_000;
    // Under independence the sample correlation is ≈ N(0, 1/n); 5 standard errors.
    const bound = 5 / Math.sqrt(n);
    const names = ['demand/retail/arrivals', 'demand/retail/size', 'transit/dc->retail', 'supplier/a/leadtime'];
    const draws = names.map((name) => draw(createStream(1, 0, name), n));
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        expect(Math.abs(correlation(draws[i]!, draws[j]!))).toBeLessThan(bound);
        // Also shifted by one draw: a stream must not be a lagged copy of another.
        expect(Math.abs(correlation(draws[i]!.subarray(1), draws[j]!.subarray(0, n - 1)))).toBeLessThan(bound);
      }
    // Neighbouring replications of the same stream are independent too.
    const next = draw(createStream(1, 1, names[0]!), n);
    expect(Math.abs(correlation(draws[0]!, next))).toBeLessThan(bound);
    // And each stream is uniform: mean 1/2 within 5 standard errors (sd of U(0,1) = 1/√12).
    for (const d of draws) {
      let m = 0;
      for (const u of d) m += u;
      expect(Math.abs(m / n - 0.5)).toBeLessThan(5 / Math.sqrt(12 * n));
    }
  });
});

describe('StreamFactory', () => {
  it('returns the same stream object for a name asked twice', () => {
    const f = new StreamFactory(5, 0);
    expect(f.get('a')).toBe(f.get('a'));
    expect(f.get('a')).not.toBe(f.get('b'));
  });

  it('reseed(seed, rep) equals creating each stream fresh there, however far it had been consumed', () => {
    const f = new StreamFactory(5, 0);
    const a = f.get('demand/x/arrivals');
    const b = f.get('transit/p->q');
    draw(a, 1234);
    draw(b, 7);
    f.reseed(9, 17);
    expect(draw(a, 500)).toEqual(draw(createStream(9, 17, 'demand/x/arrivals'), 500));
    expect(draw(b, 500)).toEqual(draw(createStream(9, 17, 'transit/p->q'), 500));
    // A stream first asked for after the reseed is also at (9, 17).
    expect(draw(f.get('late'), 50)).toEqual(draw(createStream(9, 17, 'late'), 50));
    expect([f.masterSeed, f.replication]).toEqual([9, 17]);
  });

  it('consuming one stream more or less never shifts another', () => {
    const run = (extra: number) => {
      const f = new StreamFactory(3, 2);
      const a = f.get('a');
      const b = f.get('b');
      const out: number[] = [];
      // Interleave: b is drawn once per step, a a varying number of times.
      for (let step = 0; step < 200; step++) {
        for (let k = 0; k < 1 + ((step * extra) % 5); k++) a.next();
        out.push(b.next());
      }
      return out;
    };
    expect(run(3)).toEqual(run(0));
    expect(run(3)).toEqual(Array.from(draw(createStream(3, 2, 'b'), 200)));
  });
});

describe('common random numbers in the model', () => {
  it('a different lane transit time leaves every segment’s demand unchanged, replication by replication', () => {
    const reps = 6;
    const base = buildNetwork(loadScenario(FIXTURE));
    // Slower, more variable replenishment of dc-west: more stock-outs there, same customers.
    const slow = buildNetwork(loadScenario(FIXTURE, ['lanes.1.transitTime={dist: uniform, min: 2, max: 6}']));
    expect(slow.scenario.lanes[1]!.to).toBe('dc-west');
    const layout = kpiLayout(base);
    expect(kpiLayout(slow).names).toEqual(layout.names);
    const a = runBatch(base, 11, 0, reps, layout);
    const b = runBatch(slow, 11, 0, reps, layout);
    const at = (data: Float64Array, rep: number, name: string) => data[rep * layout.length + layout.names.indexOf(name)]!;
    for (const seg of layout.segmentIds)
      for (let r = 0; r < reps; r++) {
        expect(at(b, r, `segment.${seg}.orders`)).toBe(at(a, r, `segment.${seg}.orders`));
        expect(at(b, r, `segment.${seg}.demandUnits`)).toBe(at(a, r, `segment.${seg}.demandUnits`));
        expect(at(a, r, `segment.${seg}.demandUnits`)).toBeGreaterThan(0);
      }
    // ...while the change did reach the model: dc-west's service is different.
    let differs = 0;
    for (let r = 0; r < reps; r++) if (at(a, r, 'site.dc-west.fillRate') !== at(b, r, 'site.dc-west.fillRate')) differs++;
    expect(differs).toBe(reps);
  });
});
