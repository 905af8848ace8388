/**
 * Closed forms for periodic review: order-up-to (R,S) with Poisson or normal demand, the
 * newsvendor as its zero-lead-time case, and (s,S) with Poisson demand by an exact Markov chain.
 *
 * ## Timing convention (the engine's, see src/model/replication.ts)
 * Reviews are events at offset + kR [days]. At a review the policy looks at the inventory
 * position IP = on-hand + on order − backorders and orders; the order arrives L days later
 * (supplier lead time + lane transit). Continuous-time demand (Poisson) never coincides with a
 * review. Events at the same instant run in the order they were scheduled (FIFO on ties), so
 * - a receipt due at a review instant was scheduled L ≥ R days earlier, the review only R days
 *   earlier: the receipt runs first (and L = 0 receipts run right after their review). Receipts
 *   do not change IP, so the order quantity is the same either way;
 * - the engine's inventory samples (every 7 days, from day 0, scheduled a week ahead) run
 *   before a receipt due at the same instant when that receipt was ordered less than 7 days
 *   earlier. A review offset with offset + L ≡ 0 (mod 7) and R = 7 (or R = 1, L = 0) therefore
 *   makes every sample an end-of-period count: the on-hand just before the receipt that ends
 *   the period, after all of the period's demand.
 * Let t be a review at which IP is raised to y. Every unit ordered at or before t has arrived by
 * t + L and none ordered later has, so on [t + L, t + L + R) the inventory level is
 *   IL(t + L + τ) = y − D(t, t + L + τ],   0 ≤ τ < R.
 * Time averages average over τ; end-of-period statistics take τ → R.
 *
 * Sources: Hadley & Whitin, "Analysis of Inventory Systems" (1963), ch. 5 (periodic review);
 * Zipkin, "Foundations of Inventory Management" (2000), ch. 6 and 9; Silver, Pyke & Thomas,
 * "Inventory and Production Management in Supply Chains", 4th ed., ch. 6 (normal demand).
 */
import {
  expectedExcess,
  expectedShortfallBelow,
  pmfCdf,
  poisson,
  poissonCdf,
  uniformTimePoisson,
} from './discrete.ts';
import { normalExcess, normalProbability, normalShortfallBelow } from './normal.ts';

export interface PeriodicMeasures {
  /** Unit fill rate: demand units served from on-hand on arrival / demand units. */
  fillRate: number;
  /** Time-average on-hand [units]. */
  onHand: number;
  /** Time-average backorders [units]; 0 with lost sales. */
  backorders: number;
  /** Fraction of time with on-hand > 0. */
  readyRate: number;
  /** Mean on-hand at the end of a period, just before the next receipt [units]. */
  endOfPeriodOnHand: number;
  /** Mean backorders at the end of a period [units] (theory only: the engine samples on-hand, not backorders). */
  endOfPeriodBackorders: number;
  /** Replenishment cycles (receipt to receipt) without a stock-out / cycles. */
  cycleServiceLevel: number;
  /** Replenishment orders per day. */
  ordersPerDay: number;
}

/**
 * (R,S) with Poisson demand λ, lead time L, backorders. With X ~ D(L + τ), τ uniform on
 * [0, R) (the mixed Poisson of `uniformTimePoisson`), by PASTA:
 *   fill rate = ready rate = P(X ≤ S − 1),  E[on-hand] = E[(S − X)⁺],  E[backorders] = E[(X − S)⁺];
 *   end of period: E[(S − D_{L+R})⁺] and E[(D_{L+R} − S)⁺];
 *   cycle service level = P(D_{L+R} ≤ S) (the (S+1)-th demand after an order comes before the
 *   next receipt); orders per day = P(D_R ≥ 1)/R (no order after a period without demand).
 */
export function orderUpToPoisson(lambda: number, L: number, R: number, S: number): PeriodicMeasures {
  const x = uniformTimePoisson(lambda, L, L + R);
  const meanX = lambda * (L + R / 2);
  const end = poisson(lambda * (L + R));
  const served = pmfCdf(x, S - 1);
  return {
    fillRate: served,
    onHand: expectedShortfallBelow(x, S),
    backorders: expectedExcess(x, S, meanX),
    readyRate: served,
    endOfPeriodOnHand: expectedShortfallBelow(end, S),
    endOfPeriodBackorders: expectedExcess(end, S, lambda * (L + R)),
    cycleServiceLevel: pmfCdf(end, S),
    ordersPerDay: (1 - Math.exp(-lambda * R)) / R,
  };
}

