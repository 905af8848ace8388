/**
 * Sharding: one experiment split over N independent processes (the tasks of a Kubernetes
 * Indexed Job, an AWS Batch array job or a Slurm job array), each writing a shard file that
 * `merge` (shard-merge.ts) combines.
 *
 * The work is cut into fixed-size blocks: for each experiment point (1 for a run), replications
 * [0, blockSize), [blockSize, 2·blockSize), …; blocks are numbered point-major, and shard K of N
 * (0-based, like every engine's array index) takes the contiguous block numbers
 * [⌊K·B/N⌋, ⌊(K+1)·B/N⌋) of the B blocks. The assignment depends on indices only — never on
 * timing — so a retried task recomputes exactly its own blocks, and since a replication's vector
 * depends only on (scenario, seed, index), the merged vectors are those of a single-machine run.
 * A single-machine run is the case N = 1.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type KpiLayout, kpiLayout } from '../model/kpis.ts';
import { buildNetwork } from '../model/network.ts';
import { projectFile } from '../project-paths.ts';
import type { Scenario } from '../scenario/schema.ts';
import { kpisOnlyLayout } from './batch.ts';
import type { ReplicationVectors } from './results.ts';
import { encodeShard, type ShardHeader, type ShardRange } from './shard-file.ts';

/** Replications per block unless `--block-size` says otherwise. */
export const DEFAULT_BLOCK_SIZE = 50;

/** Shard `index` (0-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A `--shard` value or array-job environment that cannot be used. */
export class ShardSpecError extends Error {
  override name = 'ShardSpecError';
}

const INTEGER = /^\s*\d+\s*$/;

function integerVar(env: NodeJS.ProcessEnv, name: string): number {
  const text = env[name];
  if (text === undefined || text === '') throw new ShardSpecError(`${name} is not set`);
  if (!INTEGER.test(text)) throw new ShardSpecError(`${name}=${JSON.stringify(text)} is not a non-negative integer`);
  return Number(text);
}

/** Most shards of one experiment (a safe integer, and more array tasks than any cluster runs). */
export const MAX_SHARDS = 1_000_000;

function checked(spec: ShardSpec, source: string): ShardSpec {
  if (spec.count < 1) throw new ShardSpecError(`${source}: shard count must be at least 1, got ${spec.count}`);
  if (spec.count > MAX_SHARDS) throw new ShardSpecError(`${source}: shard count must be at most ${MAX_SHARDS.toLocaleString('en-US')}, got ${spec.count}`);
  if (spec.index >= spec.count)
    throw new ShardSpecError(`${source}: shard index ${spec.index} is out of range for ${spec.count} shards (indices are 0-based: 0…${spec.count - 1})`);
  return spec;
}

/**
 * Parses `--shard`: `K/N` (0-based K, 0 ≤ K < N) or `auto` (from the array-job environment,
 * see `shardFromEnv`).
 */
export function parseShardSpec(text: string, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  if (text.trim() === 'auto') return shardFromEnv(env);
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new ShardSpecError(`--shard must be K/N (0-based K, e.g. 0/4 … 3/4) or auto, got ${JSON.stringify(text)}`);
  return checked({ index: Number(m[1]), count: Number(m[2]) }, `--shard ${text.trim()}`);
}

