/**
 * A batch of replications: the unit of work a worker thread (or the main thread, when running
 * in-thread) is given, and the message protocol between the two.
 *
 * A batch is `{key, scenario, seed, first, count, kpisOnly}` one way and one packed
 * Float64Array (replication-major, see results.ts) the other way. Nothing per event crosses a
 * thread: a replication runs start to finish where it started and only its KPI vector leaves.
 *
 * A batch can be stopped between replications through `stop`, a flag shared with the main
 * thread (a SharedArrayBuffer: no message needs to reach a busy thread): it then returns the
 * vectors of the replications it completed, fewer than asked. Ctrl-C thus waits for at most one
 * replication per thread, and keeps every replication already done.
 *
 * A replication that throws stops its batch with a `ReplicationError` whose message starts
 * with `replication <index>: `, so the failing index survives the trip across threads (errors
 * cross as plain messages) and reaches the user in one line.
 */
import { createHash } from 'node:crypto';
import { RunawaySimulation, SimulationStopped } from '../engine/simulator.ts';
import { kpiLayout, type KpiLayout } from '../model/kpis.ts';
import { buildNetwork, type Network } from '../model/network.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runReplication } from './replicate.ts';

/** The message a thread posts once its entry module has loaded (see src/experiment/pool.ts). */
export const THREAD_LOADED = 'scsim:thread-loaded';

/** What a worker is asked to run: replications [first, first + count) of one scenario. */
export interface BatchTask {
  /** Identity of the scenario (see `scenarioKey`): workers cache the built network under it. */
  key: string;
  scenario: Scenario;
  /** Master seed. */
  seed: number;
  /** First replication index. */
  first: number;
  /** Number of replications. */
  count: number;
  /** Return only the KPI entries of each vector, not the time series (see `vectorLength`). */
  kpisOnly: boolean;
  /** Stop flag shared with the main thread: non-zero means return what is done. */
  stop?: Int32Array;
  /**
   * A buffer an earlier batch returned, handed back (transferred) to be written into if large
   * enough: the main thread then receives no new buffer per batch, which it would only free at
   * its next garbage collection (tens of MB of them on a 100,000-replication run).
   */
  buffer?: Float64Array;
}

/** A stop flag to share with batches (`BatchTask.stop`). */
export function createStopFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Raises a stop flag: batches return after the replication they are running. */
export function raiseStopFlag(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
}

/** Entries per replication that a batch returns. */
export function vectorLength(layout: KpiLayout, kpisOnly: boolean): number {
  return kpisOnly ? layout.kpiCount : layout.length;
}

/** The layout of vectors returned with `kpisOnly`: the same KPIs, no series. */
export function kpisOnlyLayout(layout: KpiLayout): KpiLayout {
  return { ...layout, series: [], length: layout.kpiCount };
}

/** A stable identity for a scenario: SHA-1 of its JSON (scenarios are plain data). */
export function scenarioKey(scenario: Scenario): string {
  return createHash('sha1').update(JSON.stringify(scenario)).digest('hex');
}

/** A runaway replication (see RunawaySimulation) in the user's terms: what happened and the likely cause. */
export function runawayReason(err: RunawaySimulation): string {
  const cause = err.stuck
    ? 'events repeat at the same moment without end; likely a time that is always 0 (between orders, lead, transit, processing or shelf life) in a loop of events'
    : 'the model runs far more events per simulated day than any real network; likely a time that is nearly 0 (between orders, lead, transit or processing) or a huge order rate';
  return `${err.message}: ${cause}`;
}

/** A replication that threw. The message names its index: `replication 17: <cause>`. */
export class ReplicationError extends Error {
  override name = 'ReplicationError';
  constructor(
    /** Index of the replication that failed. */
    readonly replication: number,
    /** What went wrong, one line. */
    readonly reason: string,
  ) {
    super(`replication ${replication}: ${reason}`);
  }

