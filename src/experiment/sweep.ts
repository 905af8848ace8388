/**
 * Parameter sweeps: a grid (every combination) or a zip (i-th values together) over field
 * paths, each point a full Monte Carlo run on common random numbers, all through one runner.
 *
 * Parameters come from the scenario's `sweep:` section, or from `--param path=v1,v2,v3`
 * arguments (which then replace the section). Values are YAML flow syntax, as in `--set`;
 * `lo:hi:step` is a numeric range (`0.90:0.99:0.03` → 0.9, 0.93, 0.96, 0.99).
 *
 * Two extensions of a path, for sweeps only:
 * - `variant` (the bare word) sweeps over named variants: `variant=base,three-dcs`. Its
 *   patch goes under the point's other parameters, so "number of DCs × safety stock" is one grid.
 * - `*` inside a segment matches every existing key there: `sites.dc-*.policy.S=100,200`
 *   sets S at every DC at once (one lever, many fields).
 *
 * Grid order: the first parameter varies slowest, like nested loops in the order given.
 */
import { parseSetArgs, type Patch, type PatchOrigin } from '../scenario/load.ts';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import { locate } from '../scenario/document.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ReplicationVectors } from './results.ts';
import {
  type AlternativeResults,
  type ExperimentOptions,
  type ScenarioInput,
  type ScenarioSource,
  openScenario,
  patchedAlternative,
  summarizeAlternative,
  wildcardPatch,
  withRunner,
} from './variants.ts';
import { type AlternativesPrecision, replicateAlternatives } from './stopping.ts';
import type { ExperimentMeta } from './results.ts';

/** The reserved sweep path that picks a named variant. */
export const VARIANT_PARAMETER = 'variant';

/** One swept field: its path, its values, and where it was declared (for messages). */
export interface SweepParameter {
  path: string;
  values: unknown[];
  origin: PatchOrigin;
}

export interface SweepPlan {
  parameters: SweepParameter[];
  mode: 'grid' | 'zip';
}

/** One point of a sweep: a value for every parameter. */
export interface SweepPoint {
  index: number;
  /** Short unique name, e.g. `variant=three-dcs, S=120`. */
  label: string;
  /** Parameter path → value at this point. */
  parameters: Record<string, unknown>;
}

export interface SweepPointResult extends SweepPoint {
  results: AlternativeResults;
}

/** What every sweep-shaped results document (sweep, frontier) says about its experiment. */
export interface SweepMeta extends ExperimentMeta {
  mode: 'grid' | 'zip';
  /** Swept paths, in declaration order. */
  parameters: string[];
}

/** `kind: 'sweep'` results document (results.json of `scsim sweep --out`). */
export interface SweepResult extends SweepMeta {
  kind: 'sweep';
  points: SweepPointResult[];
  [extra: string]: unknown;
}

export interface SweepOptions extends ExperimentOptions {
  /** `path=v1,v2,…` arguments; when given they replace the scenario's `sweep:` section. */
  params?: readonly string[];
  /** Parameters as data (path → values); an alternative to `params` for library callers. */
  parameters?: Record<string, readonly unknown[]>;
  /** Default: the section's mode, else grid. */
  mode?: 'grid' | 'zip';
}

// ---------------------------------------------------------------------------------------
// Plans

/** Splits `a,{b: 1, c: 2},[3,4]` at the commas that are not inside brackets or quotes. */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim());
}

/** Rounds away binary noise from generated range values (0.1 + 0.2 → 0.3). */
const tidy = (x: number) => Number.parseFloat(x.toPrecision(12));

/** `lo:hi:step` → the values from lo to hi (inclusive, within rounding) by step; null if not a range. */
export function parseRange(text: string): number[] | null {
  const m = /^\s*(-?[\d.]+(?:e-?\d+)?)\s*:\s*(-?[\d.]+(?:e-?\d+)?)\s*(?::\s*([\d.]+(?:e-?\d+)?))?\s*$/i.exec(text);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (![lo, hi, step].every(Number.isFinite) || !(step > 0) || hi < lo) return null;
  const n = Math.floor((hi - lo) / step + 1e-9);
  if (n > 10_000) return null;
  return Array.from({ length: n + 1 }, (_, i) => tidy(lo + i * step));
}

