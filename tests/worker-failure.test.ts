/**
 * A replication that throws stops the whole run with one line naming the replication and the
 * scenario, exit code 1 — whether it threw in a worker thread or in the main thread.
 * SCSIM_FAULT_REPLICATION (see src/experiment/batch.ts) makes replication N throw.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ReplicationError } from '../src/experiment/batch.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { loadScenario } from '../src/scenario/load.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'scsim-worker-failure-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.SCSIM_FAULT_REPLICATION;
});

async function failure(workers: number, batchSize?: number): Promise<unknown> {
  // Set before the pool starts: worker threads copy the environment when they are created.
  process.env.SCSIM_FAULT_REPLICATION = '23';
  const runner = new ExperimentRunner({ workers, batchSize });
  try {
    await runner.run(loadScenario(SMALL), { seed: 1, count: 200 });
  } catch (err) {
    return err;
  } finally {
    await runner.close();
  }
  throw new Error('the run did not fail');
}

describe('a replication that throws', () => {
  it('rejects the run with a ReplicationError naming it, from a worker thread', async () => {
    const err = await failure(2, 4);
    expect(err).toBeInstanceOf(ReplicationError);
    expect(err).toMatchObject({ replication: 23, reason: 'injected fault (SCSIM_FAULT_REPLICATION)' });
    expect((err as Error).message).toBe('replication 23: injected fault (SCSIM_FAULT_REPLICATION)');
  });

  it('and the same from the main thread', async () => {
    expect(await failure(0)).toMatchObject({ replication: 23, message: 'replication 23: injected fault (SCSIM_FAULT_REPLICATION)' });
  });

  it('makes scsim run print one line with the scenario and the replication, exit 1, and write nothing', async () => {
    const dir = join(tmp, 'out');
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, 'run', SMALL, '-n', '200', '--workers', '2', '--out', dir, '--quiet'],
        { env: { ...process.env, SCSIM_FAULT_REPLICATION: '37' } },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`scsim: ${SMALL}: replication 37 failed: injected fault (SCSIM_FAULT_REPLICATION)\n`);
    expect(result.stdout).toBe('');
    expect(existsSync(dir)).toBe(false);
  });
});
