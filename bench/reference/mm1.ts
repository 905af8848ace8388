/**
 * Hand-written reference of bench/scenarios/mm1.yaml (no scsim code): an M/M/1 queue with
 * λ = 90 and μ = 100 per day over 11,111 days (about a million customers), starting empty.
 * Computes per replication the KPIs scsim reports as orderProcessingWait (mean wait before
 * service of the customers who started it [days]), orderProcessingQueue (time-average number
 * waiting) and orderProcessingUtilisation (time-average busy servers).
 */
import { EventQueue, exponential, rng } from './des.ts';

export const HORIZON = 11_111;
export const LAMBDA = 90;
export const MU = 100;

export interface QueueKpis {
  meanWait: number;
  meanQueue: number;
  utilisation: number;
}

/** One replication with its own seed, over `horizon` [days]. */
export function replicate(seed: number, horizon = HORIZON): QueueKpis {
  const q = new EventQueue();
  const u = rng(seed);
  const waiting: number[] = []; // arrival times of the customers in the queue
  let head = 0; // index of the first waiting customer in `waiting`
  let busy = false;
  let started = 0;
  let totalWait = 0;
  let queueArea = 0;
  let busyArea = 0;
  let since = 0;

  const advance = () => {
    const dt = q.now - since;
    queueArea += (waiting.length - head) * dt;
    if (busy) busyArea += dt;
    since = q.now;
  };

  const startService = (arrivedAt: number) => {
    busy = true;
    started++;
    totalWait += q.now - arrivedAt;
    q.schedule(exponential(u, 1 / MU), depart);
  };

  const depart = () => {
    advance();
    busy = false;
    if (head < waiting.length) {
      startService(waiting[head++]!);
      if (head > 4096 && head * 2 > waiting.length) {
        waiting.splice(0, head);
        head = 0;
      }
    }
  };

  const arrive = () => {
    advance();
    if (busy) waiting.push(q.now);
    else startService(q.now);
    q.schedule(exponential(u, 1 / LAMBDA), arrive);
  };

  q.schedule(exponential(u, 1 / LAMBDA), arrive);
  q.runUntil(horizon);
  advance();
  return { meanWait: totalWait / started, meanQueue: queueArea / horizon, utilisation: busyArea / horizon };
}