/** Parses one `path=v1,v2,…` (or `path=lo:hi:step`) argument; `index` positions its messages. */
export function parseParamArg(arg: string, index: number, flag = '--param'): SweepParameter {
  const origin: PatchOrigin = { file: flag, line: index + 1, col: 1, label: `${flag} ${arg}` };
  const eq = arg.indexOf('=');
  const path = eq > 0 ? arg.slice(0, eq).trim() : '';
  const problem = (message: string) => new ScenarioError([{ file: flag, line: index + 1, col: 1, path, message }]);
  if (path === '') throw problem(`expected path=v1,v2,… (e.g. sites.dc-north.policy.S=80,100,120), got ${JSON.stringify(arg)}`);
  const text = arg.slice(eq + 1);
  const range = parseRange(text);
  if (range) return { path, values: range, origin };
  const parts = splitTopLevel(text);
  if (parts.some((p) => p === '')) throw problem(`empty value in ${JSON.stringify(arg)} (values are separated by commas)`);
  const values = parts.map((p) => {
    try {
      return parseSetArgs([`v=${p}`]).v;
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      throw problem(`cannot read the value ${JSON.stringify(p)} (values are YAML, as in --set)`);
    }
  });
  return { path, values, origin };
}

/** The scenario's `sweep:` section as a plan (positions at its keys), or undefined. */
export function declaredPlan(src: ScenarioSource): SweepPlan | undefined {
  const spec = src.base.sweep;
  if (!spec) return undefined;
  const parameters = Object.entries(spec.parameters).map(([path, values]) => ({
    path,
    values,
    origin: { ...locate(src.doc, ['sweep', 'parameters', path], true).loc, label: `sweep parameter ${path}` },
  }));
  return { parameters, mode: spec.mode };
}

/**
 * The plan of a sweep: `params` arguments or `parameters` data when given (they replace the
 * scenario's `sweep:` section), else the section. Throws a ScenarioError when there is none.
 */
export function sweepPlan(src: ScenarioSource, opts: Pick<SweepOptions, 'params' | 'parameters' | 'mode'>): SweepPlan {
  let parameters: SweepParameter[] | undefined;
  if (opts.params && opts.params.length > 0) {
    const problems: ScenarioProblem[] = [];
    parameters = [];
    opts.params.forEach((arg, i) => {
      try {
        parameters!.push(parseParamArg(arg, i));
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        problems.push(...err.problems);
      }
    });
    if (problems.length > 0) throw new ScenarioError(problems);
  } else if (opts.parameters && Object.keys(opts.parameters).length > 0) {
    parameters = Object.entries(opts.parameters).map(([path, values], i) => ({
      path,
      values: [...values],
      origin: { file: 'parameters', line: i + 1, col: 1, label: `parameter ${path}` },
    }));
  }
  const declared = declaredPlan(src);
  if (!parameters) {
    if (!declared) throw new ScenarioError([{ file: src.file, line: 1, col: 1, path: 'sweep', message: 'nothing to sweep: declare a sweep: section, or give --param path=v1,v2,…' }]);
    return { parameters: declared.parameters, mode: opts.mode ?? declared.mode };
  }
  return { parameters, mode: opts.mode ?? declared?.mode ?? 'grid' };
}

