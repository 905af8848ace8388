/** The precision stopping rule: how many replications it asks for, and that the answer is reproducible. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { captureOutput } from './helpers/capture.ts';
import { runCommand } from '../src/cli/run.ts';
import type { ReplicationVectors } from '../src/experiment/results.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { kpiPrecision, nextTotal, runToPrecision } from '../src/experiment/stopping.ts';
import type { KpiLayout } from '../src/model/kpis.ts';
import { loadScenario } from '../src/scenario/load.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));
const bytes = (v: ReplicationVectors) => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);

describe('nextTotal', () => {
  it('jumps to n·(h/target)², rounded up to whole rounds', () => {
    expect(nextTotal(20, 0.02, 0.01, 20, 1000)).toBe(80); // 20·4 = 80 exactly
    expect(nextTotal(20, 0.015, 0.01, 20, 1000)).toBe(60); // 45 → 60
    expect(nextTotal(40, 0.05, 0.01, 10, 5000)).toBe(1000);
  });

  it('adds at least one round', () => {
    expect(nextTotal(20, 0.0101, 0.01, 20, 1000)).toBe(40); // 20.4 → 40 (not 20 again)
  });

  it('adds one round when the half-width says nothing (n < 2, mean 0)', () => {
    expect(nextTotal(20, Number.NaN, 0.01, 20, 1000)).toBe(40);
    expect(nextTotal(20, Number.POSITIVE_INFINITY, 0.01, 20, 1000)).toBe(40);
  });

  it('never exceeds the cap, even when the cap is not a whole number of rounds', () => {
    expect(nextTotal(500, 1, 0.01, 20, 1000)).toBe(1000);
    expect(nextTotal(20, 0.05, 0.01, 20, 130)).toBe(130);
  });
});

describe('kpiPrecision', () => {
  const layout: KpiLayout = { names: ['x', 'y'], siteIds: [], segmentIds: [], productIds: [], siteOffset: 2, segmentOffset: 2, productOffset: 2, siteValueOffset: 2, siteSlot: [], kpiCount: 2, series: [], length: 2 };

  it('is the Student-t half-width over |mean|, skipping not-applicable (NaN) values', () => {
    // x = 1, 2, 3, 4: mean 2.5, sd 1.2909944, t(0.975, 3) = 3.1824463 (tables) → half-width 2.0542603
    const v: ReplicationVectors = { layout, count: 5, data: Float64Array.from([1, 0, 2, 0, Number.NaN, 0, 3, 0, 4, 0]) };
    expect(kpiPrecision(v, 'x', 0.95)).toBeCloseTo(2.0542603 / 2.5, 6);
    expect(kpiPrecision(v, 'y', 0.95)).toBe(0); // all equal: exactly known
  });

  it('rejects an unknown KPI', () => {
    const v: ReplicationVectors = { layout, count: 0, data: new Float64Array(0) };
    expect(() => kpiPrecision(v, 'z', 0.95)).toThrow('unknown KPI "z"');
  });
});

describe('runToPrecision', () => {
  const scenario = loadScenario(SMALL);
  const rule = { kpi: 'fillRate', target: 0.004, confidence: 0.95, maxReplications: 1000, roundSize: 10 };

  it('stops at the first whole round that meets the target, identically in-thread and on 2 workers', async () => {
    const pooled = new ExperimentRunner({ workers: 2 });
    try {
      const a = await runToPrecision(new ExperimentRunner(), scenario, rule, { seed: 7 });
      const b = await runToPrecision(pooled, scenario, rule, { seed: 7 });
      expect(a.met).toBe(true);
      expect(a.rounds).toBeGreaterThan(1);
      expect(a.vectors.count % 10).toBe(0);
      expect(a.relativeHalfWidth).toBeLessThanOrEqual(0.004);
      expect(a.relativeHalfWidth).toBe(kpiPrecision(a.vectors, 'fillRate', 0.95));
      expect(b.vectors.count).toBe(a.vectors.count);
      expect(bytes(b.vectors).equals(bytes(a.vectors))).toBe(true);
      // It ran replications 0 … n−1, exactly what a fixed-count run of n gives.
      const fixed = await pooled.run(scenario, { seed: 7, count: a.vectors.count });
      expect(bytes(fixed).equals(bytes(a.vectors))).toBe(true);
    } finally {
      await pooled.close();
    }
  });

  it('stops at the cap and says the target was not met', async () => {
    const progress: Array<[number, number]> = [];
    const r = await runToPrecision(new ExperimentRunner(), scenario, { ...rule, target: 1e-6, maxReplications: 45, roundSize: 20 }, {
      seed: 7,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(r.vectors.count).toBe(45);
    expect(r.met).toBe(false);
    expect(r.rounds).toBe(2);
    expect(r.relativeHalfWidth).toBeGreaterThan(1e-6);
    expect(progress[0]).toEqual([1, 20]);
    expect(progress.at(-1)).toEqual([45, 45]);
  });
});

describe('scsim run --precision', () => {
  const io = captureOutput();

  it('says how many replications it needed and whether the target was met', async () => {
    expect(await runCommand({ scenario: SMALL, seed: 7, precision: 0.01, kpi: 'fillRate', workers: 0, quiet: true })).toBe(0);
    const m = /\nPrecision: fillRate ±([\d.]+)% of the mean at 95% after (\d+) replications; target ±1\.00%: target met\n$/.exec(io.out);
    expect(m, io.out.slice(-300)).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(1);
    expect(Number(m![2]) % 20).toBe(0);
    expect(io.out).toContain(`Small DC: ${m![2]} replications, seed 7`);
  });

  it('records the rule and its outcome in the JSON', async () => {
    expect(await runCommand({ scenario: SMALL, seed: 7, precision: 0.0001, maxReplications: 30, json: true, workers: 0, quiet: true })).toBe(0);
    const doc = JSON.parse(io.out);
    expect(doc.replications).toBe(30);
    expect(doc.precision).toMatchObject({ kpi: 'fillRate', target: 0.0001, met: false, maxReplications: 30 });
    expect(doc.precision.relativeHalfWidth).toBeGreaterThan(0.0001);
  });

  it('rejects conflicting or incomplete options with exit code 2', async () => {
    await expect(runCommand({ scenario: SMALL, precision: 0.01, replications: 10 })).rejects.toThrow('give --replications or --precision, not both');
    await expect(runCommand({ scenario: SMALL, kpi: 'otif' })).rejects.toThrow('--kpi needs --precision');
    await expect(runCommand({ scenario: SMALL, precision: 0.01, kpi: 'fillrate' })).rejects.toThrow(
      /^--kpi: unknown KPI "fillrate" \(did you mean "fillRate"\? known: fillRate, orderFillRate/,
    );
    await expect(runCommand({ scenario: SMALL, precision: -1 })).rejects.toThrow('--precision must be positive');
  });
});
