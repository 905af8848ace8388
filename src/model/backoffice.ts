/**
 * The back office of a site (or a central order desk shared by several DCs): customer orders
 * queue FIFO for c parallel servers (clerks, desks) before they may be picked, even when stock
 * is there. A queue like any other: Little's law and M/M/c theory apply to it.
 *
 * Working hours: servers work only inside them. A service of w days of work started at t ends
 * at `hours.advance(t, w)` (it stops at closing and continues at the next opening), so no
 * opening or closing events are needed. An order that finds a free server while the office is
 * closed is assigned to it at once but starts at the next opening: its wait is counted up to
 * then, and the busy-server integral runs on working time only, so utilisation is busy
 * working time / available working time.
 *
 * Extra servers (temporary staff, overtime): when more than `whenQueueAbove` orders wait and
 * fewer than `count` extras are busy, an extra server takes the order at the head of the
 * queue; an extra that finishes takes the next only while the queue is still that long. An
 * extra's work is paid per hour when it finishes (cost line overtimeCost).
 */
import type { Sampler } from '../engine/distributions.ts';
import type { RandomStream } from '../engine/rng.ts';
import { Ev } from './events.ts';
import type { BackOfficeDef } from './network.ts';
import type { Replication } from './replication.ts';
import { RequestQueue } from './requests.ts';
import { WorkingHours } from './working-hours.ts';

export class BackOfficeState {
  readonly def: BackOfficeDef;
  /** Index in the network's back offices (the BackOfficeDone event's payload). */
  readonly index: number;
  readonly processing: Sampler;
  readonly stream: RandomStream;
  readonly queue = new RequestQueue();
  /** Working hours, or null when the servers work around the clock. */
  readonly hours: WorkingHours | null;
  /** Extra servers available, the queue length above which they work, their cost [money per day of work]. */
  readonly extraCount: number;
  readonly extraThreshold: number;
  readonly extraCostPerDay: number;
  /** Regular servers busy now (assigned an order, possibly waiting for the office to open). */
  busy = 0;
  /** Extra servers busy now. */
  extraBusy = 0;
  private last = 0;
  private lastWorked = 0;
  /** ∫ busy regular servers d(working time) [server-days]. */
  intBusy = 0;
  /** ∫ orders waiting dt [order-days]. */
  intQueue = 0;
  /** Most orders waiting at once in the window. */
  peakQueue = 0;
  /** Orders that started service, and Σ of their waits (order to service start) [days]. */
  started = 0;
  waitSum = 0;
  /** Orders that had to wait (no regular server free on arrival). */
  waited = 0;
  /** Work done by extra servers [server-days] and its cost [money], counted when it ends. */
  extraWork = 0;
  extraCost = 0;

  constructor(def: BackOfficeDef, index: number, processing: Sampler, stream: RandomStream) {
    this.def = def;
    this.index = index;
    this.processing = processing;
    this.stream = stream;
    this.hours = def.workingHours ? new WorkingHours(def.workingHours) : null;
    this.extraCount = def.extraServers?.count ?? 0;
    this.extraThreshold = def.extraServers?.whenQueueAbove ?? 0;
    this.extraCostPerDay = (def.extraServers?.costPerHour ?? 0) * 24;
  }

  touch(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      if (this.hours === null) this.intBusy += this.busy * dt;
      else {
        const worked = this.hours.worked(now);
        this.intBusy += this.busy * (worked - this.lastWorked);
        this.lastWorked = worked;
      }
      this.intQueue += this.queue.size * dt;
      this.last = now;
    }
  }

  /** Staff cost of the regular servers over [from, to): their working hours × cost per server-hour [money]. */
  staffCost(from: number, to: number): number {
    return this.def.costPerServerHour === 0 ? 0 : this.serverDays(from, to) * 24 * this.def.costPerServerHour;
  }

  /** Regular server time available in [from, to) [server-days]: working time only. */
  serverDays(from: number, to: number): number {
    return this.def.servers * (this.hours === null ? to - from : this.hours.between(from, to));
  }

  start(): void {
    this.busy = 0;
    this.extraBusy = 0;
    this.queue.clear();
    this.resetStatistics(0);
  }

  resetStatistics(now: number): void {
    this.last = now;
    this.lastWorked = this.hours === null ? 0 : this.hours.worked(now);
    this.intBusy = 0;
    this.intQueue = 0;
    this.peakQueue = this.queue.size;
    this.started = 0;
    this.waitSum = 0;
    this.waited = 0;
    this.extraWork = 0;
    this.extraCost = 0;
  }

  /** Customer order r arrives: a free regular server takes it, or it queues. */
  arrive(rep: Replication, r: number): void {
    this.touch(rep.sim.now);
    if (this.busy < this.def.servers) {
      this.busy++;
      this.begin(rep, r, 0);
      return;
    }
    this.waited++;
    this.queue.push(r, rep.requests.serial[r]!);
    if (this.queue.size > this.peakQueue) this.peakQueue = this.queue.size;
    if (this.extraCount > 0) this.callExtras(rep);
  }

  /**
   * A server finished an order (extra = 1 for an extra server, `work` its service time [days of
   * work]); the server takes the next order, if any is its to take. The caller then passes the
   * finished order on to the stock.
   */
  done(rep: Replication, extra: number, work: number): void {
    const now = rep.sim.now;
    this.touch(now);
    if (extra === 0) {
      if (this.queue.size > 0) {
        const next = this.queue.peekId();
        this.queue.shift();
        this.begin(rep, next, 0);
      } else this.busy--;
      return;
    }
    this.extraBusy--;
    const cost = this.extraCostPerDay * work;
    this.extraWork += work;
    this.extraCost += cost;
    rep.finance.expense(now, cost);
    this.callExtras(rep);
  }

  /** Extra servers take queued orders, head first, while the queue is longer than their threshold. */
  private callExtras(rep: Replication): void {
    while (this.extraBusy < this.extraCount && this.queue.size > this.extraThreshold) {
      const next = this.queue.peekId();
      this.queue.shift();
      this.extraBusy++;
      this.begin(rep, next, 1);
    }
  }

  /** A server starts order r now (or at the next opening) and finishes after one processing time of work. */
  private begin(rep: Replication, r: number, extra: number): void {
    const now = rep.sim.now;
    const work = this.processing.sample(this.stream);
    let start = now;
    let end = now + work;
    if (this.hours !== null) {
      start = this.hours.nextOpen(now);
      end = this.hours.advance(now, work);
    }
    this.started++;
    this.waitSum += start - rep.requests.orderTime[r]!;
    rep.sim.scheduleAt(end, Ev.BackOfficeDone, r, this.index, extra, work);
  }
}
