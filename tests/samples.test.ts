/**
 * SampleBuffer (src/engine/samples.ts): exact type-7 quantiles by Floyd–Rivest selection, the same
 * as sorting, on data with and without ties (also heavy ties at the minimum), small and large
 * (the sampled-pivot branch).
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../src/engine/rng.ts';
import { SampleBuffer } from '../src/engine/samples.ts';

/** Type-7 quantile of a sorted copy: the reference. */
function sortedQuantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 >= s.length ? s[lo]! : s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!);
}

describe('SampleBuffer.quantile', () => {
  const rng = createStream(5, 0, 'test/samples');
  const datasets: Array<[string, number[]]> = [];
  for (const n of [1, 2, 3, 10, 601, 602, 5_000, 40_000]) {
    datasets.push([`${n} continuous`, Array.from({ length: n }, () => rng.next() * 100)]);
    datasets.push([`${n} with ties`, Array.from({ length: n }, () => Math.floor(rng.next() * 7))]);
  }
  datasets.push(['40,000 sorted', Array.from({ length: 40_000 }, (_, i) => i)]);
  datasets.push(['40,000 reversed', Array.from({ length: 40_000 }, (_, i) => 40_000 - i)]);
  datasets.push(['40,000 equal', Array.from({ length: 40_000 }, () => 3)]);
  // Lead times of a well-stocked site: mostly exactly 0, a tail of waits.
  datasets.push(['5,000 mostly zero', Array.from({ length: 5_000 }, () => (rng.next() < 0.9 ? 0 : rng.next() * 9))]);

  it.each(datasets)('%s: p05, p50, p95, p99, min and max equal the sorted reference', (_, xs) => {
    for (const p of [0, 0.05, 0.5, 0.95, 0.99, 1]) {
      const b = new SampleBuffer();
      for (const x of xs) b.push(x);
      expect(b.quantile(p), `p = ${p}`).toBe(sortedQuantile(xs, p));
    }
  });

  it('is NaN when empty, and keeps the mean exact', () => {
    const b = new SampleBuffer();
    expect(b.quantile(0.95)).toBeNaN();
    for (const x of [1, 2, 3, 10]) b.push(x);
    expect(b.mean()).toBe(4);
  });
});
