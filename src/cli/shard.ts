/**
 * `scsim run|sweep|frontier|compare|optimize --method grid … --shard K/N --out FILE`: runs only
 * shard K (0-based) of N and writes a shard file for `scsim merge` (see src/experiment/shard.ts
 * for how the work is cut). `--shard auto` takes K and N from the batch engine's array-job
 * environment.
 *
 * `--out` names the shard file; an existing folder, or a path ending in `/`, receives
 * `shard-K-of-N.bin` — handy where the engine cannot put the index in the command line.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ReplicationError, oneLine } from '../experiment/batch.ts';
import { ExperimentRunner } from '../experiment/runner.ts';
import { DEFAULT_BLOCK_SIZE, type ShardJob, type ShardPoint, type ShardSpec, ShardSpecError, parseShardSpec, runShard, shardRanges } from '../experiment/shard.ts';
import { describeRange } from '../experiment/shard-merge.ts';
import type { Scenario } from '../scenario/schema.ts';
import { compareShardPoints, frontierShardPoints, optimizeShardPoints, sweepShardPoints } from '../experiment/shard-kinds.ts';
import { GRID_LIMIT, gridTooLarge } from '../experiment/optimize-grid.ts';
import { leversOf } from '../experiment/optimize-problem.ts';
import { sweepPlan } from '../experiment/sweep.ts';
import { openScenario, type ScenarioSource } from '../experiment/variants.ts';
import { EXIT, UsageError, overrideSets, runnerOptions } from './common.ts';
import { writeFileAtomic } from './output.ts';
import { createProgress } from './progress.ts';

/** The options `--shard` adds to run, sweep, frontier and compare. */
export interface ShardArgs {
  /** `K/N` or `auto`. */
  shard?: string;
  /** Replications per block [replications]. Default DEFAULT_BLOCK_SIZE. */
  blockSize?: number;
  /** The shard file, or a folder for `shard-K-of-N.bin`. */
  out?: string;
  workers?: number;
  batchSize?: number;
  quiet?: boolean;
  /** Options that decide the replication count as the run goes: they cannot be sharded. */
  precision?: number;
  /** Results as JSON: a shard has none until merged. */
  json?: boolean;
}

/** The shard `--shard` names, as a usage error (exit 2) when it cannot be used. */
export function shardSpecArg(text: string, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  try {
    return parseShardSpec(text, env);
  } catch (err) {
    if (err instanceof ShardSpecError) throw new UsageError(err.message);
    throw err;
  }
}

/** Where the shard file goes: `--out` itself, or `shard-K-of-N.bin` inside a folder. */
export function shardOutPath(out: string, shard: ShardSpec): string {
  const isDir = out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory());
  return isDir ? join(out, `shard-${shard.index}-of-${shard.count}.bin`) : out;
}

/** What the command computed before sharding: the experiment as a local run would see it. */
export interface ShardExperiment {
  kind: ShardJob['kind'];
  /** Scenario file (for messages). */
  file: string;
  scenario: Scenario;
  points?: ShardPoint[];
  seed: number;
  replications: number;
  confidence: number;
  /** Kind-specific data merge needs (see ShardJob.experiment). */
  experiment?: unknown;
}

/**
 * Runs one shard of an experiment and writes its file. Called by run (and sweep and compare)
 * when `--shard` is given, in place of the local run; returns the exit code.
 */
