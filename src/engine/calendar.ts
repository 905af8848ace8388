/**
 * The event calendar: a 4-ary min-heap of pending events.
 *
 * ## Ordering contract
 * 1. Events run in order of their time [days].
 * 2. Events with the same time run in the order they were scheduled (FIFO on ties): each
 *    push takes the next value of a sequence counter, and the heap key is (time, sequence).
 * Together these make a run a pure function of its inputs: no tie is ever broken by heap
 * layout, insertion position or anything else that could change between machines.
 *
 * ## Layout (a performance shortcut)
 * An event is a small fixed record: an integer `kind`, two integer payloads `a` and `b` and two
 * float payloads `x` and `y`. Records live in a struct of typed arrays indexed by a recycled slot, and
 * the heap moves only (time, sequence, slot) triples. Nothing is allocated per event once
 * the arrays have grown to the model's peak event count; pop() writes the popped event into
 * public fields rather than returning an object.
 */
import { grown } from './typed-arrays.ts';

export class Calendar {
  /** Heap keys [days]; heapTime[0] is the next event's time when size > 0. Read-only outside. */
  heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private xs: Float64Array;
  private ys: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private seq = 0;
  /** Number of pending events. */
  size = 0;

  /** Time [days] of the event last popped. */
  time = 0;
  /** Kind of the event last popped. */
  kind = 0;
  /** First integer payload of the event last popped. */
  a = 0;
  /** Second integer payload of the event last popped. */
  b = 0;
  /** First float payload of the event last popped. */
  x = 0;
  /** Second float payload of the event last popped. */
  y = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(n);
    this.heapSeq = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.kinds = new Int32Array(n);
    this.as = new Int32Array(n);
    this.bs = new Int32Array(n);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.freeSlots = new Int32Array(n);
  }

  /** Removes every pending event and restarts the tie-break sequence. */
  clear(): void {
    this.size = 0;
    this.freeCount = 0;
    this.slotsUsed = 0;
    this.seq = 0;
  }

  /** Time [days] of the next event, or +Infinity when the calendar is empty. */
  peekTime(): number {
    return this.size > 0 ? this.heapTime[0]! : Number.POSITIVE_INFINITY;
  }

  /** Adds an event at absolute time `time` [days]. */
  push(time: number, kind: number, a: number, b: number, x: number, y: number): void {
    if (this.size === this.heapTime.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.slotsUsed++;
    this.kinds[slot] = kind;
    this.as[slot] = a;
    this.bs[slot] = b;
    this.xs[slot] = x;
    this.ys[slot] = y;
    const seq = this.seq++;
    // Sift up: move parents down until the new key fits.
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hs = this.heapSlot;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p]!;
      if (pt < time || (pt === time && hq[p]! < seq)) break;
      ht[i] = pt;
      hq[i] = hq[p]!;
      hs[i] = hs[p]!;
      i = p;
    }
    ht[i] = time;
    hq[i] = seq;
    hs[i] = slot;
  }

  /**
   * Removes the earliest event and exposes it through `time`, `kind`, `a`, `b`, `x`.
   * Returns false (and changes nothing) when the calendar is empty.
   */
  pop(): boolean {
    if (this.size === 0) return false;
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hs = this.heapSlot;
    const slot = hs[0]!;
    this.time = ht[0]!;
    this.kind = this.kinds[slot]!;
    this.a = this.as[slot]!;
    this.b = this.bs[slot]!;
    this.x = this.xs[slot]!;
    this.y = this.ys[slot]!;
    this.freeSlots[this.freeCount++] = slot;
    const n = --this.size;
    if (n > 0) {
      // Sift the last element down from the root.
      const lt = ht[n]!;
      const lq = hq[n]!;
      const ls = hs[n]!;
      let i = 0;
      for (;;) {
        // 4-ary heap: half the depth of a binary heap, and the four children are adjacent.
        const first = 4 * i + 1;
        if (first >= n) break;
        // Sequences are read only on a time tie (rare with continuous times): fewer loads.
        let c = first;
        let ct = ht[c]!;
        const last = first + 4 < n ? first + 4 : n;
        for (let k = first + 1; k < last; k++) {
          const kt = ht[k]!;
          if (kt < ct || (kt === ct && hq[k]! < hq[c]!)) {
            c = k;
            ct = kt;
          }
        }
        if (lt < ct || (lt === ct && lq < hq[c]!)) break;
        ht[i] = ct;
        hq[i] = hq[c]!;
        hs[i] = hs[c]!;
        i = c;
      }
      ht[i] = lt;
      hq[i] = lq;
      hs[i] = ls;
    }
    return true;
  }

  private grow(): void {
    const n = this.heapTime.length * 2;
    this.heapTime = grown(this.heapTime, n);
    this.heapSeq = grown(this.heapSeq, n);
    this.heapSlot = grown(this.heapSlot, n);
    this.kinds = grown(this.kinds, n);
    this.as = grown(this.as, n);
    this.bs = grown(this.bs, n);
    this.xs = grown(this.xs, n);
    this.ys = grown(this.ys, n);
    this.freeSlots = grown(this.freeSlots, n);
  }
}
