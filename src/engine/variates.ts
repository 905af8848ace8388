/**
 * Variate generators behind distributions.ts: standard normal, gamma, Poisson (sequential
 * inversion and PTRS) and table searches. Module functions, small and monomorphic, so V8
 * inlines them into `Sampler.sample`; each takes its stream and draws nothing else.
 */
import type { RandomStream } from './rng.ts';

const TWO_PI = 2 * Math.PI;

/** Standard normal by Box–Muller, using one variate of the pair (no state between calls). */
export function stdNormal(rng: RandomStream): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(TWO_PI * rng.next());
}

/** Gamma constants for Marsaglia–Tsang: [d, c, 1/shape or 0]. Shape < 1 uses the boost. */
export function gammaConstants(shape: number): [number, number, number] {
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  return [d, 1 / Math.sqrt(9 * d), boosted ? 1 / shape : 0];
}

/**
 * Gamma(shape, 1) by Marsaglia & Tsang (2000). For shape < 1, draws Gamma(shape + 1) and
 * multiplies by U^(1/shape) (`invShape` ≠ 0).
 */
export function stdGamma(rng: RandomStream, d: number, c: number, invShape: number): number {
  let v: number;
  for (;;) {
    let x: number;
    do {
      x = stdNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) break; // squeeze: accepts ~98% without logs
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
  }
  const g = d * v;
  return invShape === 0 ? g : g * Math.pow(rng.next(), invShape);
}

/** Poisson(λ) for a λ that changes per draw (negative binomial). */
export function poisson(rng: RandomStream, lam: number): number {
  if (lam < 10) {
    // Inversion by sequential search, computing the pmf on the fly.
    const u = rng.next();
    let p = Math.exp(-lam);
    let s = p;
    let k = 0;
    while (u >= s) {
      k++;
      p *= lam / k;
      // Past the mode with a negligible term: the sum cannot reach u any more (rounding).
      if (p < 1e-17 && k > lam) break;
      s += p;
    }
    return k;
  }
  // The mixing λ changes per draw, so PTRS's constants are computed per draw too (into a
  // scratch array: nothing is allocated per draw).
  const c = ptrsConstants(lam, PTRS_SCRATCH);
  return poissonPtrs(rng, c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!);
}

const PTRS_SCRATCH = new Float64Array(6);

/** PTRS constants for Poisson(λ), λ ≥ 10, written into `out`: [λ, ln λ, b, a, ln(1/α), v_r] (Hörmann 1993). */
export function ptrsConstants(lam: number, out = new Float64Array(6)): Float64Array {
  const b = 0.931 + 2.53 * Math.sqrt(lam);
  out[0] = lam;
  out[1] = Math.log(lam);
  out[2] = b;
  out[3] = -0.059 + 0.02483 * b;
  out[4] = Math.log(1.1239 + 1.1328 / (b - 3.4));
  out[5] = 0.9277 - 3.6224 / (b - 2);
  return out;
}

/**
 * Poisson(λ), λ ≥ 10, by PTRS: transformed rejection with squeeze (Hörmann 1993,
 * "The transformed rejection method for generating Poisson random variables"). Exact.
 */
export function poissonPtrs(rng: RandomStream, lam: number, logLam: number, b: number, a: number,
  logInvAlpha: number, vr: number): number {
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return k; // squeeze: 60-80% of draws end here, without logs
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lam + k * logLam - logFactorial(k)) return k;
  }
}

/** ln(k!) for k < 256, tabulated once. */
const LOG_FACTORIAL = (() => {
  const t = new Float64Array(256);
  for (let k = 2; k < 256; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
})();

/** ln(k!) for integer k ≥ 0: table, then Stirling's series (error < 1e-19 for k ≥ 256). */
function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL[k];
  const x = k + 1;
  const x2 = x * x;
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x;
}

/** First index i with u < cum[i]; the last index if none (rounding in the tail). */
export function searchLinear(cum: Float64Array, u: number): number {
  const last = cum.length - 1;
  let i = 0;
  while (i < last && u >= cum[i]) i++;
  return i;
}

/** As searchLinear, by bisection (cum is non-decreasing and ends at 1). */
export function searchBinary(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cum[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
