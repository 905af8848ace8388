/**
 * KPIs of one replication, exactly as DOMAIN.md defines them, packed into one Float64Array:
 * overall KPIs, then per-site KPIs, then per-segment KPIs (their ids and definitions in
 * kpi-names.ts; then per-product ones, site values,
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
import { freshnessKpis } from './kpi-freshness.ts';
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

import { OVERALL_KPIS, type OverallKpi, SEGMENT_KPIS, SITE_KPIS } from './kpi-names.ts';

export { OVERALL_KPIS, type OverallKpi, SEGMENT_KPIS, SITE_KPIS };

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
