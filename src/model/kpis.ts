/**
 * KPIs of one replication, exactly as DOMAIN.md defines them, packed into one Float64Array:
 * overall KPIs, then per-site KPIs, then per-segment KPIs (then per-product ones, site values,
 * the sourcing KPIs of the sites that use internal sourcing or supplier terms:
 * kpi-sourcing.ts, INTERNAL_SOURCING_KPIS and SUPPLIER_TERMS_KPIS, and in a network with
 * vehicles the transport KPIs, kpi-transport.ts: TRANSPORT_KPIS overall and LANE_KPIS per
 * lane, `lane.<from>-><to>.<kpi>`), then sampled time series. The
 * layout is a pure function of the network, so a vector can cross threads or shard files
 * and be read back by name. A ratio with a zero denominator is NaN ("not applicable").
 */
import { SampleBuffer } from '../engine/samples.ts';
import { writeSegments, writeSeries, writeSites, writeSiteService } from './kpi-breakdown.ts';
import { SAMPLED, SAMPLE_EVERY_DAYS, sampleTimes } from './inventory-series.ts';
import type { Network } from './network.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import { freshnessKpis } from './perishables.ts';
import { reserveTotals, writeSiteReserves } from './allocation.ts';
import { orderLineKpis } from './order-lines-kpis.ts';
import { writePnl } from './pnl.ts';
import { PRODUCT_KPIS, SITE_VALUE_KPIS, writeProducts } from './kpi-products.ts';
import { sourcingKpiNames, writeSourcingKpis } from './kpi-sourcing.ts';
import { LANE_KPIS, TRANSPORT_KPIS, transportKpiNames, writeTransport } from './kpi-transport.ts';

export { LANE_KPIS, TRANSPORT_KPIS };

export { PRODUCT_KPIS, SITE_VALUE_KPIS };
import { ALIGNED_OFFSETS, riskKpis } from './risk.ts';
import { div } from './ratio.ts';

