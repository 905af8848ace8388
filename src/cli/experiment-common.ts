/**
 * What the what-if commands (sweep, frontier, compare, optimize) share on the command line:
 * the common options, one runner and one progress display for the whole experiment, Ctrl-C,
 * and writing result folders.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RunAbortedError } from '../experiment/runner.ts';
import { ExperimentRunner } from '../experiment/runner.ts';
import type { KpiStat } from '../experiment/results.ts';
import type { AlternativesPrecision } from '../experiment/stopping.ts';
import { type ExperimentOptions, kpiProblem, openScenario } from '../experiment/variants.ts';
import type { Scenario } from '../scenario/schema.ts';
import { DEFAULT_SCENARIO, UsageError, checkOut, overrideSets, runnerOptions } from './common.ts';
import { KPI_FORMATS, formatValue } from './format.ts';
import { Interrupt } from './interrupt.ts';
import { checkCommonNumbers } from './option-values.ts';
import { writeResultsFolder } from '../experiment/results-folder.ts';
import type { ReportInputs } from '../report/inputs.ts';
import { writeReport, writeReportFrom } from './lazy-report.ts';
import { createProgress } from './progress.ts';

/** Options every what-if command takes, with the same meaning as in `scsim run`. */
export interface ExperimentArgs {
  scenario?: string;
  replications?: number;
  seed?: number;
  workers?: number;
  /** Replications per batch sent to a worker. */
  batchSize?: number;
  set?: string[];
  horizon?: number;
  warmup?: number;
  confidence?: number;
  json?: boolean;
  out?: string;
  quiet?: boolean;
  /** Also write the chart report (sweep, frontier, compare, optimize, and their --placement forms). */
  report?: boolean;
  /** Sweep and compare: replicate every alternative until `kpi`'s relative CI half-width is at most this. */
  precision?: number;
  /** KPI watched by `precision` (default fillRate). */
  kpi?: string;
  /** Cap of `precision` (default 1000). */
  maxReplications?: number;
}

/** Checks the common numeric options; a problem is a UsageError (exit 2) naming the option. */
export function checkExperimentArgs(a: ExperimentArgs): void {
  checkCommonNumbers(a, 2);
  if (a.out !== undefined) checkOut(a.out);
  if (a.confidence !== undefined && !(a.confidence > 0 && a.confidence < 1))
    throw new UsageError(`--confidence must be between 0 and 1 (e.g. 0.95), got ${a.confidence}`);
  if (a.precision !== undefined && !(a.precision > 0)) throw new UsageError(`--precision must be positive (e.g. 0.01 for ±1%), got ${a.precision}`);
  if (a.precision !== undefined && a.replications !== undefined) throw new UsageError('give --replications or --precision, not both');
  if (a.precision === undefined && (a.kpi !== undefined || a.maxReplications !== undefined))
    throw new UsageError(`${a.kpi !== undefined ? '--kpi' : '--max-replications'} needs --precision`);
}

/** `--precision`'s KPI, checked against the scenario's KPI ids before anything runs. */
export function checkPrecisionKpi(a: ExperimentArgs, file: string): void {
  if (a.precision === undefined) return;
  const problem = kpiProblem(openScenario(file, overrideSets(a)).base, a.kpi ?? 'fillRate');
  if (problem) throw new UsageError(`--kpi: ${problem}`);
}

/** One line on what `--precision` reached (sweep, compare). */
export function precisionNote(p: AlternativesPrecision | undefined, replications: number, confidence: number): string {
  if (!p) return '';
  const pct = (x: number) => (Number.isFinite(x) ? `±${(x * 100).toPrecision(3)}%` : 'undefined');
  const verdict = p.met ? 'target met in every alternative' : `target NOT met (cap of ${p.maxReplications} replications reached)`;
  return `Precision: ${p.kpi} within ${pct(p.relativeHalfWidth)} of the mean at ${levelText(confidence)} in every alternative after ${replications} replications; target ${pct(p.target)}: ${verdict}`;
}

/** The scenario file of a command (the default bottler when none is given). */
export const scenarioFile = (a: ExperimentArgs): string => a.scenario ?? DEFAULT_SCENARIO;

/** The experiment ran to the end, or Ctrl-C stopped it. */
export type Outcome<T> = { result: T } | { interrupted: true; /** 128 + the signal's number. */ exitCode: number };

/**
 * Runs an experiment with one runner (worker pool) and one progress display for all of it;
 * Ctrl-C aborts it (no output files). The body receives the options to pass to the library.
 */
export async function runExperiment<T>(
  args: ExperimentArgs,
  body: (opts: ExperimentOptions) => Promise<T>,
): Promise<Outcome<T>> {
  const interrupt = new Interrupt();
  const runner = new ExperimentRunner({ ...runnerOptions(args), longReplication: interrupt.longReplication });
  const progress = createProgress({ total: 1, quiet: args.quiet });
  try {
    const result = await body({
      sets: overrideSets(args),
      seed: args.seed,
      replications: args.replications,
      ...(args.precision !== undefined ? { precision: { kpi: args.kpi ?? 'fillRate', target: args.precision, maxReplications: args.maxReplications } } : {}),
      confidence: args.confidence,
      runner,
      signal: interrupt.signal,
      onProgress: (done, total) => progress.update(done, total),
    });
    // A signal during the last replication: everything ran, but the user asked to stop.
    return interrupt.interrupted ? { interrupted: true, exitCode: interrupt.exitCode } : { result };
  } catch (err) {
    if (interrupt.signal.aborted && (err instanceof RunAbortedError || (err instanceof Error && err.name === 'AbortError'))) {
      return { interrupted: true, exitCode: interrupt.exitCode };
    }
    throw err;
  } finally {
    interrupt.dispose();
    progress.stop();
    await runner.close();
  }
}

