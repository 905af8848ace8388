/**
 * A sharded run on a real Slurm cluster: scripts/slurm-setup.sh brings up a single-node cluster
 * on 127.0.0.1 (munged, slurmctld, slurmd), deploy/slurm/submit.sh submits a job array of shard
 * tasks and a merge job that depends on it (afterok), and the merged results must be the bytes
 * of a single-machine run.
 *
 * Needs Debian's slurmctld, slurmd, slurm-client and munge, and root (the daemons run as root).
 * Outside CI the test is skipped when those packages are absent; in CI (CI=true) it always runs,
 * and .ci/run installs them (bash scripts/slurm-setup.sh).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = join(ROOT, 'tests/fixtures/shard-small.yaml');
const REPLICATIONS = 13;
const SHARDS = 3;
const SEED = 11;
const TIMEOUT_MS = 150_000;

/** Where a Slurm/munge program is, or undefined (they live in /usr/sbin, often off PATH). */
function which(program: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin'])
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  return undefined;
}

const missing = ['slurmctld', 'slurmd', 'sbatch', 'scontrol', 'munged'].filter((p) => !which(p));
const inCi = process.env.CI === 'true';
if (missing.length > 0 && !inCi)
  console.warn(
    `slurm-integration: skipped — ${missing.join(', ')} not installed (apt-get install slurmctld slurmd slurm-client munge, then bash scripts/slurm-setup.sh); in CI this test runs`,
  );

/** The environment of the submitting shell: no array-job variables of an enclosing job. */
function submitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(SLURM_|SBATCH_|AWS_BATCH_|JOB_COMPLETION_INDEX$|SCSIM_SHARDS$)/.test(k)) env[k] = v;
  return { ...env, PATH: `${env.PATH ?? ''}:/usr/sbin:/sbin`, SCSIM: `${process.execPath} ${join(ROOT, 'bin/scsim.js')}` };
}

/** State of a Slurm job (`COMPLETED`, `PENDING`, …), from scontrol. */
async function jobState(id: string): Promise<string> {
  const { stdout } = await exec('scontrol', ['show', 'job', '-o', id], { env: submitEnv() });
  return /JobState=(\S+)/.exec(stdout)?.[1] ?? 'UNKNOWN';
}

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'PREEMPTED']);

/** Polls until the job ends (scontrol keeps finished jobs for MinJobAge, 300 s in our slurm.conf). */
async function waitForJob(id: string, deadline: number): Promise<string> {
  for (;;) {
    const state = await jobState(id);
    if (FINAL.has(state)) return state;
    if (Date.now() > deadline) throw new Error(`Slurm job ${id} still ${state} at the deadline`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe.skipIf(missing.length > 0 && !inCi)('Slurm job array with an afterok merge', () => {
  let dir: string;

  beforeAll(() => {
    if (missing.length > 0)
      throw new Error(`CI=true but ${missing.join(', ')} missing: .ci/run must run "bash scripts/slurm-setup.sh" before the tests`);
    // Starts munged, slurmctld and slurmd unless the cluster is already up (then it returns at once).
    execFileSync('bash', [join(ROOT, 'scripts/slurm-setup.sh'), '--no-install'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 60_000 });
    dir = mkdtempSync(join(tmpdir(), 'scsim-slurm-'));
  }, 90_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'runs the shards as array tasks, merges after all succeed, and matches a single-machine run byte for byte',
    async () => {
      const deadline = Date.now() + TIMEOUT_MS - 20_000;
      const work = join(dir, 'study');
      const command = ['run', SCENARIO, '--replications', String(REPLICATIONS), '--seed', String(SEED), '--block-size', '3'];
      const submitted = exec(join(ROOT, 'deploy/slurm/submit.sh'), ['-n', String(SHARDS), '-d', work, '-c', '1', '--', ...command], {
        cwd: dir,
        env: submitEnv(),
      });
      // The single-machine run, meanwhile (settled here so a failure is reported where it is awaited).
      const single = exec(process.execPath, [join(ROOT, 'bin/scsim.js'), ...command.slice(0, -2), '-q', '-w', '0', '--out', join(dir, 'single')], {
        env: submitEnv(),
      }).then(
        () => undefined,
        (err: Error) => err,
      );
      const { stdout } = await submitted;
      const m = /array job (\d+), merge job (\d+)/.exec(stdout);
      expect(m, stdout).not.toBeNull();
      const [, arrayId, mergeId] = m!;

      const state = await waitForJob(mergeId!, deadline);
      const log = (name: string) => (existsSync(join(work, 'logs', name)) ? readFileSync(join(work, 'logs', name), 'utf8') : '(no log)');
      expect(state, `merge job ${mergeId}: ${log('merge.out')}\nshard logs: ${[0, 1, 2].map((k) => log(`shard-${k}.out`)).join('\n')}`).toBe('COMPLETED');
      // Every array task ran under Slurm (its own SLURM_ARRAY_TASK_ID) and wrote its own shard.
      expect(await jobState(`${arrayId}_0`)).toBe('COMPLETED');
      expect(readdirSync(join(work, 'shards')).sort()).toEqual([0, 1, 2].map((k) => `shard-${k}-of-${SHARDS}.bin`));
      expect(log('merge.out')).toContain(`merged ${REPLICATIONS} replications from 3 shard files of 3`);

      const failed = await single;
      if (failed) throw failed;
      for (const name of ['results.json', 'replications.csv', 'scenario.json'])
        expect(readFileSync(join(work, 'results', name)).equals(readFileSync(join(dir, 'single', name))), name).toBe(true);
    },
    TIMEOUT_MS,
  );
});
