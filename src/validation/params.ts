/**
 * Reads the parameters a closed form needs (λ, L, S, ...) from a loaded validation scenario,
 * and refuses a scenario that breaks the theory's assumptions (random lead time, seasonality,
 * forecast error, batch orders, ...): a case must never compare a simulation with the theory
 * of a different model. Errors name the file's field.
 */
import type { DistributionSpec } from '../scenario/distribution-schema.ts';
import type { PolicySpec, Scenario, SegmentSpec, SiteSpec } from '../scenario/schema.ts';

/** A scenario that does not fit the theory of its validation case. */
export class TheoryMismatchError extends Error {}

function fail(path: string, message: string): never {
  throw new TheoryMismatchError(`${path}: ${message}`);
}

/** The value of a constant distribution (a bare number or {dist: constant}) [its unit]. */
export function constantOf(spec: DistributionSpec | undefined, path: string): number {
  if (spec === undefined) return 0;
  if (typeof spec === 'number') return spec;
  if (spec.dist === 'constant') return spec.value;
  return fail(path, `the theory needs a constant, got a ${spec.dist} distribution`);
}

/** Mean and variance of a service-time spec that the queueing formulas cover (exponential or constant) [days, days²]. */
export function serviceMoments(spec: DistributionSpec, path: string): { mean: number; variance: number; exponential: boolean } {
  if (typeof spec !== 'number' && spec.dist === 'exponential') return { mean: spec.mean, variance: spec.mean ** 2, exponential: true };
  const c = constantOf(spec, path);
  return { mean: c, variance: 0, exponential: false };
}

export function site(s: Scenario, id: string): SiteSpec {
  const v = s.sites[id];
  if (!v) fail(`sites.${id}`, 'missing');
  return v;
}

/** The scenario's only segment, checked to be stationary Poisson demand with no forecast error. */
export function poissonSegment(s: Scenario): { id: string; seg: SegmentSpec; lambda: number } {
  const ids = Object.keys(s.segments);
  if (ids.length !== 1) fail('segments', `the theory has one demand stream, got ${ids.length}`);
  const id = ids[0]!;
  const seg = s.segments[id]!;
  const path = `segments.${id}`;
  if (seg.ordersPerDay === undefined) fail(`${path}.ordersPerDay`, 'the theory needs Poisson arrivals');
  if (seg.seasonality !== undefined) fail(`${path}.seasonality`, 'the theory needs a constant demand rate');
  if ((seg.forecastErrorCv ?? s.forecast.errorCv) !== 0) fail(`${path}.forecastErrorCv`, 'the theory needs no forecast error');
  return { id, seg, lambda: seg.ordersPerDay };
}

/** A Poisson segment of unit orders (one-for-one theory). */
export function unitPoissonSegment(s: Scenario): { id: string; seg: SegmentSpec; lambda: number } {
  const p = poissonSegment(s);
  if (constantOf(p.seg.orderSize, `segments.${p.id}.orderSize`) !== 1) fail(`segments.${p.id}.orderSize`, 'the theory needs unit orders');
  return p;
}

/** Transit time of the lane from → to [days]; 0 when there is no lane. */
export function laneTransit(s: Scenario, from: string, to: string): number {
  const i = s.lanes.findIndex((l) => l.from === from && l.to === to);
  return i < 0 ? 0 : constantOf(s.lanes[i]!.transitTime, `lanes[${i}].transitTime`);
}

/**
 * The deterministic replenishment lead time of stock `product` at DC `dcId` from its supplier:
 * supplier lead time + lane transit [days]; the supplier must be reliable and uncapacitated.
 */
export function supplierLeadTime(s: Scenario, dcId: string): number {
  const dc = site(s, dcId);
  if (dc.type !== 'dc') fail(`sites.${dcId}`, 'expected a dc');
  const sourceId = Object.values(dc.stock)[0]?.source ?? dc.source;
  if (sourceId === undefined) fail(`sites.${dcId}.source`, 'missing');
  const sup = site(s, sourceId);
  if (sup.type !== 'supplier') fail(`sites.${sourceId}`, 'expected a supplier');
  if (sup.onTimeProbability !== 1) fail(`sites.${sourceId}.onTimeProbability`, 'the theory needs a reliable supplier');
  if (sup.capacityPerDay !== undefined) fail(`sites.${sourceId}.capacityPerDay`, 'the theory needs an uncapacitated supplier');
  return constantOf(sup.leadTime, `sites.${sourceId}.leadTime`) + laneTransit(s, sourceId, dcId);
}

/** The policy of the single stock at a site (stock override, else the site's). */
export function stockPolicy(s: Scenario, siteId: string): PolicySpec {
  const st = site(s, siteId);
  if (st.type === 'supplier') fail(`sites.${siteId}`, 'a supplier holds no stock');
  const stocks = Object.entries(st.stock);
  if (stocks.length !== 1) fail(`sites.${siteId}.stock`, `the theory has one product, got ${stocks.length}`);
  const [product, stock] = stocks[0]!;
  const policy = stock.policy ?? st.policy;
  if (!policy) fail(`sites.${siteId}.stock.${product}.policy`, 'missing');
  if (stock.initial !== undefined) fail(`sites.${siteId}.stock.${product}.initial`, 'the cases start at the policy level');
  return policy;
}

/** A required numeric policy parameter. */
export function param(value: number | undefined, path: string): number {
  if (value === undefined) fail(path, 'the theory needs this parameter given directly');
  return value;
}

/** Time window over which KPIs are measured [days]. */
export function windowDays(s: Scenario): number {
  return s.horizonDays - s.warmupDays;
}

/** Throws unless `policy` has the given type (narrowed). */
export function policyOf<T extends PolicySpec['type']>(policy: PolicySpec, type: T, path: string): Extract<PolicySpec, { type: T }> {
  if (policy.type !== type) fail(path, `the theory needs a ${type} policy, got ${policy.type}`);
  return policy as Extract<PolicySpec, { type: T }>;
}
