/**
 * The shard file: the per-replication KPI vectors that one shard of a sharded experiment
 * computed, in a binary form that carries every value bit for bit.
 *
 * Layout (all integers and floats little-endian, whatever the machine):
 *
 * | bytes        | content                                                             |
 * | ------------ | ------------------------------------------------------------------- |
 * | 8            | magic `SCSIMSHD`                                                    |
 * | 4 (uint32)   | format version (`SHARD_FORMAT_VERSION`)                             |
 * | 4 (uint32)   | header length H [bytes]                                             |
 * | H            | header: UTF-8 JSON (`ShardHeader`)                                  |
 * | 8 · values   | payload: Float64 KPI vectors, range by range, replication-major     |
 * | 32           | SHA-256 of everything before it (magic, version, header, payload)   |
 *
 * The checksum covers the header too, so a flipped byte anywhere is caught, not only in the
 * numbers. The file holds nothing that varies between two runs of the same shard (no time
 * stamp, no host name): a task retried by the batch engine writes the identical bytes, which is
 * how `merge` recognises a harmless duplicate.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from '../scenario/schema.ts';

export const SHARD_MAGIC = 'SCSIMSHD';
export const SHARD_FORMAT_VERSION = 1;
const PREFIX_BYTES = 16;
const CHECKSUM_BYTES = 32;

/** Replications [first, first + count) of experiment point `point` (0 for a plain run). */
export interface ShardRange {
  point: number;
  first: number;
  count: number;
}

/** What a shard is a part of, and which part. Everything `merge` checks before combining. */
export interface ShardHeader {
  /** `run` (one point), `sweep` (points = grid points) or `compare` (points = base and options). */
  kind: 'run' | 'sweep' | 'frontier' | 'compare' | 'optimize';
  /** scsim version (package.json) that wrote the shard. */
  scsimVersion: string;
  /** Node.js and V8 versions and CPU architecture: the floating-point environment. */
  node: string;
  v8: string;
  arch: string;
  /** SHA-256 of the canonical JSON of the materialized scenario (after overrides). */
  scenarioHash: string;
  /** Master seed. */
  seed: number;
  /** Replications per point in the whole experiment (not in this shard). */
  replications: number;
  /** Replications per block: the unit of work assigned to shards. */
  blockSize: number;
  /** Experiment points (1 for a run); each runs `replications` replications. */
  points: number;
  /** Labels of the points, for sweep and compare (empty for a run). */
  pointLabels: string[];
  /** This shard: index K (0-based) of count N. */
  shard: { index: number; count: number };
  /** The replications this file holds, in payload order. */
  ranges: ShardRange[];
  /**
   * KPI vector layout of each point (points may differ, e.g. a sweep over open DCs): hash of the
   * names and series, and entries per replication.
   */
  layouts: Array<{ hash: string; length: number }>;
  /** Vectors hold the KPIs only, not the time series. */
  kpisOnly: boolean;
  /** Confidence level the results are to be reported at. */
  confidence: number;
  /** The materialized scenario (for sweep and compare: the base), so merge needs no scenario file. */
  scenario: Scenario;
  /** What the experiment kind needs to rebuild its points and results (e.g. the sweep plan). */
  experiment?: unknown;
}

/** A shard file that is not valid: wrong magic, version, checksum or size. */
export class ShardFileError extends Error {
  override name = 'ShardFileError';
}

/** Serialises a shard: header and vectors (`data.length` must match the ranges and layout). */
export function encodeShard(header: ShardHeader, data: Float64Array): Uint8Array {
  const expected = valuesOf(header);
  if (data.length !== expected) throw new RangeError(`shard payload has ${data.length} values, the header describes ${expected}`);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = PREFIX_BYTES + json.length + data.length * 8 + CHECKSUM_BYTES;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(SHARD_MAGIC), 0);
  view.setUint32(8, SHARD_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, PREFIX_BYTES);
  let at = PREFIX_BYTES + json.length;
  for (let i = 0; i < data.length; i++, at += 8) view.setFloat64(at, data[i]!, true);
  bytes.set(sha256(bytes.subarray(0, at)), at);
  return bytes;
}

/** A decoded shard file. */
export interface DecodedShard {
  header: ShardHeader;
  /** The vectors of `header.ranges`, concatenated, replication-major. */
  data: Float64Array;
}

/**
 * Reads a shard file's bytes. Throws ShardFileError (naming `name`) for anything that is not
 * an intact shard file of this format version.
 */
export function decodeShard(bytes: Uint8Array, name: string): DecodedShard {
  const fail = (why: string): never => {
    throw new ShardFileError(`${name}: ${why}`);
  };
  if (bytes.length < PREFIX_BYTES + CHECKSUM_BYTES || new TextDecoder().decode(bytes.subarray(0, 8)) !== SHARD_MAGIC)
    fail('not a scsim shard file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== SHARD_FORMAT_VERSION)
    fail(`shard format version ${version}, this scsim reads version ${SHARD_FORMAT_VERSION}`);
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  if (!equalBytes(sha256(body), bytes.subarray(bytes.length - CHECKSUM_BYTES)))
    fail('corrupt: checksum mismatch (the file was altered or truncated)');
  const headerLength = view.getUint32(12, true);
  if (PREFIX_BYTES + headerLength > body.length) fail('corrupt: header length beyond the end of the file');
  let header: ShardHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)));
  } catch {
    return fail('corrupt: the header is not valid UTF-8 JSON');
  }
  const problem = headerProblem(header);
  if (problem) fail(`invalid header: ${problem}`);
  const start = PREFIX_BYTES + headerLength;
  const values = valuesOf(header);
  if (body.length - start !== values * 8)
    fail(`payload is ${body.length - start} bytes, the header describes ${values * 8}`);
  const data = new Float64Array(values);
  for (let i = 0; i < values; i++) data[i] = view.getFloat64(start + i * 8, true);
  return { header, data };
}

/** Number of Float64 values the payload holds. */
function valuesOf(header: ShardHeader): number {
  let values = 0;
  for (const r of header.ranges) values += r.count * header.layouts[r.point]!.length;
  return values;
}

const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** What is missing or malformed in a decoded header, or undefined. */
function headerProblem(h: ShardHeader): string | undefined {
  if (typeof h !== 'object' || h === null) return 'not an object';
  for (const field of ['scsimVersion', 'node', 'v8', 'arch', 'scenarioHash'] as const)
    if (typeof h[field] !== 'string') return `${field} missing`;
  if (!['run', 'sweep', 'frontier', 'compare', 'optimize'].includes(h.kind)) return `unknown kind ${JSON.stringify(h.kind)}`;
  for (const field of ['seed', 'replications', 'blockSize', 'points'] as const) if (!isCount(h[field])) return `${field} missing`;
  if (!h.shard || !isCount(h.shard.index) || !isCount(h.shard.count) || h.shard.index >= h.shard.count) return 'shard index/count invalid';
  if (!Array.isArray(h.layouts) || h.layouts.length !== h.points || !h.layouts.every((l) => l && typeof l.hash === 'string' && isCount(l.length)))
    return 'layouts invalid';
  if (typeof h.kpisOnly !== 'boolean') return 'kpisOnly missing';
  if (!Array.isArray(h.ranges) || !h.ranges.every((r) => r && isCount(r.point) && r.point < h.points && isCount(r.first) && isCount(r.count)))
    return 'ranges invalid';
  if (!Array.isArray(h.pointLabels)) return 'pointLabels missing';
  if (typeof h.confidence !== 'number') return 'confidence missing';
  if (typeof h.scenario !== 'object' || h.scenario === null) return 'scenario missing';
  return undefined;
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
