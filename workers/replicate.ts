/**
 * Worker-thread entry of the replication pool (see src/experiment/pool.ts): runs one batch of
 * replications and hands its packed KPI vectors back without copying them (`move` transfers
 * the buffer). Built networks are cached for the life of the thread.
 */
import { parentPort } from 'node:worker_threads';
import { move } from 'piscina';
import { type BatchTask, executeBatch, NetworkCache, THREAD_LOADED } from '../src/experiment/batch.ts';

const cache = new NetworkCache();

export default function replicate(task: BatchTask): Float64Array {
  return move(executeBatch(task, cache)) as Float64Array;
}

// Last statement of the module: from here on the pool may end this thread safely (see pool.ts).
parentPort?.postMessage(THREAD_LOADED);
