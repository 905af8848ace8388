/**
 * Compiled random-variate samplers for the distributions of distribution-schema.ts.
 *
 * This is on the simulator's hot path (millions of draws per second), so:
 * - there is ONE class, `Sampler`, with an integer `kind` and a `switch` in `sample()`.
 *   Every instance has the same fields assigned in the same order, so call sites stay
 *   monomorphic and V8 can inline `sample()`;
 * - everything that depends only on the parameters (log-normal mu/sigma, cumulative
 *   tables, Poisson and gamma constants) is computed once, in `compileDistribution`;
 * - a draw allocates nothing and creates no closures.
 *
 * A Sampler holds no mutable state (no cached second normal variate), so one Sampler may be
 * used with any number of streams and a stream's sequence depends only on that stream.
 *
 * Every value drawn is ≥ 0 and in the unit of the field that uses the distribution.
 */
import type { RandomStream } from './rng.ts';
import { type CdfTable, negativeBinomialCdfTable, poissonCdfTable, searchGuided } from './discrete-table.ts';
import { normalCdf } from './special-functions.ts';
import { gammaConstants, poisson, poissonPtrs, ptrsConstants, searchBinary, searchLinear, stdGamma, stdNormal } from './variates.ts';
import type { DistributionSpec } from '../scenario/distribution-schema.ts';

/** Internal variate kinds; a const enum so the `switch` compares integer literals. */
const enum Kind {
  Constant, Uniform, Triangular, TruncNormal, Lognormal, Gamma, Exponential,
  DiscreteTable, PoissonPtrs, NegBinomial, Empirical,
}

const EMPTY = new Float64Array(0);
const EMPTY_GUIDE = new Int32Array(0);
const TWO_PI = 2 * Math.PI;

/**
 * A compiled distribution. Build with `compileDistribution`.
 *
 * Parameter slots p0..p5 by kind (unused slots are 0):
 * | kind         | p0    | p1        | p2     | p3     | p4       | p5 |
 * |--------------|-------|-----------|--------|--------|----------|----|
 * | Constant     | value |           |        |        |          |    |
 * | Uniform      | min   | max - min |        |        |          |    |
 * | Triangular   | min   | max       | F(mode)| (max-min)(mode-min) | (max-min)(max-mode) | |
 * | TruncNormal  | mean  | sd        |        |        |          |    |
 * | Lognormal    | mu    | sigma     |        |        |          |    |
 * | Gamma        | scale | d         | c      | 1/shape if shape < 1, else 0 | | |
 * | Exponential  | mean  |           |        |        |          |    |
 * | DiscreteTable | (table = cumulative probabilities of 0, 1, 2, …; guide: discrete-table.ts) | | | | | |
 * | PoissonPtrs  | λ     | ln λ      | b      | a      | ln(1/α)  | v_r |
 * | NegBinomial  | scale (1-p)/p | d   | c      | 1/r if r < 1, else 0 | | |
 * | Empirical    | (table = cumulative probabilities, values = the values) | | | | | |
 *
 * Poisson and negative binomial draw from a DiscreteTable whenever its table is small enough
 * (discrete-table.ts); PoissonPtrs and NegBinomial are the exact fallbacks for the rest.
 */
export class Sampler {
  /** Exact mean of the distribution as sampled (for normal: the truncated-at-0 mean). */
  readonly mean: number;
  /** Exact variance as sampled (for normal: the truncated variance). */
  readonly variance: number;
  /** True when every draw is an integer. */
  readonly integer: boolean;
  private readonly kind: number;
  private readonly p0: number;
  private readonly p1: number;
  private readonly p2: number;
  private readonly p3: number;
  private readonly p4: number;
  private readonly p5: number;
  private readonly table: Float64Array;
  private readonly values: Float64Array;
  private readonly guide: Int32Array;