/** Writes result files into `dir` as one unit (src/experiment/results-folder.ts); says so on stderr unless quiet. */
export function writeResultFiles(dir: string, files: Array<[string, string]>, quiet?: boolean): void {
  writeResultsFolder(dir, files);
  if (!quiet) process.stderr.write(`scsim: wrote ${files.map(([n]) => n).join(', ')} to ${dir}\n`);
}

/** The scenario an experiment ran, as resolved (`--set` applied): the report's context (question, headline, currency, frontier axes). */
export function experimentScenario(args: ExperimentArgs): Scenario {
  return openScenario(scenarioFile(args), overrideSets(args)).base;
}

/**
 * Where `--report` writes: `DIR/report/` under `--out DIR`, else `reports/<scenario file
 * name>/` for a run and `reports/<scenario file name>-<kind>/` for the other experiments, so a
 * comparison never lands on the run's report of the same scenario.
 */
export function reportFolder(args: { out?: string; scenario?: string }, kind: 'run' | 'compare' | 'sweep' | 'frontier' | 'optimize' | 'placement' | 'placement-frontier'): string {
  if (args.out !== undefined) return join(args.out, 'report');
  const stem = basename(args.scenario ?? DEFAULT_SCENARIO).replace(/\.(ya?ml|json)$/i, '') || 'scenario';
  return join('reports', kind === 'run' ? stem : `${stem}-${kind}`);
}

/** Says where the report went, and that it replaced an earlier one there (never silently). */
export function reportWritten(dir: string, replaced: boolean, quiet?: boolean): void {
  if (quiet) return;
  process.stderr.write(`scsim: wrote the report to ${join(dir, 'report.html')}${replaced ? ' (replacing the report that was there)' : ''}\n`);
}

/**
 * `--report`: the chart report of an experiment's results — from the results folder when
 * `--out` wrote one (the same report as `scsim report DIR`), else from memory.
 */
export async function reportIfAsked(
  args: ExperimentArgs,
  kind: 'compare' | 'sweep' | 'frontier' | 'optimize' | 'placement' | 'placement-frontier',
  results: ReportInputs['results'],
  scenario: Scenario,
): Promise<void> {
  if (!args.report) return;
  const out = reportFolder(args, kind);
  const replaced = existsSync(join(out, 'report.html'));
  const report = args.out !== undefined ? await writeReport(args.out, { out }) : await writeReportFrom({ results, scenario }, { out });
  reportWritten(report.dir, replaced, args.quiet);
}

/** How a KPI is shown (label and number style); unknown ids plainly. */
export function kpiFormat(kpi: string): { label: string; kind: 'percent' | 'days' | 'units' | 'money' | 'ratio' } {
  const last = kpi.slice(kpi.lastIndexOf('.') + 1);
  const f = KPI_FORMATS[last];
  if (f) return kpi === last ? f : { label: `${kpi.slice(0, kpi.lastIndexOf('.'))} ${f.label.toLowerCase()}`, kind: f.kind };
  // KPIs without a entry in format.ts (inventoryCost, logisticsCost, …): words from the id.
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  const prefix = kpi === last ? '' : `${kpi.slice(0, kpi.lastIndexOf('.'))} `;
  const kind = /(Cost|cogs|Value|revenue|profit|cash)/i.test(last) ? 'money' : /Units$|^orders$/.test(last) ? 'units' : /(Days|Time|Delay|Wait)/.test(last) ? 'days' : 'ratio';
  return { label: `${prefix}${prefix ? words : label}`, kind };
}

/** `mean ± halfWidth` in the KPI's style; `n/a` when undefined. */
export function meanPm(s: Pick<KpiStat, 'mean' | 'ciLow' | 'ciHigh'> | undefined, kpi: string): string {
  if (!s || s.mean === null) return 'n/a';
  const { kind } = kpiFormat(kpi);
  const hw = s.ciHigh !== null && s.ciLow !== null ? (s.ciHigh - s.ciLow) / 2 : null;
  return hw === null ? formatValue(s.mean, kind) : `${formatValue(s.mean, kind)} ± ${formatValue(hw, kind)}`;
}

/** A signed difference in the KPI's style (+1.20%, −35,000). */
export function signed(x: number | null, kpi: string): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  const text = formatValue(Math.abs(x), kpiFormat(kpi).kind);
  return x > 0 ? `+${text}` : x < 0 ? `−${text}` : text;
}

/** `[low, high]` of a difference, signed. */
export function signedInterval(low: number, high: number, kpi: string): string {
  return `[${signed(low, kpi)}, ${signed(high, kpi)}]`;
}

/** Confidence level as `95%`. */
export const levelText = (c: number) => `${Math.round(c * 1000) / 10}%`;

/** Splits comma-separated lists given once or repeatedly (`--kpis a,b --kpis c`). */
export function listArg(v: string[] | string | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}
