/**
 * `scsim compare [SCENARIO]`: every investment option of the scenario against its base, on
 * common random numbers: paired differences of operating profit, total cost, fill rate, OTIF and inventory value, NPV
 * over the investment horizon with its interval, the share of replications in which the
 * option beats the base, and a ranking that says when it is not established.
 */
import { type CompareResult, type OptionComparison } from '../experiment/compare.ts';
import { compare, compareCsv } from '../experiment/compare.ts';
import type { AlternativesPrecision } from '../experiment/stopping.ts';
import { EXIT } from './common.ts';
import {
  type ExperimentArgs,
  checkExperimentArgs,
  checkPrecisionKpi,
  levelText,
  listArg,
  meanPm,
  precisionNote,
  runExperiment,
  scenarioFile,
  signed,
  signedInterval,
  reportIfAsked,
  experimentScenario,
  writeResultFiles,
} from './experiment-common.ts';
import { formatValue, table } from './format.ts';
import { toJson } from './output.ts';
import { runCompareShard } from './shard.ts';

export interface CompareArgs extends ExperimentArgs {
  /** Option names to compare (default all). */
  only?: string[];
  /** Also compare the scenario's variants. */
  variants?: boolean;
  /** Run only this shard (`K/N`, 0-based, or `auto`) and write a shard file to --out; see src/cli/shard.ts. */
  shard?: string;
  /** Replications per shard block (with --shard). */
  blockSize?: number;
}

const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');
const money = (x: number) => signed(x, 'operatingProfit');

function diff(o: OptionComparison, kpi: keyof OptionComparison['differences']): string {
  const d = o.differences[kpi];
  return `${signed(d.mean, kpi)} ${signedInterval(d.ciLow, d.ciHigh, kpi)}`;
}

/** The comparison as the terminal shows it: ranking table, differences table, notes. */
export function formatCompare(r: CompareResult): string {
  const inv = r.investment;
  const ci = levelText(r.confidence);
  const out = [
    `${r.scenario}: ${r.options.length} option${r.options.length === 1 ? "" : "s"} vs base, ${r.replications} replications each, seed ${r.seed}, common random numbers`,
    `NPV over ${inv.years} years at ${(inv.discountRatePerYear * 100).toFixed(1)}%/year (annuity factor ${inv.annuityFactor.toFixed(3)}); ` +
      `operating profit measured over ${inv.windowDays} days = ${(inv.windowDays / 365).toFixed(2)} years, annualised (× ${(365 / inv.windowDays).toFixed(3)})` +
      ((inv.capitalChargeRatePerYear ?? 0) > 0 ? `; working capital (Δ average inventory value) charged ${((inv.capitalChargeRatePerYear ?? 0) * 100).toFixed(1)}%/year` : ''),
    '',
  ];
  const ranked = [...r.options].sort((a, b) => a.rank - b.rank);
  const rows = [['rank', 'option', 'kind', 'one-off', 'running/yr', 'NPV', `${ci} CI`, 'beats base']];
  for (const o of ranked)
    rows.push([
      String(o.rank),
      o.name,
      o.kind,
      formatValue(o.oneOffCost, 'money'),
      formatValue(o.runningCostPerYear, 'money'),
      money(o.npv.mean),
      signedInterval(o.npv.ciLow, o.npv.ciHigh, 'operatingProfit'),
      pct(o.shareBeatsBase),
    ]);
  out.push(table(rows), '');
  const d = [['option', 'Δ operating profit', 'Δ total cost', 'Δ fill rate', 'Δ OTIF', 'Δ inventory value']];
  for (const o of ranked)
    d.push([o.name, diff(o, 'operatingProfit'), diff(o, 'totalCost'), diff(o, 'fillRate'), diff(o, 'otif'), o.differences.avgInventoryValue ? diff(o, 'avgInventoryValue') : 'n/a']);
  out.push(`Paired differences, option − base, over the measured window (mean [${ci} CI]):`, table(d), '');
  const notes: string[] = [];
  for (const o of ranked) {
    const verdict =
      o.npv.ciLow > 0 ? 'pays off (NPV interval above 0)' : o.npv.ciHigh < 0 ? 'does not pay off (NPV interval below 0)' : 'NPV interval contains 0: not established';
    notes.push(`- ${o.name}: ${verdict}; beats the base in ${pct(o.shareBeatsBase)} of replications.`);
    if (o.assumption) notes.push(`  Note: ${o.name} ${o.assumption}.`);
    if (o.vsNext) {
      const v = o.vsNext;
      const sure = v.ciLow > 0 ? 'ahead' : 'not clearly ahead';
      notes.push(`  vs ${v.name} (next): NPV ${money(v.mean)} ${signedInterval(v.ciLow, v.ciHigh, 'operatingProfit')} paired — ${sure}.`);
    }
  }
  const overlapping = ranked.filter((o) => o.overlapsWith.length > 0);
  if (overlapping.length > 0)
    notes.push(`NPV intervals overlap for ${overlapping.map((o) => o.name).join(', ')}: the separate intervals do not establish their order; the paired comparisons above say which leads are real.`);
  out.push(...notes, '');
  const b = r.baseResults.kpis;
  out.push(`Base: operating profit ${meanPm(b.operatingProfit, 'operatingProfit')}, total cost ${meanPm(b.totalCost, 'totalCost')}, fill rate ${meanPm(b.fillRate, 'fillRate')}, OTIF ${meanPm(b.otif, 'otif')}`);
  return out.join('\n');
}

export async function compareCommand(args: CompareArgs): Promise<number> {
  checkExperimentArgs(args);
  const file = scenarioFile(args);
  if (args.shard !== undefined) return await runCompareShard({ ...args, only: listArg(args.only) }, file);
  checkPrecisionKpi(args, file);
  const outcome = await runExperiment(args, (opts) => compare(file, { ...opts, only: listArg(args.only), variants: args.variants }));
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return outcome.exitCode;
  }
  const r = outcome.result;
  const scenario = experimentScenario(args);
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)], ['compare.csv', compareCsv(r)], ['scenario.json', toJson(scenario)]], args.quiet);
  await reportIfAsked(args, 'compare', r, scenario);
  process.stdout.write(args.json ? toJson(r) : `${formatCompare(r)}\n`);
  const note = precisionNote(r.precision as AlternativesPrecision | undefined, r.replications, r.confidence);
  if (note && !(args.json && args.quiet)) (args.json ? process.stderr : process.stdout).write(`${args.json ? 'scsim: ' : '\n'}${note}\n`);
  return EXIT.ok;
}