/** Overall KPIs, in vector order. Time averages are over the window [warm-up, horizon]. */
export const OVERALL_KPIS = [
  'fillRate', // units served from on-hand at the moment of demand / units demanded (customers)
  'orderFillRate', // customer orders served complete from stock on arrival / orders
  'cycleServiceLevel', // replenishment cycles without stock-out / cycles (customer-facing stocks)
  'readyRate', // fraction of time on-hand > 0 (mean over customer-facing stocks)
  'otif', // orders delivered complete within the promise / (orders completed + open orders past due)
  'customerLeadTimeMean', // [days] delivery − order time
  'customerLeadTimeP95', // [days]
  'avgOnHand', // [units] time-average on-hand, all stock points
  'avgOnOrder', // [units] time-average pipeline, all stock points
  'avgBackorders', // [units] time-average customer backorders
  'lostSalesUnits', // [units]
  'lostSalesFraction', // lost units / demanded units
  'demandUnits', // [units]
  'unitsDelivered', // [units] shipped to customers
  'orderProcessingWait', // [days] mean wait for a back-office server
  'orderProcessingUtilisation', // busy servers / servers, all back offices
  'orderProcessingProbWait', // orders that found every regular server busy / orders started, all back offices
  'productionUtilisation', // busy lines / lines, all plants
  'orderProcessingQueue', // [orders] time-average orders waiting for a back-office server
  'orderProcessingPeakQueue', // [orders] most orders waiting at once in any back office
  // The P&L, in its order (pnl.ts): every cost line once; [money] over the window.
  'revenue', // units shipped to customers × segment price
  'cogs', // Σ over products: units shipped to customers × standard unit cost
  'grossMargin', // revenue − cogs
  'grossMarginRatio', // grossMargin / revenue
  'costVariance', // goods bought or made above (+) / below (−) their standard cost
  'transportCost',
  'holdingCost',
  'orderingCost',
  'fixedCost', // open sites and production lines, per day
  'logisticsCost', // transport + holding + ordering + fixed
  'staffCost', // regular order-processing servers: working hours × cost per server-hour
  'overtimeCost', // extra order-processing servers, per hour worked
  'backOfficeCost', // staff + overtime
  'backorderCost', // per unit-day on customer backorder
  'lostSaleCost', // per unit lost
  'penaltyCost', // backorder + lost sale
  'disposalCost', // expired units × (standard cost + disposal cost)
  'totalCost', // cogs + costVariance + logistics + back office + penalties + disposal
  'operatingProfit', // grossMargin − costVariance − logistics − back office − penalties − disposal = revenue − totalCost
  'operatingMarginRatio', // operatingProfit / revenue
  'inventoryCost', // holding + ordering [money] (a view, not a P&L line)
  'purchaseSpend', // [money] price × units received from suppliers (not a P&L line: goods enter stock at standard cost)
  'productionSpend', // [money] production cost per unit × units made (not a P&L line, likewise)
  'avgInventoryValue', // [money] time-average on-hand × unit cost
  'avgOnOrderValue', // [money] time-average on order × unit cost
  'avgBackordersValue', // [money] time-average customer backorders × unit cost
  'avgReceivables', // [money]
  'avgPayables', // [money]
  'dio', // [days] avg inventory value / (cogs per day)
  'dso', // [days] avg receivables / (revenue per day)
  'dpo', // [days] avg payables / (purchaseSpend per day)
  'cashToCash', // [days] dio + dso − dpo
  'orderToCashMean', // [days]
  'orderToCashP95',
  'requisitionToPaymentMean', // [days]
  'requisitionToPaymentP95',
  'cashReceipts', // [money] received in the window
  'cashPayments', // [money] paid in the window
  'cashEnd', // [money] initial cash + receipts − payments
  'cashMin', // [money] lowest end-of-day cash
  'lostRevenue', // [money] lost units × segment price
  'disruptionEvents', // disruption windows beginning in the window (see risk.ts)
  'disruptionDays', // [days] time under at least one disruption
  'fillRateBeforeDisruption', // fill rate before the first event (pre-event level)
  'fillRateDuringDisruption', // fill rate on days touched by a disruption
  'fillRateAfterDisruption', // fill rate in the risk.afterDays days after the first event
  'timeToRecover', // [days] event end → recovery KPI back within the band (censored at the horizon)
  // Freshness (perishable products; NaN when none is — definitions in perishables.ts):
  'wasteUnits', // [units] expired units
  'wasteFraction', // expired units / units received from suppliers and production
  'wasteValue', // [money] expired units × unit cost (part of disposalCost)
  'avgAgeOnHand', // [days] time-average age of units on hand
  'avgAgeAtDelivery', // [days] unit-weighted age of units reaching customers
  'shareBelowMinRemainingLife', // demand units finding enough on hand, but not fresh enough / demand units
  // Reserves (allocation.ts; NaN when no stock has one):
  'reserveRefusals', // orders of a priority a reserve excludes that got fewer units on arrival because of it
  'reserveHeldUnits', // [units] the units those orders did not get on arrival
  // Multi-line orders and fallback DCs (order-lines-kpis.ts):
  'lineFillRate', // order lines served complete from stock on arrival / lines (= orderFillRate for single-line orders)
  'linesPerOrder', // [lines/order] mean lines of the orders reaching the stock
  'otherDcShare', // orders with a line shipped from a DC other than the home DC / orders (segments with a servedBy list; NaN when none has)
  'events', // events executed (for throughput figures)
] as const;

export const SITE_KPIS = [
  'fillRate', // all requesters, internal ones included
  'orderFillRate',
  'cycleServiceLevel',
  'readyRate',
  'avgOnHand',
  'avgOnOrder',
  'avgBackorders',
  'replenishmentLeadTime', // [days] unit-weighted order-to-receipt time
  'throughput', // [units/day] issued
  'receiptRate', // [units/day] received
  'backorderDelay', // [days] unit-weighted wait of backordered units
  'ordersPlaced',
  'holdingCost',
  'orderProcessingWait', // [days]
  'orderProcessingUtilisation',
  'productionUtilisation',
  'wasteUnits', // [units] expired here
  'wasteFraction', // expired / received here
  'avgAgeOnHand', // [days]
  'orderProcessingProbWait', // orders that found every regular server busy / orders started
  'backorderRate', // [units/day] backordered units served; Little: avgBackorders ≈ backorderRate × backorderDelay (+ abandoned units × patience)
  // Customer service of the segments this site serves (NaN where it serves none):
  'otif', // orders on time in full / orders (as the overall OTIF)
  'customerLeadTimeMean', // [days]
  'customerLeadTimeP95', // [days] pooled over the site's segments
  'lostSalesUnits', // [units]
  'lostSalesFraction', // lost units / units demanded by its segments
  'reserveRefusals', // as overall, at this site's stocks (NaN where none has a reserve)
  'reserveHeldUnits', // [units]
] as const;

