/**
 * The per-site and per-segment parts of a replication's KPI vector, and its sampled time
 * series (see kpis.ts for the layout, kpi-names.ts for the definitions).
 */
import { SampleBuffer } from '../engine/samples.ts';
import { type KpiLayout, SEGMENT_KPIS, SITE_KPIS, type SeriesLayout } from './kpis.ts';
import { writeSegmentOrderLineKpis } from './order-lines-kpis.ts';
import { segmentFreshness, siteFreshness } from './kpi-freshness.ts';
import type { Replication } from './replication.ts';
import { div } from './ratio.ts';
import { alignedFillRate } from './risk.ts';

/** Per-site sums over its stock points [units, unit-days or counts, as the KPIs need]. */
interface SiteCounts {
  cycles: number;
  ok: number;
  ready: number;
  stocks: number;
  req: number;
  reqOk: number;
  dem: number;
  fromStock: number;
  recv: number;
  lt: number;
  boUnits: number;
  boDelay: number;
}

export function writeSites(rep: Replication, layout: KpiLayout, out: Float64Array, T: number): void {
  // Looked up here, not at module load: kpis.ts and this module import each other.
  const SITE_PROB_WAIT = SITE_KPIS.indexOf('orderProcessingProbWait');
  const SITE_BACKORDER_RATE = SITE_KPIS.indexOf('backorderRate');
  const net = rep.net;
  const siteIndex = new Map(layout.siteIds.map((id, i) => [id, i]));
  const n = SITE_KPIS.length;
  // Sums go straight into the site's block of `out` (site i at siteOffset + i·n). `counts` is
  // built by a loop, not Array.prototype.map: the kind of array map returns differs between
  // compiled and uncompiled code, and the batch loop this is compiled into deoptimized on it.
  out.fill(0, layout.siteOffset, layout.siteOffset + layout.siteIds.length * n);
  const counts: SiteCounts[] = [];
  for (let i = 0; i < layout.siteIds.length; i++)
    counts.push({ cycles: 0, ok: 0, ready: 0, stocks: 0, req: 0, reqOk: 0, dem: 0, fromStock: 0, recv: 0, lt: 0, boUnits: 0, boDelay: 0 });
  for (const sp of rep.stockPoints) {
    const i = siteIndex.get(net.sites[sp.def.site]!.id)!;
    const o = layout.siteOffset + i * n;
    const c = counts[i]!;
    c.dem += sp.demandUnits;
    c.fromStock += sp.unitsFromStock;
    c.req += sp.requests;
    c.reqOk += sp.requestsCompleteFromStock;
    c.cycles += sp.cycles;
    c.ok += sp.cyclesWithoutStockout;
    c.ready += sp.timePositive / T;
    c.stocks++;
    c.recv += sp.unitsReceived;
    c.lt += sp.unitLeadTimeSum;
    c.boUnits += sp.backorderedUnitsServed;
    c.boDelay += sp.backorderDelaySum;
    out[o + 4]! += sp.intOnHand / T;
    out[o + 5]! += sp.intOnOrder / T;
    out[o + 6]! += sp.intBackorders / T;
    out[o + 8]! += sp.unitsIssued / T;
    out[o + 9]! += sp.unitsReceived / T;
    out[o + 11]! += sp.ordersPlaced;
    out[o + 12]! += sp.intOnHand * sp.def.holdingCostPerUnitDay;
  }
  layout.siteIds.forEach((id, i) => {
    const o = layout.siteOffset + i * n;
    const c = counts[i]!;
    out[o] = div(c.fromStock, c.dem);
    out[o + 1] = div(c.reqOk, c.req);
    out[o + 2] = div(c.ok, c.cycles);
    out[o + 3] = div(c.ready, c.stocks);
    out[o + 7] = div(c.lt, c.recv);
    out[o + 10] = div(c.boDelay, c.boUnits);
    const site = net.sites.find((s) => s.id === id)!;
    const bo = net.backOfficeOfSite[site.index]!;
    const b = bo >= 0 ? rep.backOffices[bo]! : null;
    out[o + 13] = b ? div(b.waitSum, b.started) : Number.NaN;
    out[o + 14] = b ? div(b.intBusy, b.serverDays(net.warmupDays, net.horizonDays)) : Number.NaN;
    const pl = net.plantOfSite[site.index]!;
    const p = pl >= 0 ? rep.plants[pl]! : null;
    out[o + 15] = p ? div(p.intBusy, p.def.lines.length * T) : Number.NaN;
    out.set(siteFreshness(rep, site.index), o + 16);
    out[o + SITE_PROB_WAIT] = b ? div(b.waited, b.started) : Number.NaN;
    out[o + SITE_BACKORDER_RATE] = c.boUnits / T;
  });
}

/** Reused across replications (one per thread): lead times pooled over a site's segments. */
const sitePool = new SampleBuffer();

/**
 * Customer service per site, over the segments it serves: OTIF, customer lead time (mean,
 * p95), lost sales. NaN for a site that serves no segment. `overdue` and `leadTimeP95` as in
 * writeSegments.
 */
