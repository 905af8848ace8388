/**
 * Order-size distribution from history: maximum-likelihood fits of Poisson, negative binomial,
 * gamma, lognormal and the empirical table, the one with the smallest AIC (2k − 2 ln L, k the
 * number of fitted parameters) chosen, and its Kolmogorov–Smirnov distance to the data as the
 * goodness-of-fit figure.
 *
 * Order sizes in units are usually whole numbers. Then every candidate is scored on the same
 * footing, as a probability of each whole size: a continuous candidate (gamma, lognormal) is
 * discretised as P(k) = F(k + ½) − F(k − ½) (P(0) = F(½)), so its AIC is comparable with the
 * counts', and its parameters maximise that discretised likelihood (Nelder–Mead from the
 * continuous MLE: closed form for the lognormal, Newton for the gamma shape). The simulation
 * then draws the continuous law (sizes are not rounded; the mean moves by a small fraction of a unit).
 * With fractional sizes (kg, litres) only gamma and lognormal are candidates,
 * scored by their densities. The empirical table is a candidate for whole sizes with at most
 * 50 distinct values (k = distinct values − 1).
 */
import { normalCdf } from '../engine/special-functions.ts';
import { round } from './network.ts';

/** One candidate's fit. */
export interface SizeFit {
  name: 'poisson' | 'negative-binomial' | 'gamma' | 'lognormal' | 'empirical';
  /** The scenario's distribution object. */
  spec: Record<string, unknown>;
  /** Fitted parameters (k of AIC). */
  params: number;
  logLik: number;
  aic: number;
  /** Kolmogorov–Smirnov distance to the data: max |empirical CDF − fitted CDF| (0 for the empirical table itself). */
  ks: number;
}

/** The fit chosen and every candidate considered (sorted by AIC). */
export interface SizeFitResult {
  best: SizeFit;
  candidates: SizeFit[];
  /** Kolmogorov–Smirnov distance of the chosen fit: max |empirical CDF − fitted CDF|. */
  ks: number;
  n: number;
  mean: number;
  sd: number;
  discrete: boolean;
}

/** ln Γ(x), x > 0 (Lanczos, g = 7; ~1e-15 relative). */
export function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Digamma ψ(x) and trigamma ψ'(x), x > 0 (recurrence to x ≥ 6, then the asymptotic series). */
function digammaTrigamma(x: number): [number, number] {
  let psi = 0;
  let tri = 0;
  while (x < 6) {
    psi -= 1 / x;
    tri += 1 / (x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  psi += Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f / 252));
  tri += 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f / 42));
  return [psi, tri];
}

