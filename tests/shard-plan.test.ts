/**
 * How work is cut into shards (blocks by index), how `--shard` and the array-job environments
 * are read, and the shard file format (little-endian, every value bit for bit).
 */
import { describe, expect, it } from 'vitest';
import { buildInfo, canonicalJson, parseShardSpec, shardFromEnv, shardRanges, ShardSpecError } from '../src/experiment/shard.ts';
import { mergeShards } from '../src/experiment/shard-merge.ts';
import { decodeShard, encodeShard, type ShardHeader, ShardFileError } from '../src/experiment/shard-file.ts';

describe('shardRanges', () => {
  it('tiles every (point, replication) exactly once, in whole blocks, for any shard count', () => {
    for (const points of [1, 3])
      for (const replications of [1, 7, 50, 101])
        for (const blockSize of [1, 4, 50])
          for (const count of [1, 2, 3, 8, 40]) {
            const seen = new Uint8Array(points * replications);
            for (let index = 0; index < count; index++)
              for (const r of shardRanges(points, replications, blockSize, { index, count })) {
                expect(r.first % blockSize).toBe(0);
                for (let i = r.first; i < r.first + r.count; i++) seen[r.point * replications + i]! += 1;
              }
            expect([...seen].every((x) => x === 1), `${points}×${replications} / ${blockSize} over ${count}`).toBe(true);
          }
  });

  it('gives contiguous blocks to consecutive shards and joins consecutive blocks into one range', () => {
    // 13 replications in blocks of 3 → blocks 0–2, 3–5, 6–8, 9–11, 12; over 3 shards: 1, 2, 2 blocks.
    expect([0, 1, 2].map((index) => shardRanges(1, 13, 3, { index, count: 3 }))).toEqual([
      [{ point: 0, first: 0, count: 3 }],
      [{ point: 0, first: 3, count: 6 }],
      [{ point: 0, first: 9, count: 4 }],
    ]);
    // Blocks of a sweep are numbered point-major; a shard may span two points.
    expect(shardRanges(3, 4, 2, { index: 1, count: 4 })).toEqual([
      { point: 0, first: 2, count: 2 },
      { point: 1, first: 0, count: 2 },
    ]);
  });

  it('leaves a shard empty when there are more shards than blocks', () => {
    expect(shardRanges(1, 10, 50, { index: 0, count: 2 })).toEqual([]);
    expect(shardRanges(1, 10, 50, { index: 1, count: 2 })).toEqual([{ point: 0, first: 0, count: 10 }]);
  });
});

describe('--shard', () => {
  it('parses K/N, 0-based', () => {
    expect(parseShardSpec('0/4', {})).toEqual({ index: 0, count: 4 });
    expect(parseShardSpec('3/4', {})).toEqual({ index: 3, count: 4 });
    expect(() => parseShardSpec('4/4', {})).toThrow('shard index 4 is out of range for 4 shards (indices are 0-based: 0…3)');
    expect(() => parseShardSpec('1/0', {})).toThrow('shard count must be at least 1');
    expect(() => parseShardSpec('2', {})).toThrow('--shard must be K/N (0-based K, e.g. 0/4 … 3/4) or auto, got "2"');
  });

  it('reads a Kubernetes Indexed Job (count from SCSIM_SHARDS)', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', SCSIM_SHARDS: '5' })).toEqual({ index: 2, count: 5 });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '2' })).toThrow("SCSIM_SHARDS is not: set it to the Job's completions");
  });

  it('reads an AWS Batch array job', () => {
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '10' })).toEqual({ index: 0, count: 10 });
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '10', AWS_BATCH_JOB_ARRAY_SIZE: '10' })).toThrow('out of range');
  });

  it('reads a Slurm job array, whatever its first task id and step', () => {
    const slurm = (id: number, min: number, max: number, step: number, count: number) => ({
      SLURM_ARRAY_TASK_ID: String(id),
      SLURM_ARRAY_TASK_MIN: String(min),
      SLURM_ARRAY_TASK_MAX: String(max),
      SLURM_ARRAY_TASK_STEP: String(step),
      SLURM_ARRAY_TASK_COUNT: String(count),
    });
    expect(shardFromEnv(slurm(0, 0, 3, 1, 4))).toEqual({ index: 0, count: 4 });
    expect(shardFromEnv(slurm(8, 5, 8, 1, 4))).toEqual({ index: 3, count: 4 });
    expect(shardFromEnv(slurm(6, 0, 6, 2, 4))).toEqual({ index: 3, count: 4 });
    // --array=1,5,9: no arithmetic maps the ids to 0…2.
    expect(() => shardFromEnv(slurm(5, 1, 9, 1, 3))).toThrow('not an evenly stepped range');
  });

  it('explains what it looked for when no engine is found, and refuses two at once', () => {
    expect(() => shardFromEnv({})).toThrow(ShardSpecError);
    expect(() => shardFromEnv({})).toThrow('JOB_COMPLETION_INDEX with SCSIM_SHARDS (Kubernetes Indexed Job)');
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '0', SCSIM_SHARDS: '2', SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '2' })).toThrow(
      'ambiguous',
    );
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: 'x', AWS_BATCH_JOB_ARRAY_SIZE: '2' })).toThrow(
      'AWS_BATCH_JOB_ARRAY_INDEX="x" is not a non-negative integer',
    );
  });
});

