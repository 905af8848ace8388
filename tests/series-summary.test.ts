/**
 * Series summarised as replications finish (src/experiment/series-summary.ts) give exactly the
 * numbers of the series kept in full: mean and 5–95% band per sample time, bit for bit, on
 * awkward values (NaN, ±0, ±Infinity, ties) and every sample size around the band's
 * interpolation points; and through the runner whatever the workers, batch size, main-thread
 * budget or precision rounds — while the vectors it returns hold the KPIs only.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KpiLayout } from '../src/model/kpis.ts';
import { resultsDocument, runMeta, seriesStats, type ReplicationVectors } from '../src/experiment/results.ts';
import { ExperimentRunner, RunAbortedError } from '../src/experiment/runner.ts';
import { SeriesSummary } from '../src/experiment/series-summary.ts';
import { runToPrecision } from '../src/experiment/stopping.ts';
import { loadScenario } from '../src/scenario/load.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));

/** Two KPIs, then series a (3 points) and b (2 points). */
const LAYOUT = {
  names: ['k0', 'k1'],
  kpiCount: 2,
  series: [
    { name: 'a', offset: 2, times: [7, 14, 21] },
    { name: 'b', offset: 5, times: [7, 14] },
  ],
  length: 7,
} as unknown as KpiLayout;

/** A seeded generator of awkward values: ties, signed zeros, infinities, NaN, wide magnitudes. */
function values(seed: number) {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pool = [0, -0, 1, 1, 2.5, -3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300];
  return (point: number) => {
    const r = u();
    if (point === 0) return Math.floor(r * 5); // heavy ties
    if (point === 1) return pool[Math.floor(r * pool.length)]!;
    if (point === 2) return r < 0.3 ? Number.NaN : (r - 0.5) * 1e6;
    return Math.round(u() * 100) / 7 - 5;
  };
}

function full(count: number, seed: number): ReplicationVectors {
  const draw = values(seed);
  const data = new Float64Array(count * LAYOUT.length);
  for (let i = 0; i < count; i++) for (let j = 0; j < LAYOUT.length; j++) data[i * LAYOUT.length + j] = draw(j - LAYOUT.kpiCount);
  return { layout: LAYOUT, count, data };
}

describe('SeriesSummary', () => {
  it('gives the mean and band of the full series, bit for bit, for every count to 130', () => {
    for (let count = 0; count <= 130; count++) {
      const v = full(count, count + 1);
      for (const capacity of [count, count + 37]) {
        const summary = new SeriesSummary(LAYOUT, capacity);
        for (let i = 0; i < count; i++) summary.add(v.data, i * LAYOUT.length);
        expect(summary.stats(), `count ${count}, capacity ${capacity}`).toEqual(seriesStats(v));
      }
    }
  });

  it('stays exact on a large sample while keeping about a tenth of it', () => {
    const v = full(20_000, 7);
    const summary = new SeriesSummary(LAYOUT, 20_000);
    for (let i = 0; i < v.count; i++) summary.add(v.data, i * LAYOUT.length);
    expect(summary.stats()).toEqual(seriesStats(v));
    const kept = (summary as unknown as { low: Float64Array; high: Float64Array });
    expect((kept.low.length + kept.high.length) / (5 * 20_000)).toBeLessThan(0.11);
  });

  it('takes room as replications come, not for its capacity (a precision rule with a cap of 10 million)', () => {
    const v = full(100, 3);
    const summary = new SeriesSummary(LAYOUT, 10_000_000);
    for (let i = 0; i < v.count; i++) summary.add(v.data, i * LAYOUT.length);
    expect(summary.stats()).toEqual(seriesStats(v));
    const kept = summary as unknown as { low: Float64Array; high: Float64Array };
    expect(kept.low.length + kept.high.length).toBeLessThanOrEqual(2 * 5 * 128);
  });

  it('refuses more replications than it was sized for', () => {
    const summary = new SeriesSummary(LAYOUT, 1);
    summary.add(new Float64Array(7), 0);
    expect(() => summary.add(new Float64Array(7), 0)).toThrow(/sized for 1/);
  });
});

