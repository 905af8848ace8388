/**
 * `--quantiles` chooses the quantiles across replications reported for every KPI (default
 * 0.05, 0.5, 0.95), in JSON (keys p05, p50, p90, …), in the text tables, and for merged shards.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseQuantiles, UsageError } from '../src/cli/common.ts';
import { runCommand } from '../src/cli/run.ts';
import { kpiStat } from '../src/experiment/results.ts';
import { quantileKey, quantiles } from '../src/experiment/stats.ts';
import { captureOutput } from './helpers/capture.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));
const io = captureOutput();

describe('--quantiles', () => {
  it('names each quantile by its percentage', () => {
    expect([0.05, 0.5, 0.9, 0.95, 0.975, 0.001, 0.999].map(quantileKey)).toEqual(['p05', 'p50', 'p90', 'p95', 'p97.5', 'p00.1', 'p99.9']);
  });

  it('parses a list, sorted without repeats, and refuses what is not a probability', () => {
    expect(parseQuantiles('0.95, 0.05,0.5,0.95')).toEqual([0.05, 0.5, 0.95]);
    expect(parseQuantiles(undefined)).toBeUndefined();
    for (const bad of ['0,0.5', '1', 'abc', '', '0.5,-0.1']) expect(() => parseQuantiles(bad), bad).toThrow(UsageError);
  });

  it('reports the chosen quantiles of every KPI, equal to the type-7 quantiles of its values', async () => {
    const args = { scenario: SMALL, seed: 2, replications: 9, workers: 0, quiet: true, json: true };
    expect(await runCommand({ ...args, quantiles: '0.05,0.5,0.9,0.95' })).toBe(0);
    const doc = JSON.parse(io.out);
    expect(doc.quantiles).toEqual([0.05, 0.5, 0.9, 0.95]);
    const fill = doc.kpis.fillRate;
    expect(Object.keys(fill)).toEqual(['mean', 'ciLow', 'ciHigh', 'stdDev', 'n', 'p05', 'p50', 'p90', 'p95']);
    expect(fill.p05).toBeLessThanOrEqual(fill.p50);
    expect(fill.p90).toBeLessThanOrEqual(fill.p95);
    expect(doc.bySegment.retail.otif.p90).toBeTypeOf('number');
    io.out = '';
    expect(await runCommand({ ...args, json: false })).toBe(0);
    expect(io.out).toMatch(/95% CI +p05 +p50 +p95\n/);
  });

  it('kpiStat: quantiles of the values it is given, null when there are none', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6];
    const s = kpiStat(xs, 0.95, [0.25, 0.75]);
    expect([s.p25, s.p75]).toEqual(quantiles(xs, [0.25, 0.75]));
    expect(kpiStat([], 0.95, [0.5]).p50).toBeNull();
  });
});
