/**
 * `scsim compare [SCENARIO]`: every investment option of the scenario against its base, on
 * common random numbers: paired differences of profit, total cost, fill rate and OTIF, NPV
 * over the investment horizon with its interval, the share of replications in which the
 * option beats the base, and a ranking that says when it is not established.
 */
import { type CompareResult, type OptionComparison } from '../experiment/compare.ts';
import { compare } from '../experiment/compare.ts';
import { EXIT } from './common.ts';
import {
  type ExperimentArgs,
  checkExperimentArgs,
  levelText,
  listArg,
  meanPm,
  runExperiment,
  scenarioFile,
  signed,
  signedInterval,
  reportIfAsked,
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
const money = (x: number) => signed(x, 'profit');

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
    `NPV over ${inv.years} years at ${(inv.discountRatePerYear * 100).toFixed(1)}%/year (annuity factor ${inv.annuityFactor.toFixed(3)}); profit measured over ${inv.windowDays} days and annualised`,
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
      signedInterval(o.npv.ciLow, o.npv.ciHigh, 'profit'),
      pct(o.shareBeatsBase),
    ]);
  out.push(table(rows), '');
  const d = [['option', 'Δ profit', 'Δ total cost', 'Δ fill rate', 'Δ OTIF']];
  for (const o of ranked) d.push([o.name, diff(o, 'profit'), diff(o, 'totalCost'), diff(o, 'fillRate'), diff(o, 'otif')]);
  out.push(`Paired differences, option − base, over the measured window (mean [${ci} CI]):`, table(d), '');
  const notes: string[] = [];
  for (const o of ranked) {
    const verdict =
      o.npv.ciLow > 0 ? 'pays off (NPV interval above 0)' : o.npv.ciHigh < 0 ? 'does not pay off (NPV interval below 0)' : 'NPV interval contains 0: not established';
    notes.push(`- ${o.name}: ${verdict}; beats the base in ${pct(o.shareBeatsBase)} of replications.`);
    if (o.vsNext) {
      const v = o.vsNext;
      const sure = v.ciLow > 0 ? 'ahead' : 'not clearly ahead';
      notes.push(`  vs ${v.name} (next): NPV ${money(v.mean)} ${signedInterval(v.ciLow, v.ciHigh, 'profit')} paired — ${sure}.`);
    }
  }
  const overlapping = ranked.filter((o) => o.overlapsWith.length > 0);
  if (overlapping.length > 0)
    notes.push(`NPV intervals overlap for ${overlapping.map((o) => o.name).join(', ')}: the separate intervals do not establish their order; the paired comparisons above say which leads are real.`);
  out.push(...notes, '');
  const b = r.baseResults.kpis;
  out.push(`Base: profit ${meanPm(b.profit, 'profit')}, total cost ${meanPm(b.totalCost, 'totalCost')}, fill rate ${meanPm(b.fillRate, 'fillRate')}, OTIF ${meanPm(b.otif, 'otif')}`);
  return out.join('\n');
}

export async function compareCommand(args: CompareArgs): Promise<number> {
  checkExperimentArgs(args);
  const file = scenarioFile(args);
  if (args.shard !== undefined) return await runCompareShard({ ...args, only: listArg(args.only) }, file);
  const outcome = await runExperiment(args, (opts) => compare(file, { ...opts, only: listArg(args.only), variants: args.variants }));
  if ('interrupted' in outcome) {
    process.stderr.write('scsim: interrupted; no files written\n');
    return outcome.exitCode;
  }
  const r = outcome.result;
  if (args.out !== undefined) writeResultFiles(args.out, [['results.json', toJson(r)]], args.quiet);
  await reportIfAsked(args, r);
  process.stdout.write(args.json ? toJson(r) : `${formatCompare(r)}\n`);
  return EXIT.ok;
}
