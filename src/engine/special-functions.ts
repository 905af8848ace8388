/**
 * Special functions, domain-free: the normal and Student-t distributions (CDF and quantile) via
 * log-gamma and the regularized incomplete beta function. Pure functions, used by output
 * analysis (stats.ts), by distributions (truncated-normal moments) and by policy derivation.
 */

// Special functions. Hand-written because CIs need the t quantile to ~1e-12 for any real df that
// Welch–Satterthwaite can produce (fractional, or huge), and simple-statistics has no t quantile.

const LN_SQRT_2PI = 0.9189385332046727417803297; // ln √(2π)
const LN_SQRT_PI = 0.5723649429247000870717137; // ln √π = ln Γ(½)
const EPS = 1e-16;
const TINY = 1e-300; // Lentz's guard against zero denominators
const LARGE_DF = 30; // from here the far t tail uses the large-a expansion (TOMS 708 uses a ≥ 15)
const nz = (v: number): number => (Math.abs(v) < TINY ? TINY : v);

/** Stirling-series remainder ln Γ(x) − [(x−½)ln x − x + ln √(2π)] for x ≥ 10 (error < 1e-17). */
function stirlingCorrection(x: number): number {
  const z = 1 / (x * x); // coefficients B_2k / (2k(2k−1)); first omitted term at x = 10: ~2e-18
  const series = -1 / 1680 + z * (1 / 1188 + z * (-691 / 360360 + z * (1 / 156 + z * (-3617 / 122400))));
  return (1 / 12 + z * (-1 / 360 + z * (1 / 1260 + z * series))) / x;
}

/** ln Γ(x), x > 0: Stirling's series after shifting small arguments up with Γ(x+1) = xΓ(x). */
function lnGamma(x: number): number {
  let shift = 1;
  for (; x < 10; x += 1) shift *= x;
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x) - Math.log(shift);
}

/**
 * ln B(a, b). For a large argument ln Γ(a) − ln Γ(a+b) cancels catastrophically (at df = 1e8 both
 * terms are ~1e9), so those branches combine the Stirling terms analytically first, as R's lbeta.
 */
function lnBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const w = Math.log1p(-p / (p + q));
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * w;
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return lnGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * w;
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
}

/** Continued fraction h with I_x(a, b) = front·h/a (Numerical Recipes `betacf`, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 / nz(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / nz(1 + aa * d);
    c = nz(1 + aa / c);
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / nz(1 + aa * d);
    c = nz(1 + aa / c);
    h *= d * c;
    if (Math.abs(d * c - 1) < EPS) break;
  }
  return h;
}

/**
 * [I_x(a, b), I_y(b, a)] with y = 1 − x. The caller passes x, y and their logs computed without
 * cancellation; whichever member the continued fraction converges for is computed directly, so
 * the small one keeps full relative precision (far tails, quantiles near 0).
 */
function incompleteBetaPair(a: number, b: number, x: number, y: number, logX: number, logY: number): [number, number] {
  const front = Math.exp(a * logX + b * logY - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const ix = (front * betaContinuedFraction(a, b, x)) / a;
    return [ix, 1 - ix];
  }
  const iy = (front * betaContinuedFraction(b, a, y)) / b;
  return [1 - iy, iy];
}

/** Σ with P(a, x) = r·Σ, r = e^(−x)·x^a/Γ(a) (NR `gser`); for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let del = 1 / a;
  let sum = del;
  for (let n = 1; n < 10_000 && Math.abs(del) >= Math.abs(sum) * EPS; n++) {
    del *= x / (a + n);
    sum += del;
  }
  return sum;
}

/** h with Q(a, x) = r·h, r = e^(−x)·x^a/Γ(a) (NR `gcf`, modified Lentz); for x ≥ a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = 1 / nz(an * d + b);
    c = nz(b + an / c);
    h *= d * c;
    if (Math.abs(d * c - 1) < EPS) break;
  }
  return h;
}

/**
 * I_x(a, b) for a ≥ 15, b ≤ 1, x near 1: Temme's asymptotic expansion as coded in BGRAT of
 * Didonato & Morris, TOMS 708 (1992). There the continued fraction needs O(√a) terms and its
 * per-term stopping test fires early (~1e-9 relative error at df = 1e8); this stays ~1e-15.
 */