export const SEGMENT_KPIS = [
  'fillRate',
  'orderFillRate',
  'otif',
  'customerLeadTimeMean',
  'customerLeadTimeP95',
  'avgBackorders',
  'lostSalesUnits',
  'lostSalesFraction',
  'demandUnits',
  'orders',
  'revenue',
  'avgAgeAtDelivery', // [days]
  'shareBelowMinRemainingLife', // see perishables.ts
  // The stocks that serve the segment (its product mix at its site):
  'cycleServiceLevel', // their replenishment cycles without stock-out / their cycles
  'readyRate', // fraction of time on-hand > 0, weighted by the segment's product mix
  'lineFillRate', // as overall (order-lines-kpis.ts)
  'linesPerOrder', // [lines/order]
  'otherDcShare', // NaN when the segment has a single DC
] as const;

export type OverallKpi = (typeof OVERALL_KPIS)[number];

export interface SeriesLayout {
  name: string;
  offset: number;
  /** Sample times [days]. */
  times: number[];
}

export interface KpiLayout {
  /** Every KPI id in vector order: `fillRate`, `site.<id>.fillRate`, `segment.<id>.otif`, `product.<id>.cogs`. */
  names: string[];
  siteIds: string[];
  segmentIds: string[];
  /** Product ids, in the network's product order. */
  productIds: string[];
  siteOffset: number;
  segmentOffset: number;
  productOffset: number;
  /** Start of the site values (`site.<id>.avgOnHandValue` …, kpi-products.ts), after the products. */
  siteValueOffset: number;
  /** Start of the transport block (kpi-transport.ts): overall transport KPIs, then `lane.<id>.<kpi>`; = kpiCount without vehicles. */
  transportOffset?: number;
  /** Position in siteIds of each network site (−1 for suppliers). */
  siteSlot: number[];
  /** Number of KPI entries (series excluded). */
  kpiCount: number;
  series: SeriesLayout[];
  /** Total vector length, series included. */
  length: number;
}

export { SAMPLE_EVERY_DAYS };

export function kpiLayout(net: Network): KpiLayout {
  const names: string[] = [...OVERALL_KPIS];
  const siteOffset = names.length;
  for (const s of net.sites) if (s.type !== 'supplier') for (const k of SITE_KPIS) names.push(`site.${s.id}.${k}`);
  const segmentOffset = names.length;
  for (const g of net.segments) for (const k of SEGMENT_KPIS) names.push(`segment.${g.id}.${k}`);
  const productOffset = names.length;
  for (const p of net.products) for (const k of PRODUCT_KPIS) names.push(`product.${p.id}.${k}`);
  const siteValueOffset = names.length;
  const stocking = net.sites.filter((s) => s.type !== 'supplier');
  for (const s of stocking) for (const k of SITE_VALUE_KPIS) names.push(`site.${s.id}.${k}`);
  names.push(...sourcingKpiNames(net.scenario)); // only sites using them (kpi-sourcing.ts)
  const transportOffset = names.length;
  names.push(...transportKpiNames(net.transportLanes));
  const kpiCount = names.length;
  const times = sampleTimes(net);
  const count = times.length;
  // Cash at the end of every 7th day of the window (and of its last day): weekly, like the
  // inventory series, so that keeping series stays cheap for 100,000 replications.
  const days = Math.max(1, Math.ceil(net.horizonDays - net.warmupDays));
  const cashDays: number[] = [];
  for (let d = SAMPLE_EVERY_DAYS; d < days; d += SAMPLE_EVERY_DAYS) cashDays.push(d);
  cashDays.push(days);
  const cashTimes = cashDays.map((d) => Math.min(net.horizonDays, net.warmupDays + d));
  const series: SeriesLayout[] = [
    { name: 'onHand.plants', offset: kpiCount, times },
    { name: 'onHand.dcs', offset: kpiCount + count, times },
    { name: 'cash', offset: kpiCount + 2 * count, times: cashTimes },
    // The weekly service story (inventory-series.ts), after cash so older offsets stay put.
    ...SAMPLED.slice(2).map((name, k) => ({ name, offset: kpiCount + 2 * count + cashTimes.length + k * count, times })),
    // Fill rate around the first disruption, times = days from its start (risk.ts).
    { name: 'fillRate.fromDisruption', offset: kpiCount + 2 * count + cashTimes.length + (SAMPLED.length - 2) * count, times: [...ALIGNED_OFFSETS] },
  ];
  return {
    names,
    siteIds: net.sites.filter((s) => s.type !== 'supplier').map((s) => s.id),
    segmentIds: net.segments.map((g) => g.id),
    productIds: net.products.map((p) => p.id),
    siteOffset,
    segmentOffset,
    productOffset,
    siteValueOffset,
    transportOffset,
    siteSlot: net.sites.map((s) => stocking.indexOf(s)),
    kpiCount,
    series,
    length: kpiCount + 2 * count + cashTimes.length + (SAMPLED.length - 2) * count + ALIGNED_OFFSETS.length,
  };
}

