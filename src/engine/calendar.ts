/**
 * The event calendar: pending events, handed out in order.
 *
 * ## Ordering contract
 * 1. Events run in order of their time [days].
 * 2. Events with the same time run in the order they were scheduled (FIFO on ties).
 * Together these make a run a pure function of its inputs: no tie is ever broken by bucket
 * layout, table size or anything else that could change between machines or replications.
 *
 * ## Layout (a performance shortcut)
 * An event is a small fixed record: an integer `kind`, two integer payloads `a` and `b` and two
 * float payloads `x` and `y`, kept in a struct of typed arrays indexed by a recycled slot.
 * Nothing is allocated per event once the arrays have grown to the model's peak event count;
 * pop() returns no object: the popped event's record stays in place, read through `time`,
 * `kind`, `a`, `b`, `x` and `y`, until the next pop recycles its slot.
 *
 * ## Ordering structure: a calendar queue (Brown 1988)
 * Time is cut into buckets of `width` days; bucket v holds the events with
 * floor(time / width) = v, in a ring of `buckets.length` lists (v modulo the ring size). Each
 * list is sorted by time, a new event going after every event of equal or earlier time, so
 * FIFO on ties holds without a sequence number. Pop scans forward from the current bucket to
 * the first list whose head lies in the bucket being scanned: with about one to three events
 * per bucket, push and pop take a few steps whatever the number of pending events, where a
 * heap takes a number of hard-to-predict comparisons growing with its depth.
 * The ring size follows the number of pending events and the width follows the mean gap between
 * consecutive events (rebuilt now and then); neither changes the order of events, only speed.
 */
import { grown } from './typed-arrays.ts';

/** Smallest ring [buckets]. */
const MIN_BUCKETS = 16;
/** Narrowest bucket [days] (≈ 0.09 s). */
const MIN_WIDTH = 1e-6;
/** Pops between checks that the bucket width still fits the event density. */
const CHECK_EVERY = 4096;

export class Calendar {
  /** Number of pending events. */
  size = 0;

  /** Time [days] of the event last popped. */
  time = 0;
  /**
   * Slot of the event last popped (−1: none). It joins the free list only at the next pop, so
   * its record stays readable (`kind`, `a`, `b`, `x`, `y`) while it is handled, even when
   * the handler schedules new events: nothing is copied out per event.
   */
  private popped = -1;

  // Event records by slot: payload, time, bucket number, next slot in the same list (−1: none).
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private xs: Float64Array;
  private ys: Float64Array;
  private times: Float64Array;
  private bucketNumbers: Float64Array;
  private nexts: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;

