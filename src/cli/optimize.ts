/**
 * `scsim optimize [SCENARIO] [--lever path=lo:hi[:step] …] [--target 0.95] …`: the cheapest
 * lever values meeting a service target, by simulation on common random numbers (the method
 * is documented in src/experiment/optimize.ts); reports the chosen values, their cost and
 * service with intervals, and how many evaluations it took.
 */
import { optimize, type OptimizeResult } from '../experiment/optimize.ts';
import { EXIT, UsageError } from './common.ts';
import { type ExperimentArgs, checkExperimentArgs, kpiFormat, levelText, meanPm, runExperiment, scenarioFile, writeResultFiles } from './experiment-common.ts';
import { formatValue, table } from './format.ts';
import { toJson } from './output.ts';

export interface OptimizeArgs extends ExperimentArgs {
  lever?: string[];
  target?: number;
  serviceKpi?: 'fillRate' | 'otif';
  per?: 'overall' | 'segment';
  costKpi?: string;
  verify?: 'mean' | 'ciLow';
  maxEvaluations?: number;
}

const STATUS: Record<OptimizeResult['status'], string> = {
  optimal: 'converged: no lever can go lower and no exchange is cheaper',
  infeasible: 'INFEASIBLE: even the top value of every lever misses the target',
  budget: 'stopped: evaluation budget spent; best point so far',
};

/** The optimisation result for the terminal. */
export function formatOptimize(r: OptimizeResult): string {
  const p = r.problem;
  const ci = levelText(r.confidence);
  const out = [
    `${r.scenario}: minimise ${kpiFormat(p.costKpi).label} subject to ${p.per === 'segment' ? 'every segment’s' : 'overall'} ${kpiFormat(p.serviceKpi).label} ${p.verify === 'ciLow' ? `(${ci} CI lower bound)` : '(mean)'} ≥ ${formatValue(p.target, 'percent')}`,
    `${r.replications} replications per evaluation, seed ${r.seed}, common random numbers`,
    `Result: ${STATUS[r.status]}; ${r.evaluations} evaluations, ${r.passes} pass${r.passes === 1 ? '' : 'es'}`,
    '',
  ];
  const levers = [['lever', 'range', 'chosen']];
  for (const l of p.levers) levers.push([l.path, `${l.min} … ${l.max} (${l.values} values)`, String(r.chosen.parameters[l.path])]);
  out.push(table(levers), '');
  out.push(`${kpiFormat(p.costKpi).label}: ${meanPm(r.chosen.cost, p.costKpi)} (± ${ci} CI half-width)`, '');
  const checks = [['constraint', 'mean', `${ci} CI`, 'target', 'met']];
  for (const c of r.chosen.service)
    checks.push([
      c.kpi,
      formatValue(c.mean, 'percent'),
      c.ciLow === null || c.ciHigh === null ? 'n/a' : `[${formatValue(c.ciLow, 'percent')}, ${formatValue(c.ciHigh, 'percent')}]`,
      formatValue(c.target, 'percent'),
      c.met ? 'yes' : 'NO',
    ]);
  out.push(table(checks), '', `Method: ${r.method}.`);
  return out.join('\n');
}

export async function optimizeCommand(args: OptimizeArgs): Promise<number> {
  checkExperimentArgs(args);
  if (args.target !== undefined && !(args.target >= 0 && args.target <= 1))
    throw new UsageError(`--target must be between 0 and 1 (e.g. 0.95), got ${args.target}`);
  if (args.maxEvaluations !== undefined && !(Number.isInteger(args.maxEvaluations) && args.maxEvaluations >= 1))
    throw new UsageError(`--max-evaluations must be a positive integer, got ${args.maxEvaluations}`);
  const file = scenarioFile(args);
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
      });
    } catch (err) {
      if (err instanceof RangeError && err.message.startsWith('costKpi: ')) throw new UsageError(`--cost-kpi: ${err.message.slice(9)}`);
      throw err;
    }
  });
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return outcome.exitCode;
  }
  const r = outcome.result;
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)]], args.quiet);
  process.stdout.write(args.json ? toJson(r) : `${formatOptimize(r)}\n`);
  return EXIT.ok;
}
