/**
 * Demand from history: seeded histories drawn from known laws, and the fits must find them
 * again within stated tolerances (order-size law and parameters, arrival rate, yearly season,
 * trend, weekday pattern, forecast error).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { fitRate, type HistoryDay } from '../src/import/fit-rate.ts';
import { fitOrderSize } from '../src/import/fit-size.ts';
import { forecastError } from '../src/import/forecast-error.ts';

function sampler(seed: string) {
  const rng = seedrandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * rng() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      if (Math.log(rng()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const poisson = (mean: number) => {
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = rng();
    while (u > cdf) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  };
  return { rng, normal, gamma, poisson };
}

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);
const rel = (x: number, truth: number) => Math.abs(x / truth - 1);

describe('order-size law by AIC', () => {
  it('Poisson(20): Poisson chosen, mean within 1%', () => {
    const s = sampler('poisson');
    const fit = fitOrderSize(draw(5000, () => s.poisson(20)));
    expect(fit.best.name).toBe('poisson');
    expect(rel(fit.best.spec.mean as number, 20)).toBeLessThan(0.01);
    expect(fit.ks).toBeLessThan(0.03);
  });

  it('negative binomial r = 3, p = 0.2 (mean 12): chosen, r within 10%, p within 0.02', () => {
    const s = sampler('nb');
    const fit = fitOrderSize(draw(8000, () => s.poisson(s.gamma(3) * 4)));
    expect(fit.best.name).toBe('negative-binomial');
    expect(rel(fit.best.spec.r as number, 3)).toBeLessThan(0.1);
    expect(Math.abs((fit.best.spec.p as number) - 0.2)).toBeLessThan(0.02);
    expect(fit.ks).toBeLessThan(0.03);
  });

  it('gamma shape 4, scale 5 (fractional sizes): gamma chosen over lognormal, shape and scale within 8%', () => {
    const s = sampler('gamma');
    const fit = fitOrderSize(draw(5000, () => s.gamma(4) * 5));
    expect(fit.discrete).toBe(false);
    expect(fit.best.name).toBe('gamma');
    expect(rel(fit.best.spec.shape as number, 4)).toBeLessThan(0.08);
    expect(rel(fit.best.spec.scale as number, 5)).toBeLessThan(0.08);
    expect(fit.candidates.map((c) => c.name).sort()).toEqual(['gamma', 'lognormal']);
  });

  it('lognormal mean 30, sd 15 in whole units: lognormal chosen, mean within 3%, sd within 8%', () => {
    const s = sampler('lognormal');
    const sigma = Math.sqrt(Math.log(1 + 0.25));
    const mu = Math.log(30) - (sigma * sigma) / 2;
    const fit = fitOrderSize(draw(6000, () => Math.max(1, Math.round(Math.exp(mu + sigma * s.normal())))));
    expect(fit.discrete).toBe(true);
    expect(fit.best.name).toBe('lognormal');
    expect(rel(fit.best.spec.mean as number, 30)).toBeLessThan(0.03);
    expect(rel(fit.best.spec.sd as number, 15)).toBeLessThan(0.08);
  });

  it('case packs 6 / 12 / 24 (1:2:1): the empirical table, weights in proportion within 0.03', () => {
    const s = sampler('packs');
    const fit = fitOrderSize(draw(3000, () => [6, 12, 12, 24][Math.floor(s.rng() * 4)]!));
    expect(fit.best.name).toBe('empirical');
    expect(fit.best.spec.values).toEqual([6, 12, 24]);
    const w = fit.best.spec.weights as number[];
    const total = w.reduce((a, b) => a + b, 0);
    expect(Math.abs(w[0]! / total - 0.25)).toBeLessThan(0.03);
    expect(Math.abs(w[1]! / total - 0.5)).toBeLessThan(0.03);
    expect(fit.ks).toBe(0);
  });
});

/** Two years of days from Monday 2024-01-01 (day of year, weekday 0 = Sunday). */
function calendar(n = 731): HistoryDay[] {
  return Array.from({ length: n }, (_, t) => ({ t, doy: t < 366 ? Math.min(364, t) : t - 366, weekday: (t + 1) % 7 }));
}