/** Regularized lower incomplete gamma P(a, x) (series below a + 1, continued fraction above). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPre = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.min(1, sum * Math.exp(lnPre));
  }
  // Lentz's continued fraction for Q(a, x).
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lnPre) * h);
}

/** Maximises a unimodal f on [lo, hi] by golden-section search. */
function argmax(f: (x: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 120 && b - a > 1e-9 * (1 + Math.abs(a)); i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) > f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

/** Maximises f over two parameters by Nelder–Mead from `start` (steps of 10% of each). */
function maximise2(f: (x: number, y: number) => number, start: [number, number]): [number, number] {
  let pts: Array<[number, number]> = [start, [start[0] * 1.1 + 1e-3, start[1]], [start[0], start[1] * 1.1 + 1e-3]];
  let val = pts.map(([x, y]) => f(x, y));
  for (let it = 0; it < 400; it++) {
    const order = [0, 1, 2].sort((a, b) => val[b]! - val[a]!);
    pts = order.map((i) => pts[i]!);
    val = order.map((i) => val[i]!);
    if (Math.abs(val[0]! - val[2]!) < 1e-9 * (1 + Math.abs(val[0]!))) break;
    const c: [number, number] = [(pts[0]![0] + pts[1]![0]) / 2, (pts[0]![1] + pts[1]![1]) / 2];
    const at = (t: number): [number, number] => [c[0] + t * (pts[2]![0] - c[0]), c[1] + t * (pts[2]![1] - c[1])];
    const r = at(-1);
    const fr = f(...r);
    if (fr > val[0]!) {
      const e = at(-2);
      const fe = f(...e);
      [pts[2], val[2]] = fe > fr ? [e, fe] : [r, fr];
    } else if (fr > val[1]!) [pts[2], val[2]] = [r, fr];
    else {
      const k = at(0.5);
      const fk = f(...k);
      if (fk > val[2]!) [pts[2], val[2]] = [k, fk];
      else {
        for (const i of [1, 2]) {
          pts[i] = [(pts[i]![0] + pts[0]![0]) / 2, (pts[i]![1] + pts[0]![1]) / 2];
          val[i] = f(...pts[i]!);
        }
      }
    }
  }
  return pts[0]!;
}

/** Log-likelihood from a per-value log-probability, over the distinct values and their counts. */
function logLik(counts: Map<number, number>, logp: (k: number) => number): number {
  let s = 0;
  for (const [k, n] of counts) s += n * logp(k);
  return s;
}

/** ln of a discretised continuous law's P(k) = F(k + ½) − F(k − ½). */
function discretised(cdf: (x: number) => number): (k: number) => number {
  return (k) => Math.log(Math.max(1e-300, cdf(k + 0.5) - (k > 0 ? cdf(k - 0.5) : 0)));
}

/** Fits and ranks the candidates; `sizes` must be non-empty and ≥ 0. */
export function fitOrderSize(sizes: readonly number[]): SizeFitResult {
  const n = sizes.length;
  let sum = 0;
  let sumSq = 0;
  for (const x of sizes) {
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  const variance = Math.max(0, sumSq / n - mean * mean);
  const discrete = sizes.every((x) => Number.isInteger(x));
  const positive = sizes.every((x) => x > 0);
  const counts = new Map<number, number>();
  for (const x of sizes) counts.set(x, (counts.get(x) ?? 0) + 1);
  const fits: SizeFit[] = [];
  const add = (name: SizeFit['name'], spec: Record<string, unknown>, params: number, ll: number) => {
    if (Number.isFinite(ll)) fits.push({ name, spec, params, logLik: ll, aic: 2 * params - 2 * ll, ks: NaN });
  };

  if (discrete && mean > 0) {
    const lm = Math.log(mean);
    add('poisson', { dist: 'poisson', mean: round(mean, 6) }, 1, logLik(counts, (k) => k * lm - mean - lnGamma(k + 1)));
    // Profile likelihood in r (p = r / (r + mean)), searched over ln r.
    const nbLl = (r: number) => {
      const p = r / (r + mean);
      const lp = Math.log(p);
      const lq = Math.log(1 - p);
      return logLik(counts, (k) => lnGamma(k + r) - lnGamma(r) - lnGamma(k + 1) + r * lp + k * lq);
    };
    const r = Math.exp(argmax((lr) => nbLl(Math.exp(lr)), Math.log(1e-3), Math.log(1e5)));
    add('negative-binomial', { dist: 'negative-binomial', r: round(r, 6), p: round(r / (r + mean), 6) }, 2, nbLl(r));
  }
  if (positive) {
    // Gamma: Minka's start for the shape, then Newton on ln k − ψ(k) = ln mean − mean ln x.
    let meanLog = 0;
    for (const x of sizes) meanLog += Math.log(x);
    meanLog /= n;
    const s = Math.log(mean) - meanLog;
    if (s > 1e-12) {
      let k = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
      for (let i = 0; i < 50; i++) {
        const [psi, tri] = digammaTrigamma(k);
        const step = (Math.log(k) - psi - s) / (1 / k - tri);
        k = Math.max(k / 10, k - step);
        if (Math.abs(step) < 1e-12 * k) break;
      }
      let theta = mean / k;
      let ll: number;
      if (discrete) {
        // Whole sizes: the MLE of the discretised law, from the continuous one (ln k, ln θ).
        const dll = (lk: number, lt: number) => logLik(counts, discretised((x) => gammaP(Math.exp(lk), x / Math.exp(lt))));
        const [lk, lt] = maximise2(dll, [Math.log(k), Math.log(theta)]);
        [k, theta] = [Math.exp(lk), Math.exp(lt)];
        ll = dll(lk, lt);
      } else ll = logLik(counts, (x) => (k - 1) * Math.log(x) - x / theta - lnGamma(k) - k * Math.log(theta));
      add('gamma', { dist: 'gamma', shape: round(k, 6), scale: round(theta, 6) }, 2, ll);
    }
    let varLog = 0;
    for (const x of sizes) varLog += (Math.log(x) - meanLog) ** 2;
    let sigma = Math.sqrt(varLog / n);
    if (sigma > 0) {
      let mu = meanLog;
      let ll: number;
      if (discrete) {
        const lnCdf = (m: number, s: number) => (x: number) => (x <= 0 ? 0 : normalCdf((Math.log(x) - m) / s));
        const dll = (m: number, ls: number) => logLik(counts, discretised(lnCdf(m, Math.exp(ls))));
        const [m, ls] = maximise2(dll, [mu, Math.log(sigma)]);
        [mu, sigma] = [m, Math.exp(ls)];
        ll = dll(m, ls);
      } else ll = logLik(counts, (x) => -Math.log(x * sigma * Math.sqrt(2 * Math.PI)) - (Math.log(x) - mu) ** 2 / (2 * sigma * sigma));
      const m = Math.exp(mu + (sigma * sigma) / 2);
      add('lognormal', { dist: 'lognormal', mean: round(m, 6), sd: round(m * Math.sqrt(Math.expm1(sigma * sigma)), 6) }, 2, ll);
    }
  }
  if (discrete && counts.size <= 50) {
    const values = [...counts.keys()].sort((a, b) => a - b);
    const spec = counts.size === 1 ? { dist: 'constant', value: values[0] } : { dist: 'empirical', values, weights: values.map((v) => counts.get(v)!) };
    add('empirical', spec, counts.size - 1, logLik(counts, (k) => Math.log(counts.get(k)! / n)));
  }
  if (fits.length === 0) add('empirical', { dist: 'constant', value: mean }, 0, 0);
  fits.sort((a, b) => a.aic - b.aic);
  const sorted = [...sizes].sort((a, b) => a - b);
  for (const f of fits) f.ks = ksDistance(sorted, f, discrete);
  const best = fits[0]!;
  return { best, candidates: fits, ks: best.ks, n, mean, sd: Math.sqrt(variance), discrete };
}

/** CDF of a fitted candidate at x. */
function fittedCdf(fit: SizeFit, discrete: boolean): (x: number) => number {
  const s = fit.spec as Record<string, number> & { values?: number[]; weights?: number[] };
  switch (fit.name) {
    case 'poisson':
    case 'negative-binomial': {
      const cache: number[] = [];
      const pmf =
        fit.name === 'poisson'
          ? (k: number) => Math.exp(k * Math.log(s.mean!) - s.mean! - lnGamma(k + 1))
          : (k: number) => Math.exp(lnGamma(k + s.r!) - lnGamma(s.r!) - lnGamma(k + 1) + s.r! * Math.log(s.p!) + k * Math.log(1 - s.p!));
      return (x) => {
        const top = Math.floor(x);
        for (let k = cache.length; k <= top; k++) cache.push((k > 0 ? cache[k - 1]! : 0) + pmf(k));
        return top < 0 ? 0 : cache[top]!;
      };
    }
    case 'gamma': {
      const f = (x: number) => gammaP(s.shape!, x / s.scale!);
      return discrete ? (x) => f(Math.floor(x) + 0.5) : f;
    }
    case 'lognormal': {
      const sigma = Math.sqrt(Math.log1p((s.sd! / s.mean!) ** 2));
      const mu = Math.log(s.mean!) - (sigma * sigma) / 2;
      const f = (x: number) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
      return discrete ? (x) => f(Math.floor(x) + 0.5) : f;
    }
    default: {
      const values = s.values ?? [s.value!];
      const weights = s.weights ?? [1];
      const total = weights.reduce((a, b) => a + b, 0);
      return (x) => values.reduce((acc, v, i) => (v <= x ? acc + weights[i]! / total : acc), 0);
    }
  }
}

/**
 * Kolmogorov–Smirnov distance between the data and the fit: the largest gap between the two
 * CDFs, checked at every observed value (and just below it, for the continuous case).
 */
function ksDistance(sorted: readonly number[], fit: SizeFit, discrete: boolean): number {
  const cdf = fittedCdf(fit, discrete);
  const n = sorted.length;
  let d = 0;
  let below = 0; // observations below the current value
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    const v = sorted[i]!;
    d = Math.max(d, Math.abs((i + 1) / n - cdf(v)));
    // Just below v the data's CDF is below/n: at v − 1 for whole sizes, at v⁻ otherwise.
    d = Math.max(d, Math.abs(below / n - cdf(discrete ? v - 1 : v - 1e-9 * Math.max(1, v))));
    below = i + 1;
  }
  return d;
}
