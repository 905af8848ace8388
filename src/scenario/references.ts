/**
 * Semantic checks of a scenario that a schema cannot express: every id referenced exists,
 * every stock can be replenished, the network hangs together (no cycles, no orphan sites),
 * and the customer-facing settings make sense together.
 *
 * Each problem carries the path of the offending field (`sites.dc-north.stock.widget.source`),
 * which the loader turns into `file:line:col`.
 *
 * The checks read their input defensively, so the id checks can also run on a scenario that
 * failed schema validation (all problems at once); the structural checks run only on a
 * scenario that passed it.
 */
import { didYouMean, listNames } from './errors.ts';
import { findAllocationProblems } from './allocation-references.ts';
import { findInternalSourcingProblems } from './internal-sourcing-references.ts';
import { findOrderLinesProblems, servedByList } from './order-lines-references.ts';
import { alternateSources, findResilienceProblems, firstSource } from './resilience-references.ts';
import type { Scenario } from './schema.ts';
import { findTransportProblems } from './transport-references.ts';
import { type Obj, obj, str, has, q } from './raw-access.ts';

/** A semantic problem: the path of the offending field (segments) and what is wrong. */
export interface ReferenceProblem {
  path: string[];
  message: string;
}

/**
 * Semantic checks on a validated scenario. Returns one entry per problem, with a
 * dot-separated path (`segments.retail.servedBy`) and a message; empty when all is well.
 */
export function checkReferences(s: Scenario): Array<{ path: string; message: string }> {
  return findReferenceProblems(s, true).map((p) => ({ path: p.path.join('.'), message: p.message }));
}

/**
 * The checks behind `checkReferences`. With `full = false` only unknown or closed ids are
 * reported: these checks are safe on input that failed schema validation.
 */
