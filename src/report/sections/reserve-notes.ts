/**
 * What a stock reserve did in an option (src/model/allocation.ts): the orders it cut short and
 * the units it held back, so a reader sees that an option's service for its key customers was
 * paid for by the others. One sentence per option with a reserve.
 */
import type { CompareOption } from '../inputs.ts';
import { fmt } from '../model.ts';
import { kpiOf } from './headline.ts';

export function reserveNotes(options: CompareOption[], base: string): string[] {
  const out: string[] = [];
  for (const o of options) {
    const refusals = kpiOf(o.results, 'reserveRefusals')?.mean;
    const held = kpiOf(o.results, 'reserveHeldUnits')?.mean;
    if (typeof refusals !== 'number' || !Number.isFinite(refusals) || typeof held !== 'number') continue;
    out.push(
      `${o.name} keeps stock in reserve for its priority customers: the reserve cut short ${fmt(refusals, 'units')} orders of lower-priority customers on arrival ` +
        `(${fmt(held, 'units')} units held back over the measured period, a mean per replication); each segment's fill rate and OTIF against ${base} show who gained and who paid.`,
    );
  }
  return out;
}
