/**
 * Discrete distributions for the closed forms of inventory theory: the Poisson, the Poisson
 * whose mean is itself uniform over an interval (demand since an order, seen at a random time
 * of a review period), and expectations of (y − X)⁺ and (X − y)⁺ over any pmf.
 *
 * A pmf is a Float64Array p[0..K] whose tail beyond K is below `TAIL` (1e-15), so sums over it
 * are exact to double precision for every quantity the validation suite compares.
 */

/** Probability mass left beyond the end of a truncated pmf. */
export const TAIL = 1e-15;

const lnFactorials: number[] = [0];

/** ln k! by summing logs (exact to rounding; k is at most a few thousand here). */
export function lnFactorial(k: number): number {
  for (let i = lnFactorials.length; i <= k; i++) lnFactorials.push(lnFactorials[i - 1]! + Math.log(i));
  return lnFactorials[k]!;
}

/** P(D = k) for D ~ Poisson(mean); 0 for k < 0 or non-integer k. */
export function poissonPmf(k: number, mean: number): number {
  if (!Number.isInteger(k) || k < 0) return 0;
  if (mean === 0) return k === 0 ? 1 : 0;
  return Math.exp(k * Math.log(mean) - mean - lnFactorial(k));
}

/** P(D ≤ k) for D ~ Poisson(mean); 0 for k < 0. Summed upwards from 0 (stable for means < ~700). */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  let sum = 0;
  for (let i = 0; i <= Math.floor(k); i++) sum += poissonPmf(i, mean);
  return Math.min(1, sum);
}

/**
 * Smallest K > mean whose tail P(D > K) is below TAIL, bounded by the geometric series
 * P(D > K) ≤ p_K · (mean/(K+1)) / (1 − mean/(K+1)). (Not 1 − F(K): rounding in F is larger
 * than TAIL.)
 */
function poissonSupport(mean: number): number {
  let k = Math.ceil(mean) + 1;
  for (;;) {
    const ratio = mean / (k + 1);
    if ((poissonPmf(k, mean) * ratio) / (1 - ratio) < TAIL) return k;
    k++;
  }
}

/** The Poisson(mean) pmf on 0..K, truncated where the tail is below TAIL. */
export function poisson(mean: number): Float64Array {
  const K = poissonSupport(mean);
  const p = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) p[k] = poissonPmf(k, mean);
  return p;
}

/**
 * Demand D(x) ~ Poisson(λx) seen at a time x uniform on [a, b] [days]: the mixture with pmf
 *   q_k = (1/(b − a)) ∫_a^b P(D(x) = k) dx = [F_{λa}(k) − F_{λb}(k)] / (λ(b − a)),
 * because ∫_a^b λ e^{−λx}(λx)^k/k! dx is the probability that the (k+1)-th event of a Poisson
 * process falls in [a, b], i.e. P(N(a) ≤ k) − P(N(b) ≤ k). This turns every time average over a
 * review period into a finite sum (no numerical integration). For a = b it is Poisson(λa).
 * Its mean is λ(a + b)/2.
 */
export function uniformTimePoisson(rate: number, a: number, b: number): Float64Array {
  if (!(b >= a && a >= 0 && rate > 0)) throw new RangeError(`uniformTimePoisson: need rate > 0 and 0 ≤ a ≤ b (got ${rate}, ${a}, ${b})`);
  if (b === a) return poisson(rate * a);
  const lo = rate * a;
  const hi = rate * b;
  const K = poissonSupport(hi);
  const q = new Float64Array(K + 1);
  let Flo = 0;
  let Fhi = 0;
  for (let k = 0; k <= K; k++) {
    Flo += poissonPmf(k, lo);
    Fhi += poissonPmf(k, hi);
    q[k] = (Flo - Fhi) / (hi - lo);
  }
  return q;
}

/** E[X] of a pmf. */
export function pmfMean(p: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < p.length; k++) m += k * p[k]!;
  return m;
}

/** P(X ≤ y) of a pmf; 0 for y < 0. */
export function pmfCdf(p: ArrayLike<number>, y: number): number {
  let s = 0;
  for (let k = 0; k <= y && k < p.length; k++) s += p[k]!;
  return Math.min(1, s);
}

/** E[(y − X)⁺]: expected on-hand when X units are owed against a stock level y. */
export function expectedShortfallBelow(p: ArrayLike<number>, y: number): number {
  let s = 0;
  for (let k = 0; k < y && k < p.length; k++) s += (y - k) * p[k]!;
  return s;
}

/**
 * E[(X − y)⁺] = E[X] − y + E[(y − X)⁺]: expected backorders (the loss function). Computed from
 * the exact mean so that the truncated tail costs no accuracy.
 */
export function expectedExcess(p: ArrayLike<number>, y: number, mean: number): number {
  return mean - y + expectedShortfallBelow(p, y);
}

/** Distribution of X + Y for independent X ~ p, Y ~ q (truncated at the TAIL of the result). */
export function convolve(p: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.length + q.length - 1);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi === 0) continue;
    for (let j = 0; j < q.length; j++) out[i + j] += pi * q[j]!;
  }
  return out;
}
