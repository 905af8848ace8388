/**
 * The worker-thread pool that runs batches of replications (a piscina pool; the message
 * protocol is src/experiment/batch.ts).
 *
 * Worker entry: from the bundle (bin/scsim.js, `npm run bench`) the threads start from
 * dist/worker.mjs, plain JavaScript; from the TypeScript sources (`npx tsx`, vitest, the library
 * API) they run workers/replicate.ts with `--import <tsx loader>`, the loader resolved from this
 * file rather than by the bare name `tsx`, so the pool works whatever the current directory.
 *
 * All threads start at once and stay alive until `close()`: start-up and JIT warm-up are paid
 * once per experiment, not once per batch.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { BUNDLED, projectFile } from '../project-paths.ts';
import type { BatchTask } from './batch.ts';

/** Entry module of a worker thread, and the Node options it needs. */
function workerEntry(): { filename: string; execArgv: string[] } {
  if (BUNDLED) return { filename: pathToFileURL(projectFile('dist', 'worker.mjs')).href, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename: pathToFileURL(projectFile('workers', 'replicate.ts')).href, execArgv: ['--import', tsx] };
}

export class ReplicationPool {
  private readonly piscina: Piscina<BatchTask, Float64Array>;
  /** An error of the pool itself (not of a task), e.g. a worker that could not start. */
  private poolError: Error | undefined;

  constructor(
    /** Worker threads, ≥ 1. */
    readonly threads: number,
  ) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    this.piscina = new Piscina({
      ...workerEntry(),
      minThreads: threads,
      maxThreads: threads,
      // Keep the threads for the whole experiment; close() ends them.
      idleTimeout: 2 ** 31 - 1,
    });
    // Without a listener an 'error' event would crash the process; remember it and fail the
    // next task with it instead.
    this.piscina.on('error', (err: unknown) => {
      this.poolError = err instanceof Error ? err : new Error(String(err));
    });
  }

  /** Runs one batch on a free thread (queued until one is free). To stop it early, raise `task.stop`. */
  async run(task: BatchTask): Promise<Float64Array> {
    if (this.poolError) throw this.poolError;
    return await this.piscina.run(task);
  }

  /** Ends every thread; queued and running batches are abandoned. */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
