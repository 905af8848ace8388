/**
 * Closed forms for continuous-review stock points with Poisson unit demand (rate λ [units/day])
 * and a deterministic replenishment lead time L [days].
 *
 * The common argument (Hadley & Whitin, "Analysis of Inventory Systems", 1963, ch. 4; Zipkin,
 * "Foundations of Inventory Management", 2000, ch. 6; Axsäter, "Inventory Control", ch. 5):
 * with backorders, every unit ordered at time t has arrived by t + L and none ordered later
 * has, so the inventory level is IL(t + L) = IP(t) − D(t, t + L], where D(t, t + L] ~
 * Poisson(λL) is independent of IP(t). On-hand is IL⁺, backorders IL⁻. By PASTA a demand
 * finds on-hand ≥ 1, and is served from stock, with the time-average probability of IL ≥ 1.
 */
import { convolve, expectedExcess, expectedShortfallBelow, pmfCdf, poisson } from './discrete.ts';
import { erlangB } from './queues.ts';

/** Steady-state measures of one stock point; time averages unless said otherwise. */
export interface StockMeasures {
  /** Unit fill rate: share of demand units served from on-hand on arrival. */
  fillRate: number;
  /** Time-average on-hand [units]. */
  onHand: number;
  /** Time-average backorders [units]. */
  backorders: number;
  /** Time-average units on order (pipeline) [units]. */
  onOrder: number;
  /** Fraction of time with on-hand > 0 (ready rate); 1 − this is P(on-hand = 0). */
  readyRate: number;
}

/** Measures of a stock point whose inventory level is S − X with X ~ pmf `x` (mean `mean`). */
export function levelMeasures(x: ArrayLike<number>, mean: number, S: number, onOrder: number): StockMeasures {
  const served = pmfCdf(x, S - 1);
  return {
    fillRate: served,
    onHand: expectedShortfallBelow(x, S),
    backorders: expectedExcess(x, S, mean),
    onOrder,
    readyRate: served,
  };
}

export interface BaseStockMeasures extends StockMeasures {
  /** Mean customer wait [days] = E[backorders] / λ (Little's law on the backorder queue). */
  meanWait: number;
}

/**
 * Base-stock S (one-for-one) with backorders: outstanding orders X ~ Poisson(λL), IL = S − X.
 *   fill rate = P(X ≤ S − 1),  E[on-hand] = E[(S − X)⁺],  E[backorders] = E[(X − S)⁺],
 *   P(on-hand = 0) = P(X ≥ S),  E[on order] = λL,  mean wait = E[backorders] / λ.
 */
export function baseStockBackorders(lambda: number, leadTime: number, S: number): BaseStockMeasures {
  const m = lambda * leadTime;
  const base = levelMeasures(poisson(m), m, S, m);
  return { ...base, meanWait: base.backorders / lambda };
}

export interface LostSalesMeasures extends StockMeasures {
  /** Share of demand lost = Erlang B(S, λL). */
  lostFraction: number;
}

/**
 * Base-stock S with lost sales: units on order behave as an M/G/S/S loss system (each served
 * demand occupies one of S "servers" for L days; a demand finding all S units on order is lost),
 * so by Erlang's insensitive loss formula X has the Poisson(λL) law truncated to 0..S:
 *   lost fraction = B(S, λL),  fill rate = 1 − B,  E[on-hand] = S − λL(1 − B),
 *   ready rate = 1 − B (PASTA). Source: Hadley & Whitin (1963) ch. 4 (lost-sales one-for-one);
 *   Zipkin (2000) ch. 6 (the lost-sales base-stock model is the Erlang loss system).
 */
export function baseStockLostSales(lambda: number, leadTime: number, S: number): LostSalesMeasures {
  const a = lambda * leadTime;
  const B = erlangB(S, a);
  const busy = a * (1 - B);
  return { fillRate: 1 - B, onHand: S - busy, backorders: 0, onOrder: busy, readyRate: 1 - B, lostFraction: B };
}

export interface RQMeasures extends StockMeasures {
  /** Replenishment orders per day = λ / Q. */
  ordersPerDay: number;
}

/**
 * (r,Q) with unit Poisson demand and backorders: the inventory position is uniform on
 * r+1..r+Q in steady state and independent of lead-time demand, so every measure is the
 * average over y = r+1..r+Q of the base-stock measure with S = y:
 *   fill rate = (1/Q) Σ_y P(D_L ≤ y − 1),  E[backorders] = (1/Q) Σ_y E[(D_L − y)⁺],
 *   E[on-hand] = (1/Q) Σ_y E[(y − D_L)⁺],  orders per day = λ/Q.
 * Source: Hadley & Whitin (1963) ch. 4; Zipkin (2000) ch. 6; Axsäter, Inventory Control, ch. 5.
 */
