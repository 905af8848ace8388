/**
 * Semantic checks of multi-line orders and `servedBy` DC lists (schema: order-lines-schema.ts,
 * model: src/model/order-lines.ts), on a scenario that passed schema validation. Each problem
 * carries the path of the offending field, which the loader turns into `file:line:col`.
 */
import { compileDistribution } from '../engine/distributions.ts';
import type { DistributionSpec } from './distribution-schema.ts';
import type { ReferenceProblem } from './references.ts';
import { type Obj, obj, has, q } from './raw-access.ts';

/** The sites of a `servedBy` value, home first (a single id is a list of one). */
export function servedByList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

export function findOrderLinesProblems(root: Obj): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const add = (path: string[], message: string) => problems.push({ path, message });
  const sites = obj(root.sites);
  const products = obj(root.products);
  const lanes = new Set((Array.isArray(root.lanes) ? root.lanes : []).map((l) => `${String(obj(l).from)}\u0000${String(obj(l).to)}`));
  for (const [id, raw] of Object.entries(obj(root.segments))) {
    const seg = obj(raw);
    const ordered = seg.product !== undefined ? [String(seg.product)] : Object.keys(obj(seg.productMix));
    const path = (...rest: string[]) => ['segments', id, ...rest];
    if (Array.isArray(seg.servedBy)) {
      const seen = new Map<string, number>();
      seg.servedBy.forEach((dc: unknown, k: number) => {
        if (typeof dc !== 'string' || !has(sites, dc)) return; // unknown ids: references.ts
        const site = obj(sites[dc]);
        if (seen.has(dc)) {
          add(path('servedBy', String(k)), `${q(dc)} is listed twice (also at position ${seen.get(dc)! + 1}): each DC once, in the order they are tried`);
          return;
        }
        seen.set(dc, k);
        if (site.type !== 'dc') add(path('servedBy', String(k)), `a servedBy list names distribution centers, but ${q(dc)} is a ${String(site.type)} (serve from it alone with servedBy: ${dc})`);
        else if (k > 0 && !ordered.some((p) => has(obj(site.stock), p)))
          add(path('servedBy', String(k)), `fallback DC ${q(dc)} stocks none of the products this segment orders (${ordered.join(', ')}), so it could never ship to it`);
        else if (k > 0 && !lanes.has(`${dc}\u0000${id}`))
          add(path('servedBy', String(k)), `no lane from fallback DC ${q(dc)} to segment ${q(id)}: its deliveries would be free and instant (add {from: ${dc}, to: ${id}, transitTime, costPerUnit} under lanes)`);
      });
    }
    if (seg.linesPerOrder !== undefined) {
      const lines = compileDistribution(seg.linesPerOrder as DistributionSpec);
      const n = ordered.length;
      if (lines.variance === 0 && (lines.mean < 1 || !Number.isInteger(lines.mean)))
        add(path('linesPerOrder'), `an order holds a whole number of lines, at least 1 (got ${lines.mean})`);
      else if (lines.mean > n)
        add(path('linesPerOrder'), `${lines.variance === 0 ? '' : 'on average '}${lines.mean} lines per order, but the segment orders ${n} product${n === 1 ? '' : 's'} (lines are distinct products of its ${seg.product !== undefined ? 'product' : 'productMix'}): add products to productMix or lower linesPerOrder`);
    }
    if (seg.fulfilment === 'shipComplete') {
      const perishable = ordered.filter((p) => obj(products[p]).shelfLifeDays !== undefined);
      if (perishable.length > 0)
        add(path('fulfilment'), `shipComplete is not supported for perishable products (${perishable.join(', ')} ${perishable.length > 1 ? 'have' : 'has'} a shelf life): their age at delivery is taken when units leave the stock; use shipPartial`);
    }
  }
  return problems;
}
