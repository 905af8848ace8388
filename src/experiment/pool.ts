/**
 * The worker-thread pool that runs batches of replications (a piscina pool; the worker entry
 * is workers/replicate.ts, the message protocol is src/experiment/batch.ts).
 *
 * The workers are TypeScript run as is: each thread starts with `--import <tsx loader>`, the
 * loader resolved from this file rather than by the bare name `tsx`, so the pool works whatever
 * the current directory and however the main thread itself was started (bin/scsim.js, `npx
 * tsx`, vitest).
 *
 * All threads start at once and stay alive until `close()`: start-up and JIT warm-up are paid
 * once per experiment, not once per batch.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { BatchTask } from './batch.ts';

/** Entry module of a worker thread. */
const WORKER_ENTRY = new URL('../../workers/replicate.ts', import.meta.url).href;

/** The tsx ESM loader as a file URL, for the workers' `--import`. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
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
      filename: WORKER_ENTRY,
      minThreads: threads,
      maxThreads: threads,
      // Keep the threads for the whole experiment; close() ends them.
      idleTimeout: 2 ** 31 - 1,
      execArgv: ['--import', tsxLoader()],
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
