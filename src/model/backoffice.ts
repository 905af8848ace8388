/**
 * The back office of a site: customer orders queue for c parallel servers (clerks, desks)
 * before they may be picked, even when stock is there. A queue like any other: Little's law
 * and M/M/c theory apply to it.
 */
import type { Sampler } from '../engine/distributions.ts';
import type { RandomStream } from '../engine/rng.ts';
import type { BackOfficeDef } from './network.ts';
import { RequestQueue } from './requests.ts';

export class BackOfficeState {
  readonly def: BackOfficeDef;
  readonly processing: Sampler;
  readonly stream: RandomStream;
  readonly queue = new RequestQueue();
  /** Servers busy now. */
  busy = 0;
  private last = 0;
  /** ∫ busy servers dt [server-days]. */
  intBusy = 0;
  /** ∫ orders waiting dt [order-days]. */
  intQueue = 0;
  /** Orders that started service, and Σ of their waits [days]. */
  started = 0;
  waitSum = 0;
  /** Orders that had to wait (no free server on arrival). */
  waited = 0;

  constructor(def: BackOfficeDef, processing: Sampler, stream: RandomStream) {
    this.def = def;
    this.processing = processing;
    this.stream = stream;
  }

  touch(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      this.intBusy += this.busy * dt;
      this.intQueue += this.queue.size * dt;
      this.last = now;
    }
  }

  start(): void {
    this.busy = 0;
    this.queue.clear();
    this.resetStatistics(0);
  }

  resetStatistics(now: number): void {
    this.last = now;
    this.intBusy = 0;
    this.intQueue = 0;
    this.started = 0;
    this.waitSum = 0;
    this.waited = 0;
  }
}
