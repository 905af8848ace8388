/**
 * `scsim optimize [SCENARIO] [--lever path=lo:hi[:step] …] [--target 0.95] …`: the cheapest
 * lever values meeting a service target, by simulation on common random numbers (the method
 * is documented in src/experiment/optimize.ts); reports the chosen values, their cost and
 * service with intervals, and how many evaluations it took.
 */
import { optimize, type OptimizeResult } from '../experiment/optimize.ts';
import { placement, type PlacementResult } from '../experiment/placement-plan.ts';
import { asUsageProblem, formatPlacement } from './placement.ts';
import { EXIT, UsageError } from './common.ts';
import { type ExperimentArgs, checkExperimentArgs, experimentScenario, kpiFormat, levelText, meanPm, reportIfAsked, runExperiment, scenarioFile, writeResultFiles } from './experiment-common.ts';
import { formatValue, table } from './format.ts';
import { toJson } from './output.ts';
import { runOptimizeShard } from './shard.ts';
import { EXHAUSTIVE_GRID_METHOD } from '../experiment/optimize-grid.ts';

export interface OptimizeArgs extends ExperimentArgs {
  lever?: string[];
  target?: number;
  serviceKpi?: 'fillRate' | 'otif';
  per?: 'overall' | 'segment';
  costKpi?: string;
  verify?: 'mean' | 'ciLow';
  maxEvaluations?: number;
  /** More constraints: KPI>=value or KPI<=value. */
  constraint?: string[];
  /** Re-run the chosen point on this many fresh replications. */
  confirm?: number;
  /** Guaranteed-service safety-stock placement instead of a lever search. */
  placement?: boolean;
  /** auto (default): bisection, then exchanges, with a grid/pattern fallback; grid: every point of the lever grid. */
  method?: 'auto' | 'grid';
  /** With --method grid: run only shard K of N and write a shard file (src/cli/shard.ts). */
  shard?: string;
  /** Replications per shard block (with --shard). */
  blockSize?: number;
}

/** The option a RangeError of the optimisation names, as a usage error (exit 2); other errors as they are. */
function usageOf(err: unknown): unknown {
  if (!(err instanceof RangeError)) return err;
  if (err.message.startsWith('costKpi: ')) return new UsageError(`--cost-kpi: ${err.message.slice(9)}`);
  if (err.message.startsWith('constraint: ')) return new UsageError(`--constraint: ${err.message.slice(12)}`);
  if (err.message.startsWith('method: ')) return new UsageError(err.message.slice(8));
  return err;
}

const STATUS: Record<OptimizeResult['status'], string> = {
  optimal: 'converged: no lever can go lower and no exchange is cheaper',
  infeasible: 'INFEASIBLE: the top value of every lever, and the probes below it, miss the target',
  budget: 'stopped: evaluation budget spent; best point so far',
};

/** The status line: what the search established. */
function statusText(r: OptimizeResult): string {
  const m = r.search.method;
  if (m === 'bisection') return STATUS[r.status];
  if (r.status === 'infeasible') return `INFEASIBLE: no point of the ${m === 'grid' ? 'whole grid' : 'pattern search'} meets the target`;
  if (r.status === 'budget') return STATUS.budget;
  return m === 'grid' ? 'the cheapest grid point meeting the target' : 'a local optimum of the pattern search (no neighbour cheaper at step 1)';
}

/** Which search answered, and the evidence that made it leave bisection. */
function searchText(r: OptimizeResult): string {
  const s = r.search;
  const probes = s.probes > 0 ? `, ${s.probes} probe${s.probes === 1 ? '' : 's'} below the top` : '';
  if (r.method === EXHAUSTIVE_GRID_METHOD) {
    const v = s.violation;
    const seen = v === null ? 'service never fell as a lever rose' : `service is not monotone: ${v.kpi} fell from ${formatValue(v.atLower, 'percent')} at ${v.lever} = ${v.lower} to ${formatValue(v.atHigher, 'percent')} at ${v.higher}`;
    return `Search: grid (--method grid), every point evaluated; ${seen}`;
  }
  if (s.violation === null) return `Search: bisection; service never fell as a lever rose (monotonicity held${probes})`;
  const v = s.violation;
  const f = (x: number) => formatValue(x, 'percent');
  return (
    `Search: ${s.method} — service is not monotone: ${v.kpi} fell from ${f(v.atLower)} at ${v.lever} = ${v.lower} ` +
    `to ${f(v.atHigher)} at ${v.higher} (paired drop ${f(v.dropCiLow)} … ${f(v.dropCiHigh)}), so bisection was abandoned`
  );
}

/** The constraints in words: the service target, then the extra ones. */
function constraintText(r: OptimizeResult): string {
  const p = r.problem;
  const how = p.verify === 'ciLow' ? `(${levelText(r.confidence)} CI bound)` : '(mean)';
  const parts: string[] = [];
  if (p.target !== null) parts.push(`${p.per === 'segment' ? 'every segment’s' : 'overall'} ${kpiFormat(p.serviceKpi).label} ${how} ≥ ${formatValue(p.target, 'percent')}`);
  for (const c of p.constraints) parts.push(`${c.kpi} ${how} ${c.op === '>=' ? '≥' : '≤'} ${formatValue(c.target, kpiFormat(c.kpi).kind)}`);
  return parts.join(' and ');
}

