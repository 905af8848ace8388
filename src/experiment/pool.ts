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
 *
 * Shutting threads down safely (Node 20 aborts the whole process otherwise, about one short run
 * in twenty on a busy machine):
 * - **No background optimizing compiler in the threads.** When a thread ends, Node unregisters
 *   its V8 isolate from the platform before disposing of it; a TurboFan job of that isolate
 *   still running on a platform thread then asks for the unregistered isolate's task runner and
 *   the process dies with `node_platform.cc … Assertion failed: (data.first) != nullptr`. Short
 *   runs end exactly while V8 is optimizing the event loop (with the raised inlining budget of
 *   src/engine/jit-tuning.ts, a long job). So the pool turns V8's concurrent recompilation off
 *   before its threads' isolates exist: each thread then compiles in line, as it would have had
 *   to wait for the same core anyway. The flag is read when an isolate is created, so the main
 *   thread keeps its own background compiler.
 * - **No thread terminated while it loads its entry module.** Terminated inside Node's
 *   `require` of an ES module, a thread aborts the process with `FATAL ERROR:
 *   v8::Module::IsGraphAsync` (many threads on few cores, a run shorter than their start-up).
 *   Each thread announces when its entry module has loaded (`THREAD_LOADED`), and `close()`
 *   waits for every thread to have loaded, or died, before ending them.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { BUNDLED, projectFile } from '../project-paths.ts';
import { type BatchTask, THREAD_LOADED } from './batch.ts';

let inlineCompilation = false;

/** Turns off V8's background optimizing compiler for isolates created from now on (see above). */
function compileInLine(): void {
  if (inlineCompilation) return;
  inlineCompilation = true;
  setFlagsFromString('--no-concurrent-recompilation');
}

/** Resolves when `worker` has loaded its entry module, or has ended or failed trying. */
function loaded(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (m === THREAD_LOADED) done();
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('exit', done);
      worker.off('error', done);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('exit', done);
    worker.once('error', done);
  });
}

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
  /** Resolves once every thread has loaded its entry module (or died). */
  private readonly threadsLoaded: Promise<unknown>;

  constructor(
    /** Worker threads, ≥ 1. */
    readonly threads: number,
  ) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    compileInLine();
    this.piscina = new Piscina({
      ...workerEntry(),
      minThreads: threads,
      maxThreads: threads,
      // Keep the threads for the whole experiment; close() ends them.
      idleTimeout: 2 ** 31 - 1,
      // A replication allocates almost nothing (the model is reused), so a small young
      // generation costs no speed (bench: replications/s and worker/main unchanged) and keeps
      // ≈ 15 MiB per process off the peak (bench/README.md, memory).
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    // Without a listener an 'error' event would crash the process; remember it and fail the
    // next task with it instead.
    this.piscina.on('error', (err: unknown) => {
      this.poolError = err instanceof Error ? err : new Error(String(err));
    });
    // Piscina creates its minimum of threads in its constructor.
    this.threadsLoaded = Promise.all(this.piscina.threads.map(loaded));
  }

  /**
   * Runs one batch on a free thread (queued until one is free). To stop it early, raise `task.stop`.
   * `task.buffer` is transferred (no longer usable here).
   */
  async run(task: BatchTask): Promise<Float64Array> {
    if (this.poolError) throw this.poolError;
    return await this.piscina.run(task, task.buffer ? { transferList: [task.buffer.buffer as ArrayBuffer] } : {});
  }

  /** Ends every thread (once each has loaded, see above); queued and running batches are abandoned. */
  async close(): Promise<void> {
    await this.threadsLoaded;
    await this.piscina.destroy();
  }
}
