/**
 * Reference checks for the back office, multiple sourcing and disruptions (called from
 * references.ts): every site, desk and segment they name exists and is of the right kind.
 *
 * Like the other reference checks, they read their input defensively: with `full = false`
 * (input that failed schema validation) only unknown ids are reported.
 */
import { didYouMean, listNames } from './errors.ts';
import type { ReferenceProblem } from './references.ts';
import { type Obj, obj, str, has, q, list } from './raw-access.ts';

/** Required site type of each disruption type that names a `site`. */
const SITE_TYPE: Record<string, string> = { 'supplier-outage': 'supplier', 'plant-down': 'plant', 'dc-closed': 'dc' };

/**
 * Every supplier a stock may buy from besides its `source`: its `sources` and its
 * `fallbackSource` (for reachability: they feed the network too).
 */
export function alternateSources(stock: unknown): string[] {
  const st = obj(stock);
  const out = list(st.sources).map((o) => str(obj(o).site));
  out.push(str(st.fallbackSource));
  for (const f of list(st.fallbackSources)) out.push(str(f));
  return out.filter((s): s is string => s !== undefined);
}

/** The first of a stock's `sources`, with the path of its field, or undefined. */
export function firstSource(stock: unknown): { src: string; field: string[] } | undefined {
  const src = str(obj(list(obj(stock).sources)[0]).site);
  return src !== undefined ? { src, field: ['sources', '0', 'site'] } : undefined;
}

export function findResilienceProblems(root: Obj, full: boolean): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const add = (path: string[], message: string) => problems.push({ path, message });
  const sites = obj(root.sites);
  const segments = obj(root.segments);
  const desks = obj(root.orderDesks);
  const siteIds = Object.keys(sites);
  const segmentIds = Object.keys(segments);
  const site = (id: string): Obj => obj(sites[id]);

  /** Reports an unknown, closed or wrong-kind site; true when usable. */
  const siteOfType = (id: unknown, path: string[], type: string | undefined): id is string => {
    if (typeof id !== 'string') return false;
    if (!has(sites, id)) add(path, `unknown site ${q(id)}${didYouMean(id, siteIds)}`);
    else if (site(id).open === false) add(path, `site ${q(id)} is closed (open: false)`);
    else if (full && type !== undefined && site(id).type !== type) add(path, `${q(id)} is a ${String(site(id).type)}, not a ${type}`);
    else return true;
    return false;
  };

  // --- order desks and multiple sourcing ------------------------------------------------------
  for (const id of siteIds) {
    const s = site(id);
    if (s.open === false) continue;
    const desk = str(s.orderDesk);
    if (desk !== undefined && !has(desks, desk))
      add(['sites', id, 'orderDesk'], `unknown order desk ${q(desk)}${didYouMean(desk, Object.keys(desks))}`);
    if (full && desk !== undefined && s.orderProcessing !== undefined)
      add(['sites', id, 'orderDesk'], 'give orderProcessing (its own back office) or orderDesk (a shared one), not both');
    for (const [p, raw] of Object.entries(obj(s.stock))) {
      const st = obj(raw);
      const path = ['sites', id, 'stock', p];
      list(st.sources).forEach((o, i) => {
        const src = obj(o).site;
        // A plant or dc among sources is internal sourcing (internal-sourcing-references.ts).
        if (siteOfType(src, [...path, 'sources', String(i), 'site'], undefined) && full && site(src).type === 'supplier') suppliesProduct(src, p, [...path, 'sources', String(i), 'site']);
      });
      if (st.fallbackSource !== undefined && siteOfType(st.fallbackSource, [...path, 'fallbackSource'], 'supplier') && full)
        suppliesProduct(st.fallbackSource as string, p, [...path, 'fallbackSource']);
      if (!full) continue;
      if (st.sources !== undefined && st.source !== undefined)
        add([...path, 'sources'], 'give source (one supplier) or sources (split between suppliers), not both');
      if (st.fallbackSource !== undefined && st.sources === undefined) {
        const primary = str(st.source) ?? (s.type === 'dc' ? str(s.source) : undefined);
        if (primary !== undefined && has(sites, primary) && site(primary).type !== 'supplier')
          add([...path, 'fallbackSource'], `a fallback supplier backs up a supplier, but ${q(primary)} is a ${String(site(primary).type)}`);
      }
    }
  }

  function suppliesProduct(supplier: string, product: string, path: string[]): void {
    const products = obj(site(supplier).products);
    if (!has(products, product))
      add(path, `supplier ${q(supplier)} does not supply ${q(product)} — it supplies: ${listNames(Object.keys(products)) || 'nothing'}`);
  }

  // --- disruptions --------------------------------------------------------------------------
  const names = new Map<string, number>();
  list(root.disruptions).forEach((raw, i) => {
    const d = obj(raw);
    const path = ['disruptions', String(i)];
    const type = str(d.type) ?? '';
    const name = str(d.name);
    if (full && name !== undefined) {
      if (names.has(name)) add([...path, 'name'], `disruption name ${q(name)} is used twice (entries ${names.get(name)} and ${i}); names pick random streams, so they must differ`);
      else names.set(name, i);
    }
    if (d.site !== undefined) siteOfType(d.site, [...path, 'site'], SITE_TYPE[type]);
    if (type === 'lane-closed' || type === 'lane-slowed') {
      const from = str(d.from);
      const to = str(d.to);
      if (from !== undefined) siteOfType(from, [...path, 'from'], undefined);
      if (to !== undefined && !has(sites, to) && !has(segments, to))
        add([...path, 'to'], `unknown site or segment ${q(to)}${didYouMean(to, [...siteIds, ...segmentIds])}`);
    }
    list(d.segments).forEach((g, k) => {
      const id = str(g);
      if (id === undefined) return;
      if (!has(segments, id)) add([...path, 'segments', String(k)], `unknown segment ${q(id)}${didYouMean(id, segmentIds)}`);
      else if (full && obj(segments[id]).ordersPerDay === undefined)
        add([...path, 'segments', String(k)], `segment ${q(id)} has renewal arrivals (interarrival); a demand surge needs ordersPerDay`);
    });
  });
  return problems;
}
