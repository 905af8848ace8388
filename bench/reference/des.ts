/**
 * The whole "engine" of the hand-written reference models (bench/reference/*.ts): a binary heap
 * of timed closures and a seeded random number generator. Written the way one would write a
 * small simulation by hand, with no scsim code, so that scsim's speed can be stated as a ratio
 * to it (see bench/sections/reference.ts).
 */

interface Scheduled {
  /** Event time [days]. */
  time: number;
  /** Scheduling order: ties run first scheduled, first run. */
  seq: number;
  run: () => void;
}

/** A future-event list: a binary min-heap on (time, seq). */
export class EventQueue {
  private heap: Scheduled[] = [];
  private seq = 0;
  /** Current simulated time [days]. */
  now = 0;

  schedule(delay: number, run: () => void): void {
    const item = { time: this.now + delay, seq: this.seq++, run };
    const h = this.heap;
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = item;
  }

  /** Runs events in time order until the next one is at or after `horizon` [days]. */
  runUntil(horizon: number): void {
    const h = this.heap;
    while (h.length > 0 && h[0]!.time < horizon) {
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length > 0) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= h.length) break;
          const c = l + 1 < h.length && before(h[l + 1]!, h[l]!) ? l + 1 : l;
          if (!before(h[c]!, last)) break;
          h[i] = h[c]!;
          i = c;
        }
        h[i] = last;
      }
      this.now = top.time;
      top.run();
    }
    this.now = horizon;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** sfc32 seeded through splitmix32: uniform numbers in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  const mix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = 1;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** Exponential variate of the given mean. */
export function exponential(u: () => number, mean: number): number {
  return -mean * Math.log(1 - u());
}

/** A Poisson sampler of the given mean: inversion on a precomputed cumulative table (binary search). */
export function poisson(u: () => number, mean: number): () => number {
  const cdf: number[] = [];
  let p = Math.exp(-mean);
  let sum = p;
  for (let k = 0; sum < 1 - 1e-15 && k < mean + 20 * Math.sqrt(mean) + 20; k++) {
    cdf.push(sum);
    p *= mean / (k + 1);
    sum += p;
  }
  cdf.push(1);
  return () => {
    const x = u();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
