/**
 * Discrete distributions on 0, 1, 2, … sampled by inversion with a guide table (Chen & Asau
 * 1974): one uniform per draw, a table lookup and on average about one comparison, whatever
 * the mean. This replaces rejection samplers (PTRS for Poisson, the gamma–Poisson mixture for
 * the negative binomial) that need two to six uniforms and several logarithms per draw.
 *
 * The cumulative table is built from the probability mass function's recurrence, starting at 0,
 * and runs until the terms past the mean are negligible (< 1e-17); a uniform beyond its last
 * entry (a rounding residue) returns the last value. Tables are built only when they are small
 * and the mass at 0 is representable; otherwise `null` sends the caller to its exact fallback.
 */

/** Largest table built [entries]: beyond this the rejection samplers are used. */
const MAX_ENTRIES = 1 << 16;
/** Below this, pmf(0) is too close to underflow to start the recurrence from it. */
const MIN_START = 1e-280;

/** A cumulative table and its guide: `guide[j]` = first index i with cum[i] > j / guide.length. */
export interface CdfTable {
  cum: Float64Array;
  guide: Int32Array;
}

/**
 * Cumulative probabilities of 0, 1, 2, … from pmf(0) and the ratio pmf(k+1)/pmf(k), or null
 * when pmf(0) underflows or the table would exceed MAX_ENTRIES.
 */
function tableFromRecurrence(p0: number, mean: number, ratio: (k: number) => number): CdfTable | null {
  if (!(p0 >= MIN_START)) return null;
  const cum: number[] = [];
  let p = p0;
  let s = p;
  cum.push(s);
  for (let k = 1; !(p < 1e-17 && k > mean); k++) {
    if (cum.length >= MAX_ENTRIES) return null;
    p *= ratio(k - 1);
    s += p;
    cum.push(s);
  }
  const table = Float64Array.from(cum);
  return { cum: table, guide: guideFor(table) };
}

/** Poisson(λ), λ > 0: pmf(0) = e^−λ, pmf(k+1)/pmf(k) = λ/(k+1). */
export function poissonCdfTable(lam: number): CdfTable | null {
  return tableFromRecurrence(Math.exp(-lam), lam, (k) => lam / (k + 1));
}

/**
 * Negative binomial (failures before the r-th success, success probability p):
 * pmf(0) = p^r, pmf(k+1)/pmf(k) = (k + r)/(k + 1) · (1 − p).
 */
export function negativeBinomialCdfTable(r: number, p: number): CdfTable | null {
  const q = 1 - p;
  return tableFromRecurrence(Math.pow(p, r), (r * q) / p, (k) => ((k + r) / (k + 1)) * q);
}

/** Guide of a cumulative table: as many entries as the table. */
function guideFor(cum: Float64Array): Int32Array {
  const m = cum.length;
  const guide = new Int32Array(m);
  let i = 0;
  for (let j = 0; j < m; j++) {
    while (i < m - 1 && cum[i]! <= j / m) i++;
    guide[j] = i;
  }
  return guide;
}

/** First index i with u < cum[i] (the last index if none), for u ∈ [0, 1). */
export function searchGuided(cum: Float64Array, guide: Int32Array, u: number): number {
  const last = cum.length - 1;
  let i = guide[(u * guide.length) | 0]!;
  while (i < last && u >= cum[i]!) i++;
  return i;
}
