/**
 * Requests for stock: customer orders, replenishment orders from a downstream stock point,
 * and component requests from production jobs. Held in a recycled struct of typed arrays so
 * the hot path allocates nothing per order; `serial` tells a recycled id from its past self
 * (a patience timer or a queue entry left over from an earlier request is ignored).
 */
import { grown } from '../engine/typed-arrays.ts';

export const enum RequestKind {
  Customer = 0,
  Replenishment = 1,
  Component = 2,
}

export class RequestPool {
  kind = new Int8Array(0);
  /** Segment, downstream stock point, or production job, by kind. */
  owner = new Int32Array(0);
  /** Stock point that serves the request. */
  stockPoint = new Int32Array(0);
  priority = new Int32Array(0);
  serial = new Int32Array(0);
  /** The replenishment order a Replenishment request carries (replenishment-orders.ts). */
  order = new Int32Array(0);
  /** Units still owed [units]. */
  remaining = new Float64Array(0);
  /** When the customer placed the order, or the stock point its replenishment [days]. */
  orderTime = new Float64Array(0);
  /** When the request reached the stock (after the back office) [days]. */
  demandTime = new Float64Array(0);
  /** Latest delivery time of its shipments so far [days]. */
  lastDelivery = new Float64Array(0);
  /** Latest payment time of its invoices so far [days]; −1 until a unit is invoiced. */
  lastPayment = new Float64Array(0);
  /** 1 when any unit of the request was lost. */
  lost = new Int8Array(0);
  /** 1 while the request is open (allocated and not yet released). */
  open = new Int8Array(0);
  private free = new Int32Array(0);
  private freeCount = 0;
  private used = 0;

  constructor(capacity = 256) {
    this.resize(capacity);
  }

  /** Forgets every request; ids and serials restart, so a replication never sees its predecessor. */
  reset(): void {
    this.freeCount = 0;
    this.used = 0;
    this.serial.fill(0);
    this.open.fill(0);
  }

  alloc(kind: RequestKind, owner: number, stockPoint: number, quantity: number, priority: number, orderTime: number): number {
    let r: number;
    if (this.freeCount > 0) r = this.free[--this.freeCount]!;
    else {
      if (this.used === this.kind.length) this.resize(this.kind.length * 2);
      r = this.used++;
    }
    this.kind[r] = kind;
    this.owner[r] = owner;
    this.stockPoint[r] = stockPoint;
    this.priority[r] = priority;
    this.remaining[r] = quantity;
    this.orderTime[r] = orderTime;
    this.demandTime[r] = orderTime;
    this.lastDelivery[r] = orderTime;
    this.lastPayment[r] = -1;
    this.lost[r] = 0;
    this.open[r] = 1;
    return r;
  }

  /** Number of ids ever handed out since the last reset (open or not): ids are 0..count−1. */
  get count(): number {
    return this.used;
  }

  release(r: number): void {
    this.open[r] = 0;
    this.serial[r] = (this.serial[r]! + 1) | 0;
    this.remaining[r] = 0;
    this.free[this.freeCount++] = r;
  }

  private resize(n: number): void {
    this.kind = grown(this.kind, n);
    this.owner = grown(this.owner, n);
    this.stockPoint = grown(this.stockPoint, n);
    this.priority = grown(this.priority, n);
    this.order = grown(this.order, n);
    this.serial = grown(this.serial, n);
    this.remaining = grown(this.remaining, n);
    this.orderTime = grown(this.orderTime, n);
    this.demandTime = grown(this.demandTime, n);
    this.lastDelivery = grown(this.lastDelivery, n);
    this.lastPayment = grown(this.lastPayment, n);
    this.lost = grown(this.lost, n);
    this.open = grown(this.open, n);
    this.free = grown(this.free, n);
  }
}

/** A FIFO ring of (request id, serial) pairs. */
export class RequestQueue {
  private ids = new Int32Array(16);
  private serials = new Int32Array(16);
  private head = 0;
  size = 0;

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  push(id: number, serial: number): void {
    if (this.size === this.ids.length) this.grow();
    const i = (this.head + this.size) & (this.ids.length - 1);
    this.ids[i] = id;
    this.serials[i] = serial;
    this.size++;
  }

  peekId(): number {
    return this.ids[this.head]!;
  }

  peekSerial(): number {
    return this.serials[this.head]!;
  }

  shift(): void {
    this.head = (this.head + 1) & (this.ids.length - 1);
    this.size--;
  }

  /** Calls `fn(id, serial)` for each entry, head first (for checks, not the hot path). */
  forEach(fn: (id: number, serial: number) => void): void {
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (this.ids.length - 1);
      fn(this.ids[i]!, this.serials[i]!);
    }
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Int32Array(n);
    const serials = new Int32Array(n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (this.ids.length - 1);
      ids[k] = this.ids[i]!;
      serials[k] = this.serials[i]!;
    }
    this.ids = ids;
    this.serials = serials;
    this.head = 0;
  }
}

/** Backorders of one stock point: one FIFO queue per priority class, served in priority order. */
export class BackorderQueues {
  /** Priority classes, ascending (1 first). */
  readonly priorities: number[];
  readonly queues: RequestQueue[];

  constructor(priorities: Iterable<number>) {
    this.priorities = [...new Set(priorities)].sort((a, b) => a - b);
    this.queues = this.priorities.map(() => new RequestQueue());
  }

  /**
   * The request waiting at the head of class k, or −1 when none does; stale heads (served
   * elsewhere, lost, recycled) are dropped on the way.
   */
  liveHead(k: number, req: RequestPool): number {
    const q = this.queues[k]!;
    while (q.size > 0) {
      const r = q.peekId();
      if (req.serial[r] === q.peekSerial() && req.remaining[r]! > 0) return r;
      q.shift();
    }
    return -1;
  }

  push(priority: number, id: number, serial: number): void {
    const k = this.priorities.indexOf(priority);
    this.queues[k < 0 ? this.queues.length - 1 : k]!.push(id, serial);
  }

  clear(): void {
    for (const q of this.queues) q.clear();
  }
}
