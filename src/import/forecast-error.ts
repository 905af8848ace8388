/**
 * Forecast error from history, for a segment's `forecastErrorCv`: simple exponential
 * smoothing of weekly demand [units/week], one week ahead, scored on a hold-out.
 *
 * - Weeks: whole 7-day blocks from the start of the history (a partial last week is dropped),
 *   each divided by its mean fitted seasonal factor (fit-rate.ts) so the smoothing follows
 *   the level, not the season the simulation already plays.
 * - Hold-out: the last half of the weeks (at least 8; a year of a two-year history, so the
 *   error is measured over every season and its estimate is not too noisy); the smoothing constant α is the one of
 *   0.05, 0.10, …, 0.95 with the smallest one-step squared error on the weeks before it.
 * - rawCv = √(mean squared one-step error on the hold-out) / mean weekly demand there.
 *
 * The simulation draws each order itself, so the week-to-week noise of a compound Poisson
 * demand (variance = orders per week × E[size²]) is already in it; what the scenario's
 * forecastErrorCv stands for is the error in the planner's demand level. So
 *   level error cv = √(max(0, MSE − noise variance)) / mean weekly demand,
 * which is about √(α/(2 − α)) × the noise cv for a steady demand (the smoother's own
 * averaging error) and grows when the level moves in ways the smoother cannot foresee.
 * On a small segment the MSE of a year of weeks is itself uncertain by ±20–30%, so the
 * difference is given with its ≈95% range, and forecastErrorCv is set only when that range
 * excludes zero (like the trend in fit-rate.ts): noise is not mistaken for forecast error.
 * This is a one-week-ahead level error used as the error of the whole run's forecast: an
 * approximation the README states.
 */

/** Forecast-error measures of one segment. */
export interface ForecastError {
  /**
   * The scenario field: the level error cv, net of the demand noise the simulation draws;
   * 0 when the estimate is not distinguishable from zero (its ≈95% range reaches 0).
   */
  forecastErrorCv: number;
  /** The level error cv estimate and its ≈95% range (mean excess ± 2 standard errors). */
  estimate: number;
  range: [number, number];
  significant: boolean;
  /** One-step error cv of the smoothing on the hold-out, noise included. */
  rawCv: number;
  /** Smoothing constant chosen on the training weeks. */
  alpha: number;
  /** Weeks in the training part and in the hold-out. */
  trainWeeks: number;
  holdoutWeeks: number;
}

/** One-step SES errors over `y` from `start`, with the level started at the mean of y[0..start). */
function sesErrors(y: ArrayLike<number>, alpha: number, from: number, to: number, warm: number): number[] {
  let level = 0;
  for (let i = 0; i < warm; i++) level += y[i]!;
  level /= warm;
  const errors: number[] = [];
  for (let i = warm; i < to; i++) {
    if (i >= from) errors.push(y[i]! - level);
    level += alpha * (y[i]! - level);
  }
  return errors;
}

const meanSq = (e: readonly number[]) => e.reduce((s, x) => s + x * x, 0) / e.length;

/**
 * `units[d]`: demand on day d of the history [units]; `fitted[d]` the fitted expected orders
 * that day; `sizeMoment2` E[size²] of the order sizes [units²]. Undefined when there are
 * fewer than 16 whole weeks.
 */
export function forecastError(units: ArrayLike<number>, fitted: ArrayLike<number>, sizeMoment2: number): ForecastError | undefined {
  const weeks = Math.floor(units.length / 7);
  if (weeks < 16) return undefined;
  let fittedMean = 0;
  for (let d = 0; d < weeks * 7; d++) fittedMean += fitted[d]!;
  fittedMean /= weeks * 7;
  const y = new Float64Array(weeks);
  const factor = new Float64Array(weeks);
  const expectedOrders = new Float64Array(weeks);
  for (let w = 0; w < weeks; w++) {
    let u = 0;
    let f = 0;
    for (let d = w * 7; d < w * 7 + 7; d++) {
      u += units[d]!;
      f += fitted[d]!;
    }
    expectedOrders[w] = f;
    factor[w] = f / 7 / fittedMean;
    y[w] = u / factor[w]!;
  }
  const holdout = Math.max(8, Math.round(weeks * 0.5));
  const train = weeks - holdout;
  const warm = Math.min(4, train - 1);
  let alpha = 0.05;
  let best = Infinity;
  for (let a = 0.05; a < 0.96; a += 0.05) {
    const mse = meanSq(sesErrors(y, a, warm, train, warm));
    if (mse < best - 1e-12) {
      best = mse;
      alpha = Math.round(a * 100) / 100;
    }
  }
  const e = sesErrors(y, alpha, train, weeks, warm);
  let mean = 0;
  for (let w = train; w < weeks; w++) mean += y[w]!;
  mean /= holdout;
  // Per hold-out week: squared error minus the week's noise variance (expected orders ×
  // E[size²], over the factor² the week was divided by). Their mean estimates the level-error
  // variance, with a standard error from their spread.
  const excess = e.map((err, i) => {
    const w = train + i;
    return err * err - (expectedOrders[w]! * sizeMoment2) / (factor[w]! * factor[w]!);
  });
  const m = excess.reduce((a, b) => a + b, 0) / holdout;
  const se = Math.sqrt(excess.reduce((a, b) => a + (b - m) ** 2, 0) / (holdout - 1) / holdout);
  const cv = (v: number) => (mean > 0 ? Math.sqrt(Math.max(0, v)) / mean : 0);
  const significant = m - 2 * se > 0;
  return {
    forecastErrorCv: significant ? cv(m) : 0,
    estimate: cv(m),
    range: [cv(m - 2 * se), cv(m + 2 * se)],
    significant,
    rawCv: cv(meanSq(e)),
    alpha,
    trainWeeks: train,
    holdoutWeeks: holdout,
  };
}