/** Writes the KPIs of a finished replication into `out` (length = layout.length). */
export function collectKpis(rep: Replication, layout: KpiLayout, out: Float64Array): void {
  const net = rep.net;
  const T = net.horizonDays - net.warmupDays;
  const v = zeroedRecord();
  let cycles = 0;
  let cyclesOk = 0;
  let readySum = 0;
  let readyCount = 0;
  for (const sp of rep.stockPoints) {
    v.avgOnHand += sp.intOnHand / T;
    v.avgOnOrder += sp.intOnOrder / T;
    v.avgInventoryValue += (sp.intOnHand / T) * sp.def.unitCost;
    v.avgOnOrderValue += (sp.intOnOrder / T) * sp.def.unitCost;
    if (sp.def.customerFacing) v.avgBackordersValue += (sp.intBackorders / T) * sp.def.unitCost;
    v.holdingCost += sp.intOnHand * sp.def.holdingCostPerUnitDay;
    if (sp.def.customerFacing) {
      cycles += sp.cycles;
      cyclesOk += sp.cyclesWithoutStockout;
      readySum += sp.timePositive / T;
      readyCount++;
    }
  }
  let orders = 0;
  let complete = 0;
  let completed = 0;
  let otif = 0;
  let fromStock = 0;
  let leadSum = 0;
  let leadCount = 0;
  const overdue = overdueOpenOrders(rep);
  for (const s of rep.segments) {
    v.demandUnits += s.demandUnits;
    fromStock += s.unitsFromStock;
    orders += s.ordersAtStock;
    complete += s.ordersCompleteFromStock;
    completed += s.ordersCompleted + overdue[s.def.index]!;
    otif += s.ordersOnTimeInFull;
    v.avgBackorders += s.intBackorders / T;
    v.lostSalesUnits += s.lostUnits;
    v.unitsDelivered += s.unitsDelivered;
    v.revenue += s.revenue;
    v.backorderCost += s.intBackorders * s.def.backorderCostPerUnitDay;
    v.lostSaleCost += s.lostUnits * s.def.lostSalePenaltyPerUnit;
    v.lostRevenue += s.lostUnits * s.def.price;
    leadSum += s.leadTimes.sum;
    leadCount += s.leadTimes.length;
  }
  v.fillRate = div(fromStock, v.demandUnits);
  v.orderFillRate = div(complete, orders);
  v.cycleServiceLevel = div(cyclesOk, cycles);
  v.readyRate = div(readySum, readyCount);
  v.otif = div(otif, completed);
  v.customerLeadTimeMean = div(leadSum, leadCount);
  // Per-segment p95s first: with one segment the pooled p95 is that segment's (same values).
  // A typed array, not Array.prototype.map's result: that array's elements kind depends on the
  // values (all whole numbers or not) and on whether the map call was compiled, and each change
  // deoptimized the batch loop that the event loop is compiled into.
  const segmentP95 = new Float64Array(rep.segments.length);
  for (let i = 0; i < segmentP95.length; i++) segmentP95[i] = rep.segments[i]!.leadTimes.quantile(0.95);
  v.customerLeadTimeP95 = segmentP95.length === 1 ? segmentP95[0]! : pooledQuantile(rep, 0.95);
  v.lostSalesFraction = div(v.lostSalesUnits, v.demandUnits);
  let boWait = 0;
  let boStarted = 0;
  let boWaited = 0;
  let boBusy = 0;
  let boCapacity = 0;
  for (const b of rep.backOffices) {
    boWait += b.waitSum;
    boStarted += b.started;
    boWaited += b.waited;
    boBusy += b.intBusy;
    boCapacity += b.serverDays(net.warmupDays, net.horizonDays);
    v.orderProcessingQueue += b.intQueue / T;
    if (b.peakQueue > v.orderProcessingPeakQueue) v.orderProcessingPeakQueue = b.peakQueue;
    v.overtimeCost += b.extraCost;
  }
  v.orderProcessingWait = div(boWait, boStarted);
  v.orderProcessingUtilisation = div(boBusy, boCapacity);
  // Arrivals that waited / service starts: in steady state orders start at the arrival rate,
  // so this is the probability of waiting (Erlang C for M/M/c; ρ for M/G/1 by PASTA).
  v.orderProcessingProbWait = div(boWaited, boStarted);
  let lineBusy = 0;
  let lineCapacity = 0;
  for (const p of rep.plants) {
    lineBusy += p.intBusy;
    lineCapacity += p.def.lines.length * T;
  }
  v.productionUtilisation = div(lineBusy, lineCapacity);
  Object.assign(v, freshnessKpis(rep));
  [v.reserveRefusals, v.reserveHeldUnits] = reserveTotals(rep, -1);
  Object.assign(v, orderLineKpis(rep));
  writePnl(rep, v, T);
  const f = rep.finance;
  v.avgReceivables = f.receivablesIntegral / T;
  v.avgPayables = f.payablesIntegral / T;
  v.dio = div(v.avgInventoryValue, v.cogs / T);
  v.dso = div(v.avgReceivables, v.revenue / T);
  v.dpo = div(v.avgPayables, v.purchaseSpend / T);
  v.cashToCash = v.dio + v.dso - v.dpo;
  v.orderToCashMean = f.orderToCash.mean();
  v.orderToCashP95 = f.orderToCash.quantile(0.95);
  v.requisitionToPaymentMean = f.requisitionToPayment.mean();
  v.requisitionToPaymentP95 = f.requisitionToPayment.quantile(0.95);
  const initialCash = net.scenario.finance.initialCash;
  v.cashReceipts = f.receipts;
  v.cashPayments = f.payments;
  v.cashEnd = initialCash + f.receipts - f.payments;
  v.cashMin = f.minimumCash(initialCash);
  Object.assign(v, riskKpis(rep));
  v.events = rep.sim.eventsExecuted;
  OVERALL_KPIS.forEach((k, i) => (out[i] = v[k]));
  writeSites(rep, layout, out, T);
  writeSiteReserves(rep, layout.siteSlot, out, layout.siteOffset, SITE_KPIS.length, SITE_KPIS.indexOf('reserveRefusals'));
  writeSiteService(rep, layout, out, overdue, segmentP95);
  writeSegments(rep, layout, out, T, overdue, segmentP95);
  writeProducts(rep, layout, out, T);
  writeSourcingKpis(rep, layout, out);
  writeTransport(rep, layout, out, v.transportCost, v.unitsDelivered);
  writeSeries(rep, layout, out, initialCash);
}

