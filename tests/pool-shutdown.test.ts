/**
 * Worker pools start and stop without ever aborting the process (issue 21, item 1).
 *
 * The reproducer: `scsim run scenarios/holiday-surge.yaml -n 8 --seed 1225 --horizon 200
 * --warmup 20 -w 4 --json` aborted about once in twenty runs on a busy 2-core machine with
 * `Assertion failed: (data.first) != nullptr` (a thread ended while V8 optimized its code in the
 * background), and `--workers 100` with `FATAL ERROR: v8::Module::IsGraphAsync` (threads ended
 * while loading their entry module). See src/experiment/pool.ts. Both are races, so this test
 * runs the short pooled runs that hit them most, 1–8 threads, several at once: each must exit 0
 * with the same bytes as the in-thread run.
 */
import { describe, expect, it } from 'vitest';
import { scsim } from './helpers/cli-process.ts';

const HOLIDAY = ['run', 'scenarios/holiday-surge.yaml', '--seed', '1225', '--horizon', '60', '--warmup', '5', '--json', '-q'];


/** stderr without the scenario's sanity warnings (the short horizon puts its holiday rush past the end). */
const withoutWarnings = (text: string) => text.split('\n').filter((l) => !/: warning: /.test(l)).join('\n');

describe('starting and stopping worker pools', () => {
  it('never aborts: 1–8 threads, closed while loading and right after short batches, three processes at a time', async () => {
    const reference = await scsim([...HOLIDAY, '-n', '8', '-w', '0']);
    expect(reference.code).toBe(0);
    const jobs: Array<() => Promise<void>> = [];
    for (let threads = 1; threads <= 8; threads++) {
      // One replication: the other threads are still loading when the pool closes.
      jobs.push(async () => {
        const r = await scsim([...HOLIDAY, '-n', '1', '-w', String(threads)]);
        expect({ threads, code: r.code, signal: r.signal, stderr: withoutWarnings(r.stderr) }).toEqual({ threads, code: 0, signal: null, stderr: '' });
      });
      // Batches of one: the pool closes while V8 is still optimizing the event loop.
      jobs.push(async () => {
        const r = await scsim([...HOLIDAY, '-n', '8', '-w', String(threads), '--batch-size', '1']);
        expect({ threads, code: r.code, signal: r.signal, stderr: withoutWarnings(r.stderr) }).toEqual({ threads, code: 0, signal: null, stderr: '' });
        expect(r.stdout).toBe(reference.stdout);
      });
    }
    for (let i = 0; i < jobs.length; i += 3) await Promise.all(jobs.slice(i, i + 3).map((j) => j()));
  }, 600_000);

  it('refuses more than four threads per core with a message naming --workers, before any work', async () => {
    const r = await scsim([...HOLIDAY, '-n', '8', '-w', '100']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^scsim: --workers must be at most \d+, got 100 \(4 per core on this \d+-core machine; more threads only share the same cores\)\n$/);
  });
});
