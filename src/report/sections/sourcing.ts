/**
 * Internal sourcing and supplier terms in a run's report: one sentence (where a dc leaned on
 * a fallback plant, what price was paid on terms, what waited for supplier capacity) and one
 * table per site. Only for runs whose sites report the sourcing KPIs (kpi-sourcing.ts).
 */
import type { RunResults } from '../inputs.ts';
import { fmt, fmtWithInterval, moneyUnit, type ReportTable } from '../model.ts';

type SiteKpis = RunResults['bySite'][string];
const mean = (k: SiteKpis, id: string): number | null | undefined => k[id]?.mean;

/** The sites with sourcing KPIs, in report order. */
function sites(doc: RunResults): Array<[string, SiteKpis]> {
  return Object.entries(doc.bySite).filter(([, k]) => k.transferUnitsIn !== undefined || k.avgPurchasePrice !== undefined);
}

/** A unit price, to the cent (the money format rounds to whole units). */
const price = (x: number | null | undefined): string => (typeof x === 'number' && Number.isFinite(x) ? `${x.toFixed(2)} ${moneyUnit()}` : 'n/a');
/** A count per replication, to a tenth. */
const count = (x: number | null | undefined): string => (typeof x === 'number' && Number.isFinite(x) ? (Number.isInteger(x) ? String(x) : x.toFixed(1)) : 'n/a');

/**
 * One sentence on sourcing, or null when no site uses internal sourcing or supplier terms:
 * each site that leaned on a fallback, then the terms summed over the buying sites.
 */
export function sourcingSentence(doc: RunResults): string | null {
  const level = doc.confidence;
  const parts: string[] = [];
  const prices: number[] = [];
  let rounded = 0;
  let delayed = 0;
  let waited = 0;
  for (const [id, k] of sites(doc)) {
    const fb = mean(k, 'fallbackShare');
    if (typeof fb === 'number' && fb > 0)
      parts.push(`${id} took ${fmtWithInterval(k.fallbackShare, 'percent', level)} of the ${fmt(mean(k, 'transferUnitsIn'), 'units')} units it received from plants/DCs from a fallback, its own source being short`);
    const p = mean(k, 'avgPurchasePrice');
    if (typeof p === 'number' && Number.isFinite(p)) prices.push(p);
    rounded += mean(k, 'unitsRoundedUp') ?? 0;
    const d = mean(k, 'capacityDelayedOrders') ?? 0;
    if (d > 0) {
      delayed += d;
      waited += d * (mean(k, 'capacityDelayMean') ?? 0);
    }
  }
  if (prices.length > 0) {
    const lo = Math.min(...prices);
    const hi = Math.max(...prices);
    parts.push(
      `on supplier terms, ${prices.length === 1 ? 'the buying site' : `the ${prices.length} buying sites`} paid ${lo === hi ? price(lo) : `${price(lo)} to ${price(hi)}`} a unit on average` +
        (rounded > 0 ? `, ordering ${fmt(rounded, 'units')} units more than their policies asked (minimum orders, multiples)` : '') +
        (delayed > 0 ? `; ${count(delayed)} orders per run waited ${fmt(waited / delayed, 'days')} on average for supplier capacity` : ''),
    );
  }
  return parts.length > 0 ? `Sourcing: ${parts.join('; ')}.` : null;
}

/** The sourcing KPIs per site, or null when there are none. */
export function sourcingTable(doc: RunResults): ReportTable | null {
  const rows = sites(doc).map(([id, k]) => [
    id,
    fmt(mean(k, 'transferUnitsIn'), 'units'),
    fmt(mean(k, 'fallbackShare'), 'percent'),
    price(mean(k, 'avgPurchasePrice')),
    fmt(mean(k, 'unitsRoundedUp'), 'units'),
    count(mean(k, 'capacityDelayedOrders')),
    fmt(mean(k, 'capacityDelayMean'), 'days'),
  ]);
  if (rows.length === 0) return null;
  return {
    title: 'Sourcing: transfers between sites and supplier terms',
    columns: ['Site', 'units from plants/DCs', 'from a fallback', 'price paid on terms', 'units rounded up', 'orders waiting for capacity (per run)', 'their wait'],
    rows,
    note: 'Means across replications; n/a where the site does not use the feature. A fallback ships what the preferred source lacked when the order was placed.',
  };
}
