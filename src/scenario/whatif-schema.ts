/**
 * The what-if sections of a scenario file: variants and investment options (patches with what
 * they cost), a sweep, the axes of a frontier, and an optimize problem (README: What-ifs).
 */
import { z } from 'zod';
import { id, nonNeg, positive, probability, text } from './primitives.ts';

export const kpiNames = ['fillRate', 'otif'] as const;

/** A patch: field paths (as in `--set`, e.g. `sites.dc-north.policy.s`) and their new values. */
export const patchSchema = z
  .record(z.string(), z.unknown())
  .describe('Field path (dot-separated, as in --set) → new value');

export const variantSchema = z.strictObject({
  description: text.optional(),
  oneOffCost: nonNeg.default(0).describe('What it costs once to get there (an investment, DC closures, severance), for `compare --variants` [money]'),
  runningCostPerYear: nonNeg.default(0).describe('Running cost not in the simulation, for `compare --variants` [money per year]'),
  set: patchSchema,
});

export const optionSchema = z.strictObject({
  name: id.describe('Option id'),
  kind: z.enum(['scm', 'crm', 'other']).describe('Investment family'),
  description: text.optional(),
  oneOffCost: nonNeg.default(0).describe('Paid once at time 0: an investment, DC closures, severance [money]'),
  runningCostPerYear: nonNeg.default(0).describe('Running cost not already in the simulation [money per year]'),
  set: patchSchema.describe('Effects of the option, as a patch on the scenario'),
});

export const sweepSchema = z.strictObject({
  parameters: z
    .record(z.string(), z.array(z.unknown()).min(1))
    .describe('Field path → values to try'),
  mode: z.enum(['grid', 'zip']).default('grid').describe('grid: every combination; zip: i-th values together'),
});

export const kpiId = z.string().min(1).describe('KPI id, e.g. fillRate, otif, inventoryCost, segment.<id>.otif');

export const frontierSchema = z.strictObject({
  costKpi: kpiId.default('inventoryCost').describe('Cost axis (lower is better)'),
  serviceKpi: kpiId.default('fillRate').describe('Service axis (higher is better)'),
});

/** A lever: a field path and the values it may take (a range with a step, or a list). */
export const leverSchema = z.union([
  z.strictObject({
    min: z.number().describe('Smallest value'),
    max: z.number().describe('Largest value'),
    step: positive.default(1).describe('Step between tried values'),
  }),
  z.array(z.number()).min(1).max(100_000).describe('Values to try, in any order'),
]);

export const optimizeSchema = z.strictObject({
  levers: z
    .record(z.string(), leverSchema)
    .describe('Field path (may use * within a segment, e.g. sites.dc-*.policy.S) → values; bisection assumes service does not fall as a lever rises, and falls back to a grid search when it does'),
  serviceKpi: z.enum(kpiNames).default('fillRate').describe('Service KPI of the constraint'),
  target: probability.describe('Service target the constraint demands'),
  per: z.enum(['overall', 'segment']).default('segment').describe('Constraint on the overall KPI or on every segment'),
  costKpi: kpiId.default('inventoryCost').describe('Cost to minimise'),
  verify: z.enum(['mean', 'ciLow']).default('mean').describe('Constraint met when the mean (or the CI lower bound) reaches the target'),
});

