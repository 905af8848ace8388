/**
 * The network tables of an import folder — products.csv, bom.csv, sites.csv, policies.csv and
 * lanes.csv — turned into the `products`, `sites` and `lanes` sections of a scenario. Every
 * cross-reference (a policy's site, a lane's ends, a BOM's component) is checked here, in
 * terms of the CSV cell, so a planner never sees a problem located in a YAML file they did not
 * write. Units: days, units of product, money.
 */
import type { Problems, Row, Table } from './csv-table.ts';
import { readTable, uniqueIds } from './csv-table.ts';

type Obj = Record<string, unknown>;

/** The column names of each network table (documented in the README, "Importing data"). */
export const NETWORK_COLUMNS = {
  'products.csv': ['id', 'unit_cost', 'purchase_price', 'shelf_life_days', 'disposal_cost_per_unit'],
  'bom.csv': ['product', 'component', 'quantity'],
  'sites.csv': [
    'id', 'type', 'region', 'fixed_cost_per_day', 'open',
    'lead_time_days', 'lead_time_sd_days', 'on_time_probability', 'lateness_days', 'capacity_per_day', 'payment_terms_days',
    'lines', 'production_cost_per_unit', 'mode',
    'source', 'storage_limit',
  ],
  'policies.csv': ['site', 'product', 'policy', 's', 'S', 'r', 'Q', 'review_days', 'target_service_level', 'source', 'initial', 'order_cost', 'holding_cost_per_unit_day'],
  'lanes.csv': ['from', 'to', 'transit_days', 'transit_sd_days', 'cost_per_unit', 'cost_per_shipment'],
} as const;

const REQUIRED: Record<string, readonly string[]> = {
  'products.csv': ['id'],
  'bom.csv': ['product', 'component', 'quantity'],
  'sites.csv': ['id', 'type'],
  'policies.csv': ['site', 'product'],
  'lanes.csv': ['from', 'to'],
};

/** Reads a network table by name. */
function table(dir: string, name: keyof typeof NETWORK_COLUMNS, problems: Problems, required: boolean): Table | undefined {
  const cols = NETWORK_COLUMNS[name].map((n) => ({ name: n, required: REQUIRED[name]!.includes(n) }));
  return readTable(dir, name, cols, problems, required);
}

/** A time or quantity with an optional sd: a constant, or a gamma with that mean and sd. */
export function meanSd(mean: number, sd: number | undefined): unknown {
  if (!sd || mean <= 0) return mean;
  const shape = (mean * mean) / (sd * sd);
  return { dist: 'gamma', shape: round(shape, 4), scale: round(mean / shape, 4) };
}

/** Rounds to `digits` significant digits (keeps the YAML readable; never to 0 for x > 0). */
export function round(x: number, digits = 4): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}

/** Puts `value` under `key` when it is defined. */
function put(o: Obj, key: string, value: unknown): void {
  if (value !== undefined) o[key] = value;
}

/** What the network tables gave: scenario sections plus the ids later tables refer to. */
export interface NetworkImport {
  products: Record<string, Obj>;
  sites: Record<string, Obj>;
  lanes: Obj[];
  /** Site id → type, for the segments' checks. */
  siteTypes: Map<string, string>;
  /** Every replenishment flow (source → site) and the policies.csv row that makes it. */
  flows: Array<{ row: Row; src: string; site: string; product: string; fromSites: boolean }>;
}

function readProducts(dir: string, problems: Problems, price: Map<string, number>): Record<string, Obj> {
  const products: Record<string, Obj> = {};
  const t = table(dir, 'products.csv', problems, true);
  if (!t) return products;
  for (const [id, row] of uniqueIds(t.rows, 'id')) {
    const p: Obj = {};
    const unit = row.num('unit_cost', { min: 0 });
    put(p, 'unitCost', unit);
    price.set(id, row.num('purchase_price', { min: 0 }) ?? unit ?? 0);
    put(p, 'shelfLifeDays', row.num('shelf_life_days', { gt: 0 }));
    put(p, 'disposalCostPerUnit', row.num('disposal_cost_per_unit', { min: 0 }));
    products[id] = p;
  }
  return products;
}

function readBom(dir: string, problems: Problems, products: Record<string, Obj>): void {
  const t = table(dir, 'bom.csv', problems, false);
  if (!t) return;
  for (const row of t.rows) {
    const parent = knownProduct(row, 'product', products);
    const component = knownProduct(row, 'component', products);
    const quantity = row.num('quantity', { required: true, gt: 0 });
    if (parent && component && parent === component) row.problem('component', `"${parent}" cannot be a component of itself`);
    if (!parent || !component || quantity === undefined || parent === component) continue;
    const bom = ((products[parent]!.bom as Obj[] | undefined) ??= []);
    if (bom.some((b) => b.product === component)) row.problem('component', `"${component}" is already in the BOM of "${parent}"`);
    else bom.push({ product: component, quantity });
  }
}

