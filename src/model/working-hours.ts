/**
 * Working hours: a weekly calendar of open intervals, and the conversion between calendar time
 * and working time [days] that lets a server "only work while open" without any per-hour
 * events. A service of w days of work started at calendar time t ends at `advance(t, w)`: the
 * work runs only inside open intervals, and a service that would run past closing continues at
 * the next opening.
 *
 * Convention: the scenario's day 0 starts on a Monday at 00:00, so day d is weekday d mod 7
 * (0 = Monday … 6 = Sunday) and hour h of day d is the time d + h/24.
 *
 * Every method is O(number of open intervals per week) (≤ 7 after merging), allocation-free.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WorkingHoursSpec {
  /** Opening hour [hours after midnight, 0–24]. */
  start: number;
  /** Closing hour [hours after midnight, 0–24], after `start`. */
  end: number;
  /** Weekdays on which the servers work. */
  days: readonly Weekday[];
}

/** Days per week. */
const WEEK = 7;

export class WorkingHours {
  /** Open intervals within one week [days since Monday 00:00], sorted, disjoint, merged. */
  private readonly from: Float64Array;
  private readonly to: Float64Array;
  /** Working time in the week before interval i opens [days]. */
  private readonly before: Float64Array;
  /** Working time per week [days]. */
  readonly perWeek: number;

  constructor(spec: WorkingHoursSpec) {
    if (!(spec.start >= 0 && spec.end <= 24 && spec.start < spec.end))
      throw new Error(`working hours need 0 ≤ start < end ≤ 24 (got ${spec.start}–${spec.end})`);
    const days = [...new Set(spec.days.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b);
    if (days.length === 0 || days.includes(-1)) throw new Error('working hours need at least one weekday (mon … sun)');
    const from: number[] = [];
    const to: number[] = [];
    for (const d of days) {
      const a = d + spec.start / 24;
      const b = d + spec.end / 24;
      // Merge an interval that starts where the previous one ends (e.g. 0–24 on consecutive days).
      if (to.length > 0 && to[to.length - 1] === a) to[to.length - 1] = b;
      else {
        from.push(a);
        to.push(b);
      }
    }
    this.from = Float64Array.from(from);
    this.to = Float64Array.from(to);
    this.before = new Float64Array(from.length);
    let acc = 0;
    for (let i = 0; i < from.length; i++) {
      this.before[i] = acc;
      acc += to[i]! - from[i]!;
    }
    this.perWeek = acc;
  }

  /** Working time in [0, t) [days]. */
  worked(t: number): number {
    const w = Math.floor(t / WEEK);
    const p = t - w * WEEK;
    let inWeek = 0;
    for (let i = 0; i < this.from.length; i++) {
      const a = this.from[i]!;
      if (p <= a) break;
      const b = this.to[i]!;
      inWeek = this.before[i]! + (p < b ? p - a : b - a);
    }
    return w * this.perWeek + inWeek;
  }

  /** Working time in [a, b) [days]. */
  between(a: number, b: number): number {
    return b > a ? this.worked(b) - this.worked(a) : 0;
  }

  /** The earliest time ≥ t at which the servers work [days]. */
  nextOpen(t: number): number {
    const w = Math.floor(t / WEEK);
    const p = t - w * WEEK;
    for (let i = 0; i < this.from.length; i++) {
      if (p < this.to[i]!) return p >= this.from[i]! ? t : w * WEEK + this.from[i]!;
    }
    return (w + 1) * WEEK + this.from[0]!;
  }

  /**
   * The calendar time at which `work` days of working time, started at t, are done: the
   * earliest T with worked(T) − worked(t) = work (a job ending exactly at closing time ends at
   * closing, not at the next opening). Zero work still needs an open server: nextOpen(t).
   */
  advance(t: number, work: number): number {
    if (!(work > 0)) return this.nextOpen(t);
    const T = this.at(this.worked(t) + work);
    return T > t ? T : t;
  }

  /** The earliest calendar time at which cumulative working time reaches `target` > 0. */
  private at(target: number): number {
    let w = Math.floor(target / this.perWeek);
    let rem = target - w * this.perWeek;
    // A target reached exactly at a week's last closing belongs to that week, not the next.
    if (rem <= 0 && w > 0) {
      w--;
      rem += this.perWeek;
    }
    const n = this.from.length;
    for (let i = 0; i < n; i++) {
      const len = this.to[i]! - this.from[i]!;
      if (rem <= this.before[i]! + len || i === n - 1) return w * WEEK + this.from[i]! + (rem - this.before[i]!);
    }
    return w * WEEK; // unreachable: n ≥ 1
  }
}
