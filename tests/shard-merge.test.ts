/**
 * Sharded runs end to end: shards run as separate `scsim run --shard auto` processes with each
 * batch engine's array-job variables set, `scsim merge` combines them, and the results folder is
 * byte-identical to a single-machine `scsim run --out` with the same seed. Then what merge must
 * refuse (missing, foreign, corrupt, conflicting shards) and the duplicate it must accept.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT, guarded } from '../src/cli/common.ts';
import { compareCommand } from '../src/cli/compare.ts';
import { mergeCommand } from '../src/cli/merge.ts';
import { sweepCommand } from '../src/cli/sweep.ts';
import { frontierCommand } from '../src/cli/frontier.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { type ShardJob, runShard } from '../src/experiment/shard.ts';
import { decodeShard, encodeShard } from '../src/experiment/shard-file.ts';
import { loadScenario } from '../src/scenario/load.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/scsim.js');
const SCENARIO = join(ROOT, 'tests/fixtures/shard-small.yaml');
/** 13 replications in blocks of 3: five blocks (the last holds one), over three shards. */
const REPLICATIONS = 13;
const BLOCK = 3;
const SHARDS = 3;
const SEED = 11;
const RESULT_FILES = ['results.json', 'replications.csv', 'scenario.json', 'replications.parquet'];

/** The environment without any array-job variable, so only the ones a test sets are seen. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(SLURM_|AWS_BATCH_|JOB_COMPLETION_INDEX$|SCSIM_SHARDS$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

async function scsim(args: string[], env: Record<string, string> = {}) {
  return await run(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv(env), maxBuffer: 64 << 20 });
}

/** Each engine's variables for array task k (0-based position in the array) of n. */
const ENGINES: Record<string, { env: (k: number, n: number) => Record<string, string>; workers: string }> = {
  kubernetes: { env: (k, n) => ({ JOB_COMPLETION_INDEX: String(k), SCSIM_SHARDS: String(n) }), workers: '0' },
  'aws-batch': { env: (k, n) => ({ AWS_BATCH_JOB_ARRAY_INDEX: String(k), AWS_BATCH_JOB_ARRAY_SIZE: String(n) }), workers: '1' },
  // Submitted as --array=1-3: the task ids start at 1, the shard index at 0.
  slurm: {
    env: (k, n) => ({
      SLURM_ARRAY_TASK_ID: String(k + 1),
      SLURM_ARRAY_TASK_MIN: '1',
      SLURM_ARRAY_TASK_MAX: String(n),
      SLURM_ARRAY_TASK_STEP: '1',
      SLURM_ARRAY_TASK_COUNT: String(n),
    }),
    workers: '0',
  },
};

let dir: string;
const single = (name: string) => readFileSync(join(dir, 'single', name));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scsim-shard-'));
  const common = [SCENARIO, '-n', String(REPLICATIONS), '--seed', String(SEED), '-q'];
  const jobs: Array<Promise<unknown>> = [scsim(['run', ...common, '-w', '0', '--out', join(dir, 'single')])];
  for (const [engine, { env, workers }] of Object.entries(ENGINES)) {
    mkdirSync(join(dir, engine));
    for (let k = 0; k < SHARDS; k++)
      jobs.push(scsim(['run', ...common, '-w', workers, '--shard', 'auto', '--block-size', String(BLOCK), '--out', `${join(dir, engine)}/`], env(k, SHARDS)));
  }
  await Promise.all(jobs);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const shardFile = (engine: string, k: number) => join(dir, engine, `shard-${k}-of-${SHARDS}.bin`);

