/**
 * `scsim run`: Monte Carlo replications of one scenario on a pool of worker threads; a KPI
 * table, or JSON, and optionally a results folder.
 *
 * How many replications: `--replications N`, or `--precision 0.01 --kpi fillRate` to add rounds
 * until that KPI's confidence interval is within ±1 % of its mean (capped by
 * `--max-replications`). Either way the output depends only on the scenario and the seed,
 * never on `--workers` or `--batch-size`.
 *
 * Ctrl-C stops the workers, prints the statistics of the replications completed so far (the
 * unbroken run from replication 0, so they are reproducible) and exits 130 without writing any
 * file. A replication that throws stops the run with one line naming it; exit code 1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReplicationError, oneLine } from '../experiment/batch.ts';
import { replicationsParquet } from './parquet.ts';
import { resultsDocument, runMeta, type ReplicationVectors, type ResultsDocument } from '../experiment/results.ts';
import { ExperimentRunner, RunAbortedError } from '../experiment/runner.ts';
import { DEFAULT_ROUND_SIZE, type PrecisionOutcome, type PrecisionRule, runToPrecision } from '../experiment/stopping.ts';
import { kpiLayout } from '../model/kpis.ts';
import { buildNetwork } from '../model/network.ts';
import { replicationColumns } from '../report/inputs.ts';
import { writeReport, writeReportFrom } from './lazy-report.ts';
import { didYouMean } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { DEFAULT_SCENARIO, EXIT, UsageError, checkOut, overrideSets, parseQuantiles, runnerOptions } from './common.ts';
import { formatResults } from './format.ts';
import { warnAbout } from './warnings.ts';
import { Interrupt } from './interrupt.ts';
import { loadValidatedScenario } from './validate.ts';
import { checkCommonNumbers } from './option-values.ts';
import { toJson } from './output.ts';
import { writeResultsFolder } from '../experiment/results-folder.ts';
import { reportFolder, reportWritten } from './experiment-common.ts';
import { createProgress } from './progress.ts';
import { runShardCommand } from './shard.ts';

export interface RunArgs {
  scenario?: string;
  replications?: number;
  seed?: number;
  json?: boolean;
  set?: string[];
  horizon?: number;
  warmup?: number;
  confidence?: number;
  /** Quantiles across replications to report, e.g. "0.05,0.5,0.9,0.95" (default 0.05,0.5,0.95). */
  quantiles?: string;
  quiet?: boolean;
  /** Worker threads; 0 runs in the main thread. Default: the machine's cores. */
  workers?: number;
  /** Replications per batch sent to a worker. Default: see `defaultBatchSize`. */
  batchSize?: number;
  /** Target relative half-width of `kpi` (0.01 = ±1 % of the mean). */
  precision?: number;
  /** KPI the precision rule watches. Default fillRate. */
  kpi?: string;
  /** Cap of the precision rule. Default 1000. */
  maxReplications?: number;
  /** Folder for results.json, replications.csv and scenario.json (with --shard: the shard file). */
  out?: string;
  /** Run only this shard (`K/N`, 0-based, or `auto`) and write a shard file; see src/cli/shard.ts. */
  shard?: string;
  /** Replications per shard block (with --shard). */
  blockSize?: number;
  /** Also write the chart report into reports/<scenario name>/ (see src/cli/report.ts). */
  report?: boolean;
}

/** Cap of the precision rule unless `--max-replications` says otherwise. */
export const DEFAULT_MAX_REPLICATIONS = 1000;

/** Checks the numeric options; every problem is a UsageError (exit 2) naming the option. */
function checkArgs(a: RunArgs): void {
  checkCommonNumbers(a);
  if (a.confidence !== undefined && !(a.confidence > 0 && a.confidence < 1))
    throw new UsageError(`--confidence must be between 0 and 1 (e.g. 0.95), got ${a.confidence}`);
  parseQuantiles(a.quantiles);
  if (a.precision !== undefined && !(a.precision > 0)) throw new UsageError(`--precision must be positive (e.g. 0.01 for ±1%), got ${a.precision}`);
  if (a.precision !== undefined && a.replications !== undefined)
    throw new UsageError('give --replications or --precision, not both');
  if (a.precision === undefined && (a.kpi !== undefined || a.maxReplications !== undefined))
    throw new UsageError(`${a.kpi !== undefined ? '--kpi' : '--max-replications'} needs --precision`);
}

/** The precision rule's KPI, checked against the scenario's KPI ids (overall, site.*, segment.*). */
function checkKpi(scenario: Scenario, kpi: string): void {
  const layout = kpiLayout(buildNetwork(scenario));
  const known = layout.names.slice(0, layout.kpiCount);
  if (!known.includes(kpi)) throw new UsageError(`--kpi: unknown KPI "${kpi}"${didYouMean(kpi, known)}`);
}

