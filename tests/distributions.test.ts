/**
 * Tests for src/engine/distributions.ts and src/scenario/distribution-schema.ts.
 *
 * Moment checks draw n = 200,000 values per distribution from a fixed stream and compare:
 * - the sample mean with the exact mean, within 4.5 standard errors: SE = sqrt(σ²/n);
 * - the sample variance s² with the exact variance, within 4.5 standard errors of s²:
 *   Var(s²) = μ4/n - σ⁴(n-3)/(n(n-1)), with μ4 the exact fourth central moment
 *   (closed forms below, or numerical integration for the truncated normal).
 * The expected moments are computed here from textbook formulas, independently of the
 * implementation (which must agree with them to ~1e-9 relative).
 */
import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { createStream, type RandomStream } from '../src/engine/rng.ts';
import { compileDistribution, describeDistribution, type Sampler } from '../src/engine/distributions.ts';
import { negativeBinomialCdfTable, poissonCdfTable, searchGuided } from '../src/engine/discrete-table.ts';
import { distributionSchema, type DistributionSpec } from '../src/scenario/distribution-schema.ts';

const N = 200_000;
const Z = 4.5; // tolerance in standard errors

/** Simpson's rule for ∫_a^b f with m (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, m = 20_000): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const phi = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);

interface Expected {
  mean: number;
  variance: number;
  /** Fourth central moment μ4 = E[(X - mean)^4]. */
  mu4: number;
}

/** Expected moments of N(μ, σ²) truncated to [0, ∞). */
function truncatedNormal(mu: number, sd: number): Expected {
  // Textbook: α = -μ/σ, Z = 1 - Φ(α), λ = φ(α)/Z; mean = μ + σλ; var = σ²(1 + αλ - λ²).
  // Φ by numerical integration of φ (independent of the implementation's erfc).
  const alpha = -mu / sd;
  const zMass = simpson(phi, alpha, 40);
  const lambda = phi(alpha) / zMass;
  const mean = mu + sd * lambda;
  const variance = sd * sd * (1 + alpha * lambda - lambda * lambda);
  // μ4 by integrating (x - mean)^4 against the truncated density.
  const dens = (x: number) => phi((x - mu) / sd) / sd / zMass;
  const mu4 = simpson((x) => (x - mean) ** 4 * dens(x), 0, mu + 40 * sd);
  return { mean, variance, mu4 };
}

/** Moments from variance and excess kurtosis: μ4 = (3 + excess) σ⁴. */
const fromKurtosis = (mean: number, variance: number, excess: number): Expected => ({
  mean,
  variance,
  mu4: (3 + excess) * variance * variance,
});

/** Exact moments of a discrete table. */
function table(values: number[], weights?: number[]): Expected {
  const w = weights ?? values.map(() => 1);
  const tot = w.reduce((a, b) => a + b, 0);
  const mean = values.reduce((a, v, i) => a + (w[i] / tot) * v, 0);
  const variance = values.reduce((a, v, i) => a + (w[i] / tot) * (v - mean) ** 2, 0);
  const mu4 = values.reduce((a, v, i) => a + (w[i] / tot) * (v - mean) ** 4, 0);
  return { mean, variance, mu4 };
}

const lnCv2 = (mean: number, sd: number) => Math.log(1 + (sd / mean) ** 2);

