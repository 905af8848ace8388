/**
 * Merging shard files: check that they are parts of one experiment, that together they hold
 * every replication exactly once, and put their vectors back in replication order — ready for
 * the same reduction (`resultsDocument`) a single-machine run uses.
 *
 * A byte-identical duplicate (a task the batch engine ran twice) is accepted and used once; two
 * different files for the same replications are an error, as are gaps.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { ReplicationVectors } from './results.ts';
import { type BuildInfo, experimentHash, layoutHash, layoutOf, type ShardPoint, shardRanges } from './shard.ts';
import type { DecodedShard, ShardHeader, ShardRange } from './shard-file.ts';

/** Shards that cannot be merged: foreign, overlapping or incomplete. */
export class ShardMergeError extends Error {
  override name = 'ShardMergeError';
}

/** A decoded shard file and what it is called (its path, for messages). */
export interface NamedShard extends DecodedShard {
  name: string;
  /** The file's bytes, to recognise identical duplicates. */
  bytes: Uint8Array;
}

export interface MergedShards {
  /** The header of the first shard (the fields every shard shares). */
  header: ShardHeader;
  scenario: Scenario;
  /** The scenario of each point (for a run: the scenario). */
  scenarios: Scenario[];
  /** Vectors of each point, replications 0 … replications − 1 in order. */
  points: ReplicationVectors[];
  /** Files skipped as byte-identical duplicates of another. */
  duplicates: string[];
  /** Distinct shards used (shards without replications may be absent). */
  shardFiles: number;
}

/**
 * Fields every shard of one experiment shares, with how to name them in a message. The build
 * fields matter because the same replication can round differently under another V8 or CPU.
 */
const SHARED: Array<[label: string, get: (h: ShardHeader) => unknown]> = [
  ['experiment kind', (h) => h.kind],
  ['scenario hash', (h) => h.scenarioHash],
  ['seed', (h) => h.seed],
  ['replications', (h) => h.replications],
  ['block size', (h) => h.blockSize],
  ['shard count', (h) => h.shard.count],
  ['points', (h) => h.points],
  ['point labels', (h) => h.pointLabels.join(', ')],
  ['scsim version', (h) => h.scsimVersion],
  ['Node.js version', (h) => h.node],
  ['V8 version', (h) => h.v8],
  ['architecture', (h) => h.arch],
  ['KPI layout', (h) => h.layouts.map((l) => l.hash).join(',')],
  ['KPIs only', (h) => h.kpisOnly],
  ['confidence', (h) => h.confidence],
];

/** `a–b` (inclusive) of a range, with its point when the experiment has several. */
export function describeRange(r: ShardRange, points: number, labels: string[] = []): string {
  const reps = r.count === 1 ? `replication ${r.first}` : `replications ${r.first}–${r.first + r.count - 1}`;
  if (points <= 1) return reps;
  return `point ${r.point}${labels[r.point] ? ` (${labels[r.point]})` : ''} ${reps}`;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/**
 * Combines decoded shards. `self` is the merging program: it must be the scsim version that
 * wrote the shards, so the reduction is the code the shards were computed for.
 * `rebuildPoints` recreates the points of a sweep or compare from the header (their scenarios
 * are not stored, only their hash); for a run it returns undefined.
 */
export function mergeShards(
  shards: NamedShard[],
  self: BuildInfo,
  rebuildPoints: (h: ShardHeader) => ShardPoint[] | undefined = () => undefined,
): MergedShards {
  if (shards.length === 0) throw new ShardMergeError('no shard files to merge');
  const ref = shards[0]!;
  for (const s of shards.slice(1))
    for (const [label, get] of SHARED) {
      const a = get(s.header);
      const b = get(ref.header);
      if (a !== b)
        throw new ShardMergeError(
          `${s.name} does not belong with ${ref.name}: ${label} differs (${String(a)} in ${s.name}, ${String(b)} in ${ref.name})`,
        );
    }
  const h = ref.header;
  if (h.scsimVersion !== self.scsimVersion)
    throw new ShardMergeError(`the shards were written by scsim ${h.scsimVersion}; this is scsim ${self.scsimVersion}: merge with the version that ran them`);

  // One file per shard index: identical duplicates collapse, different ones are an error.
  const byIndex = new Map<number, NamedShard>();
  const duplicates: string[] = [];
  for (const s of shards) {
    const seen = byIndex.get(s.header.shard.index);
    if (!seen) byIndex.set(s.header.shard.index, s);
    else if (sameBytes(seen.bytes, s.bytes)) duplicates.push(s.name);
    else
      throw new ShardMergeError(
        `${seen.name} and ${s.name} are both shard ${s.header.shard.index} of ${h.shard.count} (${s.header.ranges.map((r) => describeRange(r, h.points, h.pointLabels)).join(', ') || 'no replications'}) but their contents differ`,
      );
  }

  // Each shard must hold exactly the blocks its index is assigned; then the shards tile the
  // experiment exactly when no index is missing.
  for (const s of byIndex.values()) {
    const expected = shardRanges(h.points, h.replications, h.blockSize, s.header.shard);
    if (JSON.stringify(expected) !== JSON.stringify(s.header.ranges))
      throw new ShardMergeError(`${s.name} holds ranges that are not those of shard ${s.header.shard.index} of ${h.shard.count}`);
  }
  const missing: string[] = [];
  for (let k = 0; k < h.shard.count; k++) {
    if (byIndex.has(k)) continue;
    const ranges = shardRanges(h.points, h.replications, h.blockSize, { index: k, count: h.shard.count });
    // A shard with no blocks (more shards than blocks) holds nothing; its absence leaves no gap.
    if (ranges.length > 0) missing.push(`${ranges.map((r) => describeRange(r, h.points, h.pointLabels)).join(', ')} (shard ${k} of ${h.shard.count})`);
  }
  // One line even when hundreds are missing: the first few, then how many more.
  const SHOWN = 8;
  if (missing.length > 0)
    throw new ShardMergeError(
      `incomplete: missing ${missing.slice(0, SHOWN).join('; ')}${missing.length > SHOWN ? `; and ${missing.length - SHOWN} more shards` : ''}; got ${byIndex.size} of ${h.shard.count} shards — run the missing ones with --shard K/${h.shard.count} and merge again`,
    );

  // Rebuild the points from the header and check they are the ones the shards ran: the hash
  // covers the scenario (and, for sweep and compare, every point's scenario).
  const rebuilt = rebuildPoints(h);
  if (experimentHash(h.scenario, rebuilt) !== h.scenarioHash)
    throw new ShardMergeError(`${ref.name}: the scenario${rebuilt ? 's of the points' : ''} rebuilt from the header do not match its scenario hash`);
  const scenarios = rebuilt ? rebuilt.map((p) => p.scenario) : [h.scenario];
  const layouts = scenarios.map((sc, i) => {
    const layout = layoutOf(sc, h.kpisOnly);
    if (layoutHash(layout) !== h.layouts[i]!.hash)
      throw new ShardMergeError(`the shards pack KPIs of point ${i} in a layout this scsim does not produce for its scenario`);
    return layout;
  });

  const points: ReplicationVectors[] = layouts.map((layout) => ({ layout, count: h.replications, data: new Float64Array(h.replications * layout.length) }));
  for (const s of byIndex.values()) {
    let at = 0;
    for (const r of s.header.ranges) {
      const L = layouts[r.point]!.length;
      points[r.point]!.data.set(s.data.subarray(at, at + r.count * L), r.first * L);
      at += r.count * L;
    }
  }
  return { header: h, scenario: h.scenario, scenarios, points, duplicates, shardFiles: byIndex.size };
}
