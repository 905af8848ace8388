/**
 * `scsim optimize --placement`: the guaranteed-service placement of safety stock (the method
 * is documented in src/experiment/placement-plan.ts) — the analytic plan per stock, then the
 * simulated service and inventory cost of the scenario's policies, uniform safety stock and
 * the placement, before and after scaling each plan to meet the target, with intervals.
 */
import { placementFrontier, type PlacementFrontierResult } from '../experiment/placement-frontier.ts';
import type { PlacementResult } from '../experiment/placement-plan.ts';
import { EXIT, UsageError } from './common.ts';
import { type ExperimentArgs, experimentScenario, levelText, meanPm, reportIfAsked, runExperiment, writeResultFiles } from './experiment-common.ts';
import { formatValue, table } from './format.ts';
import { toJson } from './output.ts';

const ARM: Record<PlacementResult['arms'][number]['name'], string> = {
  current: 'scenario’s policies',
  uniform: 'uniform (analytic)',
  placement: 'placement (analytic)',
  'uniform-corrected': 'uniform, corrected',
  'placement-corrected': 'placement, corrected',
};

/** The placement result for the terminal. */
export function formatPlacement(r: PlacementResult): string {
  const ci = levelText(r.confidence);
  const f = (x: number, d = 1) => x.toFixed(d);
  const out = [
    `${r.scenario}: safety-stock placement for ${formatValue(r.target, 'percent')} service (z = ${f(r.z, 3)}), guaranteed-service model`,
    `${r.replications} replications per simulated plan, seed ${r.seed}, common random numbers; ${r.evaluations} plans simulated`,
    '',
    'Analytic plan (days; units; T = own replenishment time, SI/S = committed service times in/out, NLT = SI + T − S;',
    'level = base-stock level, or the reorder point of an economic lot where orders have a fixed cost)',
  ];
  const rows = [['stock', 'T', 'demand/day', 'sd/day', 'SI', 'S', 'NLT', 'safety stock', 'level', 'uniform level']];
  for (const s of r.stocks)
    rows.push([s.stock, String(s.processingTime), f(s.demandMean), f(s.demandSd), String(s.SI), String(s.S), String(s.netLeadTime), f(s.safetyStock, 0), String(s.baseStock), String(s.uniformBaseStock)]);
  out.push(table(rows), '');
  const saving = 1 - r.analyticCost.placement / r.analyticCost.uniform;
  out.push(
    `Analytic safety-stock holding cost [money/day]: placement ${f(r.analyticCost.placement, 2)} vs uniform ${f(r.analyticCost.uniform, 2)} (${formatValue(saving, 'percent')} less)`,
    '',
    `Simulated (± ${ci} CI half-width; "vs uniform" is paired: corrected placement vs corrected uniform)`,
  );
  const sim = [['policies', 'k', 'fill rate', 'worst segment', 'target met', 'inventory cost', 'vs uniform']];
  for (const a of r.arms)
    sim.push([
      ARM[a.name],
      a.safetyFactor === null ? '-' : f(a.safetyFactor, 2),
      meanPm(a.fillRate, 'fillRate'),
      a.worstSegment ? `${a.worstSegment.segment} ${formatValue(a.worstSegment.fillRate.mean, 'percent')}` : 'n/a',
      a.metTarget ? 'yes' : 'no',
      meanPm(a.inventoryCost, 'inventoryCost'),
      a.costVsUniform ? meanPm(a.costVsUniform, 'inventoryCost') : '-',
    ]);
  out.push(table(sim), '');
  const pc = r.arms.find((a) => a.name === 'placement-corrected');
  const uc = r.arms.find((a) => a.name === 'uniform-corrected');
  const d = pc?.costVsUniform;
  if (d && d.mean !== null && uc?.inventoryCost.mean != null && pc!.metTarget && uc.metTarget) {
    const sure = d.ciHigh !== null && d.ciHigh < 0 ? 'cheaper' : d.ciLow !== null && d.ciLow > 0 ? 'dearer' : 'not distinguishable from uniform';
    out.push(
      `At equal service (every segment ≥ ${formatValue(r.target, 'percent')}): placement is ${sure}: ${meanPm(d, 'inventoryCost')} inventory cost over the run (${formatValue(d.mean / uc.inventoryCost.mean, 'percent')}).`,
    );
  } else out.push('A corrected plan missed the target even at the top of the scale (k = 4): no equal-service comparison.');
  out.push('k scales each plan’s safety stock (1 = analytic) to the smallest value on a 0.05 grid meeting the target in every segment.', '', `Method: ${r.method}.`);
  return out.join('\n');
}

