/**
 * Standard cost of every product: the value at which a unit sits in inventory and leaves it
 * as cost of goods sold (DOMAIN.md, P&L).
 *
 * A product's standard cost is its `unitCost` when the scenario gives one, else its rolled-up
 * cost:
 * - made (stocked without a source at an open plant): Σ over its bill of materials of
 *   quantity × the component's standard cost, + the production cost per unit (the stock's own
 *   productionCostPerUnit, else the plant's; the mean over the plants that make it when they differ);
 * - bought (sold by an open supplier): the lowest price of the suppliers that sell it (the
 *   regular contract price; a dearer second source shows as cost variance when used);
 * - neither: 0.
 * Transport is not part of it (a logistics cost line of its own).
 *
 * A given `unitCost` more than 10% away from the rolled-up cost is a warning (costWarnings):
 * the P&L would then value stock and COGS at a figure the network does not produce.
 */
import type { Scenario } from './schema.ts';

/** How far a given unitCost may be from the rolled-up cost before it is a warning (fraction). */
export const COST_TOLERANCE = 0.1;

export interface RolledUpCost {
  /** Rolled-up cost [money per unit]; NaN when the product is neither made nor bought. */
  cost: number;
  /** Components at their standard cost [money per unit made] (0 for a bought product). */
  materials: number;
  /** Production cost per unit (mean over plants) [money per unit] (0 for a bought product). */
  conversion: number;
  how: 'made' | 'bought' | 'none';
  /** Bought: the lowest and highest supplier price [money per unit]. */
  prices?: [number, number];
}

export interface StandardCosts {
  /** Standard cost per product id [money per unit]. */
  unitCost: Map<string, number>;
  /** Rolled-up cost per product id, whether or not the scenario gives unitCost. */
  rolledUp: Map<string, RolledUpCost>;
}

type Site = Scenario['sites'][string];

/** Standard and rolled-up costs of every product of `s`. */
export function standardCosts(s: Scenario): StandardCosts {
  const open = Object.values(s.sites).filter((site) => site.open !== false) as Site[];
  const rolledUp = new Map<string, RolledUpCost>();
  const unitCost = new Map<string, number>();
  const visiting = new Set<string>();

  const standard = (p: string): number => {
    const given = s.products[p]?.unitCost;
    if (given !== undefined) return given;
    const r = roll(p);
    return Number.isNaN(r.cost) ? 0 : r.cost;
  };

  const roll = (p: string): RolledUpCost => {
    const known = rolledUp.get(p);
    if (known) return known;
    // A bill of materials that loops back on itself has no rolled-up cost (the reference
    // checks report such a loop); cut it here rather than recurse forever.
    if (visiting.has(p)) return { cost: Number.NaN, materials: 0, conversion: 0, how: 'none' };
    visiting.add(p);
    let result: RolledUpCost;
    const makers = open.filter((site) => site.type === 'plant' && site.stock[p] !== undefined && !site.stock[p]!.source && !site.stock[p]!.sources);
    const prices = open.flatMap((site) => (site.type === 'supplier' && site.products[p] !== undefined ? [site.products[p]!.price] : []));
    if (makers.length > 0) {
      let materials = 0;
      for (const line of s.products[p]?.bom ?? []) materials += line.quantity * standard(line.product);
      let conversion = 0;
      for (const m of makers) conversion += m.type === 'plant' ? (m.stock[p]!.productionCostPerUnit ?? m.productionCostPerUnit) : 0;
      conversion /= makers.length;
      result = { cost: materials + conversion, materials, conversion, how: 'made' };
    } else if (prices.length > 0) {
      const low = Math.min(...prices);
      result = { cost: low, materials: 0, conversion: 0, how: 'bought', prices: [low, Math.max(...prices)] };
    } else result = { cost: Number.NaN, materials: 0, conversion: 0, how: 'none' };
    visiting.delete(p);
    rolledUp.set(p, result);
    return result;
  };

  for (const p of Object.keys(s.products)) {
    roll(p);
    unitCost.set(p, standard(p));
  }
  return { unitCost, rolledUp };
}

/** A warning before it is positioned in the file. */
export interface CostWarning {
  path: string[];
  message: string;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));

/**
 * Products whose given unitCost is more than COST_TOLERANCE away from their rolled-up cost (a
 * bought product: from every supplier's price).
 */
export function costWarnings(s: Scenario): CostWarning[] {
  const { rolledUp } = standardCosts(s);
  const out: CostWarning[] = [];
  for (const [p, spec] of Object.entries(s.products)) {
    const given = spec.unitCost;
    const r = rolledUp.get(p)!;
    if (given === undefined || !(r.cost > 0)) continue;
    // A bought product is compared with the nearest of its supplier prices.
    const ref = r.prices ? Math.min(Math.max(given, r.prices[0]), r.prices[1]) : r.cost;
    const gap = (given - ref) / ref;
    if (Math.abs(gap) <= COST_TOLERANCE) continue;
    const from =
      r.how === 'made'
        ? `components ${fmt(r.materials)} + production ${fmt(r.conversion)}`
        : r.prices![0] === r.prices![1]
          ? 'supplier price'
          : `supplier prices ${fmt(r.prices![0])}–${fmt(r.prices![1])}`;
    out.push({
      path: ['products', p, 'unitCost'],
      message:
        `unitCost ${fmt(given)} differs from the rolled-up cost ${fmt(ref)} (${from}) by ` +
        `${gap > 0 ? '+' : ''}${(gap * 100).toFixed(0)}%: inventory value and COGS use ${fmt(given)} ` +
        '(omit unitCost to use the rolled-up cost)',
    });
  }
  return out;
}