  /** Recovers the index from an error that crossed a thread (only its message survives). */
  static from(err: unknown): ReplicationError | undefined {
    if (err instanceof ReplicationError) return err;
    const m = /^replication (\d+): (.*)$/s.exec(err instanceof Error ? err.message : '');
    return m ? new ReplicationError(Number(m[1]), m[2]!) : undefined;
  }
}

/** First line of an error's message: what the user sees must fit on one line. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.split('\n', 1)[0]!.trim();
}

interface Built {
  net: Network;
  layout: KpiLayout;
}

/**
 * Built networks by scenario key, least recently used dropped first. Building the default
 * scenario takes milliseconds, but a worker gets the same scenario for every batch of an
 * experiment, and a sweep alternates between a handful.
 */
export class NetworkCache {
  private readonly built = new Map<string, Built>();

  constructor(private readonly capacity = 8) {}

  get(key: string, scenario: Scenario): Built {
    let b = this.built.get(key);
    if (b) {
      this.built.delete(key); // re-insert: Map order is the recency order
    } else {
      const net = buildNetwork(scenario);
      b = { net, layout: kpiLayout(net) };
      if (this.built.size >= this.capacity) this.built.delete(this.built.keys().next().value!);
    }
    this.built.set(key, b);
    return b;
  }
}

/**
 * Test switch for the failure path: when SCSIM_FAULT_REPLICATION is set to an index, that
 * replication throws as a model error would. The model validates its input so well that no
 * real scenario makes it throw on demand, yet the path from a throwing replication to the
 * user's one-line message (across threads, through the pool, out of the CLI) must be tested
 * end to end. Read per batch, so a test can set it after this module is loaded.
 */
function faultIndex(): number {
  const text = process.env.SCSIM_FAULT_REPLICATION;
  return text !== undefined && text !== '' ? Number(text) : -1;
}

/**
 * Runs a batch and returns its vectors packed replication-major: `count` of them, or fewer if
 * the stop flag was raised. Same code in every thread.
 */
export function executeBatch(task: BatchTask, cache: NetworkCache): Float64Array {
  const built = cache.get(task.key, task.scenario);
  const L = vectorLength(built.layout, task.kpisOnly);
  const n = task.count * L;
  const out = task.buffer && task.buffer.length >= n ? task.buffer : new Float64Array(n);
  const done = runInto(task, built, out, 0);
  return out.subarray(0, done * L);
}

/**
 * As executeBatch, but writes the vectors into `out` from `offset` (the caller's results array:
 * nothing allocated per replication) and returns how many replications completed.
 */
export function executeBatchInto(
  task: BatchTask,
  cache: NetworkCache,
  out: Float64Array,
  offset: number,
  onCheckpoint: (() => void) | null = null,
): number {
  return runInto(task, cache.get(task.key, task.scenario), out, offset, onCheckpoint);
}

function runInto(task: BatchTask, { net, layout }: Built, out: Float64Array, offset: number, onCheckpoint: (() => void) | null = null): number {
  const L = vectorLength(layout, task.kpisOnly);
  const fault = faultIndex();
  for (let i = 0; i < task.count; i++) {
    if (task.stop && Atomics.load(task.stop, 0) !== 0) return i;
    const index = task.first + i;
    let v: Float64Array;
    try {
      if (index === fault) throw new Error('injected fault (SCSIM_FAULT_REPLICATION)');
      v = runReplication(net, layout, task.seed, index, task.stop ?? null, onCheckpoint);
    } catch (err) {
      // Stopped mid-replication (Ctrl-C): it does not count; the batch returns what it completed.
      if (err instanceof SimulationStopped) return i;
      if (err instanceof RunawaySimulation) throw new ReplicationError(index, runawayReason(err));
      throw new ReplicationError(index, oneLine(err));
    }
    // Vectors with series: the KPIs are their first L entries.
    const at = offset + i * L;
    for (let k = 0; k < L; k++) out[at + k] = v[k]!;
  }
  return task.count;
}