describe('ExperimentRunner with a series summary', () => {
  const scenario = loadScenario(SMALL);
  const meta = runMeta(scenario, 5, 0.95);
  const json = (v: ReplicationVectors) => JSON.stringify(resultsDocument(meta, v));

  async function withRunner<T>(opts: ConstructorParameters<typeof ExperimentRunner>[0], f: (r: ExperimentRunner) => Promise<T>): Promise<T> {
    const runner = new ExperimentRunner(opts);
    try {
      return await f(runner);
    } finally {
      await runner.close();
    }
  }

  it('reports what the full vectors report, with KPI-only vectors, whatever the threads and batches', async () => {
    const kept = await withRunner({ workers: 0 }, (r) => r.run(scenario, { seed: 5, count: 61 }));
    const expected = json(kept);
    expect(kept.layout.series.length).toBeGreaterThan(0);
    for (const opts of [{ workers: 0 }, { workers: 2, batchSize: 3 }, { workers: 2, batchSize: 1 }, { workers: 2, mainThreadBudget: 0.05, batchSize: 4 }]) {
      const v = await withRunner(opts, (r) => r.run(scenario, { seed: 5, count: 61, seriesSummary: r.summarizeSeries(scenario, 61) }));
      expect(v.layout.length, JSON.stringify(opts)).toBe(kept.layout.kpiCount);
      expect(v.layout.series).toEqual([]);
      for (let i = 0; i < 61; i++)
        expect(Array.from(v.data.subarray(i * v.layout.length, (i + 1) * v.layout.length))).toEqual(Array.from(kept.data.subarray(i * kept.layout.length, i * kept.layout.length + kept.layout.kpiCount)));
      expect(json(v), JSON.stringify(opts)).toBe(expected);
    }
  });

  it('carries one summary across precision rounds', async () => {
    const rule = { kpi: 'fillRate', target: 1e-9, confidence: 0.95, maxReplications: 45, roundSize: 20 };
    const kept = await withRunner({ workers: 0 }, (r) => runToPrecision(r, scenario, rule, { seed: 5 }));
    const summarised = await withRunner({ workers: 2, batchSize: 3 }, (r) =>
      runToPrecision(r, scenario, rule, { seed: 5, seriesSummary: r.summarizeSeries(scenario, rule.maxReplications) }),
    );
    expect(summarised.rounds).toBeGreaterThan(1);
    expect(summarised.vectors.seriesSummary?.count).toBe(45);
    expect(json(summarised.vectors)).toBe(json(kept.vectors));
  });

  it('holds exactly the completed replications when a run is aborted', async () => {
    const controller = new AbortController();
    const err = await withRunner({ workers: 2, batchSize: 2 }, (r) =>
      r.run(scenario, {
        seed: 5,
        count: 400,
        signal: controller.signal,
        seriesSummary: r.summarizeSeries(scenario, 400),
        onProgress: (done) => done >= 20 && controller.abort(),
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunAbortedError);
    const completed = (err as RunAbortedError).completed;
    // The unbroken run from replication 0: it ends at the first batch the abort cut short, which
    // may lie well before the 20th replication done (batches finish out of order).
    expect(completed.count).toBeLessThan(400);
    expect(completed.seriesSummary?.count).toBe(completed.count);
    const prefix = await withRunner({ workers: 0 }, (r) => r.run(scenario, { seed: 5, count: completed.count }));
    expect(json(completed)).toBe(json(prefix));
  });

  it('refuses a summary that does not hold the replications before the first', async () => {
    await withRunner({ workers: 0 }, async (r) => {
      await expect(r.run(scenario, { seed: 5, first: 3, count: 2, seriesSummary: r.summarizeSeries(scenario, 5) })).rejects.toThrow(/holds 0 replications, the run starts at 3/);
    });
  });
});