export function writeSiteService(rep: Replication, layout: KpiLayout, out: Float64Array, overdue: Int32Array, leadTimeP95: Float64Array): void {
  const n = SITE_KPIS.length;
  const first = SITE_KPIS.indexOf('otif');
  const net = rep.net;
  layout.siteIds.forEach((id, i) => {
    const o = layout.siteOffset + i * n + first;
    const site = net.sites.find((s) => s.id === id)!.index;
    let segments = 0;
    let only = -1;
    let onTime = 0;
    let completed = 0;
    let leadSum = 0;
    let leadCount = 0;
    let lost = 0;
    let demanded = 0;
    for (const s of rep.segments) {
      if (s.def.site !== site) continue;
      segments++;
      only = s.def.index;
      onTime += s.ordersOnTimeInFull;
      completed += s.ordersCompleted + overdue[s.def.index]!;
      leadSum += s.leadTimes.sum;
      leadCount += s.leadTimes.length;
      lost += s.lostUnits;
      demanded += s.demandUnits;
    }
    if (segments === 0) {
      out.fill(Number.NaN, o, o + 5);
      return;
    }
    out[o] = div(onTime, completed);
    out[o + 1] = div(leadSum, leadCount);
    if (segments === 1) out[o + 2] = leadTimeP95[only]!;
    else {
      sitePool.clear();
      for (const s of rep.segments) if (s.def.site === site) s.leadTimes.appendTo(sitePool);
      out[o + 2] = sitePool.quantile(0.95);
    }
    out[o + 3] = lost;
    out[o + 4] = div(lost, demanded);
  });
}

/**
 * `overdue`: open customer orders past their promise at the horizon, per segment; `leadTimeP95`:
 * each segment's p95 customer lead time [days] (both from kpis.ts).
 */
export function writeSegments(
  rep: Replication,
  layout: KpiLayout,
  out: Float64Array,
  T: number,
  overdue: Int32Array,
  leadTimeP95: Float64Array,
): void {
  // Looked up here, not at module load: kpis.ts and this module import each other.
  const SEGMENT_CSL = SEGMENT_KPIS.indexOf('cycleServiceLevel');
  const SEGMENT_READY = SEGMENT_KPIS.indexOf('readyRate');
  const SEGMENT_LINES = SEGMENT_KPIS.indexOf('lineFillRate');
  rep.segments.forEach((s, i) => {
    const o = layout.segmentOffset + i * SEGMENT_KPIS.length;
    out[o] = div(s.unitsFromStock, s.demandUnits);
    out[o + 1] = div(s.ordersCompleteFromStock, s.ordersAtStock);
    out[o + 2] = div(s.ordersOnTimeInFull, s.ordersCompleted + overdue[i]!);
    out[o + 3] = s.leadTimes.mean();
    out[o + 4] = leadTimeP95[i]!;
    out[o + 5] = s.intBackorders / T;
    out[o + 6] = s.lostUnits;
    out[o + 7] = div(s.lostUnits, s.demandUnits);
    out[o + 8] = s.demandUnits;
    out[o + 9] = s.orders;
    out[o + 10] = s.revenue;
    out.set(segmentFreshness(rep, i), o + 11);
    // The stocks serving the segment: their cycles, and their ready rates weighted by the mix.
    let cycles = 0;
    let ok = 0;
    let ready = 0;
    let prev = 0;
    const d = s.def;
    for (let k = 0; k < d.stockPoints.length; k++) {
      const sp = rep.stockPoints[d.stockPoints[k]!]!;
      cycles += sp.cycles;
      ok += sp.cyclesWithoutStockout;
      ready += (d.cumulativeWeights[k]! - prev) * (sp.timePositive / T);
      prev = d.cumulativeWeights[k]!;
    }
    out[o + SEGMENT_CSL] = div(ok, cycles);
    out[o + SEGMENT_READY] = ready;
    writeSegmentOrderLineKpis(s, out, o + SEGMENT_LINES);
  });
}

export function writeSeries(rep: Replication, layout: KpiLayout, out: Float64Array, initialCash: number): void {
  const [plants, dcs, cash, ...weekly] = layout.series as [SeriesLayout, SeriesLayout, SeriesLayout, ...SeriesLayout[]];
  const n = plants.times.length;
  out.set(rep.inventory.values.subarray(0, n), plants.offset);
  out.set(rep.inventory.values.subarray(n, 2 * n), dcs.offset);
  const aligned = weekly.pop()!;
  weekly.forEach((s, k) => out.set(rep.inventory.values.subarray((2 + k) * n, (3 + k) * n), s.offset));
  alignedFillRate(rep, out, aligned.offset);
  // Cumulative daily flows, read off at each sample day (the end of that day of the window).
  let c = initialCash;
  let day = 0;
  const flow = rep.finance.dailyNetFlow;
  const from = rep.net.warmupDays;
  for (let k = 0; k < cash.times.length; k++) {
    const until = Math.ceil(cash.times[k]! - from);
    while (day < until) c += flow[day++] ?? 0;
    out[cash.offset + k] = c;
  }
}