/** Daily orders and units of a seasonal, trending compound-Poisson demand. */
function history(seed: string, o: { rate: number; amplitude: number; peak: number; trend: number; week: number[]; level?: (week: number) => number }) {
  const s = sampler(seed);
  const days = calendar();
  const orders = new Float64Array(days.length);
  const units = new Float64Array(days.length);
  let m2 = 0;
  let n = 0;
  for (const d of days) {
    const m = o.rate * (1 + o.amplitude * Math.cos((2 * Math.PI * (d.doy - o.peak)) / 365)) * (1 + (o.trend * d.t) / 365) * o.week[d.weekday]! * (o.level?.(Math.floor(d.t / 7)) ?? 1);
    const k = s.poisson(m);
    orders[d.t] = k;
    for (let i = 0; i < k; i++) {
      const q = 1 + s.poisson(9);
      units[d.t]! += q;
      m2 += q * q;
      n++;
    }
  }
  return { days, orders, units, m2: m2 / n };
}

const WEEK = [0.4, 1.2, 1.1, 1.1, 1.1, 1.2, 0.9];

describe('arrival rate and seasonality', () => {
  it('20 orders/day, amplitude 0.3 peaking on day 200, no trend: within 3%, ±0.03, ±7 days; trend left out', () => {
    const h = history('season', { rate: 20, amplitude: 0.3, peak: 200, trend: 0, week: WEEK });
    const fit = fitRate(h.days, h.orders);
    expect(rel(fit.ordersPerDay, 20)).toBeLessThan(0.03);
    expect(Math.abs(fit.amplitude - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(fit.peakDay - 200)).toBeLessThan(7);
    expect(fit.trendPerYear).toBe(0);
    WEEK.forEach((w, i) => expect(Math.abs(fit.weekday[i]! - w)).toBeLessThan(0.06));
  });

  it('+20%/year growth from 10 orders/day: the end level within 4% and the trend (relative to it) within 0.04', () => {
    const h = history('trend', { rate: 10, amplitude: 0.2, peak: 30, trend: 0.2, week: [1, 1, 1, 1, 1, 1, 1] });
    const fit = fitRate(h.days, h.orders);
    const end = 10 * (1 + (0.2 * 731) / 365);
    expect(rel(fit.ordersPerDay, end)).toBeLessThan(0.04);
    expect(Math.abs(fit.trendPerYear - 2 / end)).toBeLessThan(0.04);
    expect(Math.abs(fit.peakDay - 30)).toBeLessThan(15); // its sd is about 7 days at this rate and amplitude
  });
});

describe('forecast error (exponential smoothing on a hold-out)', () => {
  it('steady seasonal demand: forecastErrorCv 0 (the smoothing error is the order noise the simulation draws)', () => {
    for (const seed of ['steady-1', 'steady-2', 'steady-3']) {
      const h = history(seed, { rate: 8, amplitude: 0.4, peak: 190, trend: 0, week: WEEK });
      const fit = fitRate(h.days, h.orders);
      const f = forecastError(h.units, fit.fitted, h.m2)!;
      expect(f.rawCv).toBeGreaterThan(0.05);
      expect(f.forecastErrorCv).toBe(0);
    }
  });

  it('a level that jumps every 8 weeks (lognormal, cv 0.25): a significant level error of 0.1 to 0.35', () => {
    const s = sampler('jumps');
    const levels = Array.from({ length: 20 }, () => Math.exp(0.25 * s.normal() - 0.03));
    const h = history('jumps-demand', { rate: 8, amplitude: 0, peak: 0, trend: 0, week: WEEK, level: (w) => levels[Math.floor(w / 8)]! });
    const fit = fitRate(h.days, h.orders);
    const f = forecastError(h.units, fit.fitted, h.m2)!;
    expect(f.significant).toBe(true);
    expect(f.forecastErrorCv).toBeGreaterThan(0.1);
    expect(f.forecastErrorCv).toBeLessThan(0.35);
  });
});
