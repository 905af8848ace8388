/**
 * Scenario-file syntax for random quantities (lead times, demand sizes, inter-arrival
 * times, ...).
 *
 * A distribution is written either as a bare non-negative number (a constant) or as an
 * object tagged by `dist`:
 *
 * ```yaml
 * leadTime: 4                                  # constant
 * leadTime: {dist: triangular, min: 2, mode: 4, max: 9}
 * orderSize: {dist: negative-binomial, r: 2.5, p: 0.3}
 * ```
 *
 * Every number is in the unit of the field that uses the distribution (days, units, ...),
 * so nothing here mentions units. All values drawn are ≥ 0: parameters are constrained so
 * that the support is non-negative, and the normal is truncated at 0.
 *
 * The schema contains no transforms, so `z.toJSONSchema(distributionSchema)` works and
 * gives editors autocompletion for scenario files. Cross-field constraints are checked with
 * `.superRefine` (they do not appear in the JSON Schema, only in validation).
 */
import { z } from 'zod';

/** The `dist` tags, in documentation order. */
export const DIST_NAMES = [
  'constant',
  'uniform',
  'triangular',
  'normal',
  'lognormal',
  'gamma',
  'exponential',
  'poisson',
  'negative-binomial',
  'empirical',
] as const;

export type DistName = (typeof DIST_NAMES)[number];

/** A finite number ≥ 0, with the error naming the parameter. */
const nonNeg = (name: string, what: string) =>
  z.number().min(0, `${name} must be ≥ 0`).max(MAX, `${name} must be at most 1e15`).describe(what);

/** A finite number > 0, with the error naming the parameter. */
const positive = (name: string, what: string) =>
  z.number().positive(`${name} must be > 0`).max(MAX, `${name} must be at most 1e15`).describe(what);

/** Largest parameter (see MAX_NUMBER in schema.ts, which cannot be imported here without a cycle). */
const MAX = 1e15;

const constantSpec = z
  .strictObject({
    dist: z.literal('constant'),
    value: nonNeg('value', 'The value returned by every draw.'),
  })
  .describe('Always the same value (equivalent to writing the bare number).');

const uniformSpec = z
  .strictObject({
    dist: z.literal('uniform'),
    min: nonNeg('min', 'Lower bound (inclusive).'),
    max: nonNeg('max', 'Upper bound; must be ≥ min.'),
  })
  .superRefine((v, ctx) => {
    if (v.max < v.min) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be ≥ min' });
  })
  .describe('Continuous uniform on [min, max].');

const triangularSpec = z
  .strictObject({
    dist: z.literal('triangular'),
    min: nonNeg('min', 'Lower bound.'),
    mode: nonNeg('mode', 'Most likely value; min ≤ mode ≤ max.'),
    max: nonNeg('max', 'Upper bound; must be > min.'),
  })
  .superRefine((v, ctx) => {
    if (v.mode < v.min) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'mode must be ≥ min' });
    if (v.max < v.mode) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be ≥ mode' });
    if (!(v.max > v.min)) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be > min' });
  })
  .describe('Triangular on [min, max] with peak at mode (a common three-point estimate).');

const normalSpec = z
  .strictObject({
    dist: z.literal('normal'),
    mean: nonNeg('mean', 'Mean of the untruncated normal (the drawn values have a larger mean when truncation matters).'),
    sd: nonNeg('sd', 'Standard deviation of the untruncated normal.'),
  })
  .describe('Normal truncated at 0: negative draws are rejected and redrawn.');

const lognormalSpec = z
  .strictObject({
    dist: z.literal('lognormal'),
    mean: positive('mean', 'Mean of the variable itself (not of its logarithm).'),
    sd: nonNeg('sd', 'Standard deviation of the variable itself (not of its logarithm).'),
  })
  .describe('Log-normal, parameterised by the mean and sd of the variable (right-skewed, > 0).');

const gammaSpec = z
  .strictObject({
    dist: z.literal('gamma'),
    shape: positive('shape', 'Shape k; mean = shape × scale, variance = shape × scale².'),
    scale: positive('scale', 'Scale θ.'),
  })
  .describe('Gamma with shape k and scale θ.');

const exponentialSpec = z
  .strictObject({
    dist: z.literal('exponential'),
    mean: positive('mean', 'Mean (= 1 / rate).'),
  })
  .describe('Exponential (memoryless), e.g. times between independent arrivals.');

const poissonSpec = z
  .strictObject({
    dist: z.literal('poisson'),
    mean: nonNeg('mean', 'Mean λ (also the variance).'),
  })
  .describe('Poisson counts with mean λ.');