function knownProduct(row: Row, column: string, products: Record<string, Obj>): string | undefined {
  const id = row.id(column);
  if (id !== undefined && !(id in products)) row.problem(column, `unknown product "${id}" (not in products.csv)`);
  return id !== undefined && id in products ? id : undefined;
}

function readSite(row: Row, type: string): Obj {
  const s: Obj = { type };
  put(s, 'region', row.text('region') || undefined);
  put(s, 'fixedCostPerDay', row.num('fixed_cost_per_day', { min: 0 }));
  put(s, 'open', row.bool('open'));
  if (type === 'supplier') {
    s.products = {};
    const lt = row.num('lead_time_days', { required: true, min: 0 });
    s.leadTime = meanSd(lt ?? 0, row.num('lead_time_sd_days', { min: 0 }));
    put(s, 'onTimeProbability', row.num('on_time_probability', { min: 0, max: 1 }));
    put(s, 'lateness', row.num('lateness_days', { min: 0 }));
    put(s, 'capacityPerDay', row.num('capacity_per_day', { gt: 0 }));
    put(s, 'paymentTermsDays', row.num('payment_terms_days', { min: 0 }));
  } else if (type === 'plant') {
    put(s, 'mode', row.oneOf('mode', ['make-to-stock', 'make-to-order'] as const));
    const count = row.num('lines', { integer: true, gt: 0 }) ?? 1;
    const rate = row.num('capacity_per_day', { required: true, gt: 0 });
    s.lines = [{ count, capacityPerDay: rate ?? 1 }];
    put(s, 'productionCostPerUnit', row.num('production_cost_per_unit', { min: 0 }));
    s.stock = {};
  } else {
    put(s, 'storageLimit', row.num('storage_limit', { gt: 0 }));
    s.stock = {};
  }
  return s;
}

function readSites(dir: string, problems: Problems, siteTypes: Map<string, string>): Record<string, Obj> {
  const sites: Record<string, Obj> = {};
  const t = table(dir, 'sites.csv', problems, true);
  if (!t) return sites;
  for (const [id, row] of uniqueIds(t.rows, 'id')) {
    const type = row.oneOf('type', ['supplier', 'plant', 'dc'] as const, true);
    if (!type) continue;
    siteTypes.set(id, type);
    sites[id] = readSite(row, type);
  }
  // A DC's default source is checked once every site is known.
  for (const row of t.rows) {
    const id = row.text('id');
    const src = row.id('source', false);
    if (src === undefined || !sites[id]) continue;
    if (siteTypes.get(id) !== 'dc') row.problem('source', 'only a dc has a default source (give sources per product in policies.csv)');
    else if (!siteTypes.has(src)) row.problem('source', `unknown site "${src}" (not in sites.csv)`);
    else sites[id]!.source = src;
  }
  return sites;
}

const POLICIES = ['base-stock', 'sS', 'rQ', 'RS', 'make-to-order'] as const;

/** The policy object of a policies.csv row (schema field names), or undefined for none given. */
function readPolicy(row: Row): Obj | undefined {
  const type = row.oneOf('policy', POLICIES);
  const p: Obj = {};
  put(p, 's', row.num('s'));
  put(p, 'S', row.num('S', { min: 0 }));
  put(p, 'r', row.num('r'));
  put(p, 'Q', row.num('Q', { gt: 0 }));
  put(p, 'targetServiceLevel', row.num('target_service_level', { min: 0, max: 1 }));
  const review = row.num('review_days', { gt: 0 });
  if (!type) return undefined;
  const allowed: Record<string, string[]> = { 'base-stock': ['S'], sS: ['s', 'S'], rQ: ['r', 'Q'], RS: ['S'], 'make-to-order': [] };
  for (const k of Object.keys(p)) {
    if (k !== 'targetServiceLevel' && !allowed[type]!.includes(k)) row.problem(k, `a ${type} policy has no ${k}`);
  }
  if (type === 'make-to-order') return { type };
  const given = (k: string) => p[k] !== undefined;
  const tsl = given('targetServiceLevel');
  const missing = (k: string) => row.problem(k, `a ${type} policy needs ${k}, or target_service_level`);
  if (type === 'sS' && !tsl) (['s', 'S'] as const).filter((k) => !given(k)).forEach(missing);
  if ((type === 'base-stock' || type === 'RS') && !tsl && !given('S')) missing('S');
  if (type === 'rQ' && !tsl) (['r', 'Q'] as const).filter((k) => !given(k)).forEach(missing);
  if (type === 'sS' && given('s') && given('S') && (p.s as number) > (p.S as number)) row.problem('s', `s (${p.s}) must not exceed S (${p.S})`);
  if (type === 'RS') {
    if (review === undefined) row.problem('review_days', 'an RS policy needs review_days (its review period R)');
    return { type, R: review ?? 1, ...p };
  }
  return review === undefined ? { type, ...p } : { type, ...p, review: { period: review } };
}

