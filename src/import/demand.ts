/**
 * A segment's demand from its history: the arrival rate and yearly seasonality
 * (fit-rate.ts), the order-size distribution (fit-size.ts) and the forecast error
 * (forecast-error.ts), mapped onto the scenario's segment fields, with the figures behind
 * them for the comments of the imported file and the import summary.
 */
import { fitRate, type RateFit } from './fit-rate.ts';
import { fitOrderSize, type SizeFitResult } from './fit-size.ts';
import { forecastError, type ForecastError } from './forecast-error.ts';
import type { History, SegmentHistory } from './history.ts';
import { round } from './network.ts';

/** What history says about one segment. */
export interface DemandFit {
  /** Segment fields: ordersPerDay, orderSize, seasonality (when any), forecastErrorCv (when measured). */
  fields: Record<string, unknown>;
  rate: RateFit;
  size: SizeFitResult;
  forecast: ForecastError | undefined;
  /** Order lines read. */
  lines: number;
}

/** Fits one segment's demand on the history's calendar. */
export function fitDemand(history: History, h: SegmentHistory): DemandFit {
  const rate = fitRate(history.days, h.orders);
  const size = fitOrderSize(h.sizes);
  const m2 = size.sd * size.sd + size.mean * size.mean;
  const forecast = forecastError(h.units, rate.fitted, m2);
  const fields: Record<string, unknown> = { ordersPerDay: round(rate.ordersPerDay), orderSize: size.best.spec };
  const season: Record<string, unknown> = {};
  if (rate.amplitude >= 0.01) {
    season.amplitude = round(rate.amplitude, 3);
    season.peakDay = Math.round(rate.peakDay) % 365;
  }
  if (rate.trendPerYear !== 0) season.trendPerYear = round(rate.trendPerYear, 3);
  if (Object.keys(season).length > 0) fields.seasonality = season;
  if (forecast) fields.forecastErrorCv = round(forecast.forecastErrorCv, 3);
  return { fields, rate, size, forecast, lines: h.sizes.length };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Comment lines (without '#') explaining a fit, for the imported YAML. */
export function demandComment(fit: DemandFit, history: History): string[] {
  const { rate, size, forecast } = fit;
  const lines = [
    `From ${fit.lines} order lines, ${history.from} to ${history.to} (${history.days.length} days).`,
    `Rate: ${round(rate.meanPerDay)} orders/day on average, ${round(rate.ordersPerDay)} at the end of the history (the simulation's start).`,
  ];
  if (rate.yearly)
    lines.push(
      `Yearly season: amplitude ${pct(rate.amplitude)} of the mean, peak on day ${Math.round(rate.peakDay)} of the year; trend ${rate.trendPerYear === 0 ? `not significant (t = ${rate.trendT.toFixed(1)}), left out` : `${pct(rate.trendPerYear)}/year (t = ${rate.trendT.toFixed(1)})`}.`,
    );
  else lines.push('Less than a year of history: no yearly seasonality fitted.');
  lines.push(
    `Weekly pattern (orders per weekday / mean, NOT simulated: the schema has no weekday factors): ${rate.weekday.map((w, i) => `${DAYS[i]} ${w.toFixed(2)}`).join(', ')}.`,
  );
  const ranked = size.candidates.map((c) => `${c.name} ${c.aic.toFixed(1)} (KS ${c.ks.toFixed(3)})`).join(', ');
  lines.push(
    `Order size: mean ${round(size.mean)}, sd ${round(size.sd)} units; ${size.best.name} chosen by the smallest AIC. AIC (Kolmogorov-Smirnov distance to the data): ${ranked}.`,
  );
  if (forecast)
    lines.push(
      `Forecast error: exponential smoothing (alpha ${forecast.alpha}) of de-seasonalised weekly demand, ${forecast.holdoutWeeks}-week hold-out: one-step error cv ${pct(forecast.rawCv)}; net of the order noise the simulation draws itself, a level error of ${pct(forecast.estimate)} (95% range ${pct(forecast.range[0])} to ${pct(forecast.range[1])}): forecastErrorCv ${forecast.significant ? pct(forecast.forecastErrorCv) : '0, not distinguishable from noise'}.`,
    );
  else lines.push('Fewer than 16 weeks of history: no forecast error measured.');
  return lines;
}
