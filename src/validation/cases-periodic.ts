/**
 * Validation cases for periodic review: (R,S) with Poisson and with normal demand, the
 * newsvendor, and (s,S). Time averages come from the KPIs; end-of-period on-hand from the
 * engine's on-hand samples (series `onHand.dcs`, every SAMPLE_EVERY_DAYS days), which the
 * scenarios align with the instants just before a receipt — see `endOfPeriodSamples` and the
 * timing convention in periodic.ts.
 */
import { SAMPLE_EVERY_DAYS } from '../model/kpis.ts';
import type { PolicySpec, Scenario } from '../scenario/schema.ts';
import { type Check, kpiCheck } from './check.ts';
import { scenarioFile, type ValidationCase } from './case.ts';
import { newsvendorPoisson, orderUpToNormalLumps, orderUpToPoisson, periodicSSPoisson } from './periodic.ts';
import { constantOf, param, stockPolicy, supplierLeadTime, TheoryMismatchError, unitPoissonSegment, windowDays } from './params.ts';

interface Review {
  R: number;
  offset: number;
}

/** Review period and offset of a periodic policy [days]. */
function reviewOf(p: PolicySpec, path: string): Review {
  if (p.type === 'RS') return { R: p.R, offset: p.offset };
  if ((p.type === 'sS' || p.type === 'base-stock' || p.type === 'rQ') && p.review) return { R: p.review.period, offset: p.review.offset };
  throw new TheoryMismatchError(`${path}: the theory needs periodic review`);
}

/**
 * Checks that every on-hand sample is an end-of-period count, and returns the check of
 * `theory` against their mean. A sample at day 7k must come just before the receipt due then:
 * - reviews every R days with R dividing 7 and offset + L ≡ 0 (mod R) put a receipt (when an
 *   order was placed) at every sample instant;
 * - the sample at 7k was scheduled at 7k − 7, the receipt at 7k − L (its review), or with L = 0
 *   right after the review of 7k, scheduled at 7k − R. Ties run FIFO, so the sample runs first
 *   when L < 7 and, for L = 0, R < 7.
 */
function endOfPeriodCheck(s: Scenario, review: Review, L: number, theory: number): Check {
  const { R, offset } = review;
  const period = SAMPLE_EVERY_DAYS;
  const aligned =
    Number.isInteger(period / R) && Number.isInteger((offset + L) / R) && L < period && (L > 0 || R < period);
  if (!aligned)
    throw new TheoryMismatchError(
      `policy review (R = ${R}, offset = ${offset}) with lead time ${L}: on-hand samples every ${period} days are not end-of-period counts`,
    );
  const from = s.warmupDays;
  return {
    quantity: 'end-of-period on-hand',
    kpi: `mean of series onHand.dcs, days ≥ ${from}`,
    simulated: (r) => mean(r.samples('onHand.dcs', from)),
    theory,
    precision: 0.03,
  };
}

function mean(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length > 0 ? s / xs.length : Number.NaN;
}

/** Order frequency check: site.dc.ordersPlaced over the window [orders/day]. */
function ordersPerDayCheck(s: Scenario, theory: number): Check {
  const T = windowDays(s);
  return {
    quantity: 'orders per day',
    kpi: 'site.dc.ordersPlaced / window',
    simulated: (r) => r.kpi('site.dc.ordersPlaced') / T,
    theory,
    precision: 0.01,
  };
}

