/**
 * Runs replications of a scenario and gathers their KPI vectors in replication order.
 *
 * An ExperimentRunner is started once per experiment (a run, a sweep, a comparison) and
 * reused for every scenario variant in it: its worker pool is created on the first `run` and
 * kept until `close()`, so worker start-up and JIT warm-up are paid once.
 *
 * Determinism: a replication's vector depends only on (scenario, seed, index), and each batch's
 * vectors are copied to the slots of their indices, so the result is the same whatever the
 * worker count, the batch size or the order in which batches finish.
 */
import type { Scenario } from '../scenario/schema.ts';
import {
  type BatchTask,
  createStopFlag,
  executeBatchInto,
  kpisOnlyLayout,
  NetworkCache,
  oneLine,
  raiseStopFlag,
  ReplicationError,
  scenarioKey,
  vectorLength,
} from './batch.ts';
// Loaded when the first pool starts: piscina is not needed by runs in this thread.
import type { ReplicationPool } from './pool.ts';
import type { ReplicationVectors } from './results.ts';
import { SeriesSink, SeriesSummary } from './series-summary.ts';

export interface RunnerOptions {
  /** Worker threads; 0 runs in this thread. Default 0. */
  workers?: number;
  /** Replications per batch sent to a worker; default `defaultBatchSize(count, workers)`. */
  batchSize?: number;
  /**
   * With `workers` > 0: the work [s] worth doing in this thread rather than starting the pool.
   * Replications run here while the time spent so far plus the estimate for the rest of the
   * run (from the speed of the replications done) stays within it; past it, the pool starts
   * and takes the rest. Starting workers costs each of them a process-worth of start-up and JIT
   * warm-up, which a run of about a second does not win back. Default 0: the pool at once.
   * The results are the same either way (a replication's vector depends only on its index).
   */
  mainThreadBudget?: number;
  /**
   * In-thread runs (workers 0, or before the pool starts): called from inside a replication that runs long (every ≈ 10⁶
   * events), when this thread cannot react to anything else, then `end()` once it is over.
   * The CLI hands Ctrl-C back to the operating system meanwhile (src/cli/interrupt.ts).
   */
  longReplication?: { begin(): void; end(): void };
}

export interface RunRange {
  /** Master seed. */
  seed: number;
  /** First replication index (default 0). */
  first?: number;
  /** Number of replications. */
  count: number;
  /** Called as batches finish, with the number of replications of this call done so far. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Stops the run: no new batch starts, running ones stop after their current replication, and
   * the promise rejects with a `RunAbortedError` holding the replications completed without a
   * gap from the first.
   */
  signal?: AbortSignal;
  /** Keep only the KPIs of each replication, not the time series (a sevenfold saving). */
  kpisOnly?: boolean;
  /**
   * Summarise the time series into this (see `summarizeSeries`) instead of keeping them: the
   * vectors returned hold the KPIs only and carry the summary. It must hold replications
   * 0 … first − 1 already; they are added in index order whatever order batches finish in.
   */
  seriesSummary?: SeriesSummary;
}

/** The run was aborted; `completed` holds replications first … first + completed.count − 1. */
export class RunAbortedError extends Error {
  override name = 'AbortError';
  constructor(
    readonly completed: ReplicationVectors,
    /** Replications the run was asked for. */
    readonly requested: number,
  ) {
    super(`run aborted after ${completed.count} of ${requested} replications`);
  }
}

/** Batches in flight per worker: one running, one queued so a thread never waits for the main one. */
const IN_FLIGHT_PER_WORKER = 2;
/** With a series summary: batches dispatched ahead of the oldest unfinished one, per worker. */
const REORDER_BATCHES_PER_WORKER = 8;
/** In-thread runs give the event loop a turn this often [ms] (progress timers, Ctrl-C). */
const YIELD_EVERY_MS = 20;

/**
 * Default replications per batch: about eight batches per worker, so the last batches to
 * finish are short and no thread idles long at the end, but at most 64 so progress moves.
 */
export function defaultBatchSize(count: number, workers: number): number {
  return Math.min(64, Math.max(1, Math.ceil(count / (Math.max(1, workers) * 8))));
}

export class ExperimentRunner {
  readonly workers: number;
  /** Fixed batch size, or undefined for `defaultBatchSize`. */
  readonly batchSize: number | undefined;
  /** See RunnerOptions.mainThreadBudget [ms]. */
  private readonly budgetMs: number;
  /** Time spent running replications in this thread while the pool was not started [ms]. */
  private inThreadMs = 0;
  private readonly longReplication: RunnerOptions['longReplication'];
  private pool: ReplicationPool | undefined;
  private readonly cache = new NetworkCache();

