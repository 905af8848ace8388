/**
 * Per-product KPIs: units and their value side by side, so that quantities of products with
 * different units and values (cases of cola, preforms, concentrate) are never only summed as
 * units. Block `product.<id>.<kpi>` of the KPI vector (layout in kpis.ts), followed by the
 * values of what each site holds (`site.<id>.avgOnHandValue` …: a site's units add up
 * different products, their values do).
 */
import type { KpiLayout } from './kpis.ts';
import type { Replication } from './replication.ts';

export const PRODUCT_KPIS = [
  'avgOnHand', // [units] time-average on-hand, every stock point of the product
  'avgOnHandValue', // [money] × standard unit cost
  'avgOnOrder', // [units] time-average on order (pipeline)
  'avgOnOrderValue', // [money]
  'avgBackorders', // [units] time-average backorders at customer-facing stocks (customers and any sites they also serve)
  'avgBackordersValue', // [money]
  'unitsDelivered', // [units] shipped to customers
  'cogs', // [money] units shipped to customers × standard unit cost (sums to the overall cogs)
] as const;

/** Values of a site's stock [money], at standard cost; after the product block. */
export const SITE_VALUE_KPIS = [
  'avgOnHandValue', // time-average on-hand × unit cost, all its products
  'avgOnOrderValue', // time-average on order × unit cost
  'avgBackordersValue', // time-average backorders (all requesters) × unit cost
] as const;

/** Writes the per-product block and the site values of `out` (`T` is the window [days]). */
export function writeProducts(rep: Replication, layout: KpiLayout, out: Float64Array, T: number): void {
  const n = PRODUCT_KPIS.length;
  const m = SITE_VALUE_KPIS.length;
  out.fill(0, layout.productOffset, layout.siteValueOffset + layout.siteIds.length * m);
  for (const sp of rep.stockPoints) {
    const d = sp.def;
    const o = layout.productOffset + d.product * n;
    const c = d.unitCost;
    out[o]! += sp.intOnHand / T;
    out[o + 1]! += (sp.intOnHand / T) * c;
    out[o + 2]! += sp.intOnOrder / T;
    out[o + 3]! += (sp.intOnOrder / T) * c;
    if (d.customerFacing) {
      out[o + 4]! += sp.intBackorders / T;
      out[o + 5]! += (sp.intBackorders / T) * c;
    }
    const shipped = rep.customerUnits[d.index]!;
    out[o + 6]! += shipped;
    out[o + 7]! += shipped * c;
    const s = layout.siteValueOffset + layout.siteSlot[d.site]! * m;
    out[s]! += (sp.intOnHand / T) * c;
    out[s + 1]! += (sp.intOnOrder / T) * c;
    out[s + 2]! += (sp.intBackorders / T) * c;
  }
}
