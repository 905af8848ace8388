/**
 * Builds a Network from a validated Scenario: every name resolved to an integer id, every
 * distribution compiled, every policy parameter known. The simulation's hot path then works
 * on arrays indexed by these ids and never looks anything up by string.
 */
import type { OrderProcessingSpec } from '../scenario/back-office-schema.ts';
import type { DistributionSpec } from '../scenario/distribution-schema.ts';
import type { LaneSpec, PlantSpec, Scenario, StockSpec } from '../scenario/schema.ts';
import { standardCosts } from '../scenario/standard-cost.ts';
import { type AllocationDef, compileAllocation } from './allocation.ts';
import { type CompiledPolicy, compilePolicy, derivePolicies } from './policies.ts';
import { buildSegment, type SegmentDef } from './segment-def.ts';
import { type TransportLaneDef, TransportLanes } from './transport-def.ts';

export type { SegmentDef };

/** Where a stock point's replenishment comes from. */
export const enum SourceKind {
  /** An external supplier (lead time, reliability, capacity). */
  Supplier = 0,
  /** Another stock point upstream (a plant's finished goods, a central DC). */
  StockPoint = 1,
  /** The site's own production lines (finished goods at a plant). */
  Production = 2,
}

export type SiteType = 'supplier' | 'plant' | 'dc';

export interface SiteDef {
  index: number;
  id: string;
  type: SiteType;
  /** Fixed cost while open, a plant's production lines included [money per day]. */
  fixedCostPerDay: number;
  region: string | undefined;
}

export interface LaneDef {
  /** Transit time [days]. */
  transitTime: DistributionSpec;
  /** Transport cost [money per unit]. */
  costPerUnit: number;
  /** Transport cost [money per shipment]. */
  costPerShipment: number;
  /**
   * Random stream that drives the transit time: `transit/<from>-><to>`, and per product
   * `transit/<from>-><to>/<product>` for the shipments of one product.
   */
  stream: string;
  /** Index of the lane's vehicles in Network.transportLanes; absent: shipments travel alone. */
  vehicles?: number;
}

/** One product held at one site. */
export interface StockPointDef {
  index: number;
  id: string;
  site: number;
  product: number;
  policy: CompiledPolicy;
  sourceKind: SourceKind;
  /** Supplier site index, upstream stock-point index, or plant index, by sourceKind. */
  sourceIndex: number;
  /** Lane from the source site to this site. */
  inbound: LaneDef;
  /** Purchase price when bought from a supplier [money per unit]. */
  purchasePrice: number;
  /** Holding cost [money per unit-day]. */
  holdingCostPerUnitDay: number;
  /** Fixed cost per replenishment order [money]. */
  orderCost: number;
  /** On-hand at time 0 [units]. */
  initial: number;
  /** Standard cost of the product (given, or rolled up: standard-cost.ts) [money per unit]. */
  unitCost: number;
  /**
   * Made here: what one unit made at this plant costs above (+) or below (−) its standard cost
   * (this plant's production cost + components at their standard cost − unitCost) [money per unit];
   * 0 otherwise.
   */
  productionVariancePerUnit: number;
  /** At a plant: variable cost of making it here [money per unit] (the stock's, else the plant's); read only when made here. */
  productionCostPerUnit: number;
  /** True when customer segments are served from here. */
  customerFacing: boolean;
  /** Storage limit of its site, shared by the site's products [units]; Infinity for none. */
  storageLimit: number;
  /** Reserve and allocation rule (allocation.ts); absent: no reserve, strict priority. */
  allocation?: AllocationDef | null;
}

export interface SupplierDef {
  site: number;
  leadTime: DistributionSpec;
  onTimeProbability: number;
  lateness: DistributionSpec;
  /** Production capacity [units per day], or Infinity. */
  capacityPerDay: number;
  /** Days after receipt that the supplier is paid [days]. */
  paymentTermsDays: number;
}