/**
 * The newsvendor as (R,S) with L = 0 and lost sales: every period starts with exactly S on
 * hand (the order placed at the review arrives at once), sells min(D, S) of its demand
 * D ~ Poisson(λR), loses (D − S)⁺ and ends with (S − D)⁺. So
 *   fill rate = E[min(D, S)]/E[D] = 1 − E[(D − S)⁺]/λR,  lost fraction = E[(D − S)⁺]/λR,
 *   end-of-period on-hand (expected leftover) = E[(S − D)⁺],
 *   time averages over the period as in `orderUpToPoisson` with L = 0 (a lost-sales period
 *   never owes anything, so on-hand is (S − D(τ))⁺ as with backorders).
 * The optimal S is the critical fractile (see `newsvendorQuantity`).
 */
export function newsvendorPoisson(lambda: number, R: number, S: number): PeriodicMeasures & { lostFraction: number } {
  const m = lambda * R;
  const d = poisson(m);
  const short = expectedExcess(d, S, m);
  const x = uniformTimePoisson(lambda, 0, R);
  const ready = pmfCdf(x, S - 1);
  return {
    fillRate: 1 - short / m,
    lostFraction: short / m,
    onHand: expectedShortfallBelow(x, S),
    backorders: 0,
    readyRate: ready,
    endOfPeriodOnHand: expectedShortfallBelow(d, S),
    endOfPeriodBackorders: 0,
    cycleServiceLevel: pmfCdf(d, S),
    ordersPerDay: (1 - Math.exp(-m)) / R,
  };
}

/**
 * Newsvendor quantity: the smallest S with P(D ≤ S) ≥ cu / (cu + co) for Poisson(mean) demand,
 * underage cost cu and overage cost co per unit (the critical fractile).
 */
export function newsvendorQuantity(mean: number, underage: number, overage: number): number {
  const ratio = underage / (underage + overage);
  let S = 0;
  while (poissonCdf(S, mean) < ratio) S++;
  return S;
}

/**
 * (R,S) with normal demand that comes as one lump per period, D ~ N(μ, σ²) per lump,
 * independent (the textbook periodic model). An order raises IP to S; `lumpsInLeadTime` lumps
 * fall between the order and its receipt, one more before the next receipt; the receipt comes
 * a fraction `fractionBeforeLump` of the period before that lump. With Dₙ ~ N(nμ, nσ²), n =
 * lumpsInLeadTime, IL is S − Dₙ from the receipt to the lump and S − Dₙ₊₁ after it, so
 *   fill rate = 1 − (E[(Dₙ₊₁ − S)⁺] − E[(Dₙ − S)⁺]) / μ  (units short of one lump),
 *   order fill rate = cycle service level = P(Dₙ₊₁ ≤ S),  end-of-period on-hand = E[(S − Dₙ₊₁)⁺],
 *   time averages = f·(value with Dₙ) + (1 − f)·(value with Dₙ₊₁).
 * Source: Silver, Pyke & Thomas (4th ed.) ch. 6; Zipkin (2000) ch. 9.
 */
export function orderUpToNormalLumps(
  mu: number,
  sigma: number,
  lumpsInLeadTime: number,
  fractionBeforeLump: number,
  R: number,
  S: number,
): PeriodicMeasures & { orderFillRate: number } {
  const n = lumpsInLeadTime;
  const f = fractionBeforeLump;
  const [m1, s1] = [n * mu, Math.sqrt(n) * sigma];
  const [m2, s2] = [(n + 1) * mu, Math.sqrt(n + 1) * sigma];
  const csl = normalProbability(S, m2, s2);
  return {
    fillRate: 1 - (normalExcess(S, m2, s2) - normalExcess(S, m1, s1)) / mu,
    onHand: f * normalShortfallBelow(S, m1, s1) + (1 - f) * normalShortfallBelow(S, m2, s2),
    backorders: f * normalExcess(S, m1, s1) + (1 - f) * normalExcess(S, m2, s2),
    readyRate: f * normalProbability(S, m1, s1) + (1 - f) * csl,
    endOfPeriodOnHand: normalShortfallBelow(S, m2, s2),
    endOfPeriodBackorders: normalExcess(S, m2, s2),
    cycleServiceLevel: csl,
    orderFillRate: csl,
    ordersPerDay: 1 / R,
  };
}