/** Captures what a command writes to stdout and stderr while `body` runs. */
async function captured(body: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await guarded(body), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe.each(Object.keys(ENGINES))('sharded run on %s', (engine) => {
  it('merges into the single-machine results, byte for byte', async () => {
    expect(readdirSync(join(dir, engine)).sort()).toEqual([0, 1, 2].map((k) => `shard-${k}-of-${SHARDS}.bin`));
    const out = join(dir, `${engine}-merged`);
    const shards = [2, 0, 1].map((k) => shardFile(engine, k));
    const { code, stdout, stderr } = await captured(() => mergeCommand({ shards, out, json: true }));
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe(`scsim: merged ${REPLICATIONS} replications from 3 shard files of 3 → ${out}\n`);
    for (const name of RESULT_FILES) expect(readFileSync(join(out, name)).equals(single(name)), name).toBe(true);
    expect(stdout).toBe(single('results.json').toString());
  });

  it('writes the same shard bytes as every other engine (a shard depends on its index only)', () => {
    for (let k = 0; k < SHARDS; k++) expect(readFileSync(shardFile(engine, k)).equals(readFileSync(shardFile('kubernetes', k)))).toBe(true);
  });
});

it('scsim merge from the command line: a folder of shards, --json equal to run --json', async () => {
  const { stdout } = await scsim(['merge', join(dir, 'slurm'), '--json', '-q']);
  expect(stdout).toBe(single('results.json').toString());
  expect(JSON.parse(stdout).replications).toBe(REPLICATIONS);
});

describe('merge refuses what does not tile one experiment', () => {
  let err = '';
  beforeEach(() => {
    err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const shards = () => [0, 1, 2].map((k) => shardFile('kubernetes', k));
  /** Shard 1 of 3 of the same experiment but for `change`, computed in this process. */
  async function shardOf(change: Partial<ShardJob>, name: string): Promise<string> {
    const job: ShardJob = {
      kind: 'run',
      scenario: loadScenario(SCENARIO),
      seed: SEED,
      replications: REPLICATIONS,
      blockSize: BLOCK,
      shard: { index: 1, count: SHARDS },
      confidence: 0.95,
      ...change,
    };
    const { bytes } = await runShard(new ExperimentRunner({ workers: 0 }), job);
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  }
  const merge = (files: string[], out = join(dir, `refused-${Math.random().toString(36).slice(2)}`)) =>
    guarded(() => mergeCommand({ shards: files, out }));

  it('names the missing replications and shard (exit 2, nothing written)', async () => {
    const out = join(dir, 'missing');
    expect(await merge([shardFile('kubernetes', 0), shardFile('kubernetes', 2)], out)).toBe(EXIT.badInput);
    expect(err).toBe('scsim: incomplete: missing replications 3–8 (shard 1 of 3); got 2 of 3 shards — run the missing ones with --shard K/3 and merge again\n');
    expect(() => readdirSync(out)).toThrow();
  });

  it('rejects a shard of another seed, naming the field and both values', async () => {
    const foreign = await shardOf({ seed: SEED + 1 }, 'foreign.bin');
    const [a, , c] = shards();
    expect(await merge([a!, foreign, c!])).toBe(EXIT.badInput);
    expect(err).toBe(`scsim: ${foreign} does not belong with ${a}: seed differs (${SEED + 1} in ${foreign}, ${SEED} in ${a})\n`);
  });

  it('rejects shards cut into different blocks', async () => {
    const other = await shardOf({ blockSize: 4 }, 'other-blocks.bin');
    const [a, , c] = shards();
    expect(await merge([a!, other, c!])).toBe(EXIT.badInput);
    expect(err).toContain('block size differs (4 in');
  });

  it('detects a flipped byte, in the numbers or in the header', async () => {
    const original = readFileSync(shardFile('kubernetes', 1));
    // A byte of the last vector, and a byte inside the JSON header.
    for (const at of [original.length - 100, 40]) {
      err = '';
      const bytes = Buffer.from(original);
      bytes[at]! ^= 0x01;
      const corrupt = join(dir, `corrupt-${at}.bin`);
      writeFileSync(corrupt, bytes);
      const [a, , c] = shards();
      expect(await merge([a!, corrupt, c!])).toBe(EXIT.badInput);
      expect(err).toBe(`scsim: ${corrupt}: corrupt: checksum mismatch (the file was altered or truncated)\n`);
    }
  });

  it('rejects a truncated file and a file that is not a shard', async () => {
    const truncated = join(dir, 'truncated.bin');
    writeFileSync(truncated, readFileSync(shardFile('kubernetes', 1)).subarray(0, 500));
    expect(await merge([truncated])).toBe(EXIT.badInput);
    expect(err).toContain('corrupt: checksum mismatch');
    err = '';
    expect(await merge([SCENARIO])).toBe(EXIT.badInput);
    expect(err).toBe(`scsim: ${SCENARIO}: not a scsim shard file\n`);
    err = '';
    expect(await merge([join(dir, 'no-such-shard.bin')])).toBe(EXIT.badInput);
    expect(err).toContain('shard file not found');
  });

  it('accepts a byte-identical duplicate of a retried task and uses it once', async () => {
    const retried = join(dir, 'retried.bin');
    copyFileSync(shardFile('aws-batch', 1), retried);
    const out = join(dir, 'with-duplicate');
    expect(await merge([...shards(), retried], out)).toBe(EXIT.ok);
    expect(err).toContain('1 identical duplicate ignored');
    for (const name of RESULT_FILES) expect(readFileSync(join(out, name)).equals(single(name)), name).toBe(true);
  });

  it('rejects two different files for the same shard', async () => {
    // Same header, one value changed, a valid checksum: what a non-deterministic retry would leave.
    const original = decodeShard(readFileSync(shardFile('kubernetes', 1)), 'shard 1');
    const data = original.data.slice();
    data[0] = data[0]! + 1;
    const conflicting = join(dir, 'conflicting.bin');
    writeFileSync(conflicting, encodeShard(original.header, data));
    const [a, b, c] = shards();
    expect(await merge([a!, b!, c!, conflicting])).toBe(EXIT.badInput);
    expect(err).toBe(`scsim: ${b} and ${conflicting} are both shard 1 of 3 (replications 3–8) but their contents differ\n`);
  });
});

describe('sharded sweep and compare (blocks of (point, replication) pairs)', () => {
  const WHATIF = join(ROOT, 'tests/fixtures/shard-whatif.yaml');
  const common = { scenario: WHATIF, replications: 7, seed: SEED, workers: 0, quiet: true };

  /** Runs `command` whole into DIR/single and as `shards` shards merged into DIR/merged; returns DIR. */
  async function shardedAndSingle(name: string, command: (args: Record<string, unknown>) => Promise<number>, shards: number, blockSize: number) {
    const base = join(dir, name);
    expect((await captured(() => command({ ...common, out: join(base, 'single') }))).code).toBe(EXIT.ok);
    for (let k = 0; k < shards; k++)
      expect((await captured(() => command({ ...common, shard: `${k}/${shards}`, blockSize, out: `${join(base, 'shards')}/` }))).code).toBe(EXIT.ok);
    const merged = await captured(() => mergeCommand({ shards: [join(base, 'shards')], out: join(base, 'merged') }));
    expect(merged.code, merged.stderr).toBe(EXIT.ok);
    return { base, stderr: merged.stderr };
  }

  it('merges a sweep into what scsim sweep --out writes, byte for byte', async () => {
    // 4 points × 7 replications in blocks of 3: 12 blocks over 5 shards, some spanning two points.
    const { base, stderr } = await shardedAndSingle('sweep', (a) => sweepCommand(a), 5, 3);
    expect(stderr).toContain('merged 4 points × 7 replications from 5 shard files of 5');
    for (const name of ['results.json', 'sweep.csv', 'scenario.json'])
      expect(readFileSync(join(base, 'merged', name)).equals(readFileSync(join(base, 'single', name))), name).toBe(true);
    expect(JSON.parse(readFileSync(join(base, 'merged', 'results.json'), 'utf8')).points).toHaveLength(4);
  });

  it('merges a frontier into what scsim frontier --out writes, byte for byte', async () => {
    const { base, stderr } = await shardedAndSingle('frontier', (a) => frontierCommand({ ...a, serviceKpi: 'otif' }), 3, 4);
    expect(stderr).toContain('merged 4 points × 7 replications from 3 shard files of 3');
    for (const name of ['results.json', 'frontier.csv', 'scenario.json'])
      expect(readFileSync(join(base, 'merged', name)).equals(readFileSync(join(base, 'single', name))), name).toBe(true);
    expect(JSON.parse(readFileSync(join(base, 'merged', 'results.json'), 'utf8'))).toMatchObject({ kind: 'frontier', serviceKpi: 'otif' });
  });

  it('merges a comparison (base, options and variants) into what scsim compare --out writes, byte for byte', async () => {
    const { base } = await shardedAndSingle('compare', (a) => compareCommand({ ...a, variants: true }), 3, 4);
    const merged = readFileSync(join(base, 'merged', 'results.json'));
    expect(merged.equals(readFileSync(join(base, 'single', 'results.json')))).toBe(true);
    // The whole folder: the report of a merged comparison reads its headline and currency from scenario.json.
    for (const name of ['compare.csv', 'scenario.json'])
      expect(readFileSync(join(base, 'merged', name)).equals(readFileSync(join(base, 'single', name))), name).toBe(true);
    expect(JSON.parse(merged.toString()).options.map((o: { name: string }) => o.name)).toEqual(['faster-supplier', 'more-retail', 'big-buffer']);
  });

  it('refuses to mix shards of different sweeps', async () => {
    const other = join(dir, 'sweep-other');
    await captured(() => sweepCommand({ ...common, param: ['sites.dc-north.policy.s=15,31'], shard: '1/5', blockSize: 3, out: `${other}/` }));
    const files = [0, 2, 3, 4].map((k) => join(dir, 'sweep', 'shards', `shard-${k}-of-5.bin`));
    const { code, stderr } = await captured(() => mergeCommand({ shards: [...files, join(other, 'shard-1-of-5.bin')], out: join(dir, 'never') }));
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toMatch(/does not belong with .*: (scenario hash|points) differs/);
  });
});
