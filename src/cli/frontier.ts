/**
 * `scsim frontier [SCENARIO] [--param path=v1,v2,… …] [--cost-kpi K] [--service-kpi K]`: sweep
 * the inventory levers and report cost against service at every point, with intervals, the
 * dominated points marked and the efficient frontier listed, cheapest first.
 */
import { frontierAxes, frontierCsv, frontierOf, type FrontierResult } from '../experiment/frontier.ts';
import { formatParamValue, runSweep, sweepPlan, sweepResult } from '../experiment/sweep.ts';
import { openScenario, type ScenarioSource } from '../experiment/variants.ts';
import { EXIT, UsageError } from './common.ts';
import { type ExperimentArgs, checkExperimentArgs, kpiFormat, meanPm, runExperiment, scenarioFile, writeResultFiles, reportIfAsked, experimentScenario } from './experiment-common.ts';
import { table } from './format.ts';
import { toJson } from './output.ts';
import { runFrontierShard } from './shard.ts';
import { placementFrontierCommand } from './placement.ts';

export interface FrontierArgs extends ExperimentArgs {
  param?: string[];
  /** Run only this shard (`K/N`, 0-based, or `auto`) and write a shard file to --out; see src/cli/shard.ts. */
  shard?: string;
  /** Replications per shard block (with --shard). */
  blockSize?: number;
  mode?: 'grid' | 'zip';
  costKpi?: string;
  serviceKpi?: string;
  /** Frontier of guaranteed-service placements over service targets (src/cli/placement.ts). */
  placement?: boolean;
  /** With placement: comma-separated service targets. */
  targets?: string;
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
  if (args.placement) return placementFrontierCommand(args, file);
  /** The axes, a bad --cost-kpi or --service-kpi as a usage error. */
  const axesOf = (src: ScenarioSource) => {
    try {
      return frontierAxes(src, { costKpi: args.costKpi, serviceKpi: args.serviceKpi });
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(`--${err.message.replace(/^(cost|service)Kpi/, (m) => (m === 'costKpi' ? 'cost-kpi' : 'service-kpi'))}`);
      throw err;
    }
  };
  if (args.shard !== undefined) return await runFrontierShard(args, file, axesOf);
  const outcome = await runExperiment(args, async (opts) => {
    const src = openScenario(file, opts.sets);
    const axes = axesOf(src);
    const run = await runSweep(src, sweepPlan(src, { params: args.param, mode: args.mode }), opts);
    return frontierOf(sweepResult(run), run.vectors, axes.costKpi, axes.serviceKpi);
  });
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return outcome.exitCode;
  }
  const r = outcome.result;
  const scenario = experimentScenario(args);
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)], ['frontier.csv', frontierCsv(r)], ['scenario.json', toJson(scenario)]], args.quiet);
  await reportIfAsked(args, 'frontier', r, scenario);
  process.stdout.write(args.json ? toJson(r) : `${formatFrontier(r)}\n`);
  return EXIT.ok;
}