describe('shard file', () => {
  const header = (ranges: ShardHeader['ranges'], length: number): ShardHeader => ({
    kind: 'run',
    scsimVersion: '0.0.0',
    node: '20.0.0',
    v8: '11',
    arch: 'x64',
    scenarioHash: 'h',
    seed: 1,
    replications: 3,
    blockSize: 3,
    points: 1,
    pointLabels: [],
    shard: { index: 0, count: 1 },
    ranges,
    layouts: [{ hash: 'l', length }],
    kpisOnly: false,
    confidence: 0.95,
    scenario: { name: 'x' } as unknown as ShardHeader['scenario'],
  });

  it('round-trips every Float64 bit pattern that matters (NaN, ±0, ±Infinity, subnormals)', () => {
    const values = new Float64Array([Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, 0.1 + 0.2, -1.7976931348623157e308]);
    const h = header([{ point: 0, first: 0, count: 2 }], 4);
    const back = decodeShard(encodeShard(h, values), 'x');
    expect(back.header).toEqual(h);
    expect(new Uint8Array(back.data.buffer)).toEqual(new Uint8Array(values.buffer));
  });

  it('stores the values little-endian after a length-prefixed JSON header', () => {
    const h = header([{ point: 0, first: 0, count: 1 }], 1);
    const bytes = encodeShard(h, new Float64Array([1]));
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('SCSIMSHD');
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(8, true)).toBe(1);
    const headerLength = view.getUint32(12, true);
    expect(JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength)))).toEqual(h);
    // 1.0 is 0x3FF0000000000000: little-endian puts 0xF0 0x3F last.
    expect([...bytes.subarray(16 + headerLength, 24 + headerLength)]).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    expect(bytes.length).toBe(16 + headerLength + 8 + 32);
  });

  it('refuses a payload that does not match the header, and an unknown format version', () => {
    expect(() => encodeShard(header([{ point: 0, first: 0, count: 2 }], 3), new Float64Array(5))).toThrow('payload has 5 values, the header describes 6');
    const bytes = encodeShard(header([], 3), new Float64Array(0));
    new DataView(bytes.buffer).setUint32(8, 2, true);
    expect(() => decodeShard(bytes, 'v2.bin')).toThrow(new ShardFileError('v2.bin: shard format version 2, this scsim reads version 1'));
  });
});

it('canonicalJson sorts keys at every level and keeps array order', () => {
  expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
});

describe('mergeShards', () => {
  it('lists the first missing shards and counts the rest, in one line', () => {
    const count = 20;
    const h = {
      kind: 'run',
      ...buildInfo(),
      scenarioHash: 'h',
      seed: 1,
      replications: 20,
      blockSize: 1,
      points: 1,
      pointLabels: [],
      shard: { index: 0, count },
      ranges: [{ point: 0, first: 0, count: 1 }],
      layouts: [{ hash: 'l', length: 1 }],
      kpisOnly: false,
      confidence: 0.95,
      scenario: {},
    } as unknown as ShardHeader;
    const shard = { name: 'a.bin', header: h, data: new Float64Array(1), bytes: new Uint8Array(1) };
    expect(() => mergeShards([shard], buildInfo())).toThrow(
      'incomplete: missing replication 1 (shard 1 of 20); replication 2 (shard 2 of 20); replication 3 (shard 3 of 20); replication 4 (shard 4 of 20); replication 5 (shard 5 of 20); replication 6 (shard 6 of 20); replication 7 (shard 7 of 20); replication 8 (shard 8 of 20); and 11 more shards; got 1 of 20 shards',
    );
  });
});