/**
 * Customer orders per segment placed in the measured window, still open at the horizon and
 * already past their promise. OTIF = orders delivered on time in full / orders: such an order
 * has failed, so it joins the denominator (open orders not yet due are left out: their
 * outcome is unknown).
 */
function overdueOpenOrders(rep: Replication): Int32Array {
  const req = rep.requests;
  const end = rep.net.horizonDays;
  const overdue = new Int32Array(rep.segments.length);
  for (let r = 0; r < req.count; r++) {
    if (req.open[r] === 0 || req.kind[r] !== RequestKind.Customer) continue;
    if (rep.orderLines !== null && !rep.orderLines.countsAsOrder(r)) continue; // one per multi-line order
    const seg = rep.segments[req.owner[r]!]!;
    const ordered = req.orderTime[r]!;
    if (ordered >= rep.net.warmupDays && ordered + seg.def.promisedDays < end) overdue[seg.def.index]!++;
  }
  return overdue;
}

/** Reused across replications (one per thread), so pooling allocates nothing once grown. */
const pooled = new SampleBuffer();

/**
 * The overall KPIs being summed, one record per thread reused by every replication (it is
 * copied into the vector before collectKpis returns): building the object anew per replication
 * cost about as much as the rest of the collection.
 */
const record = Object.fromEntries(OVERALL_KPIS.map((k) => [k, 0])) as Record<OverallKpi, number>;

function zeroedRecord(): Record<OverallKpi, number> {
  for (const k of OVERALL_KPIS) record[k] = 0;
  return record;
}

/** Quantile of customer lead times pooled over all segments (end of run only). */
function pooledQuantile(rep: Replication, p: number): number {
  const all = pooled;
  all.clear();
  for (const s of rep.segments) s.leadTimes.appendTo(all);
  return all.quantile(p);
}
