/**
 * `scsim merge shard-*.bin --out DIR`: combines the shard files of a sharded run into the
 * results a single-machine run writes — DIR/results.json, DIR/replications.csv and
 * DIR/scenario.json, byte for byte those of `scsim run --out DIR` with the same seed and
 * replications, because the vectors are the same and the reduction is the same code. Shards of
 * a sweep, a comparison or a grid optimisation give the results folder `scsim sweep|compare --out DIR`
 * or `scsim optimize --method grid --out DIR` writes (results.json, sweep.csv, frontier.csv or
 * compare.csv, scenario.json: the report reads the question, headline and currency there).
 *
 * Shards that do not belong together, are missing, overlap with different contents or are
 * corrupt stop the merge with one line saying which and why (exit 2); nothing is written.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ResultsDocument, resultsDocument, runMeta } from '../experiment/results.ts';
import { buildInfo } from '../experiment/shard.ts';
import { decodeShard, type ShardHeader, ShardFileError } from '../experiment/shard-file.ts';
import { mergeShards, type MergedShards, type NamedShard, ShardMergeError } from '../experiment/shard-merge.ts';
import { type RebuiltExperiment, rebuildExperiment } from '../experiment/shard-kinds.ts';
import { frontierCsv } from '../experiment/frontier.ts';
import { sweepCsv } from '../experiment/sweep.ts';
import { compareCsv } from '../experiment/compare.ts';
import { EXIT, UsageError, checkOut, parseQuantiles } from './common.ts';
import { toJson } from './output.ts';
import { writeResultsFolder } from '../experiment/results-folder.ts';
import { reportCommand } from './report.ts';
import { writeOutputs } from './run.ts';

export interface MergeArgs {
  /** Shard files, or folders whose `*.bin` files are shards. */
  shards: string[];
  /** Results folder. */
  out?: string;
  /** Also print results.json to stdout. */
  json?: boolean;
  /** Also write the chart report of the results folder (as `scsim report DIR`). */
  report?: boolean;
  quiet?: boolean;
  /** Quantiles to report of a merged run (as `run --quantiles`). */
  quantiles?: string;
}

/** The shard files named on the command line: files as given, folders expanded to their `*.bin`. */
export function shardPaths(args: string[]): string[] {
  const paths: string[] = [];
  for (const arg of args) {
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      throw new UsageError(`shard file not found: ${arg}`);
    }
    if (!isDir) paths.push(arg);
    else {
      const bins = readdirSync(arg)
        .filter((f) => f.endsWith('.bin'))
        .sort();
      if (bins.length === 0) throw new UsageError(`${arg}: no shard files (*.bin) in this folder`);
      paths.push(...bins.map((f) => join(arg, f)));
    }
  }
  return paths;
}

/** Reads and decodes shard files; any unreadable or corrupt file is a UsageError naming it. */
export function readShards(paths: string[]): NamedShard[] {
  return paths.map((name) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(name);
    } catch (err) {
      throw new UsageError(`${name}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    try {
      return { name, bytes, ...decodeShard(bytes, name) };
    } catch (err) {
      if (err instanceof ShardFileError) throw new UsageError(err.message);
      throw err;
    }
  });
}

/** Merged shards, with the sweep or comparison rebuilt when they are one's. */
export interface MergedFiles extends MergedShards {
  experiment?: RebuiltExperiment;
}

/** Validates and combines shards (errors as UsageError: exit 2). */
export function mergeShardFiles(paths: string[]): MergedFiles {
  let experiment: RebuiltExperiment | undefined;
  const rebuild = (h: ShardHeader) => (h.kind === 'run' ? undefined : (experiment = rebuildExperiment(h)).points);
  try {
    return { ...mergeShards(readShards(paths), buildInfo(), rebuild), experiment };
  } catch (err) {
    if (err instanceof ShardMergeError) throw new UsageError(err.message);
    throw err;
  }
}

/** The results document of merged run shards: what `scsim run` computes from the same vectors. */
export function mergedRunDocument(merged: MergedShards, quantiles?: readonly number[]): ResultsDocument {
  const { scenario, header } = merged;
  return resultsDocument({ ...runMeta(scenario, header.seed, header.confidence), quantiles }, merged.points[0]!);
}

export async function mergeCommand(args: MergeArgs): Promise<number> {
  if (args.shards.length === 0) throw new UsageError('give the shard files to merge, e.g. scsim merge shards/*.bin --out results');
  if (args.out === undefined && !args.json) throw new UsageError('give --out DIR (the results folder) or --json');
  if (args.report && args.out === undefined) throw new UsageError('--report needs --out DIR (the report is made from the results folder)');
  if (args.out !== undefined) checkOut(args.out);
  const merged = mergeShardFiles(shardPaths(args.shards));
  const { header } = merged;
  let json: string;
  if (merged.experiment) {
    // What `scsim sweep --out` / `scsim compare --out` write, reduced by their own code.
    const r = merged.experiment.result(merged.points);
    json = toJson(r);
    const files: Array<[string, string]> = [['results.json', json]];
    if (r.kind === 'sweep') files.push(['sweep.csv', sweepCsv(r)]);
    if (r.kind === 'frontier') files.push(['frontier.csv', frontierCsv(r)]);
    if (r.kind === 'compare') files.push(['compare.csv', compareCsv(r)]);
    // The base scenario, as sweep/compare --out write it: the report reads its headline and currency.
    files.push(['scenario.json', toJson(merged.scenario)]);
    if (args.out !== undefined) writeResultsFolder(args.out, files);
  } else {
    const doc = mergedRunDocument(merged, parseQuantiles(args.quantiles));
    json = toJson(doc);
    if (args.out !== undefined) writeOutputs(args.out, doc, merged.points[0]!, merged.scenario);
  }
  if (args.json) process.stdout.write(json);
  if (!args.quiet) {
    const dup = merged.duplicates.length;
    const what = header.points > 1 ? `${header.points} points × ${header.replications} replications` : `${header.replications} replications`;
    process.stderr.write(
      `scsim: merged ${what} from ${merged.shardFiles} shard file${merged.shardFiles === 1 ? '' : 's'} of ${header.shard.count}` +
        `${dup > 0 ? ` (${dup} identical duplicate${dup === 1 ? '' : 's'} ignored: ${merged.duplicates.join(', ')})` : ''}` +
        `${args.out !== undefined ? ` → ${args.out}` : ''}\n`,
    );
  }
  if (args.report && args.out !== undefined) return await reportCommand({ results: args.out, quiet: args.quiet });
  return EXIT.ok;
}
