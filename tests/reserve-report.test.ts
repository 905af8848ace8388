/** The comparison report names what a reserve cost the other customers (src/report/sections/reserve-notes.ts). */
import { describe, expect, it } from 'vitest';
import type { CompareOption } from '../src/report/inputs.ts';
import { reserveNotes } from '../src/report/sections/reserve-notes.ts';

const stat = (mean: number | null) => ({ mean, ciLow: mean, ciHigh: mean, stdDev: 0, n: mean === null ? 0 : 4 });
const option = (name: string, refusals: number | null, held: number | null): CompareOption => ({
  name,
  kind: 'crm',
  differences: {},
  results: { kpis: { reserveRefusals: stat(refusals), reserveHeldUnits: stat(held) } },
});

describe('reserve notes in the comparison report', () => {
  it('one sentence per option with a reserve, with its refusals and units held back; none without', () => {
    const notes = reserveNotes([option('key-accounts', 6046, 623200), option('express', null, null)], 'base');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^key-accounts keeps stock in reserve .* cut short 6,046 orders .* \(623,200 units held back/);
  });
});