function incompleteBetaLargeA(a: number, b: number, logX: number): number {
  const nu = a + (b - 1) / 2;
  const z = -nu * logX;
  const lnR = -z + b * Math.log(z) - lnGamma(b); // r = e^(−z)·z^b/Γ(b)
  const lnU = lnR + lnGamma(b) - lnBeta(a, b) - b * Math.log(nu); // ln(r·Γ(a+b)/(Γ(a)·ν^b))
  let j = z < b + 1 ? Math.exp(-lnR) - gammaSeries(b, z) : gammaContinuedFraction(b, z); // Q(b,z)/r
  const v = 0.25 / (nu * nu);
  const t2 = 0.25 * logX * logX;
  const c: number[] = [];
  const d: number[] = [];
  let sum = j;
  let t = 1;
  let cn = 1;
  for (let n = 1, n2 = 0; n <= 30; n++) {
    const bp2n = b + n2;
    j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v;
    n2 += 2;
    t *= t2;
    cn /= n2 * (n2 + 1);
    c.push(cn);
    let s = 0;
    for (let i = 1, coef = b - n; i < n; i++, coef += b) s += coef * c[i - 1]! * d[n - 1 - i]!;
    d.push((b - 1) * cn + s / n);
    const dj = d[n - 1]! * j;
    sum += dj;
    if (Math.abs(dj) <= EPS * sum) break;
  }
  return Math.exp(lnU + Math.log(sum));
}

/** Standard normal CDF Φ(z) via Φ(−|z|) = Q(½, z²/2)/2; relative error ~1e-15 in both tails. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const s = Math.abs(z);
  if (s > 40) return z < 0 ? 0 : 1; // Φ(−40) ≈ 4e-350 underflows anyway
  const x = (s * s) / 2;
  const r = Math.exp(-x + 0.5 * Math.log(x) - LN_SQRT_PI);
  if (x < 1.5) {
    const centre = (r * gammaSeries(0.5, x)) / 2; // P(0 < Z < s), exact near 0
    return z < 0 ? 0.5 - centre : 0.5 + centre;
  }
  const tail = (r * gammaContinuedFraction(0.5, x)) / 2; // P(Z > s)
  return z < 0 ? tail : 1 - tail;
}

/** ln of the t density at s ≥ 0; r = df/s² is passed in so s² is never formed (it can overflow). */
function lnStudentTDensity(s: number, df: number, r: number): number {
  const l = r >= 1 ? Math.log1p(1 / r) : Math.log1p(r) - (Math.log(df) - 2 * Math.log(s)); // ln(1+s²/df)
  return -((df + 1) / 2) * l - 0.5 * Math.log(df) - lnBeta(df / 2, 0.5);
}

/**
 * [P(T > s), P(0 < T < s)] for s > 0 and finite df: tail = ½ I_x(df/2, ½) with x = df/(df+s²),
 * centre = ½ I_y(½, df/2) with y = s²/(df+s²), each accurate relative to its own size.
 */
function tTailAndCentre(s: number, df: number): [number, number] {
  const r = df / s / s; // df/s², ordered so that neither s² nor df·s can overflow
  if (!Number.isFinite(r)) {
    const c = s * Math.exp(lnStudentTDensity(0, df, Infinity)); // s² underflows: density is flat
    return [0.5 - c, c];
  }
  const x = r / (1 + r);
  const y = 1 / (1 + r);
  // ln x near 1 must come from y, or (df/2)·ln x loses everything at large df.
  const logX = x < 0.5 ? Math.log(df) - 2 * Math.log(s) - Math.log1p(r) : Math.log1p(-y);
  if (df >= LARGE_DF && y < 0.29 && s * s > (3 * df) / (df + 2)) {
    const tail = incompleteBetaLargeA(df / 2, 0.5, logX) / 2; // the CF would compute I_x here
    return [tail, 0.5 - tail];
  }
  const [ix, iy] = incompleteBetaPair(df / 2, 0.5, x, y, logX, -Math.log1p(r));
  return [ix / 2, iy / 2];
}

