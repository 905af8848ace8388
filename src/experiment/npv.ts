/**
 * Net present value of an investment option against the base, per replication.
 *
 * The simulation measures profit over its window of W = horizonDays − warmupDays days. For
 * replication i:
 *
 *   Δ_i      = profit_option,i − profit_base,i                  (same futures: CRN)
 *   annual_i = Δ_i × 365 / W                                     (profit gain per year)
 *   A        = Σ_{t=1..Y} (1 + r)^−t = (1 − (1 + r)^−Y) / r      (annuity factor; A = Y when r = 0)
 *   NPV_i    = (annual_i − runningCostPerYear) × A − oneOffCost
 *
 * with r = investment.discountRatePerYear and Y = investment.years: the one-off cost is paid
 * at time 0, the profit gain and the running cost arrive at the end of each year for Y years
 * (the closed form extends to a fractional Y). The simulated year is taken as representative
 * of every year of the horizon — no growth, no ramp-up.
 *
 * NPV_i is an affine function of Δ_i, so its interval is the paired-difference interval of
 * profit, scaled by 365·A/W and shifted by −(running·A + oneOff).
 */
import type { OptionSpec } from '../scenario/schema.ts';

/** Discounting terms of a comparison. */
export interface Investment {
  /** Discount rate r [per year]. */
  discountRatePerYear: number;
  /** Horizon Y [years]. */
  years: number;
}

/**
 * Present value of 1 paid at the end of each year for `years` years at `rate`:
 * (1 − (1 + rate)^−years) / rate, or `years` when rate = 0.
 */
export function annuityFactor(rate: number, years: number): number {
  if (!(rate >= 0) || !(years >= 0)) throw new RangeError(`annuity needs rate ≥ 0 and years ≥ 0, got ${rate} and ${years}`);
  return rate === 0 ? years : (1 - (1 + rate) ** -years) / rate;
}

/** NPV of one replication's profit difference `delta` [money over the window of `windowDays`]. */
export function npvOfDifference(
  delta: number,
  windowDays: number,
  option: Pick<OptionSpec, 'oneOffCost' | 'runningCostPerYear'>,
  investment: Investment,
): number {
  const a = annuityFactor(investment.discountRatePerYear, investment.years);
  return ((delta * 365) / windowDays - option.runningCostPerYear) * a - option.oneOffCost;
}

/** NPV_i for every replication pair (base_i, option_i) of profits; NaN where either is NaN. */
export function npvSamples(
  baseProfit: ArrayLike<number>,
  optionProfit: ArrayLike<number>,
  windowDays: number,
  option: Pick<OptionSpec, 'oneOffCost' | 'runningCostPerYear'>,
  investment: Investment,
): Float64Array {
  if (baseProfit.length !== optionProfit.length) throw new RangeError(`paired samples differ in length: ${baseProfit.length} vs ${optionProfit.length}`);
  return Float64Array.from({ length: baseProfit.length }, (_, i) =>
    npvOfDifference(optionProfit[i]! - baseProfit[i]!, windowDays, option, investment),
  );
}