const cases: { name: string; spec: DistributionSpec; expected: Expected }[] = [
  // uniform(a, b): mean (a+b)/2, var (b-a)²/12, μ4 = (b-a)⁴/80.
  { name: 'uniform', spec: { dist: 'uniform', min: 2, max: 5 }, expected: { mean: 3.5, variance: 9 / 12, mu4: 81 / 80 } },
  // triangular(a, c, b): mean (a+b+c)/3, var (a²+b²+c²-ab-ac-bc)/18, excess kurtosis -3/5.
  { name: 'triangular', spec: { dist: 'triangular', min: 1, mode: 2, max: 6 }, expected: fromKurtosis(3, 21 / 18, -0.6) },
  { name: 'triangular-mode-at-min', spec: { dist: 'triangular', min: 0, mode: 0, max: 3 }, expected: fromKurtosis(1, 9 / 18, -0.6) },
  // Truncation matters: P(N(1,1) < 0) ≈ 16%.
  { name: 'normal-truncated', spec: { dist: 'normal', mean: 1, sd: 1 }, expected: truncatedNormal(1, 1) },
  { name: 'normal-at-zero', spec: { dist: 'normal', mean: 0, sd: 2 }, expected: truncatedNormal(0, 2) },
  { name: 'normal', spec: { dist: 'normal', mean: 10, sd: 2 }, expected: truncatedNormal(10, 2) },
  // lognormal(mean m, sd s): s² = ln(1 + s²/m²); excess kurtosis e^{4s²} + 2e^{3s²} + 3e^{2s²} - 6.
  {
    name: 'lognormal',
    spec: { dist: 'lognormal', mean: 5, sd: 2 },
    expected: (() => {
      const s2 = lnCv2(5, 2);
      return fromKurtosis(5, 4, Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6);
    })(),
  },
  // gamma(k, θ): mean kθ, var kθ², excess kurtosis 6/k.
  { name: 'gamma', spec: { dist: 'gamma', shape: 2.5, scale: 2 }, expected: fromKurtosis(5, 10, 6 / 2.5) },
  { name: 'gamma-shape-below-1', spec: { dist: 'gamma', shape: 0.5, scale: 3 }, expected: fromKurtosis(1.5, 4.5, 12) },
  // exponential(m): mean m, var m², excess kurtosis 6.
  { name: 'exponential', spec: { dist: 'exponential', mean: 4 }, expected: fromKurtosis(4, 16, 6) },
  // Poisson(λ): mean = var = λ, μ4 = λ(1 + 3λ). Means 3 and 50 → guide table; 1000 → PTRS
  // (e^−1000 underflows, so no table).
  { name: 'poisson-3', spec: { dist: 'poisson', mean: 3 }, expected: { mean: 3, variance: 3, mu4: 3 * (1 + 9) } },
  { name: 'poisson-50', spec: { dist: 'poisson', mean: 50 }, expected: { mean: 50, variance: 50, mu4: 50 * (1 + 150) } },
  { name: 'poisson-1000', spec: { dist: 'poisson', mean: 1000 }, expected: { mean: 1000, variance: 1000, mu4: 1000 * (1 + 3000) } },
  // NB(r, p) failures before r successes: mean r(1-p)/p, var r(1-p)/p², excess kurtosis 6/r + p²/(r(1-p)).
  ...[
    [2.5, 0.3], // guide table
    [0.7, 0.5], // guide table
    [5, 0.1], // guide table, mean 45
    // The gamma–Poisson mixture, for tables that would be too long (> 65,536 entries):
    [0.5, 1e-5], // r < 1: gamma boost; mixing λ both < 10 (sequential Poisson) and ≥ 10 (PTRS)
    [3, 1e-5], // mean ≈ 300,000: mixing λ ≥ 10 (PTRS)
  ].map(([r, p]) => ({
    name: `negative-binomial-r${r}-p${p}`,
    spec: { dist: 'negative-binomial' as const, r, p },
    expected: fromKurtosis((r * (1 - p)) / p, (r * (1 - p)) / (p * p), 6 / r + (p * p) / (r * (1 - p))),
  })),
  { name: 'empirical-small', spec: { dist: 'empirical', values: [1, 2, 5], weights: [1, 2, 1] }, expected: table([1, 2, 5], [1, 2, 1]) },
  { name: 'empirical-equal', spec: { dist: 'empirical', values: [0.5, 4, 7] }, expected: table([0.5, 4, 7]) },
  (() => {
    // 20 entries (binary search), a zero weight in the middle and at the end.
    const values = Array.from({ length: 20 }, (_, i) => i * 3);
    const weights = values.map((_, i) => (i === 7 || i === 19 ? 0 : i + 1));
    return { name: 'empirical-large', spec: { dist: 'empirical' as const, values, weights }, expected: table(values, weights) };
  })(),
];

