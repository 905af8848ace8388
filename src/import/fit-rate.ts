/**
 * Order arrival rate from history: daily order counts regressed (least squares) on
 *   count(d) = b0 + b1·t/365 + b2·cos(2π·doy/365) + b3·sin(2π·doy/365)
 * with t the day since the history started and doy the day of the year. The scenario's
 * seasonality multiplies the rate by (1 + amplitude·cos(2π(doy − peakDay)/365))·(1 + trend·d/365),
 * so amplitude = √(b2² + b3²)/mean level, peakDay = atan2(b3, b2)·365/2π, and the rate is the
 * level at the end of the history (where the simulation takes over) with the trend relative to it.
 *
 * The yearly terms need a year of history, and the trend is kept only when it is significant
 * (|t| > 2): a fitted trend from noise would compound through a long run. Weekly seasonality
 * is measured (mean count per weekday over the overall mean) but the scenario schema has no
 * weekday factors, so it is reported, not simulated: the simulation spreads a week's orders
 * evenly over its days.
 */

/** One day of history: its index from the first day, day of year (0–364) and weekday (0 = Sunday). */
export interface HistoryDay {
  t: number;
  doy: number;
  weekday: number;
}

/** The fitted rate and seasonality of one segment. */
export interface RateFit {
  /** Orders per day at the end of the history [orders/day]. */
  ordersPerDay: number;
  /** Mean orders per day over the history [orders/day]. */
  meanPerDay: number;
  /** Sinusoidal amplitude (fraction of the mean), 0 when not fitted. */
  amplitude: number;
  /** Day of year of the peak. */
  peakDay: number;
  /** Growth per year relative to the end level; 0 when not significant. */
  trendPerYear: number;
  /** t statistic of the trend (0 when not fitted). */
  trendT: number;
  /** Mean count per weekday (Sunday first) over the overall mean. */
  weekday: number[];
  /** Whether a year of history allowed the yearly terms. */
  yearly: boolean;
  /** Fitted expected count per day of the history (for de-seasonalising). */
  fitted: Float64Array;
}

/** Solves the symmetric system A x = b (Gaussian elimination with partial pivoting); A is n×n. */
function solve(A: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const M: number[][] = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    if (Math.abs(M[p]![c]!) < 1e-12) return undefined;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      const row = M[r]!;
      for (let k = c; k <= n; k++) row[k] = row[k]! - f * M[c]![k]!;
    }
  }
  return M.map((m, i) => m[n]! / m[i]!);
}

/** Least squares of y on the columns of X: coefficients and their standard errors. */
function regress(X: number[][], y: ArrayLike<number>): { b: number[]; se: number[] } | undefined {
  const k = X[0]!.length;
  const XtX = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const Xty = new Array<number>(k).fill(0);
  X.forEach((row, i) => {
    for (let a = 0; a < k; a++) {
      Xty[a]! += row[a]! * y[i]!;
      for (let c = 0; c < k; c++) XtX[a]![c]! += row[a]! * row[c]!;
    }
  });
  const b = solve(XtX, Xty);
  if (!b) return undefined;
  let rss = 0;
  X.forEach((row, i) => {
    let f = 0;
    for (let a = 0; a < k; a++) f += row[a]! * b[a]!;
    rss += (y[i]! - f) ** 2;
  });
  const s2 = rss / Math.max(1, X.length - k);
  const se = b.map((_, a) => {
    const e = new Array<number>(k).fill(0);
    e[a] = 1;
    const col = solve(XtX, e);
    return col ? Math.sqrt(Math.max(0, s2 * col[a]!)) : NaN;
  });
  return { b, se };
}

/** Fits the arrival rate of one segment from its order count per day of the history. */
export function fitRate(days: readonly HistoryDay[], counts: ArrayLike<number>): RateFit {
  const n = days.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += counts[i]!;
  const meanPerDay = total / n;
  const weekdaySum = new Array<number>(7).fill(0);
  const weekdayDays = new Array<number>(7).fill(0);
  days.forEach((d, i) => {
    weekdaySum[d.weekday]! += counts[i]!;
    weekdayDays[d.weekday]! += 1;
  });
  const weekday = weekdaySum.map((s, w) => (weekdayDays[w]! > 0 && meanPerDay > 0 ? s / weekdayDays[w]! / meanPerDay : 1));
  const yearly = n >= 365;
  const withTrend = n >= 180;
  const w = (2 * Math.PI) / 365;
  const X = days.map((d) => {
    const row = [1];
    if (withTrend) row.push(d.t / 365);
    if (yearly) row.push(Math.cos(w * d.doy), Math.sin(w * d.doy));
    return row;
  });
  const fit = meanPerDay > 0 ? regress(X, counts) : undefined;
  const fitted = new Float64Array(n).fill(meanPerDay);
  if (!fit) return { ordersPerDay: meanPerDay, meanPerDay, amplitude: 0, peakDay: 0, trendPerYear: 0, trendT: 0, weekday, yearly: false, fitted };
  const { b, se } = fit;
  const trendT = withTrend ? b[1]! / se[1]! : 0;
  const keepTrend = withTrend && Math.abs(trendT) > 2;
  const iCos = withTrend ? 2 : 1;
  let level = (t: number) => meanPerDay + 0 * t;
  let season = (t: number): [number, number] => (yearly ? [b[iCos]!, b[iCos + 1]!] : [0, 0]);
  if (keepTrend) {
    level = (t) => b[0]! + (b[1]! * t) / 365;
    if (yearly) {
      // The scenario's trend scales the season too, (1 + a·cos)(1 + g·t): refit with the
      // season's coefficients growing with t, so the peak and relative amplitude are unbiased.
      const X6 = days.map((d) => [1, d.t / 365, Math.cos(w * d.doy), Math.sin(w * d.doy), (d.t / 365) * Math.cos(w * d.doy), (d.t / 365) * Math.sin(w * d.doy)]);
      const f6 = regress(X6, counts);
      if (f6) {
        const c = f6.b;
        level = (t) => c[0]! + (c[1]! * t) / 365;
        season = (t) => [c[2]! + (c[4]! * t) / 365, c[3]! + (c[5]! * t) / 365];
      }
    }
  }
  const mid = n / 2;
  const end = Math.max(1e-9, level(n));
  const [sc, ss] = season(mid);
  const amp = yearly ? Math.hypot(sc, ss) / Math.max(1e-9, level(mid)) : 0;
  const peak = yearly ? (((Math.atan2(ss, sc) / w) % 365) + 365) % 365 : 0;
  const slope = keepTrend ? level(365) - level(0) : 0;
  days.forEach((d, i) => {
    const [c, s2] = season(d.t);
    fitted[i] = Math.max(1e-9, level(d.t) + c * Math.cos(w * d.doy) + s2 * Math.sin(w * d.doy));
  });
  return {
    ordersPerDay: end,
    meanPerDay,
    amplitude: Math.min(1, amp),
    peakDay: peak,
    trendPerYear: slope / end,
    trendT,
    weekday,
    yearly,
    fitted,
  };
}