/** The placement frontier for the terminal: every point, cheapest first, then the paired savings per target. */
export function formatPlacementFrontier(r: PlacementFrontierResult): string {
  const ci = levelText(r.confidence);
  const out = [
    `${r.scenario}: inventory cost vs fill rate, placement re-solved at each of ${r.targets.length} targets beside uniform safety stock; ${r.replications} replications each, seed ${r.seed}, common random numbers; ± is the ${ci} CI half-width`,
    '',
  ];
  const order = r.points.map((_, i) => i).sort((i, j) => (r.points[i]!.inventoryCost.mean ?? Infinity) - (r.points[j]!.inventoryCost.mean ?? Infinity) || i - j);
  const rows = [['plan', 'target', 'analytic SS cost/day', 'fill rate', 'worst segment', 'inventory cost', '']];
  for (const i of order) {
    const p = r.points[i]!;
    rows.push([
      p.plan === 'current' ? 'scenario’s policies' : p.plan,
      p.target === null ? '-' : formatValue(p.target, 'percent'),
      p.analyticCost === null ? '-' : p.analyticCost.toFixed(2),
      meanPm(p.fillRate, 'fillRate'),
      formatValue(p.worstSegmentFillRate, 'percent'),
      meanPm(p.inventoryCost, 'inventoryCost'),
      p.efficient ? '◆ efficient' : '',
    ]);
  }
  out.push(table(rows), '', 'Placement − uniform at each target, paired:');
  const sv = [['target', 'inventory cost', 'fill rate']];
  for (const s of r.savings) sv.push([formatValue(s.target, 'percent'), meanPm(s.cost, 'inventoryCost'), meanPm(s.fillRate, 'fillRate')]);
  out.push(table(sv), '', `Method: ${r.method}.`);
  return out.join('\n');
}

/** `frontier --placement [--targets 0.8,0.9,…]`. */
/**
 * Runs a placement computation, turning its refusals (`placement: …` RangeErrors: a network
 * the guaranteed-service model cannot take) into usage problems, exit 2.
 */
export async function asUsageProblem<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof RangeError && err.message.startsWith('placement: ')) throw new UsageError(err.message);
    throw err;
  }
}

export async function placementFrontierCommand(args: ExperimentArgs & { targets?: string; param?: string[]; costKpi?: string; serviceKpi?: string; shard?: string }, file: string): Promise<number> {
  const unused = (['param', 'costKpi', 'serviceKpi', 'shard'] as const).filter((k) => args[k] !== undefined);
  if (unused.length > 0) throw new UsageError(`--placement takes --targets only; drop ${unused.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`);
  let targets: number[] | undefined;
  if (args.targets !== undefined) {
    targets = String(args.targets).split(',').map((t) => Number(t.trim()));
    const bad = targets.filter((t) => !(t > 0 && t < 1));
    if (bad.length > 0 || targets.length === 0) throw new UsageError(`--targets must be service levels strictly between 0 and 1, comma-separated (e.g. 0.9,0.95,0.98), got ${args.targets}`);
  }
  const outcome = await runExperiment(args, (opts) => asUsageProblem(() => placementFrontier(file, { ...opts, targets })));
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return EXIT.interrupted;
  }
  const r = outcome.result;
  const scenario = experimentScenario(args);
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)], ['scenario.json', toJson(scenario)]], args.quiet);
  await reportIfAsked(args, 'placement-frontier', r, scenario);
  process.stdout.write(args.json ? toJson(r) : `${formatPlacementFrontier(r)}\n`);
  return EXIT.ok;
}