  /** First slot of each list (−1: empty); the length is a power of two. */
  private heads: Int32Array;
  /** Bucket width [days] and its inverse. */
  private width = 1;
  private inverseWidth = 1;
  /** Bucket number where the next event is searched from; no pending event lies before it. */
  private current = 0;
  /** Ring index of bucket `current` (current mod ring size). */
  private currentIndex = 0;
  /** Mean time between consecutive pops [days] (exponential average). */
  private meanGap = 1 / 3;
  private popsSinceCheck = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.kinds = new Int32Array(n);
    this.as = new Int32Array(n);
    this.bs = new Int32Array(n);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.times = new Float64Array(n);
    this.bucketNumbers = new Float64Array(n);
    this.nexts = new Int32Array(n);
    this.freeSlots = new Int32Array(n);
    this.heads = new Int32Array(MIN_BUCKETS).fill(-1);
  }

  /**
   * Removes every pending event and restarts the clock of `time` at 0. Ring size and width are
   * kept: the next run is likely alike.
   */
  clear(): void {
    this.size = 0;
    this.freeCount = 0;
    this.slotsUsed = 0;
    this.popped = -1;
    this.heads.fill(-1);
    this.current = 0;
    this.currentIndex = 0;
    this.time = 0;
  }

  /** Kind of the event last popped. */
  get kind(): number {
    return this.kinds[this.popped]!;
  }
  /** First integer payload of the event last popped. */
  get a(): number {
    return this.as[this.popped]!;
  }
  /** Second integer payload of the event last popped. */
  get b(): number {
    return this.bs[this.popped]!;
  }
  /** First float payload of the event last popped. */
  get x(): number {
    return this.xs[this.popped]!;
  }
  /** Second float payload of the event last popped. */
  get y(): number {
    return this.ys[this.popped]!;
  }

  /** Time [days] of the next event, or +Infinity when the calendar is empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[this.locate()]! : Number.POSITIVE_INFINITY;
  }

  /** Adds an event at absolute time `time` [days]. */
  push(time: number, kind: number, a: number, b: number, x: number, y: number): void {
    if (this.freeCount === 0 && this.slotsUsed === this.kinds.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.slotsUsed++;
    this.kinds[slot] = kind;
    this.as[slot] = a;
    this.bs[slot] = b;
    this.xs[slot] = x;
    this.ys[slot] = y;
    this.times[slot] = time;
    this.insert(slot);
    if (++this.size > 2 * this.heads.length) this.rebuild(this.heads.length * 2);
  }

  /**
   * Removes the earliest event and exposes it through `time`, `kind`, `a`, `b`, `x`, `y`.
   * Returns false (and changes nothing) when the calendar is empty.
   */
  pop(): boolean {
    return this.popUntil(Number.POSITIVE_INFINITY);
  }

  /**
   * As pop(), but only when the earliest event's time is ≤ `until` [days]; otherwise returns
   * false and changes nothing. The event loop's call: one search finds the event to test and
   * to remove.
   */
  popUntil(until: number): boolean {
    if (this.size === 0) return false;
    const slot = this.locate();
    const time = this.times[slot]!;
    if (time > until) return false;
    this.heads[this.currentIndex] = this.nexts[slot]!;
    this.meanGap += (time - this.time - this.meanGap) * (1 / 64);
    this.time = time;
    if (this.popped >= 0) this.freeSlots[this.freeCount++] = this.popped;
    this.popped = slot;
    this.size--;
    if (++this.popsSinceCheck >= CHECK_EVERY) this.checkShape();
    return true;
  }

  /** Puts `slot` (its time set) into its list, after every event of equal or earlier time. */
  private insert(slot: number): void {
    const time = this.times[slot]!;
    const v = Math.floor(time * this.inverseWidth);
    this.bucketNumbers[slot] = v;
    // v mod ring size: ToInt32 keeps the low 32 bits of any integer below 2^53.
    const k = (v | 0) & (this.heads.length - 1);
    const times = this.times;
    const nexts = this.nexts;
    let prev = -1;
    let cur = this.heads[k]!;
    while (cur >= 0 && times[cur]! <= time) {
      prev = cur;
      cur = nexts[cur]!;
    }
    nexts[slot] = cur;
    if (prev < 0) this.heads[k] = slot;
    else nexts[prev] = slot;
    if (v < this.current) {
      this.current = v;
      this.currentIndex = k;
    }
  }

  /**
   * The slot of the earliest event (size > 0); leaves `current` at its bucket. Scans bucket by
   * bucket; after a whole lap of the ring without a hit (a sparse calendar) it takes the
   * smallest head directly.
   */
  private locate(): number {
    const heads = this.heads;
    const mask = heads.length - 1;
    const numbers = this.bucketNumbers;
    let v = this.current;
    let k = this.currentIndex;
    for (let scanned = 0; scanned <= mask; scanned++, v++, k = (k + 1) & mask) {
      const h = heads[k]!;
      if (h >= 0 && numbers[h]! <= v) {
        this.current = v;
        this.currentIndex = k;
        return h;
      }
    }
    // Every list's head is its earliest event; the smallest bucket number among heads is the
    // earliest event's (bucket numbers grow with time).
    let best = -1;
    for (let k = 0; k <= mask; k++) {
      const h = heads[k]!;
      if (h >= 0 && (best < 0 || numbers[h]! < numbers[best]!)) best = h;
    }
    this.current = numbers[best]!;
    this.currentIndex = (this.current | 0) & mask;
    return best;
  }

  /** Every CHECK_EVERY pops: a width far from ~3 mean gaps gets the ring rebuilt with a new one. */
  private checkShape(): void {
    this.popsSinceCheck = 0;
    const wanted = Math.max(MIN_WIDTH, 3 * this.meanGap);
    if (this.width > 2 * wanted || this.width < 0.5 * wanted) this.rebuild(this.heads.length);
    else if (this.size < this.heads.length / 4 && this.heads.length > MIN_BUCKETS) this.rebuild(this.heads.length / 2);
  }

  /**
   * Rebuilds the ring with `buckets` lists and a width of about three mean gaps. Lists are
   * re-inserted in time order within each list, so events of equal time keep their order.
   */
  private rebuild(buckets: number): void {
    const old = this.heads;
    // Not below MIN_WIDTH: bucket numbers then stay exact integers (< 2^53) for any horizon.
    this.width = Math.max(MIN_WIDTH, 3 * this.meanGap);
    this.inverseWidth = 1 / this.width;
    this.heads = new Int32Array(buckets).fill(-1);
    this.current = Number.POSITIVE_INFINITY;
    for (let k = 0; k < old.length; k++) {
      let cur = old[k]!;
      while (cur >= 0) {
        const next = this.nexts[cur]!;
        this.insert(cur);
        cur = next;
      }
    }
    if (this.size === 0) {
      this.current = Math.floor(this.time * this.inverseWidth);
      this.currentIndex = (this.current | 0) & (buckets - 1);
    }
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    this.kinds = grown(this.kinds, n);
    this.as = grown(this.as, n);
    this.bs = grown(this.bs, n);
    this.xs = grown(this.xs, n);
    this.ys = grown(this.ys, n);
    this.times = grown(this.times, n);
    this.bucketNumbers = grown(this.bucketNumbers, n);
    this.nexts = grown(this.nexts, n);
    this.freeSlots = grown(this.freeSlots, n);
  }
}
