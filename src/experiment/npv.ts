/**
 * Net present value of an investment option against the base, per replication.
 *
 * The simulation measures operating profit over its window of W = horizonDays − warmupDays
 * days (W/365 years). For replication i:
 *
 *   Δ_i      = operatingProfit_option,i − operatingProfit_base,i      (same futures: CRN)
 *   annual_i = Δ_i × 365 / W                                          (profit gain per year)
 *   ΔWC_i    = avgInventoryValue_option,i − avgInventoryValue_base,i  (working capital tied up, + , or freed, −)
 *   A        = Σ_{t=1..Y} (1 + r)^−t = (1 − (1 + r)^−Y) / r            (annuity factor; A = Y when r = 0)
 *   NPV_i    = (annual_i − runningCostPerYear − c × ΔWC_i) × A − oneOffCost
 *
 * with r = investment.discountRatePerYear, Y = investment.years and c =
 * investment.capitalChargeRatePerYear (0 unless the scenario states one: a holding rate that
 * already includes the cost of capital must not be charged twice). The one-off cost (an
 * investment, a DC closure, severance) is paid at time 0; the profit gain, the running cost
 * and the capital charge arrive at the end of each year for Y years (the closed form extends
 * to a fractional Y). The simulated window is taken as representative of every year of the
 * horizon — no growth, no ramp-up.
 *
 * NPV_i is an affine function of (Δ_i, ΔWC_i), so its interval comes from the per-replication
 * values like any paired difference.
 */
import type { OptionSpec } from '../scenario/schema.ts';

/** Discounting terms of a comparison. */
export interface Investment {
  /** Discount rate r [per year]. */
  discountRatePerYear: number;
  /** Horizon Y [years]. */
  years: number;
  /** Charge c on the change in average inventory value [per year]; default 0. */
  capitalChargeRatePerYear?: number;
}

/** What an option costs besides its effect on operating profit. */
export type OptionCosts = Pick<OptionSpec, 'oneOffCost' | 'runningCostPerYear'>;

/**
 * Present value of 1 paid at the end of each year for `years` years at `rate`:
 * (1 − (1 + rate)^−years) / rate, or `years` when rate = 0.
 */
export function annuityFactor(rate: number, years: number): number {
  if (!(rate >= 0) || !(years >= 0)) throw new RangeError(`annuity needs rate ≥ 0 and years ≥ 0, got ${rate} and ${years}`);
  return rate === 0 ? years : (1 - (1 + rate) ** -years) / rate;
}

/**
 * NPV of one replication's operating-profit difference `delta` [money over the window of
 * `windowDays`], with `workingCapital` the change in average inventory value [money].
 */
export function npvOfDifference(delta: number, windowDays: number, option: OptionCosts, investment: Investment, workingCapital = 0): number {
  const a = annuityFactor(investment.discountRatePerYear, investment.years);
  const charge = (investment.capitalChargeRatePerYear ?? 0) * workingCapital;
  return ((delta * 365) / windowDays - option.runningCostPerYear - charge) * a - option.oneOffCost;
}

/**
 * NPV_i for every replication pair (base_i, option_i) of operating profits (and, when given, of
 * average inventory values); NaN where any is NaN.
 */
export function npvSamples(
  baseProfit: ArrayLike<number>,
  optionProfit: ArrayLike<number>,
  windowDays: number,
  option: OptionCosts,
  investment: Investment,
  baseInventory?: ArrayLike<number>,
  optionInventory?: ArrayLike<number>,
): Float64Array {
  if (baseProfit.length !== optionProfit.length) throw new RangeError(`paired samples differ in length: ${baseProfit.length} vs ${optionProfit.length}`);
  return Float64Array.from({ length: baseProfit.length }, (_, i) =>
    npvOfDifference(
      optionProfit[i]! - baseProfit[i]!,
      windowDays,
      option,
      investment,
      baseInventory && optionInventory ? optionInventory[i]! - baseInventory[i]! : 0,
    ),
  );
}