export interface PlantDef {
  index: number;
  site: number;
  /** Parallel lines (servers); each with a per-unit time distribution or a rate. */
  lines: Array<{ processingTime: DistributionSpec | undefined; capacityPerDay: number }>;
  /** Variable production cost [money per unit]. */
  productionCostPerUnit: number;
}

/** Components consumed per unit produced at a finished-goods stock point. */
export interface BomLine {
  componentStockPoint: number;
  quantityPerUnit: number;
}

export interface BackOfficeDef {
  /** Site id, or `desk/<id>` for a central order desk (names its random stream `backoffice/<id>`). */
  id: string;
  /** Site index, or -1 for a central order desk shared by several DCs. */
  site: number;
  servers: number;
  /** Time to process one order [days of working time]. */
  processingTime: DistributionSpec;
  /** When the servers work; undefined: around the clock. */
  workingHours?: OrderProcessingSpec['workingHours'];
  /** Extra servers called in when the queue is long, paid per hour. */
  extraServers?: OrderProcessingSpec['extraServers'];
  /** Staff cost of each regular server [money per server-hour of working hours]. */
  costPerServerHour: number;
}

export interface Network {
  scenario: Scenario;
  horizonDays: number;
  warmupDays: number;
  products: Array<{ id: string; unitCost: number }>;
  sites: SiteDef[];
  stockPoints: StockPointDef[];
  suppliers: SupplierDef[];
  /** Supplier index by site index (-1 when the site is not a supplier). */
  supplierOfSite: number[];
  plants: PlantDef[];
  plantOfSite: number[];
  /** BOM per stock point (empty unless produced). */
  bom: BomLine[][];
  backOffices: BackOfficeDef[];
  /** Back-office index by site index, or -1. */
  backOfficeOfSite: number[];
  segments: SegmentDef[];
  /**
   * True when some policy is derived from a target service level and some segment's forecast
   * has an error: each replication then plans its policies on its own forecast.
   */
  forecastDriven: boolean;
  /** Stock points of each site. */
  stockPointsOfSite: number[][];
  /** Lanes with vehicles (transport-def.ts); empty when none has. */
  transportLanes: TransportLaneDef[];
  /** Index of the vehicle lane between two sites (by id), or −1 (supplier options of sourcing.ts). */
  transportLaneOf: (from: string, to: string) => number;
}

const ZERO_LANE = (stream: string): LaneDef => ({ transitTime: 0, costPerUnit: 0, costPerShipment: 0, stream });

function laneDef(lane: LaneSpec | undefined, from: string, to: string): LaneDef {
  const stream = `transit/${from}->${to}`;
  if (!lane) return ZERO_LANE(stream);
  return { transitTime: lane.transitTime, costPerUnit: lane.costPerUnit, costPerShipment: lane.costPerShipment, stream };
}