/** (s,S) measures; receipt-to-receipt cycles span a random number of periods, so no CSL here. */
export interface SSMeasures extends Omit<PeriodicMeasures, 'cycleServiceLevel'> {
  /** Stationary distribution of IP just after a review, on states s+1..S. */
  stationary: Float64Array;
}

/**
 * Periodic (s,S), Poisson demand λ, lead time L, backorders. Y = IP just after a review is a
 * Markov chain on s+1..S: with D ~ Poisson(λR) demand in the period, Y' = Y − D if Y − D > s,
 * else S (order up to S). Its stationary law π (solved exactly) mixes the (R,S) formulas:
 *   fill rate = Σ_y π_y P(X ≤ y − 1),  E[on-hand] = Σ_y π_y E[(y − X)⁺],  ...  X ~ D(L + τ),
 *   orders per day = Σ_y π_y P(D_R ≥ y − s) / R.
 * Source: Zipkin (2000) ch. 9 (periodic (s,S) via the IP chain); Hadley & Whitin (1963) ch. 5.
 */
export function periodicSSPoisson(lambda: number, L: number, R: number, s: number, S: number): SSMeasures {
  if (!(Number.isInteger(s) && Number.isInteger(S) && s < S)) throw new RangeError(`periodicSSPoisson: need integers s < S (got ${s}, ${S})`);
  const n = S - s;
  const d = poisson(lambda * R);
  // Transition matrix on states y = s+1..S (index y − s − 1).
  const P = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const y = s + 1 + i;
    let stay = 0;
    for (let k = 0; k < y - s; k++) {
      const j = y - k - s - 1;
      P[i]![j]! += d[k] ?? 0;
      stay += d[k] ?? 0;
    }
    P[i]![n - 1]! += 1 - stay; // IP fell to s or below: order up to S
  }
  const pi = stationary(P);
  const x = uniformTimePoisson(lambda, L, L + R);
  const meanX = lambda * (L + R / 2);
  const end = poisson(lambda * (L + R));
  const acc = { fillRate: 0, onHand: 0, backorders: 0, readyRate: 0, endOfPeriodOnHand: 0, endOfPeriodBackorders: 0, ordersPerDay: 0 };
  let orderProb = 0;
  for (let i = 0; i < n; i++) {
    const y = s + 1 + i;
    const w = pi[i]!;
    const served = pmfCdf(x, y - 1);
    acc.fillRate += w * served;
    acc.readyRate += w * served;
    acc.onHand += w * expectedShortfallBelow(x, y);
    acc.backorders += w * expectedExcess(x, y, meanX);
    acc.endOfPeriodOnHand += w * expectedShortfallBelow(end, y);
    acc.endOfPeriodBackorders += w * expectedExcess(end, y, lambda * (L + R));
    orderProb += w * (1 - pmfCdf(d, y - s - 1));
  }
  acc.ordersPerDay = orderProb / R;
  return { ...acc, stationary: pi };
}

/** Stationary distribution of a finite ergodic chain: solve π(P − I) = 0, Σπ = 1 (Gaussian elimination). */
export function stationary(P: ArrayLike<number>[]): Float64Array {
  const n = P.length;
  // Rows of A = (P − I)ᵀ, with the last equation replaced by Σπ = 1.
  const A = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) row[j] = P[j]![i]! - (i === j ? 1 : 0);
    return row;
  });
  A[n - 1]!.fill(1);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    const row = A[c]!;
    const div = row[c]!;
    if (Math.abs(div) < 1e-300) throw new Error('stationary: singular system (chain not ergodic?)');
    for (let j = c; j <= n; j++) row[j]! /= div;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = A[r]!;
      const f = other[c]!;
      if (f !== 0) for (let j = c; j <= n; j++) other[j]! -= f * row[j]!;
    }
  }
  return Float64Array.from(A, (row) => row[n]!);
}