function readPolicies(dir: string, problems: Problems, net: NetworkImport, price: Map<string, number>): void {
  const t = table(dir, 'policies.csv', problems, true);
  if (!t) return;
  const seen = new Map<string, number>();
  for (const row of t.rows) {
    const siteId = row.id('site');
    const product = knownProduct(row, 'product', net.products);
    const policy = readPolicy(row);
    const src = row.id('source', false);
    const initial = row.num('initial', { min: 0 });
    const orderCost = row.num('order_cost', { min: 0 });
    const holding = row.num('holding_cost_per_unit_day', { min: 0 });
    if (siteId === undefined || product === undefined) continue;
    const type = net.siteTypes.get(siteId);
    if (!type) {
      row.problem('site', `unknown site "${siteId}" (not in sites.csv)`);
      continue;
    }
    if (type === 'supplier') {
      row.problem('site', `"${siteId}" is a supplier: suppliers hold no stock (a stock sourced from it makes it supply the product)`);
      continue;
    }
    const key = `${siteId}/${product}`;
    if (seen.has(key)) {
      row.problem('product', `"${product}" at "${siteId}" is already on line ${seen.get(key)}`);
      continue;
    }
    seen.set(key, row.line);
    const stock: Obj = {};
    put(stock, 'policy', policy);
    if (src !== undefined) {
      const srcType = net.siteTypes.get(src);
      if (!srcType) row.problem('source', `unknown site "${src}" (not in sites.csv)`);
      else if (src === siteId) row.problem('source', 'a site cannot source from itself');
      else {
        stock.source = src;
        net.flows.push({ row, src, site: siteId, product, fromSites: false });
        // A stock bought from a supplier makes the supplier sell it, at the product's purchase price.
        if (srcType === 'supplier') (net.sites[src]!.products as Obj)[product] = { price: price.get(product) ?? 0 };
      }
    } else if (type === 'dc' && net.sites[siteId]!.source === undefined) {
      row.problem('source', `a dc needs a source for "${product}" (here, or the site's source in sites.csv)`);
    } else if (type === 'dc') {
      net.flows.push({ row, src: net.sites[siteId]!.source as string, site: siteId, product, fromSites: true });
    }
    put(stock, 'initial', initial);
    put(stock, 'orderCost', orderCost);
    put(stock, 'holdingCostPerUnitDay', holding);
    (net.sites[siteId]!.stock as Obj)[product] = stock;
  }
  for (const [id, s] of Object.entries(net.sites)) {
    if (s.type === 'supplier' && Object.keys(s.products as Obj).length === 0)
      t.problem(`supplier "${id}" supplies nothing: no row here has source ${id}`);
    if (s.type !== 'supplier' && Object.keys(s.stock as Obj).length === 0) t.problem(`site "${id}" holds no product: give it at least one row here`);
  }
}

function readLanes(dir: string, problems: Problems, net: NetworkImport, segments: ReadonlySet<string>): void {
  const t = table(dir, 'lanes.csv', problems, false);
  if (!t) return;
  for (const row of t.rows) {
    const from = row.id('from');
    const to = row.id('to');
    const transit = row.num('transit_days', { min: 0 }) ?? 0;
    const sd = row.num('transit_sd_days', { min: 0 });
    const lane: Obj = { from, to, transitTime: meanSd(transit, sd) };
    put(lane, 'costPerUnit', row.num('cost_per_unit', { min: 0 }));
    put(lane, 'costPerShipment', row.num('cost_per_shipment', { min: 0 }));
    if (from !== undefined && !net.siteTypes.has(from)) row.problem('from', `unknown site "${from}" (not in sites.csv)`);
    if (to !== undefined && !net.siteTypes.has(to) && !segments.has(to)) row.problem('to', `unknown site or segment "${to}" (not in sites.csv or segments.csv)`);
    net.lanes.push(lane);
  }
}

/** Reads the network tables; `segments` are the segment ids (lanes may end at one). */
export function readNetwork(dir: string, problems: Problems, segments: ReadonlySet<string>): NetworkImport {
  const price = new Map<string, number>();
  const siteTypes = new Map<string, string>();
  const products = readProducts(dir, problems, price);
  readBom(dir, problems, products);
  const net: NetworkImport = { products, sites: readSites(dir, problems, siteTypes), lanes: [], siteTypes, flows: [] };
  readPolicies(dir, problems, net, price);
  readLanes(dir, problems, net, segments);
  // Every flow between two open sites needs a lane (the scenario's rule: none would be free
  // and instant); said here against the policies.csv row that makes the flow.
  const laneKeys = new Set(net.lanes.map((l) => `${l.from}\u0000${l.to}`));
  for (const f of net.flows) {
    if (net.sites[f.src]?.open === false || laneKeys.has(`${f.src}\u0000${f.site}`)) continue;
    const why = f.fromSites ? ` (${f.site}'s source in sites.csv)` : '';
    f.row.problem(f.fromSites ? 'site' : 'source', `no lane from "${f.src}"${why} to "${f.site}" for "${f.product}": add the row ${f.src},${f.site},… to lanes.csv`);
  }
  return net;
}
