/**
 * The run report's sourcing sentence and table (src/report/sections/sourcing.ts): present only
 * when a site reports sourcing KPIs, with fallback shares, prices to the cent, rounded units
 * and capacity waits.
 */
import { describe, expect, it } from 'vitest';
import type { RunResults } from '../src/report/inputs.ts';
import { sourcingSentence, sourcingTable } from '../src/report/sections/sourcing.ts';

const stat = (mean: number) => ({ mean, ciLow: mean * 0.9, ciHigh: mean * 1.1, stdDev: 0, n: 10, p05: mean, p50: mean, p95: mean });

function doc(bySite: Record<string, Record<string, number>>): RunResults {
  return {
    confidence: 0.95,
    bySite: Object.fromEntries(Object.entries(bySite).map(([id, k]) => [id, Object.fromEntries(Object.entries(k).map(([n, v]) => [n, stat(v)]))])),
  } as unknown as RunResults;
}

describe('sourcing in the run report', () => {
  it('says nothing when no site uses internal sourcing or supplier terms', () => {
    const d = doc({ 'dc-a': { fillRate: 0.9 } });
    expect(sourcingSentence(d)).toBeNull();
    expect(sourcingTable(d)).toBeNull();
  });

  it('names the dc leaning on a fallback, and sums the terms over the buying sites', () => {
    const d = doc({
      'dc-b': { fillRate: 0.9, transferUnitsIn: 1000, fallbackShare: 0.25 },
      'plant-a': { avgPurchasePrice: 25.224, unitsRoundedUp: 100, capacityDelayedOrders: 2, capacityDelayMean: 3 },
      'plant-b': { avgPurchasePrice: 26, unitsRoundedUp: 50, capacityDelayedOrders: 0, capacityDelayMean: Number.NaN },
    });
    const s = sourcingSentence(d)!;
    expect(s).toContain('dc-b took 25');
    expect(s).toContain('1,000 units');
    expect(s).toContain('the 2 buying sites paid 25.22 money to 26.00 money a unit');
    expect(s).toContain('150 units more');
    expect(s).toContain('2 orders per run waited 3');
    const t = sourcingTable(d)!;
    expect(t.rows.map((r) => r[0])).toEqual(['dc-b', 'plant-a', 'plant-b']);
    expect(t.rows[1]![3]).toBe('25.22 money');
    expect(t.rows[0]![2]).toBe('25.00%');
  });
});
