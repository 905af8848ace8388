/**
 * Time-varying demand: a rate multiplier per simulated day, combining monthly factors, a
 * sinusoidal season, a linear trend and promotion windows. Arrivals use it by thinning,
 * so the order process is a non-homogeneous Poisson process with a piecewise-constant rate.
 */
import type { SegmentSpec } from '../scenario/schema.ts';

type Seasonality = NonNullable<SegmentSpec['seasonality']>;

/** First day of each month in a 365-day year. */
export const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Month (0-11) of a day of the year (0-364). */
export function monthOfDay(dayOfYear: number): number {
  let m = 11;
  while (MONTH_START[m]! > dayOfYear) m--;
  return m;
}

/**
 * Multiplier for each day index 0..ceil(horizon) (day d covers [d, d+1)).
 * Factors multiply: monthly × (1 + amplitude·cos(2π(d − peak)/365)) × (1 + trend·d/365) × promotions.
 */
export function demandMultipliers(season: Seasonality, horizonDays: number): Float64Array {
  const n = Math.ceil(horizonDays) + 1;
  const out = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const doy = d % 365;
    let m = season.monthly ? season.monthly[monthOfDay(doy)]! : 1;
    if (season.amplitude) m *= 1 + season.amplitude * Math.cos((2 * Math.PI * (doy - season.peakDay)) / 365);
    if (season.trendPerYear) m *= Math.max(0, 1 + (season.trendPerYear * d) / 365);
    for (const p of season.promotions) if (d >= p.fromDay && d < p.fromDay + p.days) m *= p.multiplier;
    out[d] = m;
  }
  return out;
}
