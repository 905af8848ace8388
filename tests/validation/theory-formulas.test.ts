/**
 * The closed forms themselves (src/validation/), checked against independent computations —
 * direct sums, numerical integration, limiting cases and textbook values — so a wrong formula
 * cannot hide behind a wrong engine that happens to agree with it.
 */
import { describe, expect, it } from 'vitest';
import {
  baseStockBackorders,
  baseStockLostSales,
  makeToStockMM1,
  rqBackorders,
  serialTwoStage,
} from '../../src/validation/continuous.ts';
import {
  convolve,
  expectedExcess,
  expectedShortfallBelow,
  pmfCdf,
  pmfMean,
  poisson,
  poissonCdf,
  poissonPmf,
  uniformTimePoisson,
} from '../../src/validation/discrete.ts';
import { normalExcess, normalShortfallBelow, unitNormalLoss } from '../../src/validation/normal.ts';
import {
  newsvendorPoisson,
  newsvendorQuantity,
  orderUpToNormalLumps,
  orderUpToPoisson,
  periodicSSPoisson,
  stationary,
} from '../../src/validation/periodic.ts';
import { erlangB, erlangC, mg1, mm1, mmc } from '../../src/validation/queues.ts';

/** Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe('Poisson and mixtures', () => {
  it('pmf, cdf and truncated support are consistent', () => {
    for (const m of [0.5, 7, 35, 120]) {
      const p = poisson(m);
      expect(sum(p)).toBeCloseTo(1, 12);
      expect(pmfMean(p)).toBeCloseTo(m, 9);
      expect(pmfCdf(p, Math.floor(m))).toBeCloseTo(poissonCdf(Math.floor(m), m), 12);
    }
    // P(D = 3), D ~ Poisson(2) = e^-2 2^3/3! = 0.180447...
    expect(poissonPmf(3, 2)).toBeCloseTo((Math.exp(-2) * 8) / 6, 14);
  });

  it('the uniform-time mixture is the time average of the Poisson pmf', () => {
    const [rate, a, b] = [5, 3, 10];
    const q = uniformTimePoisson(rate, a, b);
    for (const k of [0, 10, 30, 50, 70]) {
      const direct = simpson((x) => poissonPmf(k, rate * x), a, b) / (b - a);
      expect(q[k]!).toBeCloseTo(direct, 10);
    }
    expect(pmfMean(q)).toBeCloseTo((rate * (a + b)) / 2, 8);
  });

  it('E[(X − y)⁺] − E[(y − X)⁺] = E[X] − y, and convolution adds means', () => {
    const p = poisson(12);
    for (const y of [0, 5, 12, 30]) expect(expectedExcess(p, y, 12) - expectedShortfallBelow(p, y)).toBeCloseTo(12 - y, 10);
    const c = convolve(poisson(3), poisson(4));
    for (const k of [0, 4, 7, 15]) expect(c[k]!).toBeCloseTo(poissonPmf(k, 7), 12);
  });
});

describe('normal loss function', () => {
  it('matches numerical integration and the table value G(0) = 0.3989', () => {
    expect(unitNormalLoss(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 12);
    const [m, s, y] = [300, 34.64, 330];
    const pdf = (x: number) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
    expect(normalExcess(y, m, s)).toBeCloseTo(simpson((x) => (x - y) * pdf(x), y, m + 12 * s, 20000), 6);
    expect(normalShortfallBelow(y, m, s)).toBeCloseTo(simpson((x) => (y - x) * pdf(x), m - 12 * s, y, 20000), 6);
  });
});

describe('queues', () => {
  it('Erlang B and C agree with their direct definitions', () => {
    // B(c, a) = (a^c/c!) / Σ_{k≤c} a^k/k!
    const direct = (c: number, a: number) => {
      let total = 0;
      for (let k = 0; k <= c; k++) total += a ** k / Math.exp(lnFact(k));
      return a ** c / Math.exp(lnFact(c)) / total;
    };
    for (const [c, a] of [[5, 3], [22, 20], [1, 0.5]] as const) expect(erlangB(c, a)).toBeCloseTo(direct(c, a), 12);
    // Textbook values: B(5, 3) ≈ 0.1101; M/M/2 with a = 1: C = 1/3.
    expect(erlangB(5, 3)).toBeCloseTo(0.11005, 5);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('M/M/c with one server is M/M/1, and M/G/1 with exponential service is M/M/1', () => {
    const a = mm1(7, 0.1);
    expect(mmc(7, 0.1, 1).meanWait).toBeCloseTo(a.meanWait, 12);
    expect(mmc(7, 0.1, 1).probWait).toBeCloseTo(0.7, 12);
    expect(mg1(7, 0.1, 0.01).meanWait).toBeCloseTo(a.meanWait, 12);
    // M/D/1 waits half as long as M/M/1 (P–K).
    expect(mg1(7, 0.1, 0).meanWait).toBeCloseTo(a.meanWait / 2, 12);
  });
});

function lnFact(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

describe('continuous review', () => {
  it('base-stock: E[on-hand] − E[backorders] = S − λL and fill rate = P(X ≤ S−1)', () => {
    const t = baseStockBackorders(10, 2, 25);
    expect(t.onHand - t.backorders).toBeCloseTo(25 - 20, 10);
    expect(t.fillRate).toBeCloseTo(poissonCdf(24, 20), 12);
    expect(t.meanWait).toBeCloseTo(t.backorders / 10, 14);
  });

  it('lost sales: the truncated Poisson on 0..S gives Erlang B and the busy servers', () => {
    const [a, S] = [20, 22];
    const w = Array.from({ length: S + 1 }, (_, k) => poissonPmf(k, a));
    const total = sum(w);
    const busy = w.reduce((acc, p, k) => acc + k * p, 0) / total;
    const t = baseStockLostSales(10, 2, S);
    expect(t.lostFraction).toBeCloseTo(w[S]! / total, 12);
    expect(t.onHand).toBeCloseTo(S - busy, 10);
  });

  it('(r,Q) with Q = 1 is base-stock S = r + 1', () => {
    const rq = rqBackorders(10, 2, 24, 1);
    const bs = baseStockBackorders(10, 2, 25);
    expect(rq.fillRate).toBeCloseTo(bs.fillRate, 12);
    expect(rq.backorders).toBeCloseTo(bs.backorders, 12);
    expect(rqBackorders(10, 2, 18, 15).ordersPerDay).toBeCloseTo(10 / 15, 14);
  });

  it('make-to-stock M/M/1 equals sums over the geometric queue length', () => {
    const [rho, S] = [0.6, 5];
    let fill = 0;
    let bo = 0;
    let oh = 0;
    for (let n = 0; n < 400; n++) {
      const p = (1 - rho) * rho ** n;
      if (n <= S - 1) fill += p;
      bo += Math.max(0, n - S) * p;
      oh += Math.max(0, S - n) * p;
    }
    const t = makeToStockMM1(6, 0.1, S);
    expect(t.fillRate).toBeCloseTo(fill, 12);
    expect(t.backorders).toBeCloseTo(bo, 12);
    expect(t.onHand).toBeCloseTo(oh, 12);
  });

  it('serial system: an ample upstream gives base-stock with L₂; an empty one gives base-stock with L₁ + L₂', () => {
    const ample = serialTwoStage(5, 3, 80, 1, 8);
    const alone = baseStockBackorders(5, 1, 8);
    expect(ample.downstream.fillRate).toBeCloseTo(alone.fillRate, 10);
    expect(ample.downstreamLeadTime).toBeCloseTo(1, 10);
    const none = serialTwoStage(5, 3, 0, 1, 8);
    const through = baseStockBackorders(5, 4, 8);
    expect(none.downstream.fillRate).toBeCloseTo(through.fillRate, 10);
    expect(none.downstream.backorders).toBeCloseTo(through.backorders, 10);
    expect(none.downstreamLeadTime).toBeCloseTo(4, 10);
  });
});

describe('periodic review', () => {
  it('(R,S) as R → 0 tends to continuous base-stock', () => {
    const p = orderUpToPoisson(10, 2, 1e-6, 25);
    const c = baseStockBackorders(10, 2, 25);
    expect(p.fillRate).toBeCloseTo(c.fillRate, 3);
    expect(p.onHand).toBeCloseTo(c.onHand, 3);
    expect(p.endOfPeriodOnHand).toBeCloseTo(c.onHand, 3);
  });

  it('(R,S) time averages equal the numerical average over the period', () => {
    const [lambda, L, R, S] = [5, 3, 7, 55];
    const t = orderUpToPoisson(lambda, L, R, S);
    const onHandAt = (tau: number) => expectedShortfallBelow(poisson(lambda * (L + tau)), S);
    expect(t.onHand).toBeCloseTo(simpson(onHandAt, 0, R, 200) / R, 6);
    expect(t.cycleServiceLevel).toBeCloseTo(poissonCdf(S, lambda * (L + R)), 12);
  });

  it('newsvendor: critical fractile and expected leftover', () => {
    // Smallest S with P(D ≤ S) ≥ 2/3 for D ~ Poisson(20): P(D ≤ 21) = 0.644, P(D ≤ 22) = 0.721.
    expect(newsvendorQuantity(20, 2, 1)).toBe(22);
    const t = newsvendorPoisson(20, 1, 22);
    let leftover = 0;
    let short = 0;
    for (let d = 0; d < 200; d++) {
      leftover += Math.max(0, 22 - d) * poissonPmf(d, 20);
      short += Math.max(0, d - 22) * poissonPmf(d, 20);
    }
    expect(t.endOfPeriodOnHand).toBeCloseTo(leftover, 10);
    expect(t.lostFraction).toBeCloseTo(short / 20, 10);
  });

  it('normal lumps with no variance are deterministic', () => {
    const t = orderUpToNormalLumps(100, 0, 2, 0.5, 7, 330);
    expect(t.fillRate).toBe(1);
    expect(t.onHand).toBeCloseTo(0.5 * 130 + 0.5 * 30, 12);
    expect(t.endOfPeriodOnHand).toBeCloseTo(30, 12);
  });

  it('(s,S) with s = S − 1 is (R,S); its chain has a proper stationary law', () => {
    const ss = periodicSSPoisson(5, 3, 7, 54, 55);
    const rs = orderUpToPoisson(5, 3, 7, 55);
    expect(ss.fillRate).toBeCloseTo(rs.fillRate, 10);
    expect(ss.onHand).toBeCloseTo(rs.onHand, 10);
    expect(ss.ordersPerDay).toBeCloseTo(rs.ordersPerDay, 10);
    const wide = periodicSSPoisson(5, 3, 7, 40, 90);
    expect(sum(wide.stationary)).toBeCloseTo(1, 12);
    for (const p of wide.stationary) expect(p).toBeGreaterThanOrEqual(-1e-15);
  });

  it('stationary() solves a two-state chain', () => {
    // P = [[1−a, a], [b, 1−b]] → π = (b, a)/(a + b)
    const pi = stationary([
      [0.7, 0.3],
      [0.1, 0.9],
    ]);
    expect(pi[0]!).toBeCloseTo(0.25, 14);
    expect(pi[1]!).toBeCloseTo(0.75, 14);
  });
});
