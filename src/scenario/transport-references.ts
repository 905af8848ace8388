/**
 * Checks of lanes with vehicles that the schema cannot express (transport-schema.ts): a
 * weight or volume capacity needs that measure on every product the lane carries, and one
 * unit of each must fit in a vehicle. Reads its input defensively (safe on a scenario that
 * failed schema validation), so these problems come with all the others.
 */
import { isMapping } from './document.ts';
import type { ReferenceProblem } from './references.ts';
import { type Obj, obj, num } from './raw-access.ts';

const MEASURES = [
  ['units', undefined],
  ['weight', 'weightPerUnit'],
  ['volume', 'volumePerUnit'],
] as const;

/** Problems of every lane's `vehicles`; empty when all is well. */
export function findTransportProblems(root: Obj): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const products = obj(root.products);
  const sites = obj(root.sites);
  const segments = obj(root.segments);
  const lanes = Array.isArray(root.lanes) ? root.lanes : [];
  lanes.forEach((raw, i) => {
    const lane = obj(raw);
    if (!isMapping(lane.vehicles)) return;
    const v = obj(lane.vehicles);
    const capacity = typeof v.capacity === 'number' ? { units: v.capacity } : obj(v.capacity);
    const carried = productsOn(lane, sites, segments, products);
    for (const [measure, key] of MEASURES) {
      const cap = num(capacity[measure]);
      if (cap === undefined || cap <= 0) continue;
      const path = ['lanes', String(i), 'vehicles', 'capacity', ...(typeof v.capacity === 'number' ? [] : [measure])];
      const missing: string[] = [];
      const tooBig: string[] = [];
      for (const p of carried) {
        const perUnit = key === undefined ? 1 : num(obj(products[p])[key]);
        if (perUnit === undefined) missing.push(p);
        else if (perUnit > cap) tooBig.push(`${JSON.stringify(p)} (${perUnit})`);
      }
      if (missing.length > 0)
        problems.push({
          path,
          message: `a ${measure} capacity needs ${key} on every product the lane carries: missing on ${missing.map((p) => JSON.stringify(p)).join(', ')} (give products.<id>.${key})`,
        });
      if (tooBig.length > 0)
        problems.push({ path, message: `one unit is larger than a vehicle (${measure} ${cap}): ${tooBig.join(', ')}` });
    }
  });
  return problems;
}

/**
 * Products a lane can carry: a delivery lane, its segment's products; a lane between sites,
 * the products its destination stocks (all of them when the destination is unknown).
 */
function productsOn(lane: Obj, sites: Obj, segments: Obj, products: Obj): string[] {
  const to = typeof lane.to === 'string' ? lane.to : '';
  const seg = Object.prototype.hasOwnProperty.call(segments, to) ? obj(segments[to]) : undefined;
  if (seg !== undefined) {
    if (typeof seg.product === 'string') return [seg.product];
    return Object.keys(obj(seg.productMix));
  }
  const site = Object.prototype.hasOwnProperty.call(sites, to) ? obj(sites[to]) : undefined;
  const stocked = site === undefined ? Object.keys(products) : Object.keys(obj(site.stock));
  return stocked.filter((p) => Object.prototype.hasOwnProperty.call(products, p));
}
