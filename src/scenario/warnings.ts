/**
 * Sanity warnings about a valid scenario: things that run, but whose numbers a reader should
 * not trust without a second look. They never change the exit code; `scsim validate` and
 * `scsim run` print them once, as `file:line:col: path: warning: …`.
 *
 * Checked here (scenario only): a unitCost far from the rolled-up cost (standard-cost.ts), a
 * scheduled disruption that starts after the horizon, a variant and an option with the same
 * name, and an option that changes demand directly (its gain is then an assumption, not a
 * result). The offered-load checks need the built network: src/model/offered-load.ts.
 */
import type { Scenario } from './schema.ts';
import { costWarnings } from './standard-cost.ts';

/** A warning before it is positioned in the file: the path of the field and what to look at. */
export interface Warning {
  path: string[];
  message: string;
}

/**
 * Fields of a segment that set its demand: an option that patches one of them (or lets volume
 * grow above its forecast: retention.maxFactor > 1) changes demand by assumption.
 */
const DEMAND_FIELDS = /^segments\.[^.]+\.(ordersPerDay|interarrival|orderSize|seasonality|productMix|product|linesPerOrder)(\.|$)/;
const UPLIFT = /^segments\.[^.]+\.retention(\.maxFactor)?$/;

/** The keys of a patch that change demand directly (empty when none does). */
export function demandChanges(set: Record<string, unknown>): string[] {
  return Object.entries(set)
    .filter(([k, v]) => {
      if (DEMAND_FIELDS.test(k)) return true;
      if (!UPLIFT.test(k)) return false;
      const max = k.endsWith('maxFactor') ? v : typeof v === 'object' && v !== null ? (v as { maxFactor?: unknown }).maxFactor : undefined;
      return typeof max === 'number' && max > 1;
    })
    .map(([k]) => k);
}

/** The note a comparison prints beside an option that changes demand directly. */
export function demandAssumption(keys: readonly string[]): string {
  const shown = keys.slice(0, 3).join(', ') + (keys.length > 3 ? `, … (${keys.length} fields)` : '');
  // Neutral on the sign: a what-if that loses rests on its assumed demand just as one that gains.
  return `changes demand directly (${shown}): its result rests on that assumed demand, not only on what the simulation found`;
}

/** Every scenario-level warning of `s`. */
export function scenarioWarnings(s: Scenario): Warning[] {
  const out: Warning[] = [...costWarnings(s)];
  s.disruptions.forEach((d, i) => {
    if (d.at !== undefined && d.at >= s.horizonDays)
      out.push({
        path: ['disruptions', String(i), 'at'],
        message: `disruption "${d.name}" starts on day ${d.at}, after the horizon (${s.horizonDays} days): it never happens in the run`,
      });
  });
  const variants = new Set(Object.keys(s.variants));
  s.options.forEach((o, i) => {
    if (variants.has(o.name))
      out.push({
        path: ['options', String(i), 'name'],
        message: `option "${o.name}" has the name of a variant: results and --only would mix them up (rename one)`,
      });
    const keys = demandChanges(o.set);
    if (keys.length > 0) out.push({ path: ['options', String(i), 'set'], message: `option "${o.name}" ${demandAssumption(keys)}` });
  });
  return out;
}
