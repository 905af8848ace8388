/**
 * The simulation clock and event loop. Domain-free: it knows times [days], integer event
 * kinds and payloads, and a handler that gives them meaning.
 *
 * Ordering is the calendar's contract (see calendar.ts): by time, then FIFO on ties.
 */
import { Calendar } from './calendar.ts';

/**
 * Receives each event as it runs. One method, called monomorphically from the loop.
 *
 * The float payloads are not arguments: they stay in the calendar (`calendar.x`, `calendar.y`,
 * the event being handled) until the handler reads them. A performance shortcut: a double
 * passed to a call that is not inlined is boxed, one heap allocation per event.
 */
export interface EventHandler {
  /** Handles one event; `sim.now` is already the event's time. */
  handle(kind: number, a: number, b: number): void;
}

export class Simulator {
  /** Current simulation time [days]. */
  now = 0;
  /** Events executed so far (a throughput figure for benchmarks). */
  eventsExecuted = 0;
  readonly calendar: Calendar;

  constructor(initialCapacity = 1024) {
    this.calendar = new Calendar(initialCapacity);
  }

  /** Schedules an event `delay` [days] from now. A negative or NaN delay is a model bug. */
  schedule(delay: number, kind: number, a = 0, b = 0, x = 0, y = 0): void {
    if (!(delay >= 0)) throw new Error(`cannot schedule an event ${delay} days in the past (kind ${kind})`);
    this.calendar.push(this.now + delay, kind, a, b, x, y);
  }

  /** Schedules an event at absolute time `time` [days], not earlier than now. */
  scheduleAt(time: number, kind: number, a = 0, b = 0, x = 0, y = 0): void {
    if (!(time >= this.now)) throw new Error(`cannot schedule an event at ${time} before now (${this.now})`);
    this.calendar.push(time, kind, a, b, x, y);
  }

  /**
   * Runs every event with time ≤ `until` [days] in calendar order, then advances the clock
   * to `until`. Events later than `until` stay pending, so runs can be chained (warm-up, then
   * the measured window).
   */
  runUntil(until: number, handler: EventHandler): void {
    const cal = this.calendar;
    let executed = 0;
    while (cal.popUntil(until)) {
      this.now = cal.time;
      handler.handle(cal.kind, cal.a, cal.b);
      executed++;
    }
    this.eventsExecuted += executed;
    if (until > this.now) this.now = until;
  }

  /** Clears the calendar and resets the clock to 0 for a new replication. */
  reset(): void {
    this.calendar.clear();
    this.now = 0;
    this.eventsExecuted = 0;
  }
}
