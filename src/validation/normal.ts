/**
 * The normal distribution's first-order loss functions, for periodic review with normal demand
 * per period (Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains",
 * 4th ed., §6.8 and appendix III: G(k) = φ(k) − k(1 − Φ(k))).
 */
import { normalCdf } from '../experiment/stats.ts';

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Unit normal loss function G(z) = E[(Z − z)⁺] = φ(z) − z(1 − Φ(z)). */
export function unitNormalLoss(z: number): number {
  return normalPdf(z) - z * (1 - normalCdf(z));
}

/** E[(X − y)⁺] for X ~ N(mean, sd²): expected units short of a stock level y. */
export function normalExcess(y: number, mean: number, sd: number): number {
  if (sd === 0) return Math.max(0, mean - y);
  return sd * unitNormalLoss((y - mean) / sd);
}

/** E[(y − X)⁺] = (y − mean) + E[(X − y)⁺]: expected units left over. */
export function normalShortfallBelow(y: number, mean: number, sd: number): number {
  return y - mean + normalExcess(y, mean, sd);
}

/** P(X ≤ y) for X ~ N(mean, sd²). */
export function normalProbability(y: number, mean: number, sd: number): number {
  if (sd === 0) return y >= mean ? 1 : 0;
  return normalCdf((y - mean) / sd);
}
