/**
 * KPIs of internal sourcing and supplier terms, per site: `site.<id>.<kpi>`, present only for
 * the sites that use the feature (so a scenario without it reports exactly what it did).
 * They follow the other KPIs in the vector (layout in kpis.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { KpiLayout } from './kpis.ts';
import { div } from './ratio.ts';
import type { Replication } from './replication.ts';

/** A site whose stock is replenished by several plants/dcs or with fallbacks. */
export const INTERNAL_SOURCING_KPIS = [
  'transferUnitsIn', // [units] dispatched to this site by plants/dcs under sources/fallbackSources
  'fallbackShare', // units ordered from a fallback source (its own source short) / transferUnitsIn
] as const;

/** A site buying a product on supplier terms (MOQ, multiple, capacity per period, price breaks). */
export const SUPPLIER_TERMS_KPIS = [
  'avgPurchasePrice', // [money per unit] paid / units received, over the products bought on terms
  'unitsRoundedUp', // [units] added to purchase orders by minimum order quantities and multiples
  'capacityDelayedOrders', // purchase orders that waited for the supplier's capacity per period
  'capacityDelayMean', // [days] mean wait of those orders for capacity
] as const;

type Obj = { [k: string]: unknown };

/** The sourcing KPI names of a scenario, in vector order. */
export function sourcingKpiNames(s: Scenario): string[] {
  const names: string[] = [];
  for (const [id, site] of Object.entries(s.sites)) {
    if (!site.open || site.type === 'supplier') continue;
    let internal = false;
    let terms = false;
    for (const [p, st] of Object.entries(site.stock)) {
      const first = st.source ?? st.sources?.[0]?.site ?? (site.type === 'dc' ? site.source : undefined);
      if (first === undefined) continue;
      const firstSite = s.sites[first];
      if (firstSite !== undefined && firstSite.type !== 'supplier' && ((st.sources?.length ?? 0) > 1 || st.fallbackSources !== undefined)) internal = true;
      const suppliers = [first, ...(st.sources ?? []).map((o) => o.site), st.fallbackSource];
      for (const sup of suppliers) {
        const spec = sup === undefined ? undefined : s.sites[sup];
        if (spec?.type !== 'supplier' || !spec.open) continue;
        const t = spec.products[p] as Obj | undefined;
        if (t !== undefined && (t.minOrderQuantity !== undefined || t.orderMultiple !== undefined || t.capacityPerPeriod !== undefined || t.priceBreaks !== undefined))
          terms = true;
      }
    }
    if (internal) for (const k of INTERNAL_SOURCING_KPIS) names.push(`site.${id}.${k}`);
    if (terms) for (const k of SUPPLIER_TERMS_KPIS) names.push(`site.${id}.${k}`);
  }
  return names;
}

/** Where each site's sourcing KPIs sit in the vector (−1: absent), per layout. */
const positions = new WeakMap<KpiLayout, Map<string, number>>();

function indexOf(layout: KpiLayout): Map<string, number> {
  let m = positions.get(layout);
  if (m === undefined) {
    m = new Map();
    for (let i = 0; i < layout.kpiCount; i++) m.set(layout.names[i]!, i);
    positions.set(layout, m);
  }
  return m;
}

/** Writes the sourcing KPIs of a finished replication (nothing when the network has none). */
export function writeSourcingKpis(rep: Replication, layout: KpiLayout, out: Float64Array): void {
  const stats = rep.internalStats;
  const terms = rep.terms;
  if (stats === null && terms === null) return;
  const at = indexOf(layout);
  for (const site of rep.net.sites) {
    if (site.type === 'supplier') continue;
    const put = (k: string, v: number): void => {
      const i = at.get(`site.${site.id}.${k}`);
      if (i !== undefined) out[i] = v;
    };
    let transfer = 0;
    let fallback = 0;
    let rounded = 0;
    let delayed = 0;
    let delay = 0;
    let units = 0;
    let spend = 0;
    for (const sp of rep.net.stockPointsOfSite[site.index]!) {
      if (stats !== null) {
        transfer += stats.transferUnits[sp]!;
        fallback += stats.fallbackUnits[sp]!;
      }
      if (terms !== null) {
        rounded += terms.roundedUp[sp]!;
        delayed += terms.delayedOrders[sp]!;
        delay += terms.delaySum[sp]!;
        units += terms.unitsBought[sp]!;
        spend += terms.spend[sp]!;
      }
    }
    put('transferUnitsIn', transfer);
    put('fallbackShare', div(fallback, transfer));
    put('avgPurchasePrice', div(spend, units));
    put('unitsRoundedUp', rounded);
    put('capacityDelayedOrders', delayed);
    put('capacityDelayMean', div(delay, delayed));
  }
}