/** One row per replication, one column per KPI (no series), `replication` first. NaN → empty cell. */
export function replicationsCsv(v: ReplicationVectors, first = 0): string {
  const { layout } = v;
  const lines = [['replication', ...layout.names.slice(0, layout.kpiCount)].join(',')];
  const row: string[] = [];
  for (let i = 0; i < v.count; i++) {
    row.length = 0;
    row.push(String(first + i));
    const base = i * layout.length;
    for (let k = 0; k < layout.kpiCount; k++) {
      const x = v.data[base + k]!;
      row.push(Number.isNaN(x) ? '' : String(x));
    }
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the result files (replications.parquet beside the CSV) as one unit (see src/experiment/results-folder.ts). */
export function writeOutputs(dir: string, doc: ResultsDocument, vectors: ReplicationVectors, scenario: Scenario): string[] {
  const files: Array<[string, string | Uint8Array]> = [
    ['results.json', toJson(doc)],
    ['replications.csv', replicationsCsv(vectors)],
    ['scenario.json', toJson(scenario)],
  ];
  // The same per-replication KPIs, typed, for notebooks (src/cli/parquet.ts).
  files.push(['replications.parquet', replicationsParquet(vectors)]);
  return writeResultsFolder(dir, files);
}

function precisionLine(rule: PrecisionRule, p: PrecisionOutcome): string {
  const pct = (x: number) => (Number.isFinite(x) ? `±${(x * 100).toPrecision(3)}%` : 'undefined');
  const level = `${Math.round(rule.confidence * 1000) / 10}%`;
  const verdict = p.met ? 'target met' : `target NOT met (cap of ${rule.maxReplications} replications reached)`;
  return `Precision: ${rule.kpi} ${pct(p.relativeHalfWidth)} of the mean at ${level} after ${p.vectors.count} replications; target ${pct(rule.target)}: ${verdict}`;
}

export async function runCommand(args: RunArgs): Promise<number> {
  checkArgs(args);
  if (args.out !== undefined && args.shard === undefined) checkOut(args.out);
  if (args.report && args.shard !== undefined) throw new UsageError('--report does not go with --shard: merge the shard files with scsim merge --out DIR --report');
  const file = args.scenario ?? DEFAULT_SCENARIO;
  const loaded = loadValidatedScenario(file, overrideSets(args));
  const scenario = loaded.scenario;
  warnAbout(file, scenario, loaded.doc);
  const seed = args.seed ?? scenario.seed;
  const confidence = args.confidence ?? 0.95;
  const rule: PrecisionRule | undefined =
    args.precision === undefined
      ? undefined
      : { kpi: args.kpi ?? 'fillRate', target: args.precision, confidence, maxReplications: args.maxReplications ?? DEFAULT_MAX_REPLICATIONS };
  if (rule) checkKpi(scenario, rule.kpi);
  const replications = args.replications ?? scenario.replications;
  if (args.shard !== undefined) return await runShardCommand(args, { kind: 'run', file, scenario, seed, replications, confidence });

  const interrupt = new Interrupt();
  const runner = new ExperimentRunner({ ...runnerOptions(args), longReplication: interrupt.longReplication });
  const progress = createProgress({ total: rule ? Math.min(DEFAULT_ROUND_SIZE, rule.maxReplications) : replications, quiet: args.quiet });
  let vectors: ReplicationVectors;
  let precision: PrecisionOutcome | undefined;
  let interrupted: RunAbortedError | undefined;
  try {
    const common = { seed, signal: interrupt.signal, onProgress: (done: number, total: number) => progress.update(done, total) };
    // The series summarised as replications finish, not kept (bounded memory; the same numbers).
    if (rule) {
      precision = await runToPrecision(runner, scenario, rule, { ...common, seriesSummary: runner.summarizeSeries(scenario, rule.maxReplications) });
      vectors = precision.vectors;
    } else {
      vectors = await runner.run(scenario, { ...common, count: replications, seriesSummary: runner.summarizeSeries(scenario, replications) });
    }
    // A signal during the last replication: the run completed, but the user asked to stop.
    if (interrupt.interrupted) interrupted = new RunAbortedError(vectors, vectors.count);
  } catch (err) {
    if (!(err instanceof RunAbortedError)) {
      const failed = ReplicationError.from(err);
      throw new Error(failed ? `${file}: replication ${failed.replication} failed: ${failed.reason}` : `${file}: ${oneLine(err)}`);
    }
    interrupted = err;
    vectors = err.completed;
  } finally {
    interrupt.dispose();
    progress.stop();
    await runner.close();
  }

  const meta = { ...runMeta(scenario, seed, confidence), quantiles: parseQuantiles(args.quantiles) };
  if (interrupted) {
    const { count } = vectors;
    if (count > 0) {
      const doc = { ...resultsDocument(meta, vectors), interrupted: { completed: count, requested: interrupted.requested } };
      process.stdout.write(args.json ? toJson(doc) : `${formatResults(doc)}\n`);
    }
    process.stderr.write(`scsim: interrupted after ${count} of ${interrupted.requested} replications; no files written\n`);
    return interrupt.exitCode;
  }

  let doc: ResultsDocument = resultsDocument(meta, vectors);
  if (rule && precision) {
    const p = precision;
    doc = {
      ...doc,
      precision: { kpi: rule.kpi, target: rule.target, relativeHalfWidth: p.relativeHalfWidth, met: p.met, maxReplications: rule.maxReplications },
    };
  }
  if (args.out !== undefined) {
    const written = writeOutputs(args.out, doc, vectors, scenario);
    if (!args.quiet) process.stderr.write(`scsim: wrote ${written.join(', ')} to ${args.out}\n`);
  }
  if (args.json) {
    process.stdout.write(toJson(doc));
    if (rule && precision && !args.quiet) process.stderr.write(`scsim: ${precisionLine(rule, precision)}\n`);
  } else {
    process.stdout.write(`${formatResults(doc)}\n`);
    if (rule && precision) process.stdout.write(`\n${precisionLine(rule, precision)}\n`);
  }
  if (args.report) {
    // From the results folder when there is one (the same report as `scsim report DIR`), else from memory.
    const out = reportFolder(args, 'run');
    const replaced = existsSync(join(out, 'report.html'));
    const report = args.out !== undefined ? await writeReport(args.out, { out }) : await writeReportFrom({ results: doc, replications: replicationColumns(vectors), scenario }, { out });
    reportWritten(report.dir, replaced, args.quiet);
  }
  return EXIT.ok;
}