/**
 * The shard of this process from its batch engine's environment:
 * - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX`, count from `SCSIM_SHARDS` (Kubernetes does
 *   not expose the Job's completions to the pod; set it to the same number);
 * - AWS Batch array job: `AWS_BATCH_JOB_ARRAY_INDEX` and `AWS_BATCH_JOB_ARRAY_SIZE`;
 * - Slurm job array: (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN`) / `SLURM_ARRAY_TASK_STEP`
 *   of `SLURM_ARRAY_TASK_COUNT` (so `--array=1-8` works as well as `--array=0-7`).
 * Exactly one engine's variables must be present.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv = process.env): ShardSpec {
  const engines: Array<{ name: string; present: boolean; read: () => ShardSpec }> = [
    {
      name: 'Kubernetes (JOB_COMPLETION_INDEX)',
      present: env.JOB_COMPLETION_INDEX !== undefined,
      read: () => {
        const index = integerVar(env, 'JOB_COMPLETION_INDEX');
        if (env.SCSIM_SHARDS === undefined)
          throw new ShardSpecError('JOB_COMPLETION_INDEX is set (Kubernetes Indexed Job) but SCSIM_SHARDS is not: set it to the Job\'s completions');
        return { index, count: integerVar(env, 'SCSIM_SHARDS') };
      },
    },
    {
      name: 'AWS Batch (AWS_BATCH_JOB_ARRAY_INDEX)',
      present: env.AWS_BATCH_JOB_ARRAY_INDEX !== undefined,
      read: () => ({
        index: integerVar(env, 'AWS_BATCH_JOB_ARRAY_INDEX'),
        count: env.AWS_BATCH_JOB_ARRAY_SIZE !== undefined ? integerVar(env, 'AWS_BATCH_JOB_ARRAY_SIZE') : integerVar(env, 'SCSIM_SHARDS'),
      }),
    },
    {
      name: 'Slurm (SLURM_ARRAY_TASK_ID)',
      present: env.SLURM_ARRAY_TASK_ID !== undefined,
      read: () => {
        const id = integerVar(env, 'SLURM_ARRAY_TASK_ID');
        const count = integerVar(env, 'SLURM_ARRAY_TASK_COUNT');
        const min = env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : integerVar(env, 'SLURM_ARRAY_TASK_MIN');
        const step = env.SLURM_ARRAY_TASK_STEP === undefined ? 1 : integerVar(env, 'SLURM_ARRAY_TASK_STEP');
        const max = env.SLURM_ARRAY_TASK_MAX === undefined ? undefined : integerVar(env, 'SLURM_ARRAY_TASK_MAX');
        // An array given as a list (--array=1,5,9) has no index arithmetic: refuse it rather than guess.
        if (step < 1 || (id - min) % step !== 0 || (max !== undefined && (max - min) / step + 1 !== count))
          throw new ShardSpecError(
            `the Slurm array is not an evenly stepped range (task ${id}, min ${min}, max ${max ?? '?'}, step ${step}, count ${count}): submit it as --array=0-${count - 1}`,
          );
        return { index: (id - min) / step, count };
      },
    },
  ];
  const present = engines.filter((e) => e.present);
  if (present.length === 0)
    throw new ShardSpecError(
      '--shard auto found no array-job environment: expected JOB_COMPLETION_INDEX with SCSIM_SHARDS (Kubernetes Indexed Job), AWS_BATCH_JOB_ARRAY_INDEX with AWS_BATCH_JOB_ARRAY_SIZE (AWS Batch) or SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT (Slurm); or give --shard K/N',
    );
  if (present.length > 1)
    throw new ShardSpecError(`--shard auto is ambiguous: variables of ${present.map((e) => e.name).join(' and ')} are all set; give --shard K/N`);
  return checked(present[0]!.read(), `--shard auto (${present[0]!.name})`);
}

/** Number of blocks of one point. */
export function blocksPerPoint(replications: number, blockSize: number): number {
  return Math.ceil(replications / blockSize);
}

/**
 * The replications shard `shard` holds, as maximal ranges (consecutive blocks of the same point
 * joined), in (point, first) order. Empty when there are more shards than blocks.
 */
