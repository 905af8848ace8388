/**
 * Reference checks for internal sourcing (called from references.ts): a stock's `sources`
 * that are plants or dcs, and its `fallbackSources`. Each named site must be an open plant
 * or dc that stocks the product, other than the stock's own site, named once; a stock's
 * sources are all suppliers or all plants/dcs; fallbacks back up a plant/dc source; and no
 * chain of regular sources (`source`, `sources`) returns to where it started — fallbacks
 * may (two dcs backing each other up: a fallback ships only what it has on hand).
 *
 * Reads its input defensively like the other reference checks: with `full = false` (input
 * that failed schema validation) only unknown ids are reported.
 */
import { didYouMean, listNames } from './errors.ts';
import type { ReferenceProblem } from './references.ts';
import { type Obj, obj, str, has, q, list } from './raw-access.ts';

export function findInternalSourcingProblems(root: Obj, full: boolean): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const add = (path: string[], message: string) => problems.push({ path, message });
  const sites = obj(root.sites);
  const segments = obj(root.segments);
  const siteIds = Object.keys(sites);
  const site = (id: string): Obj => obj(sites[id]);
  const internal = (id: string | undefined): boolean => id !== undefined && has(sites, id) && site(id).type !== 'supplier';
  /** Regular internal sources of each (site, product), for the cycle check. */
  const edges = new Map<string, string[]>();

  for (const id of siteIds) {
    const s = site(id);
    if (s.open === false || (s.type !== 'dc' && s.type !== 'plant')) continue;
    for (const [p, raw] of Object.entries(obj(s.stock))) {
      const st = obj(raw);
      const path = ['sites', id, 'stock', p];
      const srcs = list(st.sources).map((o) => str(obj(o).site));
      const fbs = list(st.fallbackSources).map(str);
      /** An internal source or fallback: an open plant/dc other than this site that stocks p. */
      const check = (src: string | undefined, at: string[], role: string): void => {
        if (src === undefined) return;
        if (!has(sites, src)) {
          // Unknown sources are reported with the other sources (resilience-references.ts).
          if (role === 'fallback source')
            add(at, has(segments, src) ? `${q(src)} is a customer segment; a ${role} is a plant or dc` : `unknown site ${q(src)}${didYouMean(src, siteIds)}`);
          return;
        }
        if (!full) return;
        if (src === id) add(at, `a site cannot be its own ${role} (${q(id)} for ${q(p)})`);
        else if (site(src).open === false) add(at, `site ${q(src)} is closed (open: false), so it cannot be a ${role}`);
        else if (site(src).type === 'supplier') add(at, `${q(src)} is a supplier; a ${role} here is a plant or dc (fallbackSource backs up suppliers)`);
        else if (!has(obj(site(src).stock), p))
          add(at, `site ${q(src)} does not stock ${q(p)}, so it cannot supply it — it stocks: ${listNames(Object.keys(obj(site(src).stock))) || 'nothing'}`);
      };
      const anyInternal = srcs.some(internal);
      srcs.forEach((src, i) => {
        const at = [...path, 'sources', String(i), 'site'];
        if (anyInternal) check(src, at, 'source');
        if (full && src !== undefined && srcs.indexOf(src) < i) add(at, `${q(src)} is listed twice in sources (give it one share)`);
      });
      if (full && anyInternal && srcs.some((src) => src !== undefined && has(sites, src) && site(src).type === 'supplier'))
        add([...path, 'sources'], 'sources are either all suppliers or all plants/dcs (mixing them is not supported)');
      fbs.forEach((src, i) => {
        const at = [...path, 'fallbackSources', String(i)];
        check(src, at, 'fallback source');
        if (full && src !== undefined && fbs.indexOf(src) < i) add(at, `${q(src)} is listed twice in fallbackSources`);
        const own = srcs.length > 0 ? srcs : [str(st.source) ?? (s.type === 'dc' ? str(s.source) : undefined)];
        if (full && src !== undefined && own.length === 1 && own[0] === src) add(at, `${q(src)} is this stock's own source; a fallback is another plant or dc`);
      });
      if (!full) continue;
      const primary = srcs[0] ?? str(st.source) ?? (s.type === 'dc' ? str(s.source) : undefined);
      if (fbs.length > 0) {
        if (primary === undefined) add([...path, 'fallbackSources'], `fallbackSources back up a plant/dc source, but ${q(p)} at ${q(id)} has no source (it is made here)`);
        else if (has(sites, primary) && site(primary).type === 'supplier')
          add([...path, 'fallbackSources'], `fallbackSources back up a plant/dc source, but ${q(primary)} is a supplier (use fallbackSource for a supplier in an outage)`);
      }
      const regular = srcs.length > 0 ? srcs : [primary];
      const key = `${p}\u0000${id}`;
      edges.set(key, regular.filter((x): x is string => x !== undefined && internal(x) && x !== id && has(obj(site(x).stock), p)));
    }
  }
  if (!full) return problems;

  // Cycles through regular internal sources with more than one source (single-source cycles
  // are reported by references.ts): A orders from B, B from A — no stock ever enters that way.
  const reported = new Set<string>();
  for (const [key, next] of edges) {
    const [p, start] = key.split('\u0000') as [string, string];
    const srcs = list(obj(obj(site(start).stock)[p]).sources);
    if (srcs.length < 2) continue;
    const seen = new Set<string>([start]);
    const stack = [...next];
    let back = false;
    while (stack.length > 0 && !back) {
      const n = stack.pop()!;
      if (n === start) back = true;
      else if (!seen.has(n)) {
        seen.add(n);
        stack.push(...(edges.get(`${p}\u0000${n}`) ?? []));
      }
    }
    const cycleKey = `${p}\u0000${[...seen].sort().join(',')}`;
    if (back && !reported.has(cycleKey)) {
      reported.add(cycleKey);
      add(['sites', start, 'stock', p, 'sources'], `sourcing cycle for ${q(p)}: ${q(start)} orders from a site that (directly or through others) orders from ${q(start)} — no stock enters that loop (a fallbackSources entry may point back; a share may not)`);
    }
  }
  return problems;
}