export function rqBackorders(lambda: number, leadTime: number, r: number, Q: number): RQMeasures {
  if (!Number.isInteger(Q) || Q < 1 || !Number.isInteger(r)) throw new RangeError(`rqBackorders: need integer r and Q ≥ 1 (got ${r}, ${Q})`);
  const m = lambda * leadTime;
  const d = poisson(m);
  const acc = { fillRate: 0, onHand: 0, backorders: 0, onOrder: 0, readyRate: 0 };
  for (let y = r + 1; y <= r + Q; y++) {
    const one = levelMeasures(d, m, y, 0);
    acc.fillRate += one.fillRate / Q;
    acc.onHand += one.onHand / Q;
    acc.backorders += one.backorders / Q;
    acc.readyRate += one.readyRate / Q;
  }
  return { ...acc, onOrder: m, ordersPerDay: lambda / Q };
}

/**
 * Make-to-stock M/M/1 plant: one line, exponential unit processing time (rate μ = 1/E[S]),
 * Poisson demand λ, base-stock S on finished goods and one unit job per demand. Jobs in the
 * plant N form an M/M/1 queue, P(N = n) = (1 − ρ)ρⁿ, and IL = S − N, so
 *   fill rate = P(N ≤ S − 1) = 1 − ρ^S,  E[backorders] = ρ^{S+1} / (1 − ρ),
 *   E[on-hand] = S − ρ/(1 − ρ) + ρ^{S+1}/(1 − ρ),  utilisation = ρ.
 * Source: Buzacott & Shanthikumar, "Stochastic Models of Manufacturing Systems" (1993), the
 * make-to-stock M/M/1 queue; Zipkin (2000) ch. 8 (base-stock with a single-server supply).
 */
export function makeToStockMM1(lambda: number, meanUnitTime: number, S: number): StockMeasures & { utilisation: number } {
  const rho = lambda * meanUnitTime;
  if (!(rho < 1)) throw new RangeError(`makeToStockMM1: utilisation ${rho} must be below 1`);
  const tail = rho ** S;
  const backorders = (rho * tail) / (1 - rho);
  return {
    fillRate: 1 - tail,
    onHand: S - rho / (1 - rho) + backorders,
    backorders,
    onOrder: rho / (1 - rho),
    readyRate: 1 - tail,
    utilisation: rho,
  };
}

export interface SerialMeasures {
  /** The upstream stage (its demand is the downstream stage's one-for-one orders). */
  upstream: StockMeasures;
  /** The customer-facing downstream stage. */
  downstream: StockMeasures;
  /** Mean delay of a downstream order at the upstream stage [days] = E[B₁]/λ. */
  upstreamDelay: number;
  /** Mean downstream replenishment lead time, order to receipt [days] = L₂ + E[B₁]/λ. */
  downstreamLeadTime: number;
}

/**
 * Two-stage serial system, one-for-one at both stages, Poisson demand λ at the downstream
 * stage, deterministic lead time L₁ from an ample supplier to stage 1 and transit L₂ from
 * stage 1 to stage 2, FIFO allocation. Exact (Simon, Operations Research 19, 1971; Axsäter,
 * Operations Research 38, 1990; Axsäter, Inventory Control, ch. 10):
 * - stage 1 is a base-stock S₁ stock with lead time L₁: D₁ ~ Poisson(λL₁), B₁ = (D₁ − S₁)⁺;
 * - stage 2's outstanding orders at t are the stage-1 backorders at t − L₂ (ordered, not yet
 *   shipped) plus its orders placed in (t − L₂, t] (shipped or not, still in transit):
 *   O₂ = B₁ + Poisson(λL₂), the two independent; IL₂ = S₂ − O₂.
 */
export function serialTwoStage(lambda: number, L1: number, S1: number, L2: number, S2: number): SerialMeasures {
  const m1 = lambda * L1;
  const d1 = poisson(m1);
  const upstream = levelMeasures(d1, m1, S1, m1);
  // B₁ = (D₁ − S₁)⁺: mass P(D₁ ≤ S₁) at 0, then the tail of D₁ shifted down by S₁.
  const b1 = new Float64Array(Math.max(1, d1.length - S1));
  b1[0] = pmfCdf(d1, S1);
  for (let k = 1; k < b1.length; k++) b1[k] = d1[S1 + k]!;
  const o2 = convolve(b1, poisson(lambda * L2));
  const meanO2 = upstream.backorders + lambda * L2;
  const downstream = levelMeasures(o2, meanO2, S2, meanO2);
  const upstreamDelay = upstream.backorders / lambda;
  return { upstream, downstream, upstreamDelay, downstreamLeadTime: L2 + upstreamDelay };
}
