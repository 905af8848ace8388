/**
 * The event calendar's contract (src/engine/calendar.ts): events run by time, then in the
 * order they were scheduled (FIFO on ties); payloads travel with their event; the calendar grows
 * past its initial capacity and keeps the order through every resize of its bucket ring; and
 * Simulator.runUntil runs exactly the events with time ≤ until.
 */
import { describe, expect, it } from 'vitest';
import { Calendar } from '../src/engine/calendar.ts';
import { createStream } from '../src/engine/rng.ts';
import { type EventHandler, Simulator } from '../src/engine/simulator.ts';

interface Popped {
  time: number;
  kind: number;
  a: number;
  b: number;
  x: number;
  y: number;
}

function drain(cal: Calendar): Popped[] {
  const out: Popped[] = [];
  while (cal.pop()) out.push({ time: cal.time, kind: cal.kind, a: cal.a, b: cal.b, x: cal.x, y: cal.y });
  return out;
}

describe('Calendar ordering', () => {
  it('pops events in order of time, whatever the push order', () => {
    const cal = new Calendar(16);
    const times = [5, 1, 4, 2.5, 3, 0, 10, 7.25, 6, 9];
    times.forEach((t, i) => cal.push(t, i, i * 10, 100 - i, t * 2, t * 3));
    const popped = drain(cal);
    expect(popped.map((e) => e.time)).toEqual([...times].sort((p, q) => p - q));
    // Payloads travel with their event.
    for (const e of popped) {
      const i = times.indexOf(e.time);
      expect(e).toEqual({ time: e.time, kind: i, a: i * 10, b: 100 - i, x: e.time * 2, y: e.time * 3 });
    }
    expect(cal.size).toBe(0);
  });

  it('breaks ties FIFO: same-time events run in the order they were pushed, across interleaved times', () => {
    const cal = new Calendar(16);
    // 300 events at three times, pushed round-robin (t=2, t=1, t=3, t=2, ...), interleaved with
    // unrelated events at other times; each same-time group must come out in push order.
    const order = new Map<number, number[]>([
      [1, []],
      [2, []],
      [3, []],
    ]);
    let id = 0;
    for (let k = 0; k < 100; k++) {
      for (const t of [2, 1, 3]) {
        order.get(t)!.push(id);
        cal.push(t, 0, id++, 0, 0, 0);
      }
      cal.push(0.5 + k * 0.031, 1, id++, 0, 0, 0); // a distinct time in between
    }
    const popped = drain(cal);
    expect(popped.map((e) => e.time)).toEqual([...popped.map((e) => e.time)].sort((p, q) => p - q));
    for (const [t, ids] of order) expect(popped.filter((e) => e.time === t && e.kind === 0).map((e) => e.a)).toEqual(ids);
  });

  it('keeps FIFO among ties pushed after some events were already popped', () => {
    const cal = new Calendar(16);
    cal.push(1, 0, 0, 0, 0, 0);
    cal.push(5, 0, 1, 0, 0, 0);
    cal.push(5, 0, 2, 0, 0, 0);
    expect(cal.pop()).toBe(true);
    expect(cal.a).toBe(0);
    cal.push(5, 0, 3, 0, 0, 0);
    cal.push(2, 0, 4, 0, 0, 0);
    cal.push(5, 0, 5, 0, 0, 0);
    expect(drain(cal).map((e) => e.a)).toEqual([4, 1, 2, 3, 5]);
  });

  it('grows beyond its initial capacity without losing or reordering events', () => {
    const cal = new Calendar(16);
    const n = 5000;
    // Descending times force every push to sift to the root; ties every 7 events.
    for (let i = 0; i < n; i++) cal.push(Math.floor((n - i) / 7), 0, i, 0, i + 0.5, 0);
    expect(cal.size).toBe(n);
    const popped = drain(cal);
    expect(popped).toHaveLength(n);
    for (let k = 1; k < n; k++) {
      const p = popped[k - 1]!;
      const c = popped[k]!;
      expect(p.time < c.time || (p.time === c.time && p.a < c.a)).toBe(true);
      expect(c.x).toBe(c.a + 0.5);
    }
  });

  it('pop on an empty calendar returns false and changes nothing', () => {
    const cal = new Calendar(16);
    expect(cal.pop()).toBe(false);
    expect(cal.peekTime()).toBe(Number.POSITIVE_INFINITY);
    cal.push(3, 7, 1, 2, 3.5, 4.5);
    expect(cal.pop()).toBe(true);
    expect(cal.pop()).toBe(false);
    // The last popped event is still what the public fields show.
    expect([cal.time, cal.kind, cal.a, cal.b, cal.x, cal.y]).toEqual([3, 7, 1, 2, 3.5, 4.5]);
    expect(cal.size).toBe(0);
  });

  it('clear() empties the calendar and restarts the tie-break sequence', () => {
    const cal = new Calendar(16);
    for (let i = 0; i < 40; i++) cal.push(1, 0, i, 0, 0, 0);
    cal.clear();
    expect(cal.size).toBe(0);
    expect(cal.pop()).toBe(false);
    cal.push(2, 0, 1, 0, 0, 0);
    cal.push(2, 0, 2, 0, 0, 0);
    expect(drain(cal).map((e) => e.a)).toEqual([1, 2]);
  });

  it('agrees with a reference sort by (time, sequence) over 10,000 random pushes and pops', () => {
    const rng = createStream(7, 0, 'test/calendar');
    const cal = new Calendar(16);
    // Reference: a plain array of pending (time, seq) kept unsorted; pop = take the minimum.
    const pending: Array<{ time: number; seq: number }> = [];
    let seq = 0;
    let pops = 0;
    for (let step = 0; step < 10_000; step++) {
      if (pending.length === 0 || rng.next() < 0.55) {
        // Coarse times (multiples of 0.5 up to 20) make ties frequent.
        const time = Math.floor(rng.next() * 40) / 2;
        pending.push({ time, seq });
        cal.push(time, 0, seq, 0, 0, 0);
        seq++;
      } else {
        let best = 0;
        for (let k = 1; k < pending.length; k++) {
          const p = pending[k]!;
          const b = pending[best]!;
          if (p.time < b.time || (p.time === b.time && p.seq < b.seq)) best = k;
        }
        const want = pending.splice(best, 1)[0]!;
        expect(cal.pop()).toBe(true);
        if (cal.time !== want.time || cal.a !== want.seq) throw new Error(`step ${step}: popped (${cal.time}, ${cal.a}), expected (${want.time}, ${want.seq})`);
        pops++;
      }
      expect(cal.size).toBe(pending.length);
    }
    expect(pops).toBeGreaterThan(3000);
    // Drain the rest in reference order.
    pending.sort((p, q) => p.time - q.time || p.seq - q.seq);
    expect(drain(cal).map((e) => [e.time, e.a])).toEqual(pending.map((p) => [p.time, p.seq]));
  });
});