export function findReferenceProblems(input: unknown, full: boolean): ReferenceProblem[] {
  const root = obj(input);
  const products = obj(root.products);
  const sites = obj(root.sites);
  const segments = obj(root.segments);
  const productIds = Object.keys(products);
  const siteIds = Object.keys(sites);
  const segmentIds = Object.keys(segments);
  const problems: ReferenceProblem[] = [];
  const add = (path: string[], message: string) => problems.push({ path, message });
  /** A reference to a missing/closed site or a missing source: reachability would only add noise. */
  let brokenLinks = false;

  const site = (id: string): Obj => obj(sites[id]);
  const isOpen = (id: string): boolean => site(id).open !== false;
  const stockOf = (id: string): Obj => obj(site(id).stock);
  const isSite = (id: string | undefined): id is string => id !== undefined && has(sites, id);

  /** Reports an unknown product; true when the id names a product. */
  const knownProduct = (id: unknown, path: string[]): boolean => {
    if (typeof id !== 'string') return false;
    if (has(products, id)) return true;
    add(path, `unknown product ${q(id)}${didYouMean(id, productIds)}`);
    return false;
  };
  /** Reports an unknown or closed site; true when the id names an open site. */
  const usableSite = (id: unknown, path: string[], role: string): boolean => {
    if (typeof id !== 'string') return false;
    if (!has(sites, id)) add(path, `unknown site ${q(id)}${didYouMean(id, siteIds)}`);
    else if (!isOpen(id)) add(path, `site ${q(id)} is closed (open: false), so it cannot ${role}`);
    else return true;
    brokenLinks = true;
    return false;
  };

  // --- ids -------------------------------------------------------------------------------
  for (const [p, spec] of Object.entries(products)) {
    const bom = obj(spec).bom;
    if (Array.isArray(bom)) bom.forEach((c, i) => knownProduct(obj(c).product, ['products', p, 'bom', String(i), 'product']));
  }
  for (const id of siteIds) {
    const s = site(id);
    if (s.open === false) continue; // closed sites take no part in the run
    if (s.type === 'supplier') for (const p of Object.keys(obj(s.products))) knownProduct(p, ['sites', id, 'products', p]);
    if (s.type !== 'dc' && s.type !== 'plant') continue;
    if (s.type === 'dc' && s.source !== undefined) usableSite(s.source, ['sites', id, 'source'], 'be a source');
    for (const [p, st] of Object.entries(stockOf(id))) {
      knownProduct(p, ['sites', id, 'stock', p]);
      const src = obj(st).source;
      if (src !== undefined) usableSite(src, ['sites', id, 'stock', p, 'source'], 'be a source');
    }
  }
  for (const [id, raw] of Object.entries(segments)) {
    const seg = obj(raw);
    if (Array.isArray(seg.servedBy)) seg.servedBy.forEach((dc, k) => usableSite(dc, ['segments', id, 'servedBy', String(k)], 'serve customers'));
    else usableSite(seg.servedBy, ['segments', id, 'servedBy'], 'serve customers');
    if (seg.product !== undefined) knownProduct(seg.product, ['segments', id, 'product']);
    for (const p of Object.keys(obj(seg.productMix))) knownProduct(p, ['segments', id, 'productMix', p]);
  }
  const lanes = Array.isArray(root.lanes) ? root.lanes : [];
  lanes.forEach((raw, i) => {
    const lane = obj(raw);
    const from = str(lane.from);
    const to = str(lane.to);
    if (from !== undefined && !has(sites, from)) add(['lanes', String(i), 'from'], `unknown site ${q(from)}${didYouMean(from, siteIds)}`);
    if (to !== undefined && !has(sites, to) && !has(segments, to)) {
      add(['lanes', String(i), 'to'], `unknown site or segment ${q(to)}${didYouMean(to, [...siteIds, ...segmentIds])}`);
    }
    if (full && from !== undefined && from === to) add(['lanes', String(i), 'to'], `a lane must join two different places (from and to are both ${q(from)})`);
  });
  problems.push(...findResilienceProblems(root, full));
  problems.push(...findAllocationProblems(root));
  problems.push(...findInternalSourcingProblems(root, full));
  problems.push(...findTransportProblems(root));
  if (!full) return problems;
  problems.push(...findOrderLinesProblems(root));

  // --- the network as a whole -------------------------------------------------------------
  if (segmentIds.length === 0) add(['segments'], 'the network has no customer segments (add at least one under segments)');
  if (siteIds.length === 0) add(['sites'], 'the network has no sites (add suppliers, plants or dcs under sites)');

  /** Open dcs and plants: the sites that hold stock. */
  const stockingSites = siteIds.filter((id) => isOpen(id) && (site(id).type === 'dc' || site(id).type === 'plant'));
  /** The site replenishing `p` at `id`, with the path of the field that says so. */
  const sourceOf = (id: string, p: string): { src: string; path: string[] } | undefined => {
    const own = str(obj(stockOf(id)[p]).source);
    if (own !== undefined) return { src: own, path: ['sites', id, 'stock', p, 'source'] };
    const first = firstSource(stockOf(id)[p]);
    if (first !== undefined) return { src: first.src, path: ['sites', id, 'stock', p, ...first.field] };
    const dflt = site(id).type === 'dc' ? str(site(id).source) : undefined;
    return dflt !== undefined ? { src: dflt, path: ['sites', id, 'source'] } : undefined;
  };

  // --- replenishment: every stock has a source able to supply it ------------------------------
  for (const id of stockingSites) {
    const isPlant = site(id).type === 'plant';
    for (const p of Object.keys(stockOf(id))) {
      if (!has(products, p)) continue;
      const so = sourceOf(id, p);
      if (so === undefined) {
        if (!isPlant) {
          add(['sites', id, 'stock', p], `dc ${q(id)} has no source for ${q(p)} (give this stock a source, or the dc a default source)`);
          brokenLinks = true; // its would-be source would only be reported as unreachable
          continue;
        }
        // Made at the plant: every component must be stocked there.
        const bom = obj(products[p]).bom;
        for (const c of Array.isArray(bom) ? bom : []) {
          const comp = str(obj(c).product);
          if (comp !== undefined && has(products, comp) && !has(stockOf(id), comp)) {
            add(['sites', id, 'stock', p], `plant ${q(id)} makes ${q(p)} but does not stock its component ${q(comp)} (add ${comp} to this plant's stock, with a source)`);
          }
        }
        continue;
      }
      const forWhat = so.path.length === 3 ? ` (the dc's default source, used for ${q(p)}; give that stock its own source)` : '';
      if (so.src === id) add(so.path, `a site cannot be its own source (${q(id)} for ${q(p)})`);
      else if (isSite(so.src) && isOpen(so.src)) {
        const src = site(so.src);
        if (src.type === 'supplier' && !has(obj(src.products), p)) {
          add(so.path, `supplier ${q(so.src)} does not supply ${q(p)}${forWhat} — it supplies: ${listNames(Object.keys(obj(src.products))) || 'nothing'}`);
        } else if (src.type !== 'supplier' && !has(stockOf(so.src), p)) {
          add(so.path, `site ${q(so.src)} does not stock ${q(p)}, so it cannot supply it${forWhat} — it stocks: ${listNames(Object.keys(stockOf(so.src))) || 'nothing'}`);
        }
      }
    }
  }

  // --- lanes: a flow between two sites without a lane would be free and instant ---------------
  if (root.defaultLane === undefined) {
    const laneKeys = new Set(lanes.map((l) => `${str(obj(l).from)}\u0000${str(obj(l).to)}`));
    for (const id of stockingSites)
      for (const p of Object.keys(stockOf(id))) {
        const so = sourceOf(id, p);
        const flows = so ? [so] : [];
        const st = obj(stockOf(id)[p]);
        const alts = Array.isArray(st.sources) ? st.sources : [];
        alts.forEach((o, i) => {
          const src = str(obj(o).site);
          if (i > 0 && src !== undefined) flows.push({ src, path: ['sites', id, 'stock', p, 'sources', String(i), 'site'] });
        });
        const fb = str(st.fallbackSource);
        if (fb !== undefined) flows.push({ src: fb, path: ['sites', id, 'stock', p, 'fallbackSource'] });
        (Array.isArray(st.fallbackSources) ? st.fallbackSources : []).forEach((f, i) => {
          if (typeof f === 'string') flows.push({ src: f, path: ['sites', id, 'stock', p, 'fallbackSources', String(i)] });
        });
        for (const f of flows)
          if (f.src !== id && isSite(f.src) && isOpen(f.src) && !laneKeys.has(`${f.src}\u0000${id}`))
            add(f.path, `no lane from ${q(f.src)} to ${q(id)}: the flow of ${q(p)} would be free and instant (add {from: ${f.src}, to: ${id}, transitTime, costPerUnit} under lanes, or give defaultLane)`);
      }
  }

  // --- customers --------------------------------------------------------------------------
  for (const [id, raw] of Object.entries(segments)) {
    const seg = obj(raw);
    const by = str(servedByList(seg.servedBy)[0]);
    const ordered = [str(seg.product), ...Object.keys(obj(seg.productMix))].filter(
      (p): p is string => p !== undefined && has(products, p),
    );
    if (seg.onStockout === 'lost' && seg.patienceDays !== undefined) {
      add(['segments', id, 'patienceDays'], 'patienceDays applies to backorders, but with onStockout: lost an order is lost at once (remove patienceDays or use onStockout: backorder)');
    }
    if (seg.minRemainingLife !== undefined && ordered.length > 0 && !ordered.some((p) => obj(products[p]).shelfLifeDays !== undefined)) {
      add(['segments', id, 'minRemainingLife'], `minRemainingLife applies to perishable products, but ${listNames(ordered)} ${ordered.length > 1 ? 'have' : 'has'} no shelfLifeDays (give the product a shelf life, or remove minRemainingLife)`);
    }
    if (!isSite(by) || !isOpen(by)) continue;
    if (site(by).type === 'supplier') {
      add(['segments', id, 'servedBy'], `${q(by)} is a supplier; customers are served by a plant or a dc`);
      continue;
    }
    for (const p of ordered) {
      if (!has(stockOf(by), p)) {
        add(['segments', id, 'servedBy'], `site ${q(by)} does not stock ${q(p)}, which this segment orders — it stocks: ${listNames(Object.keys(stockOf(by))) || 'nothing'}`);
      } else if (seg.onStockout === 'lost' && isMakeToOrder(site(by), obj(stockOf(by)[p]))) {
        add(['segments', id, 'onStockout'], `every order would be lost: ${q(by)} holds ${q(p)} make-to-order, so nothing is on hand when an order arrives (use onStockout: backorder)`);
      }
    }
  }

  // --- cycles -------------------------------------------------------------------------------
  for (const cycle of findCycles(productIds, (p) => bomOf(products[p]))) {
    const [a, b] = cycle as [string, string];
    const idx = bomOf(products[a]).indexOf(b);
    add(['products', a, 'bom', String(idx), 'product'], `bill-of-materials cycle: ${cycle.join(' → ')} (a product cannot contain itself)`);
  }
  for (const p of productIds) {
    const holders = stockingSites.filter((id) => has(stockOf(id), p));
    const next = (id: string): string[] => {
      const so = sourceOf(id, p);
      return so && so.src !== id && holders.includes(so.src) ? [so.src] : [];
    };
    for (const cycle of findCycles(holders, next)) {
      add(sourceOf(cycle[0]!, p)!.path, `replenishment cycle for ${q(p)}: ${cycle.join(' → ')} (each site orders from the next, so no stock ever enters)`);
    }
  }

  // --- reachability: every open site feeds some customer ------------------------------------
  if (brokenLinks || segmentIds.length === 0) return problems;
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (id: string | undefined) => {
    if (id !== undefined && isSite(id) && isOpen(id) && !reached.has(id)) {
      reached.add(id);
      queue.push(id);
    }
  };
  for (const seg of Object.values(segments)) for (const dc of servedByList(obj(seg).servedBy)) reach(str(dc));
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const p of Object.keys(stockOf(id))) {
      reach(sourceOf(id, p)?.src);
      for (const alt of alternateSources(stockOf(id)[p])) reach(alt);
    }
  }
  for (const id of siteIds) {
    if (!isOpen(id) || reached.has(id) || site(id).standby === true) continue;
    const why = site(id).type === 'supplier'
      ? 'no site on a path to a segment sources from it'
      : 'no segment is served by it, and no site on a path to a segment sources from it';
    add(['sites', id], `site ${q(id)} is not reachable from any customer segment (${why}; mark it standby: true if only a variant or option uses it)`);
  }
  return problems;
}