/** Draws N values; returns them with sample mean and unbiased variance. */
function draw(s: Sampler, rng: RandomStream) {
  const xs = new Float64Array(N);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += xs[i] = s.sample(rng);
  const mean = sum / N;
  let ss = 0;
  for (let i = 0; i < N; i++) ss += (xs[i] - mean) ** 2;
  return { xs, mean, variance: ss / (N - 1) };
}

describe('sampler moments', () => {
  for (const { name, spec, expected } of cases) {
    it(name, () => {
      expect(distributionSchema.safeParse(spec).success).toBe(true);
      const s = compileDistribution(spec);
      // Exact moments agree with the textbook formula.
      expect(s.mean).toBeCloseTo(expected.mean, 9);
      expect(Math.abs(s.variance - expected.variance)).toBeLessThan(1e-9 * expected.variance);

      const { xs, mean, variance } = draw(s, createStream(42, 0, `test/${name}`));
      const v = expected.variance;
      expect(Math.abs(mean - expected.mean)).toBeLessThan(Z * Math.sqrt(v / N));
      const varOfS2 = expected.mu4 / N - (v * v * (N - 3)) / (N * (N - 1));
      expect(Math.abs(variance - v)).toBeLessThan(Z * Math.sqrt(varOfS2));
      for (let i = 0; i < N; i++) {
        if (!(xs[i] >= 0) || (s.integer && !Number.isInteger(xs[i]))) {
          throw new Error(`bad draw ${xs[i]} at ${i} (integer ${s.integer})`);
        }
      }
    });
  }
});

describe('discrete distributions match their pmf', () => {
  /** Every cell with probability ≥ 1e-3: |frequency - p| < 4.5 sqrt(p(1-p)/N). */
  function checkPmf(spec: DistributionSpec, pmf: (k: number) => number, kMax: number, name: string) {
    const s = compileDistribution(spec);
    const counts = new Float64Array(kMax + 2);
    const rng = createStream(42, 0, `test/pmf/${name}`);
    for (let i = 0; i < N; i++) counts[Math.min(s.sample(rng), kMax + 1)]++;
    for (let k = 0; k <= kMax; k++) {
      const p = pmf(k);
      if (p < 1e-3) continue;
      expect(Math.abs(counts[k] / N - p), `P(X = ${k})`).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / N));
    }
  }
  // Poisson pmf by recursion: P(0) = e^{-λ}, P(k) = P(k-1) λ / k.
  const poissonPmf = (lam: number) => {
    const ps = [Math.exp(-lam)];
    for (let k = 1; k < 200; k++) ps.push((ps[k - 1] * lam) / k);
    return (k: number) => ps[k];
  };
  it('poisson mean 3 (guide table)', () => checkPmf({ dist: 'poisson', mean: 3 }, poissonPmf(3), 15, 'p3'));
  it('poisson mean 50 (guide table)', () => checkPmf({ dist: 'poisson', mean: 50 }, poissonPmf(50), 100, 'p50'));
  it('poisson mean 10.5 (guide table)', () => checkPmf({ dist: 'poisson', mean: 10.5 }, poissonPmf(10.5), 40, 'p10'));
  it('poisson mean 800 (PTRS: e^−800 underflows, no table)', () => {
    // log pmf by lgamma-free recursion from the mode: ln P(k) = k ln λ − λ − ln k!.
    let lf = 0;
    const logFact: number[] = [0];
    for (let k = 1; k <= 1000; k++) logFact.push((lf += Math.log(k)));
    checkPmf({ dist: 'poisson', mean: 800 }, (k) => Math.exp(k * Math.log(800) - 800 - logFact[k]!), 1000, 'p800');
  });
  it('negative binomial r 2.5, p 0.3', () => {
    // P(0) = p^r, P(k) = P(k-1) (k-1+r)/k (1-p).
    const ps = [0.3 ** 2.5];
    for (let k = 1; k < 200; k++) ps.push((ps[k - 1] * (k - 1 + 2.5) * 0.7) / k);
    checkPmf({ dist: 'negative-binomial', r: 2.5, p: 0.3 }, (k) => ps[k], 60, 'nb');
  });
});

/** A stream that counts the uniforms it hands out. */
function counting(inner: RandomStream) {
  return {
    calls: 0,
    name: inner.name,
    next() {
      this.calls++;
      return inner.next();
    },
  };
}