/** The optimisation result for the terminal. */
export function formatOptimize(r: OptimizeResult): string {
  const p = r.problem;
  const ci = levelText(r.confidence);
  const out = [
    `${r.scenario}: minimise ${kpiFormat(p.costKpi).label} subject to ${constraintText(r)}`,
    `${r.replications} replications per evaluation, seed ${r.seed}, common random numbers`,
    `Result: ${statusText(r)}; ${r.evaluations} evaluations, ${r.passes} pass${r.passes === 1 ? '' : 'es'}`,
    searchText(r),
    '',
  ];
  const levers = [['lever', 'range', 'chosen']];
  for (const l of p.levers) levers.push([l.path, `${l.min} … ${l.max} (${l.values} values)`, String(r.chosen.parameters[l.path])]);
  out.push(table(levers), '');
  out.push(`${kpiFormat(p.costKpi).label}: ${meanPm(r.chosen.cost, p.costKpi)} (± ${ci} CI half-width)`, '');
  const checks = [['constraint', 'mean', `${ci} CI`, 'target', 'met']];
  for (const c of r.chosen.service) {
    const kind = kpiFormat(c.kpi).kind;
    checks.push([
      c.kpi,
      formatValue(c.mean, kind),
      c.ciLow === null || c.ciHigh === null ? 'n/a' : `[${formatValue(c.ciLow, kind)}, ${formatValue(c.ciHigh, kind)}]`,
      `${c.op === '>=' ? '≥' : '≤'} ${formatValue(c.target, kind)}`,
      c.met ? 'yes' : 'NO',
    ]);
  }
  out.push(table(checks), '');
  const cf = r.confirmation;
  if (cf) {
    const failed = cf.service.filter((c) => !c.met).map((c) => c.kpi);
    out.push(
      `Confirmation on ${cf.replications} fresh replications (indices ${cf.first}–${cf.first + cf.replications - 1}, unused by the search): ` +
        `${kpiFormat(p.costKpi).label} ${meanPm(cf.cost, p.costKpi)}; ${cf.feasible ? 'every constraint met' : `NOT met: ${failed.join(', ')}`}`,
    );
    for (const c of cf.service) {
      const kind = kpiFormat(c.kpi).kind;
      out.push(`  ${c.kpi}: ${formatValue(c.mean, kind)} [${formatValue(c.ciLow, kind)}, ${formatValue(c.ciHigh, kind)}] ${c.op === '>=' ? '≥' : '≤'} ${formatValue(c.target, kind)}`);
    }
    out.push('');
  }
  out.push(`Method: ${r.method}.`);
  return out.join('\n');
}

export async function optimizeCommand(args: OptimizeArgs): Promise<number> {
  checkExperimentArgs(args);
  if (args.target !== undefined && !(args.target >= 0 && args.target <= 1))
    throw new UsageError(`--target must be between 0 and 1 (e.g. 0.95), got ${args.target}`);
  if (args.maxEvaluations !== undefined && !(Number.isInteger(args.maxEvaluations) && args.maxEvaluations >= 1))
    throw new UsageError(`--max-evaluations must be a positive integer, got ${args.maxEvaluations}`);
  if (args.confirm !== undefined && !(Number.isInteger(args.confirm) && args.confirm >= 2))
    throw new UsageError(`--confirm must be an integer of at least 2 (replications), got ${args.confirm}`);
  const file = scenarioFile(args);
  if (args.placement && (args.method !== undefined || args.shard !== undefined)) throw new UsageError('--placement takes neither --method nor --shard');
  if (args.placement) return placementCommand(args, file);
  if (args.shard !== undefined) {
    if (args.method !== 'grid') throw new UsageError('--shard needs --method grid: the adaptive search picks each point from the last, so it cannot be split up front');
    if (args.confirm !== undefined) throw new UsageError('--confirm re-runs the chosen point, known only after the merge: drop it with --shard (run the chosen point with scsim run)');
    try {
      return await runOptimizeShard(args, file);
    } catch (err) {
      throw usageOf(err);
    }
  }
  const outcome = await runExperiment(args, async (opts) => {
    try {
      return await optimize(file, {
        ...opts,
        levers: args.lever,
        target: args.target,
        serviceKpi: args.serviceKpi,
        per: args.per,
        costKpi: args.costKpi,
        verify: args.verify,
        maxEvaluations: args.maxEvaluations,
        constraints: args.constraint,
        confirm: args.confirm,
        method: args.method,
      });
    } catch (err) {
      throw usageOf(err);
    }
  });
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return outcome.exitCode;
  }
  const r = outcome.result;
  const scenario = experimentScenario(args);
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)], ['scenario.json', toJson(scenario)]], args.quiet);
  await reportIfAsked(args, 'optimize', r, scenario);
  process.stdout.write(args.json ? toJson(r) : `${formatOptimize(r)}\n`);
  return EXIT.ok;
}

/** `optimize --placement`: levers, KPIs and the search budget do not apply. */
async function placementCommand(args: OptimizeArgs, file: string): Promise<number> {
  const unused = (['lever', 'serviceKpi', 'per', 'costKpi', 'verify', 'maxEvaluations', 'constraint', 'confirm'] as const).filter((k) => args[k] !== undefined);
  if (unused.length > 0) throw new UsageError(`--placement takes --target only; drop ${unused.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`);
  const outcome = await runExperiment(args, (opts) => asUsageProblem(() => placement(file, { ...opts, target: args.target })));
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return EXIT.interrupted;
  }
  const r: PlacementResult = outcome.result;
  const scenario = experimentScenario(args);
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)], ['scenario.json', toJson(scenario)]], args.quiet);
  await reportIfAsked(args, 'placement', r, scenario);
  process.stdout.write(args.json ? toJson(r) : `${formatPlacement(r)}\n`);
  return EXIT.ok;
}