  /** @internal Use `compileDistribution`. */
  constructor(kind: number, mean: number, variance: number, integer: boolean,
    p: readonly number[] = [], table: Float64Array = EMPTY, values: Float64Array = EMPTY, guide: Int32Array = EMPTY_GUIDE) {
    this.mean = mean;
    this.variance = variance;
    this.integer = integer;
    this.kind = kind;
    this.p0 = p[0] ?? 0;
    this.p1 = p[1] ?? 0;
    this.p2 = p[2] ?? 0;
    this.p3 = p[3] ?? 0;
    this.p4 = p[4] ?? 0;
    this.p5 = p[5] ?? 0;
    this.table = table;
    this.values = values;
    this.guide = guide;
  }

  /**
   * Draws one value (≥ 0). A constant does not consume any random number.
   *
   * A performance shortcut: the cheap kinds are drawn here and the rest in `sampleOther`, so
   * this method stays small enough for V8 to inline at every call site (a draw then needs no
   * call and no boxed return value).
   */
  sample(rng: RandomStream): number {
    switch (this.kind) {
      case Kind.Constant:
        return this.p0;
      case Kind.Uniform:
        return this.p0 + this.p1 * rng.next();
      case Kind.Triangular: {
        // Inversion of the piecewise-quadratic CDF.
        const u = rng.next();
        return u < this.p2 ? this.p0 + Math.sqrt(u * this.p3) : this.p1 - Math.sqrt((1 - u) * this.p4);
      }
      case Kind.Exponential:
        // 1 - u is in (0, 1], so the log is finite.
        return -this.p0 * Math.log(1 - rng.next());
      default:
        return this.sampleOther(rng);
    }
  }