/** Compiles a validated scenario into integer-indexed definitions. */
export function buildNetwork(s: Scenario): Network {
  const productIds = Object.keys(s.products);
  const productIndex = new Map(productIds.map((p, i) => [p, i]));
  const standard = standardCosts(s).unitCost;
  const products = productIds.map((id) => ({ id, unitCost: standard.get(id)! }));
  const lanes = new Map<string, LaneSpec>();
  for (const l of s.lanes) lanes.set(`${l.from}\u0000${l.to}`, l);
  // A flow between two sites without a lane of its own takes the scenario's defaultLane (the
  // reference checks make a missing one an error); a delivery to customers needs none.
  const transport = new TransportLanes(s);
  const findLane = (from: string, to: string) =>
    transport.attach(
      laneDef(lanes.get(`${from}\u0000${to}`) ?? (s.sites[to] !== undefined && s.defaultLane ? { from, to, ...s.defaultLane } : undefined), from, to),
      from,
      to,
    );

  const openSites = Object.entries(s.sites).filter(([, site]) => site.open);
  const siteIndex = new Map(openSites.map(([id], i) => [id, i]));
  const sites: SiteDef[] = openSites.map(([id, site], index) => ({
    index,
    id,
    type: site.type,
    fixedCostPerDay: site.fixedCostPerDay + (site.type === 'plant' ? site.lines.reduce((a, l) => a + l.count * l.fixedCostPerDay, 0) : 0),
    region: site.region,
  }));

  const suppliers: SupplierDef[] = [];
  const supplierOfSite = sites.map(() => -1);
  const plants: PlantDef[] = [];
  const plantOfSite = sites.map(() => -1);
  const backOffices: BackOfficeDef[] = [];
  const backOfficeOfSite = sites.map(() => -1);
  for (const [id, site] of openSites) {
    const si = siteIndex.get(id)!;
    if (site.type === 'supplier') {
      supplierOfSite[si] = suppliers.length;
      suppliers.push({
        site: si,
        leadTime: site.leadTime,
        onTimeProbability: site.onTimeProbability,
        lateness: site.lateness,
        capacityPerDay: site.capacityPerDay ?? Number.POSITIVE_INFINITY,
        paymentTermsDays: site.paymentTermsDays,
      });
    } else if (site.type === 'plant') {
      plantOfSite[si] = plants.length;
      plants.push({
        index: plants.length,
        site: si,
        lines: expandLines(site),
        productionCostPerUnit: site.productionCostPerUnit,
      });
    } else if (site.orderProcessing) {
      backOfficeOfSite[si] = backOffices.length;
      backOffices.push({ id, site: si, ...site.orderProcessing });
    } else if (site.orderDesk !== undefined) {
      // A central order desk: one back office shared by every DC that names it.
      let desk = backOffices.findIndex((b) => b.id === `desk/${site.orderDesk}`);
      if (desk < 0) {
        desk = backOffices.length;
        backOffices.push({ id: `desk/${site.orderDesk}`, site: -1, ...s.orderDesks[site.orderDesk]! });
      }
      backOfficeOfSite[si] = desk;
    }
  }

  // Stock points, in file order of sites then products.
  const stockPoints: StockPointDef[] = [];
  const spIndex = new Map<string, number>();
  const pending: Array<{ def: StockPointDef; stock: StockSpec; sourceId: string | undefined; siteId: string }> = [];
  for (const [siteId, site] of openSites) {
    if (site.type === 'supplier') continue;
    for (const [productId, stock] of Object.entries(site.stock)) {
      const product = productIndex.get(productId)!;
      const policySpec =
        stock.policy ?? site.policy ?? (site.type === 'plant' && site.mode === 'make-to-order' && !stock.source
          ? { type: 'make-to-order' as const }
          : undefined);
      if (!policySpec) throw new Error(`sites.${siteId}.stock.${productId}: no policy (give one here or on the site)`);
      const sourceId = stock.source ?? stock.sources?.[0]?.site ?? (site.type === 'dc' ? site.source : undefined);
      const unitCost = standard.get(productId)!;
      const def: StockPointDef = {
        index: stockPoints.length,
        id: `${siteId}/${productId}`,
        site: siteIndex.get(siteId)!,
        product,
        policy: compilePolicy(policySpec),
        sourceKind: SourceKind.Production,
        sourceIndex: plantOfSite[siteIndex.get(siteId)!]!,
        inbound: ZERO_LANE(`transit/${siteId}`),
        purchasePrice: 0,
        holdingCostPerUnitDay: stock.holdingCostPerUnitDay ?? (unitCost * s.costs.holdingRatePerYear) / 365,
        orderCost: stock.orderCost,
        initial: stock.initial ?? Number.NaN,
        unitCost,
        productionVariancePerUnit: 0,
        productionCostPerUnit: site.type === 'plant' ? (stock.productionCostPerUnit ?? site.productionCostPerUnit) : 0,
        customerFacing: false,
        storageLimit: site.type === 'dc' && site.storageLimit !== undefined ? site.storageLimit : Number.POSITIVE_INFINITY,
      };
      spIndex.set(def.id, def.index);
      stockPoints.push(def);
      pending.push({ def, stock, sourceId, siteId });
    }
  }
  // Resolve sources now that every stock point has an id.
  for (const { def, sourceId, siteId } of pending) {
    if (sourceId === undefined) {
      if (def.sourceIndex < 0) throw new Error(`sites.${siteId}.stock.${products[def.product]!.id}: needs a source`);
      continue;
    }
    const src = s.sites[sourceId];
    const srcIndex = siteIndex.get(sourceId);
    if (!src || srcIndex === undefined) throw new Error(`sites.${siteId}: source "${sourceId}" is not an open site`);
    // One transit stream per (lane, product): a change in one product's flow never shifts
    // the transit times drawn for another product on the same lane.
    const lane = findLane(sourceId, siteId);
    def.inbound = { ...lane, stream: `${lane.stream}/${products[def.product]!.id}` };
    if (src.type === 'supplier') {
      def.sourceKind = SourceKind.Supplier;
      def.sourceIndex = supplierOfSite[srcIndex]!;
      def.purchasePrice = src.products[products[def.product]!.id]?.price ?? 0;
    } else {
      const up = spIndex.get(`${sourceId}/${products[def.product]!.id}`);
      if (up === undefined) throw new Error(`sites.${siteId}: source "${sourceId}" does not stock ${products[def.product]!.id}`);
      def.sourceKind = SourceKind.StockPoint;
      def.sourceIndex = up;
    }
  }

  const bom: BomLine[][] = stockPoints.map((sp) => {
    if (sp.sourceKind !== SourceKind.Production) return [];
    const siteId = sites[sp.site]!.id;
    return (s.products[products[sp.product]!.id]!.bom ?? []).map((line) => {
      const c = spIndex.get(`${siteId}/${line.product}`);
      if (c === undefined) throw new Error(`sites.${siteId}: component ${line.product} is not stocked here`);
      return { componentStockPoint: c, quantityPerUnit: line.quantity };
    });
  });

  for (let i = 0; i < stockPoints.length; i++) {
    const sp = stockPoints[i]!;
    if (sp.sourceKind !== SourceKind.Production) continue;
    let made = sp.productionCostPerUnit - sp.unitCost;
    for (const line of bom[i]!) made += line.quantityPerUnit * stockPoints[line.componentStockPoint]!.unitCost;
    sp.productionVariancePerUnit = made;
  }

  const segments: SegmentDef[] = Object.entries(s.segments).map(([id, seg], index) =>
    buildSegment(id, seg, index, s, siteIndex, spIndex, stockPoints, findLane),
  );

  const network: Network = {
    scenario: s,
    horizonDays: s.horizonDays,
    warmupDays: s.warmupDays,
    products,
    sites,
    stockPoints,
    suppliers,
    supplierOfSite,
    plants,
    plantOfSite,
    bom,
    backOffices,
    backOfficeOfSite,
    segments,
    forecastDriven: false,
    stockPointsOfSite: sites.map((site) => stockPoints.filter((sp) => sp.site === site.index).map((sp) => sp.index)),
    transportLanes: transport.lanes,
    transportLaneOf: (from, to) => transport.indexOf(from, to),
  };
  derivePolicies(network);
  network.forecastDriven = stockPoints.some((sp) => sp.policy.derived) && segments.some((g) => g.forecastErrorCv > 0);
  for (const sp of stockPoints) if (Number.isNaN(sp.initial)) sp.initial = sp.policy.initialStock;
  compileAllocation(network).forEach((a, i) => (stockPoints[i]!.allocation = a));
  return network;
}

function expandLines(site: PlantSpec): PlantDef['lines'] {
  const lines: PlantDef['lines'] = [];
  for (const l of site.lines)
    for (let k = 0; k < l.count; k++)
      lines.push({ processingTime: l.processingTime, capacityPerDay: l.capacityPerDay ?? Number.POSITIVE_INFINITY });
  return lines;
}