/** CDF of Student's t for any real df > 0 (df = Infinity gives Φ); ~1e-13 relative. NaN on bad input. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalCdf(t);
  const s = Math.abs(t);
  if (s === 0 || s === Infinity) return s === 0 ? 0.5 : t < 0 ? 0 : 1;
  const [tail, centre] = tTailAndCentre(s, df);
  return t < 0 ? tail : 0.5 + centre;
}

// Wichura's AS241 (PPND16) coefficients, ascending powers; denominators lead with 1.
const AS241 = {
  a: [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
    45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727],
  b: [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
    39307.89580009271061, 28729.085735721942674, 5226.495278852854561],
  c: [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
    1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4],
  d: [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
    0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9],
  e: [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
    0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7],
  f: [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
    1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15],
};
const ratio = (num: readonly number[], den: readonly number[], x: number): number => {
  let n = 0;
  let d = 0;
  for (let k = num.length - 1; k >= 0; k--) {
    n = n * x + num[k]!;
    d = d * x + den[k]!;
  }
  return n / d;
};

/** Standard normal quantile Φ⁻¹(p) by Wichura's AS241 (~1e-16 relative). ±Infinity at 0/1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio(AS241.a, AS241.b, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const z = r <= 5 ? ratio(AS241.c, AS241.d, r - 1.6) : ratio(AS241.e, AS241.f, r - 5);
  return q < 0 ? -z : z;
}

/** Hill (1970), CACM algorithm 396: |t| with two-sided tail 2q to ~1e-6, for df ≥ 1; a starting point. */
function hillStart(q: number, df: number): number {
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = Math.pow(d * 2 * q, 2 / df);
  if (y > 0.05 + a) {
    const x = normalQuantile(q); // the lower-tail (negative) deviate, as in the published algorithm
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = a * y * y;
    y = y > 0.002 ? Math.exp(y) - 1 : 0.5 * y * y + y;
  } else {
    y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) * ((df + 1) / (df + 2)) + 1 / y;
  }
  return Math.sqrt(df * y);
}

/**
 * Student-t quantile: the t with P(T_df ≤ t) = p, for any real df > 0 (df = Infinity gives the
 * normal quantile). ±Infinity at p = 0/1 (or when |t| exceeds the doubles); NaN for p outside
 * [0, 1] or df ≤ 0. Relative error ~1e-13 (checked against 50-digit references).
 *
 * Method: Hill's algorithm 396 as a start, then safeguarded Newton on the exact CDF. Tail areas
 * q < ¼ are solved as ln P(T > s) = ln q in ln s (nearly linear for heavy tails); central ones as
 * P(0 < T < s) = ½ − q, keeping full relative precision for quantiles near 0. A bracket is kept,
 * so a bad Newton step falls back to bisection.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0 || p === 1 || p === 0.5) return p === 0.5 ? 0 : p === 0 ? -Infinity : Infinity;
  if (df === Infinity) return normalQuantile(p);
  const sign = p < 0.5 ? -1 : 1;
  const q = p < 0.5 ? p : 1 - p; // upper-tail area of |t|; 1 − p is exact for p ≥ ½
  // Closed forms. For df = 1 near the centre, tan(π(½ − q)) avoids cot's pole amplifying π·q's rounding.
  if (df === 1) return sign * (q < 0.25 ? 1 / Math.tan(Math.PI * q) : Math.tan(Math.PI * (0.5 - q)));
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));
  const inTail = q < 0.25;
  const target = inTail ? Math.log(q) : 0.5 - q; // 0.5 − q is exact for q ∈ [¼, ½]
  // Below df = 1 Hill does not apply; use the heavy-tail asymptote q ≈ (df/s²)^(df/2)/(df·B(df/2, ½)).
  let s = df >= 1 ? hillStart(q, df) : Math.sqrt(df) * Math.exp(-(Math.log(q * df) + lnBeta(df / 2, 0.5)) / df);
  if (!(s > 0 && s < Infinity)) s = 1;
  let lo = 0;
  let hi = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    const [tail, centre] = tTailAndCentre(s, df);
    const lnDensity = lnStudentTDensity(s, df, df / s / s);
    const g = inTail ? target - Math.log(tail) : centre - target; // increasing in s
    if (g === 0) return sign * s;
    if (g < 0 && s === Number.MAX_VALUE) return sign * Infinity; // the quantile is beyond the doubles
    if (g < 0) lo = s;
    else hi = s;
    let next = inTail ? s * Math.exp(-g / Math.exp(Math.log(s) + lnDensity - Math.log(tail))) : s - g / Math.exp(lnDensity);
    // Newton is quadratic: after a relative step below 1e-12 the error is far below 1 ulp. Tested
    // before the bracket, because a sub-ulp step lands exactly on s, i.e. on lo or hi.
    if (Math.abs(next - s) <= 1e-12 * s) return sign * next;
    if (!(next > lo && next < hi)) {
      if (hi === Infinity) next = next === Infinity ? Number.MAX_VALUE : s * 4;
      else next = lo === 0 ? hi / 4 : inTail ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
      if (next === lo || next === hi) return sign * next; // bracket down to adjacent doubles
    }
    s = next;
  }
  return sign * s;
}