  /** The kinds `sample` does not draw itself. */
  private sampleOther(rng: RandomStream): number {
    switch (this.kind) {
      case Kind.TruncNormal: {
        // Rejection: mean ≥ 0 guarantees an acceptance rate ≥ 1/2.
        for (;;) {
          const x = this.p0 + this.p1 * stdNormal(rng);
          if (x >= 0) return x;
        }
      }
      case Kind.Lognormal:
        return Math.exp(this.p0 + this.p1 * stdNormal(rng));
      case Kind.Gamma:
        return this.p0 * stdGamma(rng, this.p1, this.p2, this.p3);
      case Kind.DiscreteTable:
        return searchGuided(this.table, this.guide, rng.next());
      case Kind.PoissonPtrs:
        return poissonPtrs(rng, this.p0, this.p1, this.p2, this.p3, this.p4, this.p5);
      case Kind.NegBinomial:
        // Gamma–Poisson mixture: N | Λ ~ Poisson(Λ), Λ ~ Gamma(r, (1-p)/p).
        return poisson(rng, this.p0 * stdGamma(rng, this.p1, this.p2, this.p3));
      case Kind.Empirical: {
        const t = this.table;
        const u = rng.next();
        return this.values[t.length > 8 ? searchBinary(t, u) : searchLinear(t, u)];
      }
      default:
        throw new Error(`corrupt Sampler kind ${this.kind}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Normal density (only used when compiling; Φ comes from special-functions.ts)

/** Standard normal density φ(x). */
const normalPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(TWO_PI);

// ---------------------------------------------------------------------------------------
// Compilation

function fail(spec: DistributionSpec, why: string): never {
  throw new Error(`invalid distribution ${describeDistribution(spec)}: ${why}`);
}

/** A distribution on 0, 1, 2, … drawn from its cumulative table (discrete-table.ts). */
function discrete(mean: number, variance: number, t: CdfTable): Sampler {
  return new Sampler(Kind.DiscreteTable, mean, variance, true, [], t.cum, EMPTY, t.guide);
}

function constant(value: number): Sampler {
  return new Sampler(Kind.Constant, value, 0, Number.isInteger(value), [value]);
}

/**
 * Compiles a validated spec into a Sampler. Degenerate cases (sd 0, min = max, p = 1,
 * Poisson mean 0) compile to a constant, which consumes no random numbers. Throws on a
 * spec the schema would reject (defensive: callers should validate first).
 */
export function compileDistribution(spec: DistributionSpec): Sampler {
  if (typeof spec !== 'object' || spec === null) return compileSpec(spec);
  // Samplers hold no state, so equal specs share one: segments with the same order-size
  // distribution then share its tables (fewer cache misses on the hot path, less memory).
  const key = JSON.stringify(spec);
  let s = compiled.get(key);
  if (s === undefined) {
    s = compileSpec(spec);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, s);
  }
  return s;
}

/** Compiled samplers by spec (JSON), per thread. */
const compiled = new Map<string, Sampler>();
const MAX_COMPILED = 1024;

function compileSpec(spec: DistributionSpec): Sampler {
  const bad = (cond: boolean, why: string) => {
    if (!cond) fail(spec, why);
  };
  if (typeof spec === 'number') {
    bad(spec >= 0 && Number.isFinite(spec), 'a constant must be a finite number ≥ 0');
    return constant(spec);
  }
  bad(typeof spec === 'object' && spec !== null, 'expected a number or a {dist: ...} object');
  // Rejects NaN/Infinity in any numeric field once, instead of per case.
  for (const [key, v] of Object.entries(spec)) {
    if (typeof v === 'number') bad(Number.isFinite(v), `${key} must be finite`);
  }
  switch (spec.dist) {
    case 'constant':
      bad(spec.value >= 0, 'value must be ≥ 0');
      return constant(spec.value);
    case 'uniform': {
      const { min, max } = spec;
      bad(min >= 0, 'min must be ≥ 0');
      bad(max >= min, 'max must be ≥ min');
      if (max === min) return constant(min);
      const w = max - min;
      return new Sampler(Kind.Uniform, (min + max) / 2, (w * w) / 12, false, [min, w]);
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = spec;
      bad(a >= 0, 'min must be ≥ 0');
      bad(a <= c && c <= b, 'need min ≤ mode ≤ max');
      bad(b > a, 'max must be > min');
      const mean = (a + b + c) / 3;
      const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
      const w = b - a;
      return new Sampler(Kind.Triangular, mean, variance, false, [a, b, (c - a) / w, w * (c - a), w * (b - c)]);
    }
    case 'normal': {
      const { mean: mu, sd } = spec;
      bad(mu >= 0, 'mean must be ≥ 0 (the normal is truncated at 0)');
      bad(sd >= 0, 'sd must be ≥ 0');
      if (sd === 0) return constant(mu);
      // Truncated to [0, ∞): α = -μ/σ, Z = 1 - Φ(α) = Φ(μ/σ) ≥ 1/2, λ = φ(α)/Z;
      // mean = μ + σλ, variance = σ²(1 + αλ - λ²).
      const alpha = -mu / sd;
      const lambda = normalPdf(alpha) / normalCdf(mu / sd);
      const mean = mu + sd * lambda;
      const variance = sd * sd * (1 + alpha * lambda - lambda * lambda);
      return new Sampler(Kind.TruncNormal, mean, variance, false, [mu, sd]);
    }
    case 'lognormal': {
      const { mean, sd } = spec;
      bad(mean > 0, 'mean must be > 0');
      bad(sd >= 0, 'sd must be ≥ 0');
      if (sd === 0) return constant(mean);
      // ln X ~ N(mu, sigma²) with E X = mean, sd X = sd: sigma² = ln(1 + sd²/mean²).
      const sigma2 = Math.log1p((sd / mean) * (sd / mean));
      return new Sampler(Kind.Lognormal, mean, sd * sd, false, [Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2)]);
    }
    case 'gamma': {
      const { shape, scale } = spec;
      bad(shape > 0, 'shape must be > 0');
      bad(scale > 0, 'scale must be > 0');
      return new Sampler(Kind.Gamma, shape * scale, shape * scale * scale, false, [scale, ...gammaConstants(shape)]);
    }
    case 'exponential': {
      bad(spec.mean > 0, 'mean must be > 0');
      return new Sampler(Kind.Exponential, spec.mean, spec.mean * spec.mean, false, [spec.mean]);
    }
    case 'poisson': {
      const lam = spec.mean;
      bad(lam >= 0, 'mean must be ≥ 0');
      if (lam === 0) return constant(0);
      const table = poissonCdfTable(lam);
      if (table !== null) return discrete(lam, lam, table);
      return new Sampler(Kind.PoissonPtrs, lam, lam, true, Array.from(ptrsConstants(lam)));
    }
    case 'negative-binomial': {
      const { r, p } = spec;
      bad(r > 0, 'r must be > 0');
      bad(p > 0 && p <= 1, 'p must be in (0, 1]');
      if (p === 1) return constant(0);
      const q = 1 - p;
      const table = negativeBinomialCdfTable(r, p);
      if (table !== null) return discrete((r * q) / p, (r * q) / (p * p), table);
      return new Sampler(Kind.NegBinomial, (r * q) / p, (r * q) / (p * p), true, [q / p, ...gammaConstants(r)]);
    }
    case 'empirical':
      return compileEmpirical(spec, spec.values, spec.weights);
    default:
      return fail(spec, `unknown dist ${JSON.stringify((spec as { dist: unknown }).dist)}`);
  }
}

function compileEmpirical(spec: DistributionSpec, values: readonly number[], weights?: readonly number[]): Sampler {
  const n = Array.isArray(values) ? values.length : 0;
  if (n === 0) fail(spec, 'values must be a non-empty list');
  if (weights !== undefined && weights.length !== n) fail(spec, 'weights must have as many entries as values');
  const w = weights ?? values.map(() => 1);
  if (!values.every((v) => Number.isFinite(v) && v >= 0)) fail(spec, 'values must be finite and ≥ 0');
  if (!w.every((x) => Number.isFinite(x) && x >= 0)) fail(spec, 'weights must be finite and ≥ 0');
  const total = w.reduce((acc, x) => acc + x, 0);
  if (!(total > 0)) fail(spec, 'weights must sum to > 0');
  const cum = new Float64Array(n);
  let s = 0;
  let mean = 0;
  let lastPositive = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] > 0) lastPositive = i;
    s += w[i];
    cum[i] = s / total;
    mean += (w[i] / total) * values[i];
  }
  // The running sum at the last positive weight is `total` (same additions in the same order
  // as above), so cum is exactly 1 there; filling the rest with 1 keeps trailing zero-weight
  // values unreachable.
  cum.fill(1, lastPositive);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (w[i] / total) * (values[i] - mean) ** 2;
  const integer = values.every((v) => Number.isInteger(v));
  return new Sampler(Kind.Empirical, mean, variance, integer, [], cum, Float64Array.from(values));
}

/** Parameter names of each dist, in the order they are described. */
const PARAMS: Record<string, readonly string[]> = {
  constant: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  gamma: ['shape', 'scale'],
  exponential: ['mean'],
  poisson: ['mean'],
  'negative-binomial': ['r', 'p'],
  empirical: ['values', 'weights'],
};

/** A number for humans: integers as is, others to 6 significant digits; lists up to 6 items. */
function fmt(x: unknown): string {
  if (Array.isArray(x)) return `[${x.slice(0, 6).map(fmt).join(', ')}${x.length > 6 ? ', …' : ''}]`;
  if (typeof x !== 'number') return JSON.stringify(x);
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** One-line description for reports and error messages, e.g. "normal(mean 5, sd 1)". */
export function describeDistribution(spec: DistributionSpec): string {
  if (typeof spec === 'number') return `constant(${fmt(spec)})`;
  if (typeof spec !== 'object' || spec === null) return `invalid(${String(spec)})`;
  const fields = spec as Record<string, unknown>;
  const names = PARAMS[spec.dist];
  if (!names) return `unknown(${JSON.stringify(spec)})`;
  if (spec.dist === 'constant') return `constant(${fmt(spec.value)})`;
  const parts = names.filter((k) => fields[k] !== undefined).map((k) => `${k} ${fmt(fields[k])}`);
  return `${spec.dist}(${parts.join(', ')})`;
}