export function shardRanges(points: number, replications: number, blockSize: number, shard: ShardSpec): ShardRange[] {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be a positive integer, got ${blockSize}`);
  const perPoint = blocksPerPoint(replications, blockSize);
  const blocks = points * perPoint;
  const from = Math.floor((shard.index * blocks) / shard.count);
  const to = Math.floor(((shard.index + 1) * blocks) / shard.count);
  const ranges: ShardRange[] = [];
  for (let b = from; b < to; b++) {
    const point = Math.floor(b / perPoint);
    const first = (b % perPoint) * blockSize;
    const count = Math.min(blockSize, replications - first);
    const last = ranges.at(-1);
    if (last && last.point === point && last.first + last.count === first) last.count += count;
    else ranges.push({ point, first, count });
  }
  return ranges;
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 of the canonical JSON of a materialized scenario. */
export function scenarioHash(scenario: Scenario): string {
  return sha256Hex(canonicalJson(scenario));
}

/** SHA-256 of a KPI layout's names and series shapes: two layouts with one hash pack alike. */
export function layoutHash(layout: KpiLayout): string {
  return sha256Hex(JSON.stringify([layout.names, layout.series.map((s) => [s.name, s.offset, s.times]), layout.length]));
}

/** The layout vectors of `scenario` have (all series, or the KPIs only). */
export function layoutOf(scenario: Scenario, kpisOnly: boolean): KpiLayout {
  const full = kpiLayout(buildNetwork(scenario));
  return kpisOnly ? kpisOnlyLayout(full) : full;
}

/** The program and floating-point environment a shard was computed in. */
export interface BuildInfo {
  scsimVersion: string;
  node: string;
  v8: string;
  arch: string;
}

let cachedVersion: string | undefined;

/** This program: scsim's version from package.json, Node.js, V8 and the CPU architecture. */
export function buildInfo(): BuildInfo {
  cachedVersion ??= (JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
  return { scsimVersion: cachedVersion, node: process.versions.node, v8: process.versions.v8, arch: process.arch };
}

/** Runs replications of a scenario (an ExperimentRunner, or anything with its `run`). */
export interface ReplicationRunner {
  run(scenario: Scenario, range: { seed: number; first: number; count: number; kpisOnly?: boolean; onProgress?: (done: number, total: number) => void }): Promise<ReplicationVectors>;
}

/** One point of an experiment: the scenario its replications run. */
export interface ShardPoint {
  label: string;
  scenario: Scenario;
}

export interface ShardJob {
  kind: ShardHeader['kind'];
  /** The experiment's scenario after overrides (for sweep and compare: the base). */
  scenario: Scenario;
  /** The points, in index order; omit for a run (one point: `scenario`). */
  points?: ShardPoint[];
  seed: number;
  /** Replications per point. */
  replications: number;
  blockSize: number;
  shard: ShardSpec;
  confidence: number;
  kpisOnly?: boolean;
  /** Kind-specific data merge needs to rebuild the points and the results (plain JSON). */
  experiment?: unknown;
  /** Progress over this shard's replications. */
  onProgress?: (done: number, total: number) => void;
}

/** Computes shard `job.shard` and returns its header and file bytes. */
export async function runShard(runner: ReplicationRunner, job: ShardJob): Promise<{ header: ShardHeader; bytes: Uint8Array }> {
  const points = job.points ?? [{ label: '', scenario: job.scenario }];
  if (!Number.isInteger(job.replications) || job.replications < 1)
    throw new RangeError(`replications must be a positive integer, got ${job.replications}`);
  const kpisOnly = job.kpisOnly ?? false;
  const ranges = shardRanges(points.length, job.replications, job.blockSize, job.shard);
  // Layouts of every point, not only those this shard runs: all shards must record the same.
  const layouts = points.map((p) => layoutOf(p.scenario, kpisOnly));
  const hashes = layouts.map(layoutHash);
  const total = ranges.reduce((n, r) => n + r.count, 0);
  const data = new Float64Array(ranges.reduce((n, r) => n + r.count * layouts[r.point]!.length, 0));
  let done = 0;
  let at = 0;
  for (const r of ranges) {
    const v = await runner.run(points[r.point]!.scenario, {
      seed: job.seed,
      first: r.first,
      count: r.count,
      kpisOnly,
      onProgress: job.onProgress && ((d) => job.onProgress!(done + d, total)),
    });
    if (layoutHash(v.layout) !== hashes[r.point]) throw new Error(`point ${r.point}: the runner returned vectors of another KPI layout`);
    data.set(v.data, at);
    at += v.data.length;
    done += r.count;
  }
  const header: ShardHeader = {
    kind: job.kind,
    ...buildInfo(),
    scenarioHash: experimentHash(job.scenario, job.points),
    seed: job.seed,
    replications: job.replications,
    blockSize: job.blockSize,
    points: points.length,
    pointLabels: job.points ? points.map((p) => p.label) : [],
    shard: { index: job.shard.index, count: job.shard.count },
    ranges,
    layouts: layouts.map((l, i) => ({ hash: hashes[i]!, length: l.length })),
    kpisOnly,
    confidence: job.confidence,
    scenario: job.scenario,
    ...(job.experiment !== undefined ? { experiment: job.experiment } : {}),
  };
  return { header, bytes: encodeShard(header, data) };
}

/**
 * The scenario hash a shard records: of the scenario for a run; for sweep and compare, of the
 * base together with every point's scenario, so shards of different grids never mix.
 */
export function experimentHash(scenario: Scenario, points?: readonly ShardPoint[]): string {
  if (!points) return scenarioHash(scenario);
  return sha256Hex(canonicalJson({ base: scenario, points: points.map((p) => ({ label: p.label, scenario: scenarioHash(p.scenario) })) }));
}