/** Reference priority queue: a plain binary heap on (time, sequence). */
class ReferenceHeap {
  private items: Array<[number, number]> = [];
  get size(): number {
    return this.items.length;
  }
  private less(i: number, j: number): boolean {
    const [ti, si] = this.items[i]!;
    const [tj, sj] = this.items[j]!;
    return ti < tj || (ti === tj && si < sj);
  }
  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!];
  }
  push(time: number, seq: number): void {
    this.items.push([time, seq]);
    for (let i = this.items.length - 1; i > 0 && this.less(i, (i - 1) >> 1); i = (i - 1) >> 1) this.swap(i, (i - 1) >> 1);
  }
  pop(): [number, number] {
    const top = this.items[0]!;
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      for (let i = 0; ; ) {
        let m = i;
        for (const c of [2 * i + 1, 2 * i + 2]) if (c < this.items.length && this.less(c, m)) m = c;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

describe('Calendar under changing event densities (ring resizes, width rebuilds, sparse laps)', () => {
  it('matches a reference heap over 300,000 simulation-like operations', () => {
    // Times never go back (as in a simulation), but the density swings: bursts of ties at one
    // instant, thousands of events a day, lone events months ahead, a horizon-sized jump, and
    // long quiet stretches that shrink the ring again.
    const rng = createStream(11, 0, 'test/calendar-regimes');
    const cal = new Calendar(16);
    const ref = new ReferenceHeap();
    let now = 0;
    let seq = 0;
    const push = (time: number) => {
      cal.push(time, 0, seq, 0, 0, 0);
      ref.push(time, seq);
      seq++;
    };
    for (let step = 0; step < 300_000; step++) {
      const regime = Math.floor(step / 20_000) % 5;
      const u = rng.next();
      const pushes = regime === 4 ? u < 0.3 : u < (regime === 1 ? 0.6 : 0.5);
      if (ref.size === 0 || pushes) {
        const r = rng.next();
        if (regime === 0) push(now + Math.floor(r * 4)); // whole days: many ties
        else if (regime === 1) push(now + r * 0.001); // dense: thousands per day
        else if (regime === 2) push(r < 0.01 ? now + 200 + r * 1e4 : now + r * 2); // rare far-future events
        else if (regime === 3) push(r < 0.001 ? now + 1e6 : now); // ties at now, a huge jump now and then
        else push(now + r * 30); // sparse: the ring shrinks
      } else {
        const [time, id] = ref.pop();
        expect(cal.pop()).toBe(true);
        if (cal.time !== time || cal.a !== id) throw new Error(`step ${step}: popped (${cal.time}, ${cal.a}), expected (${time}, ${id})`);
        now = time;
      }
      if (cal.size !== ref.size) throw new Error(`step ${step}: size ${cal.size}, expected ${ref.size}`);
    }
    while (ref.size > 0) {
      const [time, id] = ref.pop();
      expect(cal.pop()).toBe(true);
      expect([cal.time, cal.a]).toEqual([time, id]);
    }
    expect(cal.pop()).toBe(false);
    expect(seq).toBeGreaterThan(140_000);
  });

  it('finds a lone event far beyond one lap of the ring, and events scheduled earlier than the last found', () => {
    const cal = new Calendar(16);
    for (let i = 0; i < 10_000; i++) cal.push(i * 1e-3, 0, i, 0, 0, 0);
    for (let i = 0; i < 9_999; i++) cal.pop();
    cal.push(5e5, 0, -1, 0, 0, 0); // far beyond any lap
    cal.push(9.999, 0, -2, 0, 0, 0); // a tie with the pending event, pushed later
    expect(drain(cal).map((e) => [e.time, e.a])).toEqual([
      [9.999, 9_999],
      [9.999, -2],
      [5e5, -1],
    ]);
    // The Calendar itself (unlike the Simulator) accepts a time before the last one popped.
    cal.push(7, 0, 1, 0, 0, 0);
    cal.push(3, 0, 2, 0, 0, 0);
    expect(drain(cal).map((e) => e.a)).toEqual([2, 1]);
  });
});

/** A handler that records (now, kind, a) and may schedule follow-ups. */
class Recorder implements EventHandler {
  log: Array<[number, number, number]> = [];
  constructor(
    private readonly sim: Simulator,
    private readonly onEvent?: (kind: number, a: number) => void,
  ) {}
  handle(kind: number, a: number): void {
    this.log.push([this.sim.now, kind, a]);
    this.onEvent?.(kind, a);
  }
}

describe('Simulator.runUntil', () => {
  it('runs events at exactly `until`, leaves later ones pending, and advances the clock to until', () => {
    const sim = new Simulator(16);
    const h = new Recorder(sim);
    sim.schedule(1, 0, 1);
    sim.schedule(5, 0, 2);
    sim.schedule(5.000001, 0, 3);
    sim.schedule(9, 0, 4);
    sim.runUntil(5, h);
    expect(h.log).toEqual([
      [1, 0, 1],
      [5, 0, 2],
    ]);
    expect(sim.now).toBe(5);
    expect(sim.calendar.size).toBe(2);
    expect(sim.eventsExecuted).toBe(2);
  });

  it('advances the clock to until even when no event is due', () => {
    const sim = new Simulator(16);
    const h = new Recorder(sim);
    sim.schedule(10, 0, 1);
    sim.runUntil(3, h);
    expect(h.log).toEqual([]);
    expect(sim.now).toBe(3);
  });

  it('chains runs: warm-up, then the window, with the same events as one long run', () => {
    const follow = (sim: Simulator) => (kind: number, a: number) => {
      // Each event schedules a successor 1.5 days later and, at a tie, a zero-delay echo.
      if (kind === 0 && a < 20) {
        sim.schedule(1.5, 0, a + 1);
        sim.schedule(0, 1, a);
      }
    };
    const one = new Simulator(16);
    const h1 = new Recorder(one, follow(one));
    one.schedule(0, 0, 0);
    one.runUntil(40, h1);

    const two = new Simulator(16);
    const h2 = new Recorder(two, follow(two));
    two.schedule(0, 0, 0);
    two.runUntil(7.5, h2); // exactly the time of event a = 5
    const atWarmup = h2.log.length;
    expect(h2.log[atWarmup - 1]).toEqual([7.5, 1, 5]); // the zero-delay echo at the boundary ran too
    two.runUntil(40, h2);
    expect(h2.log).toEqual(h1.log);
    expect(h1.log).toHaveLength(41); // a = 0..20, and an echo for a = 0..19
  });

  it('events scheduled with zero delay run after the events already due at the same time (FIFO)', () => {
    const sim = new Simulator(16);
    const h = new Recorder(sim, (kind, a) => {
      if (kind === 0) sim.schedule(0, 1, a);
    });
    sim.schedule(2, 0, 1);
    sim.schedule(2, 0, 2);
    sim.runUntil(2, h);
    expect(h.log).toEqual([
      [2, 0, 1],
      [2, 0, 2],
      [2, 1, 1],
      [2, 1, 2],
    ]);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulator(16);
    const h = new Recorder(sim);
    sim.schedule(4, 0, 1);
    sim.runUntil(10, h);
    expect(() => sim.schedule(-1, 0)).toThrow(/in the past/);
    expect(() => sim.schedule(Number.NaN, 0)).toThrow(/in the past/);
    expect(() => sim.scheduleAt(9.999, 0)).toThrow(/before now/);
    expect(() => sim.scheduleAt(10, 0)).not.toThrow();
    expect(sim.calendar.size).toBe(1);
  });

  it('reset() clears pending events and the clock for a new replication', () => {
    const sim = new Simulator(16);
    const h = new Recorder(sim);
    sim.schedule(1, 0, 1);
    sim.schedule(50, 0, 2);
    sim.runUntil(10, h);
    sim.reset();
    expect(sim.now).toBe(0);
    expect(sim.calendar.size).toBe(0);
    expect(sim.eventsExecuted).toBe(0);
  });
});
