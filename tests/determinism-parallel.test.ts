/**
 * Results do not depend on parallelism: the same seed gives byte-identical output whatever the
 * worker count and batch size, in the CLI and through the library, and an aborted run keeps
 * exactly the first replications of the uninterrupted one.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunArgs, runCommand } from '../src/cli/run.ts';
import { DEFAULT_SCENARIO } from '../src/cli/common.ts';
import { toJson } from '../src/cli/output.ts';
import { resultsDocument, type ReplicationVectors } from '../src/experiment/results.ts';
import { ExperimentRunner, RunAbortedError } from '../src/experiment/runner.ts';
import { loadScenario } from '../src/scenario/load.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));

let out = '';
beforeEach(() => {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** stdout of `scsim run <small> --seed 7 --replications 200 --json` with extra options. */
async function runJson(extra: Partial<RunArgs>): Promise<string> {
  out = '';
  const code = await runCommand({ scenario: SMALL, seed: 7, replications: 200, json: true, quiet: true, ...extra });
  expect(code).toBe(0);
  return out;
}

const bytes = (v: ReplicationVectors) => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);

describe('scsim run --json', () => {
  it('is byte-identical for --workers 1, 2 and 4 and any --batch-size', async () => {
    const reference = await runJson({ workers: 1 });
    expect(JSON.parse(reference)).toMatchObject({ replications: 200, seed: 7 });
    for (const [workers, batchSize] of [[2, 1], [4, 7]] as const) {
      expect(await runJson({ workers, batchSize }), `--workers ${workers} --batch-size ${batchSize}`).toBe(reference);
    }
    // The shipped command, as a user runs it: a separate process starting its own workers.
    const cli = await promisify(execFile)(process.execPath, [BIN, 'run', SMALL, '--seed', '7', '--replications', '200', '--json', '--workers', '2', '--batch-size', '64', '--quiet']);
    expect(cli.stdout).toBe(reference);
  });
});

describe('ExperimentRunner', () => {
  it('gives the default scenario the same vectors and document in-thread and on 2 workers', async () => {
    const scenario = loadScenario(DEFAULT_SCENARIO);
    const inThread = new ExperimentRunner({ workers: 0 });
    const pooled = new ExperimentRunner({ workers: 2 });
    try {
      const a = await inThread.run(scenario, { seed: 11, count: 4 });
      const b = await pooled.run(scenario, { seed: 11, count: 4 });
      expect(b.count).toBe(4);
      expect(bytes(b).equals(bytes(a))).toBe(true);
      const meta = { scenario: scenario.name, seed: 11, horizonDays: scenario.horizonDays, warmupDays: scenario.warmupDays, confidence: 0.95 };
      expect(toJson(resultsDocument(meta, b))).toBe(toJson(resultsDocument(meta, a)));
    } finally {
      await pooled.close();
    }
  });

  it('keeps the pool across runs and places a run starting at `first` at the right indices', async () => {
    const scenario = loadScenario(SMALL);
    const pooled = new ExperimentRunner({ workers: 2, batchSize: 3 });
    try {
      const whole = await new ExperimentRunner().run(scenario, { seed: 3, count: 30, kpisOnly: true });
      const head = await pooled.run(scenario, { seed: 3, count: 10, kpisOnly: true });
      const tail = await pooled.run(scenario, { seed: 3, first: 10, count: 20, kpisOnly: true });
      expect(whole.layout.length).toBe(whole.layout.kpiCount);
      expect(Buffer.concat([bytes(head), bytes(tail)]).equals(bytes(whole))).toBe(true);
    } finally {
      await pooled.close();
    }
  });

  it('on abort, stops between replications and rejects with the unbroken run completed, equal to a full run’s first ones', async () => {
    const scenario = loadScenario(SMALL);
    const pooled = new ExperimentRunner({ workers: 2, batchSize: 5 });
    const stop = new AbortController();
    let error: unknown;
    try {
      await pooled.run(scenario, { seed: 5, count: 2000, signal: stop.signal, onProgress: (done) => done >= 40 && stop.abort() });
    } catch (err) {
      error = err;
    } finally {
      await pooled.close();
    }
    expect(error).toBeInstanceOf(RunAbortedError);
    const { completed, requested } = error as RunAbortedError;
    expect(requested).toBe(2000);
    // Replication 0 was running or done when the abort came, and a running replication completes.
    expect(completed.count).toBeGreaterThan(0);
    expect(completed.count).toBeLessThan(2000);
    const reference = await new ExperimentRunner().run(scenario, { seed: 5, count: completed.count });
    expect(bytes(completed).equals(bytes(reference))).toBe(true);
  });
});