  constructor(opts: RunnerOptions = {}) {
    const { workers = 0, batchSize, mainThreadBudget = 0, longReplication } = opts;
    this.longReplication = longReplication;
    if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers must be a non-negative integer, got ${workers}`);
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    if (!(mainThreadBudget >= 0)) throw new RangeError(`mainThreadBudget must be a non-negative number of seconds, got ${mainThreadBudget}`);
    this.workers = workers;
    this.batchSize = batchSize;
    this.budgetMs = mainThreadBudget * 1000;
  }

  /** True once the worker pool has been started (it stays until `close()`). */
  get poolStarted(): boolean {
    return this.pool !== undefined;
  }

  /** Runs replications [first, first + count) of `scenario`; vectors in replication order. */
  async run(scenario: Scenario, range: RunRange): Promise<ReplicationVectors> {
    const { count, seed } = range;
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
    const first = range.first ?? 0;
    const kpisOnly = range.kpisOnly ?? false;
    const summary = range.seriesSummary;
    if (summary && (kpisOnly || summary.count !== first))
      throw new RangeError(kpisOnly ? 'seriesSummary goes without kpisOnly' : `series summary holds ${summary.count} replications, the run starts at ${first}`);
    const key = scenarioKey(scenario);
    // Built here too: for the layout, and so a scenario that cannot be built fails before any thread starts.
    const { layout: full } = this.cache.get(key, scenario);
    const layout = kpisOnly || summary ? kpisOnlyLayout(full) : full;
    const L = layout.length;
    const data = new Float64Array(count * L);
    // With a summary the threads still return whole vectors: the series go into it here.
    const task: BatchTask = { key, scenario, seed, first, count: 0, kpisOnly };
    const out: Out = { data, L, W: vectorLength(full, kpisOnly), summary };
    const done =
      this.workers === 0
        ? await this.runInThread(task, count, out, range)
        : this.pool === undefined && this.budgetMs > 0
          ? await this.runInThreadThenPooled(task, count, out, range)
          : await this.runPooled(task, count, out, range);
    const seriesSummary = summary ? { seriesSummary: summary } : {};
    if (done < count) throw new RunAbortedError({ layout, count: done, data: data.slice(0, done * L), ...seriesSummary }, count);
    return { layout, count, data, ...seriesSummary };
  }

  /** An empty series summary for up to `capacity` replications of `scenario` (RunRange.seriesSummary). */
  summarizeSeries(scenario: Scenario, capacity: number): SeriesSummary {
    return new SeriesSummary(this.cache.get(scenarioKey(scenario), scenario).layout, capacity);
  }

  /**
   * Returns how many replications completed without a gap (count unless aborted, or until
   * `enough(i)` said to stop before replication i).
   */
  private async runInThread(task: BatchTask, count: number, out: Out, range: RunRange, enough?: (i: number) => boolean): Promise<number> {
    const { data, L, summary } = out;
    const sink = summary ? new SeriesSink(summary, data, L, out.W) : undefined;
    const whole = sink ? new Float64Array(out.W) : data;
    let lastYield = performance.now();
    const long = this.longReplication;
    let inLong = false;
    /** Whether the replication running reached a checkpoint (≈ 10⁶ events): a long one. */
    let wasLong = true; // the first replication may be long: treat it so from its start
    const onCheckpoint = long
      ? () => {
          wasLong = true;
          if (!inLong) long.begin();
          inLong = true;
        }
      : null;
    // A turn of the event loop first: a signal that arrived while the scenario was being
    // loaded and built (synchronous work) is seen before the first replication starts.
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < count; i++) {
      if (range.signal?.aborted || enough?.(i)) return i;
      // After a long replication the next one starts long already (a signal arriving between its
      // start and its first checkpoint would otherwise wait for its end).
      if (long && wasLong && !inLong) {
        long.begin();
        inLong = true;
      }
      wasLong = false;
      try {
        const done = executeBatchInto({ ...task, first: task.first + i, count: 1 }, this.cache, whole, sink ? 0 : i * L, onCheckpoint);
        if (sink && done === 1) sink.put(i, whole);
      } finally {
        if (inLong) long!.end();
        inLong = false;
      }
      range.onProgress?.(i + 1, count);
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    return count;
  }

  /**
   * In this thread while the work stays within the main-thread budget (see RunnerOptions), then
   * the rest on the pool; the vectors land in the same slots either way.
   */
  private async runInThreadThenPooled(task: BatchTask, count: number, out: Out, range: RunRange): Promise<number> {
    const t0 = performance.now();
    const spentBefore = this.inThreadMs;
    // The first replications run cold (the JIT compiling; 10–50× slower than later ones), so the
    // speed is that of the latest window of a twentieth of the budget, and judged only after a
    // fifth of it.
    const window = this.budgetMs / 20;
    let markMs = 0;
    let markRep = 0;
    /** Time per replication [ms] over the latest window. */
    let msPerRep = Number.POSITIVE_INFINITY;
    const overBudget = (i: number) => {
      const elapsed = performance.now() - t0;
      if (spentBefore + elapsed > this.budgetMs) return true;
      if (elapsed - markMs >= window) {
        msPerRep = (elapsed - markMs) / Math.max(1, i - markRep);
        markMs = elapsed;
        markRep = i;
      }
      if (elapsed < this.budgetMs / 5) return false;
      return spentBefore + elapsed + msPerRep * (count - i) > this.budgetMs;
    };
    const here = await this.runInThread(task, count, out, range, overBudget);
    this.inThreadMs += performance.now() - t0;
    if (here === count || range.signal?.aborted) return here;
    const rest = await this.runPooled({ ...task, first: task.first + here }, count - here, { ...out, data: out.data.subarray(here * out.L) }, {
      ...range,
      onProgress: range.onProgress && ((done: number) => range.onProgress!(here + done, count)),
    });
    return here + rest;
  }

  /** Batches to the pool, a few in flight per worker, in index order; see `runInThread` for the result. */
  private async runPooled(task: BatchTask, count: number, out: Out, range: RunRange): Promise<number> {
    if (count === 0) return 0;
    const { data, L, W } = out;
    /** Buffers batches returned, read and free to hand to the next batch (BatchTask.buffer). */
    const spare: Float64Array[] = [];
    const recycle = (v: Float64Array) => spare.push(new Float64Array(v.buffer));
    const sink = out.summary ? new SeriesSink(out.summary, data, L, W, recycle) : undefined;
    if (!this.pool) {
      const { ReplicationPool } = await import('./pool.ts');
      this.pool ??= new ReplicationPool(this.workers);
    }
    const pool = this.pool;
    const size = this.batchSize ?? defaultBatchSize(count, this.workers);
    const batches = Math.ceil(count / size);
    /** Replications completed per batch, from its start (a stopped batch returns fewer). */
    const completed = new Int32Array(batches);
    // Stopping (abort or failure) raises the shared flag: running batches return after their
    // current replication, with what they did; batches not yet started return at once.
    const stop = createStopFlag();
    let stopped = false;
    const halt = () => {
      stopped = true;
      raiseStopFlag(stop);
    };
    range.signal?.addEventListener('abort', halt, { once: true });
    if (range.signal?.aborted) halt();
    let failure: Error | undefined;
    let doneReps = 0;
    try {
      await new Promise<void>((resolve) => {
        let next = 0;
        // With a summary, batches that finished ahead of an earlier one wait for it: a bounded number.
        const withinWindow = () => !sink || next - Math.floor(sink.next / size) < this.workers * REORDER_BATCHES_PER_WORKER;
        let inFlight = 0;
        const pump = () => {
          while (!stopped && next < batches && inFlight < this.workers * IN_FLIGHT_PER_WORKER && withinWindow()) {
            const b = next++;
            const offset = b * size;
            const n = Math.min(size, count - offset);
            inFlight++;
            pool
              .run({ ...task, first: task.first + offset, count: n, stop, buffer: spare.pop() })
              .then(
                (vectors) => {
                  const k = vectors.length / W;
                  if (!Number.isInteger(k) || k > n) throw new Error(`worker returned ${vectors.length} values, expected ${n * W}`);
                  if (sink) sink.put(offset, vectors);
                  else {
                    data.set(vectors, offset * L);
                    recycle(vectors);
                  }
                  completed[b] = k;
                  doneReps += k;
                  if (k > 0) range.onProgress?.(doneReps, count);
                },
                (err: unknown) => {
                  failure ??= ReplicationError.from(err) ?? batchError(task.first + offset, n, err);
                  halt();
                },
              )
              .catch((err: unknown) => {
                failure ??= batchError(task.first + offset, n, err);
                halt();
              })
              .finally(() => {
                inFlight--;
                if (inFlight === 0 && (stopped || next >= batches)) resolve();
                else pump();
              });
          }
        };
        pump();
        if (inFlight === 0) resolve();
      });
    } finally {
      range.signal?.removeEventListener('abort', halt);
    }
    if (failure) throw failure;
    // The unbroken run from the first replication: whole batches, then the start of the first short one.
    let prefix = 0;
    for (let b = 0; b < batches; b++) {
      prefix += completed[b]!;
      if (completed[b]! < Math.min(size, count - b * size)) break;
    }
    return prefix;
  }

  /** Stops the workers. The runner can be used again (a new pool starts on the next run). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}

/** Where a run's vectors go: `data` at stride L; with `summary`, threads return W > L entries a replication. */
interface Out {
  data: Float64Array;
  /** Entries kept per replication. */
  L: number;
  /** Entries a batch returns per replication. */
  W: number;
  summary: SeriesSummary | undefined;
}

/** A batch that failed without naming a replication (e.g. its thread died). */
function batchError(first: number, count: number, err: unknown): Error {
  const range = count === 1 ? `replication ${first}` : `replications ${first}-${first + count - 1}`;
  return new Error(`${range}: ${oneLine(err)}`);
}

/** Convenience: one run with a runner of its own. */
export async function runReplications(
  scenario: Scenario,
  opts: { replications: number; seed: number; workers?: number; onProgress?: (done: number, total: number) => void },
): Promise<ReplicationVectors> {
  const runner = new ExperimentRunner({ workers: opts.workers ?? 0 });
  try {
    return await runner.run(scenario, { seed: opts.seed, count: opts.replications, onProgress: opts.onProgress });
  } finally {
    await runner.close();
  }
}