/** The component ids of a product's bill of materials (in order). */
function bomOf(spec: unknown): string[] {
  const bom = obj(spec).bom;
  return (Array.isArray(bom) ? bom : []).map((c) => str(obj(c).product)).filter((c): c is string => c !== undefined);
}

/** True when the stock is held make-to-order: its own policy, the site's, or the plant's mode says so. */
function isMakeToOrder(site: Obj, stock: Obj): boolean {
  const policy = stock.policy ?? site.policy;
  if (policy !== undefined) return obj(policy).type === 'make-to-order';
  return site.type === 'plant' && stock.source === undefined && site.mode === 'make-to-order';
}

/**
 * Every elementary cycle reachable by depth-first search, each once, as `[a, b, …, a]`
 * starting from its first node in `nodes` order. Edges to nodes outside `nodes` are ignored.
 */
function findCycles(nodes: readonly string[], next: (n: string) => string[]): string[][] {
  const inGraph = new Set(nodes);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of next(n)) {
      if (!inGraph.has(m)) continue;
      if (state.get(m) === 'open') {
        const cycle = stack.slice(stack.indexOf(m));
        const key = [...cycle].sort().join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          const first = cycle.reduce((best, c) => (nodes.indexOf(c) < nodes.indexOf(best) ? c : best));
          const k = cycle.indexOf(first);
          const rotated = [...cycle.slice(k), ...cycle.slice(0, k)];
          cycles.push([...rotated, first]);
        }
      } else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
  return cycles;
}
