/**
 * The share of each replenishment order a plant/dc-sourced stock places with each of its
 * plant/dc sources (internal sourcing, internal-sourcing.ts), for the plans made before a run:
 * demand propagated upstream for derived policies (policies.ts) and offered load (offered-load.ts).
 * Fallbacks take only what their source lacks at the moment, so they are not counted.
 */
import type { Network, StockPointDef } from './network.ts';

/** The stocks a plant/dc-sourced stock `sp` orders from, with their shares of each order (one source: share 1). */
export function internalShares(net: Network, sp: StockPointDef): Array<[number, number]> {
  const site = net.scenario.sites[net.sites[sp.site]!.id]!;
  const product = net.products[sp.product]!.id;
  const list = site.type === 'supplier' ? undefined : site.stock[product]?.sources;
  if (list === undefined || list.length <= 1) return [[sp.sourceIndex, 1]];
  const total = list.reduce((a, o) => a + o.share, 0);
  return list.map((o) => [net.stockPoints.findIndex((x) => x.id === `${o.site}/${product}`), o.share / total]);
}