const rsPoissonCase: ValidationCase = {
  name: 'rs-poisson',
  title: 'Periodic review (R,S), Poisson demand, backorders',
  file: scenarioFile('rs-poisson.yaml'),
  checks(s) {
    const { lambda } = unitPoissonSegment(s);
    const p = stockPolicy(s, 'dc');
    const review = reviewOf(p, 'sites.dc.policy');
    if (p.type !== 'RS') throw new TheoryMismatchError('sites.dc.policy: the theory needs an RS policy');
    const L = supplierLeadTime(s, 'dc');
    const t = orderUpToPoisson(lambda, L, review.R, param(p.S, 'sites.dc.policy.S'));
    return [
      kpiCheck('fill rate (time average, PASTA)', 'fillRate', t.fillRate, 0.01),
      kpiCheck('ready rate', 'readyRate', t.readyRate, 0.01),
      kpiCheck('E[on-hand] (time average)', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('E[backorders] (time average)', 'avgBackorders', t.backorders, 0.1),
      endOfPeriodCheck(s, review, L, t.endOfPeriodOnHand),
      kpiCheck('cycle service level P(D_{L+R} ≤ S)', 'cycleServiceLevel', t.cycleServiceLevel, 0.01),
      ordersPerDayCheck(s, t.ordersPerDay),
    ];
  },
};

const rsNormalCase: ValidationCase = {
  name: 'rs-normal',
  title: 'Periodic review (R,S), normal demand per period, backorders',
  file: scenarioFile('rs-normal.yaml'),
  checks(s) {
    const ids = Object.keys(s.segments);
    const seg = s.segments[ids[0]!]!;
    const path = `segments.${ids[0]}`;
    if (ids.length !== 1 || seg.interarrival === undefined) throw new TheoryMismatchError(`${path}: the theory needs one customer ordering at fixed intervals`);
    const P = constantOf(seg.interarrival, `${path}.interarrival`);
    const size = seg.orderSize;
    if (typeof size === 'number' || size.dist !== 'normal') throw new TheoryMismatchError(`${path}.orderSize: the theory needs normal demand`);
    if ((seg.forecastErrorCv ?? s.forecast.errorCv) !== 0) throw new TheoryMismatchError(`${path}.forecastErrorCv: the theory needs no forecast error`);
    const p = stockPolicy(s, 'dc');
    const review = reviewOf(p, 'sites.dc.policy');
    if (p.type !== 'RS' || review.R !== P) throw new TheoryMismatchError('sites.dc.policy: the theory needs an RS policy reviewed once per demand');
    const L = supplierLeadTime(s, 'dc');
    // Demands at P, 2P, ...; a review at t = offset + kP orders, its receipt comes at t + L.
    const phase = (x: number) => x - P * Math.floor(x / P);
    if (phase(review.offset) === 0 || phase(review.offset + L) === 0)
      throw new TheoryMismatchError('sites.dc.policy.offset: reviews and receipts must not coincide with demands');
    const lumpsInLeadTime = Math.floor((review.offset + L) / P) - Math.floor(review.offset / P);
    const fractionBeforeLump = (P - phase(review.offset + L)) / P;
    const t = orderUpToNormalLumps(size.mean, size.sd, lumpsInLeadTime, fractionBeforeLump, review.R, param(p.S, 'sites.dc.policy.S'));
    // Samples at days 7k coincide with a demand (scheduled first, FIFO): after the period's
    // demand and before the receipt 3.5 days later — an end-of-period count.
    const from = s.warmupDays;
    if (P !== SAMPLE_EVERY_DAYS) throw new TheoryMismatchError(`${path}.interarrival: end-of-period samples need ${SAMPLE_EVERY_DAYS}-day periods`);
    const endOfPeriod: Check = {
      quantity: 'end-of-period on-hand',
      kpi: `mean of series onHand.dcs, days ≥ ${from}`,
      simulated: (r) => mean(r.samples('onHand.dcs', from)),
      theory: t.endOfPeriodOnHand,
      precision: 0.03,
    };
    return [
      kpiCheck('fill rate', 'fillRate', t.fillRate, 0.01),
      kpiCheck('order fill rate P(D₃ ≤ S)', 'orderFillRate', t.orderFillRate, 0.01),
      kpiCheck('cycle service level P(D₃ ≤ S)', 'cycleServiceLevel', t.cycleServiceLevel, 0.01),
      kpiCheck('ready rate', 'readyRate', t.readyRate, 0.01),
      kpiCheck('E[on-hand] (time average)', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('E[backorders] (time average)', 'avgBackorders', t.backorders, 0.1),
      endOfPeriod,
    ];
  },
};

const newsvendorCase: ValidationCase = {
  name: 'newsvendor',
  title: 'Newsvendor: (R,S) with zero lead time and lost sales',
  file: scenarioFile('newsvendor.yaml'),
  checks(s) {
    const { lambda, seg } = unitPoissonSegment(s);
    if (seg.onStockout !== 'lost') throw new TheoryMismatchError('segments: the newsvendor loses unmet demand');
    const p = stockPolicy(s, 'dc');
    const review = reviewOf(p, 'sites.dc.policy');
    if (p.type !== 'RS') throw new TheoryMismatchError('sites.dc.policy: the theory needs an RS policy');
    const L = supplierLeadTime(s, 'dc');
    if (L !== 0) throw new TheoryMismatchError('sites.dc: the newsvendor case has zero lead time');
    const t = newsvendorPoisson(lambda, review.R, param(p.S, 'sites.dc.policy.S'));
    return [
      kpiCheck('fill rate 1 − E[(D−S)⁺]/λR', 'fillRate', t.fillRate, 0.01),
      kpiCheck('lost fraction E[(D−S)⁺]/λR', 'lostSalesFraction', t.lostFraction, 0.05),
      endOfPeriodCheck(s, review, L, t.endOfPeriodOnHand),
      kpiCheck('E[on-hand] (time average)', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('ready rate', 'readyRate', t.readyRate, 0.01),
    ];
  },
};

const ssCase: ValidationCase = {
  name: 'ss-periodic',
  title: 'Periodic review (s,S), Poisson demand, backorders (Markov chain)',
  file: scenarioFile('ss-periodic.yaml'),
  checks(s) {
    const { lambda } = unitPoissonSegment(s);
    const p = stockPolicy(s, 'dc');
    const review = reviewOf(p, 'sites.dc.policy');
    if (p.type !== 'sS') throw new TheoryMismatchError('sites.dc.policy: the theory needs an sS policy');
    const L = supplierLeadTime(s, 'dc');
    const t = periodicSSPoisson(lambda, L, review.R, param(p.s, 'sites.dc.policy.s'), param(p.S, 'sites.dc.policy.S'));
    return [
      kpiCheck('fill rate', 'fillRate', t.fillRate, 0.01),
      kpiCheck('ready rate', 'readyRate', t.readyRate, 0.01),
      kpiCheck('E[on-hand] (time average)', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('E[backorders] (time average)', 'avgBackorders', t.backorders, 0.1),
      endOfPeriodCheck(s, review, L, t.endOfPeriodOnHand),
      ordersPerDayCheck(s, t.ordersPerDay),
    ];
  },
};

export const PERIODIC_CASES: ValidationCase[] = [rsPoissonCase, rsNormalCase, newsvendorCase, ssCase];