export async function runShardCommand(args: ShardArgs, exp: ShardExperiment): Promise<number> {
  if (args.shard === undefined) throw new Error('runShardCommand needs --shard');
  if (args.precision !== undefined)
    throw new UsageError('--precision decides the replication count as the run goes and cannot be sharded: give --replications');
  if (args.out === undefined) throw new UsageError('--shard needs --out FILE (the shard file to write, e.g. --out shard-0.bin)');
  if (args.json) throw new UsageError('--json prints results, and a shard has none until merged: drop --json (scsim merge --json prints them)');
  const blockSize = args.blockSize ?? DEFAULT_BLOCK_SIZE;
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new UsageError(`--block-size must be a positive integer, got ${blockSize}`);
  const shard = shardSpecArg(args.shard);
  const out = shardOutPath(args.out, shard);

  const runner = new ExperimentRunner(runnerOptions(args));
  const total = shardRanges(exp.points?.length ?? 1, exp.replications, blockSize, shard).reduce((n, r) => n + r.count, 0);
  const progress = createProgress({ total, quiet: args.quiet });
  let result: Awaited<ReturnType<typeof runShard>>;
  try {
    result = await runShard(runner, {
      kind: exp.kind,
      scenario: exp.scenario,
      points: exp.points,
      seed: exp.seed,
      replications: exp.replications,
      blockSize,
      shard,
      confidence: exp.confidence,
      experiment: exp.experiment,
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (err) {
    const failed = ReplicationError.from(err);
    throw new Error(failed ? `${exp.file}: replication ${failed.replication} failed: ${failed.reason}` : `${exp.file}: ${oneLine(err)}`);
  } finally {
    progress.stop();
    await runner.close();
  }
  writeFileAtomic(out, result.bytes);
  if (!args.quiet) {
    const { header } = result;
    const held = header.ranges.map((r) => describeRange(r, header.points, header.pointLabels)).join(', ') || 'no replications (more shards than blocks)';
    process.stderr.write(`scsim: shard ${shard.index} of ${shard.count}: ${held} → ${out}\n`);
  }
  return EXIT.ok;
}

/** Options of sweep and compare that `--shard` needs to pick the same points. */
export interface ExperimentShardArgs extends ShardArgs {
  seed?: number;
  replications?: number;
  confidence?: number;
  set?: string[];
  horizon?: number;
  warmup?: number;
}

/** `scsim sweep … --shard`: the same points `scsim sweep` would run, then one shard of them. */
export async function runSweepShard(args: ExperimentShardArgs & { param?: string[]; mode?: 'grid' | 'zip' }, file: string): Promise<number> {
  const sets = overrideSets(args);
  const src = openScenario(file, sets);
  const { points, data } = sweepShardPoints(src, sets, sweepPlan(src, { params: args.param, mode: args.mode }));
  return await runShardCommand(args, { kind: 'sweep', file, ...experimentDefaults(args, src), points, experiment: data });
}

/** `scsim frontier … --shard`: the points `scsim frontier` would run (its sweep), with its axes for merge. */
export async function runFrontierShard(
  args: ExperimentShardArgs & { param?: string[]; mode?: 'grid' | 'zip' },
  file: string,
  axesOf: (src: ScenarioSource) => { costKpi: string; serviceKpi: string },
): Promise<number> {
  const sets = overrideSets(args);
  const src = openScenario(file, sets);
  const { points, data } = frontierShardPoints(src, sets, sweepPlan(src, { params: args.param, mode: args.mode }), axesOf(src));
  return await runShardCommand(args, { kind: 'frontier', file, ...experimentDefaults(args, src), points, experiment: data });
}

/** `scsim compare … --shard`: the base and the options `scsim compare` would run, then one shard of them. */
export async function runCompareShard(args: ExperimentShardArgs & { only?: string[]; variants?: boolean }, file: string): Promise<number> {
  const sets = overrideSets(args);
  const src = openScenario(file, sets);
  const { points, data } = compareShardPoints(src, sets, args.only ?? [], args.variants ?? false);
  return await runShardCommand(args, { kind: 'compare', file, ...experimentDefaults(args, src), points, experiment: data });
}

/** `scsim optimize --method grid … --shard`: every point of the lever grid, then one shard of them. */
export async function runOptimizeShard(
  args: ExperimentShardArgs & { lever?: string[]; target?: number; serviceKpi?: 'fillRate' | 'otif'; per?: 'overall' | 'segment'; costKpi?: string; verify?: 'mean' | 'ciLow'; constraint?: string[]; maxEvaluations?: number },
  file: string,
): Promise<number> {
  const sets = overrideSets(args);
  const src = openScenario(file, sets);
  const options = { levers: args.lever, target: args.target, serviceKpi: args.serviceKpi, per: args.per, costKpi: args.costKpi, verify: args.verify, constraints: args.constraint };
  const tooLarge = gridTooLarge(leversOf(src, options), args.maxEvaluations ?? GRID_LIMIT);
  if (tooLarge !== null) throw new UsageError(tooLarge);
  const defaults = experimentDefaults(args, src);
  const { points, data } = optimizeShardPoints(src, sets, options, defaults);
  return await runShardCommand(args, { kind: 'optimize', file, ...defaults, points, experiment: data });
}

/** Seed, replications and confidence with the defaults sweep and compare use, so merged results equal theirs. */
function experimentDefaults(args: ExperimentShardArgs, src: ScenarioSource) {
  return {
    scenario: src.base,
    seed: args.seed ?? src.base.seed,
    replications: args.replications ?? src.base.replications,
    confidence: args.confidence ?? 0.95,
  };
}