describe('samplers', () => {
  it('constant returns its value without consuming random numbers', () => {
    const rng = counting(createStream(42, 0, 'test/constant'));
    for (const spec of [3, { dist: 'constant', value: 2.5 }, { dist: 'normal', mean: 4, sd: 0 }] as DistributionSpec[]) {
      const s = compileDistribution(spec);
      for (let i = 0; i < 10; i++) s.sample(rng);
      expect(s.variance).toBe(0);
    }
    expect(rng.calls).toBe(0);
    expect(compileDistribution(3).sample(rng)).toBe(3);
    expect(compileDistribution({ dist: 'constant', value: 2.5 }).mean).toBe(2.5);
  });

  it('sets the integer flag', () => {
    const flag = (spec: DistributionSpec) => compileDistribution(spec).integer;
    expect(flag(3)).toBe(true);
    expect(flag(2.5)).toBe(false);
    expect(flag({ dist: 'poisson', mean: 3 })).toBe(true);
    expect(flag({ dist: 'poisson', mean: 50 })).toBe(true);
    expect(flag({ dist: 'negative-binomial', r: 2, p: 0.5 })).toBe(true);
    expect(flag({ dist: 'empirical', values: [1, 2, 3] })).toBe(true);
    expect(flag({ dist: 'empirical', values: [1, 2.5] })).toBe(false);
    expect(flag({ dist: 'normal', mean: 5, sd: 1 })).toBe(false);
    expect(flag({ dist: 'gamma', shape: 2, scale: 1 })).toBe(false);
    expect(flag({ dist: 'exponential', mean: 1 })).toBe(false);
  });

  it('is deterministic per (seed, replication, stream)', () => {
    for (const { spec } of cases) {
      const a = compileDistribution(spec);
      const b = compileDistribution(spec);
      const r1 = createStream(7, 3, 'test/det');
      const r2 = createStream(7, 3, 'test/det');
      const r3 = createStream(7, 4, 'test/det');
      const xs = Array.from({ length: 500 }, () => a.sample(r1));
      expect(Array.from({ length: 500 }, () => b.sample(r2))).toEqual(xs);
      expect(Array.from({ length: 500 }, () => a.sample(r3))).not.toEqual(xs);
    }
  });

  it('describes distributions', () => {
    expect(describeDistribution(4)).toBe('constant(4)');
    expect(describeDistribution({ dist: 'normal', mean: 5, sd: 1 })).toBe('normal(mean 5, sd 1)');
    expect(describeDistribution({ dist: 'negative-binomial', r: 2.5, p: 1 / 3 })).toBe('negative-binomial(r 2.5, p 0.333333)');
    expect(describeDistribution({ dist: 'empirical', values: [1, 2], weights: [3, 1] })).toBe(
      'empirical(values [1, 2], weights [3, 1])',
    );
  });

  it('rejects impossible specs when compiling (defensive)', () => {
    const bad = [
      { dist: 'uniform', min: 3, max: 1 },
      { dist: 'normal', mean: 1, sd: -1 },
      { dist: 'gamma', shape: 0, scale: 1 },
      { dist: 'negative-binomial', r: 1, p: 0 },
      { dist: 'empirical', values: [1, 2], weights: [1] },
      { dist: 'exponential', mean: Number.NaN },
      { dist: 'nope' },
      -1,
    ] as unknown as DistributionSpec[];
    for (const spec of bad) expect(() => compileDistribution(spec)).toThrow(/invalid distribution/);
  });
});

