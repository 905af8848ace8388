/**
 * `scsim frontier [SCENARIO] [--param path=v1,v2,… …] [--cost-kpi K] [--service-kpi K]`: sweep
 * the inventory levers and report cost against service at every point, with intervals, the
 * dominated points marked and the efficient frontier listed, cheapest first.
 */
import { frontierAxes, frontierCsv, frontierOf, type FrontierResult } from '../experiment/frontier.ts';
import { formatParamValue, runSweep, sweepPlan, sweepResult } from '../experiment/sweep.ts';
import { openScenario } from '../experiment/variants.ts';
import { EXIT, UsageError } from './common.ts';
import { type ExperimentArgs, checkExperimentArgs, kpiFormat, meanPm, runExperiment, scenarioFile, writeResultFiles, reportIfAsked } from './experiment-common.ts';
import { table } from './format.ts';
import { toJson } from './output.ts';

export interface FrontierArgs extends ExperimentArgs {
  param?: string[];
  mode?: 'grid' | 'zip';
  costKpi?: string;
  serviceKpi?: string;
}

/** The frontier as a terminal table, cheapest point first. */
export function formatFrontier(r: FrontierResult): string {
  const cost = kpiFormat(r.costKpi).label;
  const service = kpiFormat(r.serviceKpi).label;
  const out = [
    `${r.scenario}: ${cost} vs ${service} at ${r.points.length} points, ${r.replications} replications each, seed ${r.seed}, common random numbers; ± is the ${Math.round(r.confidence * 100)}% CI half-width`,
    '',
  ];
  const order = r.points.map((_, i) => i).sort((i, j) => (r.points[i]!.cost.mean ?? Infinity) - (r.points[j]!.cost.mean ?? Infinity) || i - j);
  const rows = [['#', ...r.parameters, cost, service, '']];
  for (const i of order) {
    const p = r.points[i]!;
    const index = (label: string) => `#${r.points.find((q) => q.label === label)!.index}`;
    const mark = !p.dominated
      ? '◆ efficient'
      : `dominated by ${p.dominatedBy.map(index).join(' ')}${p.confidentlyDominated ? ' (paired CIs agree)' : ''}`;
    rows.push([String(p.index), ...r.parameters.map((k) => formatParamValue(p.parameters[k])), meanPm(p.cost, r.costKpi), meanPm(p.service, r.serviceKpi), mark]);
  }
  out.push(table(rows), '');
  out.push(`Efficient frontier (cheapest first): ${r.frontier.map((l) => `#${r.points.find((q) => q.label === l)!.index}`).join(' → ') || 'none'}`);
  return out.join('\n');
}

export async function frontierCommand(args: FrontierArgs): Promise<number> {
  checkExperimentArgs(args);
  const file = scenarioFile(args);
  const outcome = await runExperiment(args, async (opts) => {
    const src = openScenario(file, opts.sets);
    let axes: { costKpi: string; serviceKpi: string };
    try {
      axes = frontierAxes(src, { costKpi: args.costKpi, serviceKpi: args.serviceKpi });
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(`--${err.message.replace(/^(cost|service)Kpi/, (m) => (m === 'costKpi' ? 'cost-kpi' : 'service-kpi'))}`);
      throw err;
    }
    const run = await runSweep(src, sweepPlan(src, { params: args.param, mode: args.mode }), opts);
    return frontierOf(sweepResult(run), run.vectors, axes.costKpi, axes.serviceKpi);
  });
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return outcome.exitCode;
  }
  const r = outcome.result;
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)], ['frontier.csv', frontierCsv(r)]], args.quiet);
  await reportIfAsked(args, r);
  process.stdout.write(args.json ? toJson(r) : `${formatFrontier(r)}\n`);
  return EXIT.ok;
}