const negativeBinomialSpec = z
  .strictObject({
    dist: z.literal('negative-binomial'),
    r: positive('r', 'Number of successes r (need not be an integer).'),
    p: z
      .number()
      .gt(0, 'p must be > 0')
      .max(1, 'p must be ≤ 1')
      .describe('Success probability p in (0, 1]; mean = r(1-p)/p, variance = r(1-p)/p².'),
  })
  .describe('Negative binomial: failures before r successes. Over-dispersed counts (variance > mean).');

const empiricalSpec = z
  .strictObject({
    dist: z.literal('empirical'),
    values: z
      .array(nonNeg('values', 'A possible value.'))
      .min(1, 'values must not be empty')
      .max(100_000, 'at most 100,000 values')
      .describe('The possible values.'),
    weights: z
      .array(nonNeg('weights', 'Relative weight of the value at the same position.'))
      .optional()
      .describe('Relative weights, one per value (need not sum to 1). Default: all equal.'),
  })
  .superRefine((v, ctx) => {
    if (v.weights === undefined) return;
    if (v.weights.length !== v.values.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `weights must have as many entries as values (${v.values.length}), got ${v.weights.length}`,
      });
      return;
    }
    let sum = 0;
    for (const w of v.weights) sum += w;
    if (!(sum > 0)) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights must sum to > 0' });
  })
  .describe('Discrete table: draws one of values with probability proportional to its weight.');

/** Builds a readable message when neither a number nor a known distribution object matched. */
function unionMessage(input: unknown, errors: readonly (readonly z.core.$ZodIssue[])[] | undefined): string {
  const expected = `expected a number ≥ 0 or an object {dist: ${DIST_NAMES.join(' | ')}, ...}`;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return expected;
  const dist = (input as Record<string, unknown>).dist;
  if (dist === undefined) return `missing "dist": ${expected}`;
  if (!(DIST_NAMES as readonly unknown[]).includes(dist)) {
    return `unknown dist ${JSON.stringify(dist)}; expected one of: ${DIST_NAMES.join(', ')}`;
  }
  // A known dist whose fields have the wrong type: surface the object branch's own issues
  // (the union otherwise reports only a generic "Invalid input").
  const inner = errors?.find((list) => list.some((i) => i.code !== 'invalid_type' || i.path.length > 0));
  if (!inner || inner.length === 0) return expected;
  return inner.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Any distribution object, discriminated by `dist`. */
export const distributionObjectSchema = z.discriminatedUnion('dist', [
  constantSpec,
  uniformSpec,
  triangularSpec,
  normalSpec,
  lognormalSpec,
  gammaSpec,
  exponentialSpec,
  poissonSpec,
  negativeBinomialSpec,
  empiricalSpec,
]);

/**
 * A random quantity in a scenario file: a bare number ≥ 0 (constant) or a distribution
 * object. Parsing keeps bare numbers as numbers (no transform).
 */
export const distributionSchema = z
  .union([z.number().min(0, 'a constant must be ≥ 0').max(MAX, 'a constant must be at most 1e15').describe('A constant value.'), distributionObjectSchema], {
    error: (iss) => (iss.code === 'invalid_union' ? unionMessage(iss.input, iss.errors) : undefined),
  })
  .describe(
    'A random quantity, in the unit of the field that uses it: a number ≥ 0 (constant) or ' +
      '{dist: constant | uniform | triangular | normal | lognormal | gamma | exponential | poisson | ' +
      'negative-binomial | empirical, ...parameters}.',
  );

/** A parsed distribution: a number (constant) or one of the tagged objects. */
export type DistributionSpec = z.infer<typeof distributionSchema>;
/** A parsed distribution object (the tagged form only). */
export type DistributionObjectSpec = z.infer<typeof distributionObjectSchema>;

/**
 * True when every draw of `spec` is 0: a constant 0, uniform or triangular up to 0, normal with
 * mean and sd 0, Poisson with mean 0, negative binomial with p = 1, an empirical table whose
 * drawable values are all 0. Fields that must advance time (the time between orders, a shelf
 * life) refuse these: the simulation would otherwise repeat the same moment for ever.
 */
export function alwaysZero(spec: DistributionSpec): boolean {
  if (typeof spec === 'number') return spec === 0;
  switch (spec.dist) {
    case 'constant':
      return spec.value === 0;
    case 'uniform':
    case 'triangular':
      return spec.max === 0;
    case 'normal':
      return spec.mean === 0 && spec.sd === 0;
    case 'poisson':
      return spec.mean === 0;
    case 'negative-binomial':
      return spec.p === 1;
    case 'empirical':
      return spec.values.every((v, i) => v === 0 || (spec.weights !== undefined && spec.weights[i] === 0));
    default:
      return false;
  }
}
