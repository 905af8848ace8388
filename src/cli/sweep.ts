/**
 * `scsim sweep [SCENARIO] [--param path=v1,v2,… …] [--mode grid|zip]`: a Monte Carlo run at
 * every point of a parameter grid (or zip), all on common random numbers and one worker pool;
 * a table of the chosen KPIs with their intervals, `--json`, or `--out DIR` with results.json
 * (`kind: 'sweep'`) and sweep.csv (one row per point).
 */
import { formatParamValue, runSweep, sweepCsv, sweepPlan, sweepResult, type SweepResult } from '../experiment/sweep.ts';
import type { AlternativesPrecision } from '../experiment/stopping.ts';
import { kpiProblem, openScenario } from '../experiment/variants.ts';
import { EXIT, UsageError } from './common.ts';
import {
  type ExperimentArgs,
  checkExperimentArgs,
  checkPrecisionKpi,
  kpiFormat,
  listArg,
  meanPm,
  precisionNote,
  runExperiment,
  scenarioFile,
  reportIfAsked,
  experimentScenario,
  writeResultFiles,
} from './experiment-common.ts';
import { table } from './format.ts';
import { toJson } from './output.ts';
import { runSweepShard } from './shard.ts';

export interface SweepArgs extends ExperimentArgs {
  param?: string[];
  mode?: 'grid' | 'zip';
  /** KPI columns of the terminal table. */
  kpis?: string[];
  /** Run only this shard (`K/N`, 0-based, or `auto`) and write a shard file to --out; see src/cli/shard.ts. */
  shard?: string;
  /** Replications per shard block (with --shard). */
  blockSize?: number;
}

/** KPI columns shown unless `--kpis` says otherwise. */
export const DEFAULT_SWEEP_KPIS = ['fillRate', 'otif', 'inventoryCost', 'logisticsCost', 'totalCost', 'operatingProfit'];

/** The sweep as a terminal table: one row per point, parameters then `mean ± half-width` per KPI. */
export function formatSweep(r: SweepResult, kpis: readonly string[]): string {
  const head = `${r.scenario}: sweep of ${r.points.length} points (${r.mode}), ${r.replications} replications each, seed ${r.seed}, common random numbers; ± is the ${Math.round(r.confidence * 100)}% CI half-width`;
  const rows = [['#', ...r.parameters, ...kpis.map((k) => kpiFormat(k).label)]];
  for (const pt of r.points)
    rows.push([String(pt.index), ...r.parameters.map((p) => formatParamValue(pt.parameters[p])), ...kpis.map((k) => meanPm(pt.results.kpis[k] ?? kpiOf(pt.results, k), k))]);
  return `${head}\n\n${table(rows)}`;
}

/** A site or segment KPI (`segment.retail.otif`) from a point's results. */
function kpiOf(results: SweepResult['points'][number]['results'], kpi: string) {
  const [kind, id, name] = [kpi.slice(0, kpi.indexOf('.')), kpi.slice(kpi.indexOf('.') + 1, kpi.lastIndexOf('.')), kpi.slice(kpi.lastIndexOf('.') + 1)];
  const group = kind === 'site' ? results.bySite : kind === 'segment' ? results.bySegment : undefined;
  return group?.[id]?.[name];
}

export async function sweepCommand(args: SweepArgs): Promise<number> {
  checkExperimentArgs(args);
  const file = scenarioFile(args);
  if (args.shard !== undefined) return await runSweepShard(args, file);
  const kpis = listArg(args.kpis);
  const columns = kpis.length > 0 ? kpis : DEFAULT_SWEEP_KPIS;
  const outcome = await runExperiment(args, async (opts) => {
    const src = openScenario(file, opts.sets);
    checkPrecisionKpi(args, file);
    for (const k of columns) {
      const problem = kpiProblem(src.base, k);
      if (problem) throw new UsageError(`--kpis: ${problem}`);
    }
    const run = await runSweep(src, sweepPlan(src, { params: args.param, mode: args.mode }), opts);
    return sweepResult(run);
  });
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return outcome.exitCode;
  }
  const r = outcome.result;
  const scenario = experimentScenario(args);
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)], ['sweep.csv', sweepCsv(r)], ['scenario.json', toJson(scenario)]], args.quiet);
  await reportIfAsked(args, 'sweep', r, scenario);
  process.stdout.write(args.json ? toJson(r) : `${formatSweep(r, columns)}\n`);
  const note = precisionNote(r.precision as AlternativesPrecision | undefined, r.replications, r.confidence);
  if (note && !(args.json && args.quiet)) (args.json ? process.stderr : process.stdout).write(`${args.json ? 'scsim: ' : '\n'}${note}\n`);
  return EXIT.ok;
}
