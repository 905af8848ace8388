/**
 * Signals (issue 21, items 2 and 5): Ctrl-C, SIGTERM and SIGHUP stop a run inside a long
 * replication, in the main thread (`-w 0`) as in workers, with no files written and the exit
 * status 128 + the signal's number. The replication is the run's last (and only) one: it used to
 * finish, write its files and exit 0, or (in the main thread) ignore the signal to the end.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scsim } from './helpers/cli-process.ts';

const tmp = mkdtempSync(join(tmpdir(), 'scsim-signals-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One replication of the default scenario over 300 years: a minute or more, far longer than the test waits. */
async function interrupted(signal: NodeJS.Signals, workers: string) {
  const out = join(tmp, `${signal}-${workers}`);
  const started = Date.now();
  // Whenever it lands (start-up, between replications, inside one), the outcome must be the same.
  const r = await scsim(['run', '--horizon', '110000', '--warmup', '10', '-n', '1', '-w', workers, '--out', out, '-q'], {
    onStart: (child) => setTimeout(() => child.kill(signal), 4000),
  });
  return { ...r, seconds: (Date.now() - started) / 1000, wrote: existsSync(out) };
}

describe('a signal during the last replication', () => {
  it.each([
    ['SIGINT', '0'],
    ['SIGTERM', '0'],
    ['SIGINT', '2'],
    ['SIGHUP', '2'],
  ] as const)('%s with -w %s stops it: status 128 + n, no files', async (signal, workers) => {
    const r = await interrupted(signal, workers);
    const code = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal];
    // In the main thread the default action ends the process (killed by the signal: a shell
    // shows 128 + n); with workers the run stops cleanly and exits 128 + n itself.
    if (r.signal !== null) expect(r.signal).toBe(signal);
    else expect(r.code).toBe(code);
    expect(r.wrote).toBe(false);
    expect(r.seconds).toBeLessThan(60);
  }, 120_000);
});