/** The points of a plan: every combination (grid) or the i-th values together (zip). */
export function sweepPoints(plan: SweepPlan): SweepPoint[] {
  const { parameters } = plan;
  const problems: ScenarioProblem[] = [];
  for (const p of parameters)
    if (p.values.length === 0) problems.push({ ...p.origin, path: p.path, message: 'needs at least one value' });
  const seen = new Set<string>();
  for (const p of parameters) {
    if (seen.has(p.path)) problems.push({ ...p.origin, path: p.path, message: `${p.path} is swept twice` });
    seen.add(p.path);
  }
  let combos: unknown[][];
  if (plan.mode === 'zip') {
    const n = parameters[0]?.values.length ?? 0;
    for (const p of parameters)
      if (p.values.length !== n)
        problems.push({ ...p.origin, path: p.path, message: `zip mode needs lists of equal length: ${p.path} has ${p.values.length} values, ${parameters[0]!.path} has ${n}` });
    combos = Array.from({ length: n }, (_, i) => parameters.map((p) => p.values[i]));
  } else {
    combos = [[]];
    for (const p of parameters) combos = combos.flatMap((c) => p.values.map((v) => [...c, v]));
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const short = shortNames(parameters.map((p) => p.path));
  return combos.map((values, index) => ({
    index,
    label: values.map((v, k) => `${short[k]}=${formatParamValue(v)}`).join(', '),
    parameters: Object.fromEntries(parameters.map((p, k) => [p.path, values[k]])),
  }));
}

/** Last path segment where that is unambiguous among the parameters, else the full path. */
function shortNames(paths: string[]): string[] {
  const last = paths.map((p) => p.slice(p.lastIndexOf('.') + 1));
  return paths.map((p, i) => (last.filter((l) => l === last[i]).length > 1 ? p : last[i]!));
}

/** A parameter value as text: scalars plainly, collections as compact JSON. */
export function formatParamValue(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** The scenario of one point: base, `--set`, the point's variant (if swept), its other values. */
export function pointScenario(src: ScenarioSource, plan: SweepPlan, point: SweepPoint): Scenario {
  let variant: string | undefined;
  const patches: Patch[] = [];
  for (const p of plan.parameters) {
    const value = point.parameters[p.path];
    if (p.path === VARIANT_PARAMETER) {
      if (typeof value !== 'string') throw new ScenarioError([{ ...p.origin, path: p.path, message: `variant names are text, got ${formatParamValue(value)}` }]);
      variant = value;
    } else patches.push(wildcardPatch(src, p.path, value, { ...p.origin, label: `${p.origin.label} (${p.path}=${formatParamValue(value)})` }));
  }
  return patchedAlternative(src, point.label, patches, variant).scenario;
}

/** Materializes every point, collecting the problems of all of them into one ScenarioError. */
export function pointScenarios(src: ScenarioSource, plan: SweepPlan, points: readonly SweepPoint[]): Scenario[] {
  const problems: ScenarioProblem[] = [];
  const out = points.map((pt) => {
    try {
      return pointScenario(src, plan, pt);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return out as Scenario[];
}

// ---------------------------------------------------------------------------------------
// Running

/** A sweep's points with their scenarios and per-replication KPI vectors (for frontier and optimize). */
export interface SweepRun {
  src: ScenarioSource;
  plan: SweepPlan;
  points: SweepPoint[];
  scenarios: Scenario[];
  vectors: ReplicationVectors[];
  seed: number;
  replications: number;
  confidence: number;
  /** What `--precision` reached, when it decided the replications. */
  precision?: AlternativesPrecision;
}

/** Runs every point of the plan on common random numbers through one runner. */
export async function runSweep(src: ScenarioSource, plan: SweepPlan, opts: ExperimentOptions): Promise<SweepRun> {
  const points = sweepPoints(plan);
  const scenarios = pointScenarios(src, plan, points);
  const seed = opts.seed ?? src.base.seed;
  const replications = opts.replications ?? src.base.replications;
  const confidence = opts.confidence ?? 0.95;
  const { vectors, replications: done, precision } = await withRunner(opts, (runner) =>
    replicateAlternatives(
      runner,
      scenarios.map((scenario, i) => ({ name: points[i]!.label, scenario })),
      { seed, replications, confidence, precision: opts.precision, onProgress: opts.onProgress, signal: opts.signal },
    ),
  );
  return { src, plan, points, scenarios, vectors, seed, replications: done, confidence, ...(precision ? { precision } : {}) };
}

/** The results document of a finished sweep. */
export function sweepResult(run: SweepRun): SweepResult {
  const { src, plan, points, scenarios, vectors, seed, replications, confidence, precision } = run;
  return {
    ...(precision ? { precision } : {}),
    kind: 'sweep',
    scenario: src.base.name,
    ...(src.base.description !== undefined ? { description: src.base.description } : {}),
    file: src.file,
    seed,
    replications,
    confidence,
    horizonDays: src.base.horizonDays,
    warmupDays: src.base.warmupDays,
    mode: plan.mode,
    parameters: plan.parameters.map((p) => p.path),
    points: points.map((pt, i) => ({ ...pt, results: summarizeAlternative(scenarios[i]!, seed, confidence, vectors[i]!) })),
  };
}

/**
 * Sweeps a scenario file (or document): every point a Monte Carlo run on common random
 * numbers (same seed, same replication indices), all through one runner.
 */
export async function sweep(input: ScenarioInput, opts: SweepOptions = {}): Promise<SweepResult> {
  const src = openScenario(input, opts.sets);
  return sweepResult(await runSweep(src, sweepPlan(src, opts), opts));
}

// ---------------------------------------------------------------------------------------
// CSV

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : formatParamValue(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * sweep.csv: one row per point; columns point, label, the parameters, any `extra` columns,
 * then mean/ciLow/ciHigh of every overall KPI.
 */
export function sweepCsv<P extends SweepPointResult>(
  result: { parameters: string[]; points: P[] },
  extra: ReadonlyArray<[string, (pt: P) => unknown]> = [],
): string {
  const kpis = Object.keys(result.points[0]?.results.kpis ?? {});
  const header = ['point', 'label', ...result.parameters, ...extra.map(([name]) => name), ...kpis.flatMap((k) => [`${k}.mean`, `${k}.ciLow`, `${k}.ciHigh`])];
  const rows = result.points.map((pt) => [
    pt.index,
    pt.label,
    ...result.parameters.map((p) => pt.parameters[p]),
    ...extra.map(([, f]) => f(pt)),
    ...kpis.flatMap((k) => {
      const s = pt.results.kpis[k];
      return [s?.mean, s?.ciLow, s?.ciHigh];
    }),
  ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