describe('distributionSchema', () => {
  /** The single issue of a failed parse, as {path, message, code}. */
  function issue(input: unknown) {
    const r = distributionSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues).toHaveLength(1);
    const { path, message, code } = r.error!.issues[0];
    return { path, message, code };
  }

  it('accepts bare numbers and keeps them as numbers', () => {
    expect(distributionSchema.parse(3)).toBe(3);
    expect(distributionSchema.parse(0)).toBe(0);
    expect(distributionSchema.parse({ dist: 'normal', mean: 5, sd: 1 })).toEqual({ dist: 'normal', mean: 5, sd: 1 });
    expect(issue(-1)).toMatchObject({ path: [], message: 'a constant must be ≥ 0' });
  });

  it('rejects unknown keys', () => {
    const r = distributionSchema.safeParse({ dist: 'normal', mean: 5, sd: 1, mode: 2 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: [], keys: ['mode'] });
  });

  it('rejects a negative sd', () => {
    expect(issue({ dist: 'normal', mean: 5, sd: -1 })).toEqual({ code: 'too_small', path: ['sd'], message: 'sd must be ≥ 0' });
  });

  it('rejects max < min', () => {
    expect(issue({ dist: 'uniform', min: 3, max: 1 })).toEqual({ code: 'custom', path: ['max'], message: 'max must be ≥ min' });
    expect(issue({ dist: 'triangular', min: 1, mode: 0.5, max: 3 })).toMatchObject({ path: ['mode'], message: 'mode must be ≥ min' });
  });

  it('rejects weights of the wrong length and all-zero weights', () => {
    expect(issue({ dist: 'empirical', values: [1, 2, 3], weights: [1, 1] })).toEqual({
      code: 'custom',
      path: ['weights'],
      message: 'weights must have as many entries as values (3), got 2',
    });
    expect(issue({ dist: 'empirical', values: [1, 2], weights: [0, 0] })).toMatchObject({ path: ['weights'], message: 'weights must sum to > 0' });
  });

  it('rejects an unknown dist name, with the path of the enclosing field', () => {
    const u = issue({ dist: 'weibull', shape: 2 });
    expect(u.path).toEqual([]);
    expect(u.message).toMatch(/^unknown dist "weibull"; expected one of: constant, uniform, .*empirical$/);
    const nested = z.object({ leadTime: distributionSchema }).safeParse({ leadTime: { dist: 'weibull' } });
    expect(nested.error!.issues[0].path).toEqual(['leadTime']);
  });

  it('rejects other bad parameters with clear messages', () => {
    expect(issue({ dist: 'negative-binomial', r: 2, p: 0 })).toMatchObject({ path: ['p'], message: 'p must be > 0' });
    expect(issue({ dist: 'gamma', shape: 0, scale: 1 })).toMatchObject({ path: ['shape'], message: 'shape must be > 0' });
    expect(issue({ dist: 'normal', mean: 'a', sd: 1 }).message).toMatch(/^mean: /);
  });

  it('converts to a JSON Schema with descriptions', () => {
    const js = z.toJSONSchema(distributionSchema) as { anyOf: unknown[]; description?: string };
    expect(js.anyOf).toHaveLength(2);
    expect(js.description).toMatch(/random quantity/);
    expect(JSON.stringify(js)).toContain('negative-binomial');
  });
});

describe('guide-table inversion (src/engine/discrete-table.ts)', () => {
  it('returns what a linear search of the same table returns, at and around every boundary', () => {
    const t = poissonCdfTable(37)!;
    const linear = (u: number) => {
      let i = 0;
      while (i < t.cum.length - 1 && u >= t.cum[i]!) i++;
      return i;
    };
    const us: number[] = [0, 0.5, 1 - 2 ** -53];
    for (let i = 0; i < t.cum.length; i++) us.push(t.cum[i]!, Math.max(0, t.cum[i]! - 1e-12), Math.min(1 - 2 ** -53, t.cum[i]! + 1e-12));
    for (let j = 0; j < t.guide.length; j++) us.push(j / t.guide.length);
    const rng = createStream(1, 0, 'test/guide');
    for (let k = 0; k < 10_000; k++) us.push(rng.next());
    for (const u of us.filter((x) => x < 1)) expect(searchGuided(t.cum, t.guide, u), `u = ${u}`).toBe(linear(u));
  });

  it('builds no table when pmf(0) underflows or the table would be too long', () => {
    expect(poissonCdfTable(50)).not.toBeNull();
    expect(poissonCdfTable(1000)).toBeNull();
    expect(negativeBinomialCdfTable(8, 0.008)).not.toBeNull();
    expect(negativeBinomialCdfTable(3, 1e-5)).toBeNull();
    expect(negativeBinomialCdfTable(1000, 0.5)).toBeNull(); // 0.5^1000 underflows
  });
});
