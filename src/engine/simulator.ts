/**
 * The simulation clock and event loop. Domain-free: it knows times [days], integer event
 * kinds and payloads, and a handler that gives them meaning.
 *
 * Ordering is the calendar's contract (see calendar.ts): by time, then FIFO on ties.
 */
import { Calendar } from './calendar.ts';

/**
 * The loop looks up from its events every this many [events]: to stop a replication asked to
 * stop (Ctrl-C), and to catch a runaway. Once per ≈ 10⁶ events (a third of a second) costs
 * nothing measurable: the per-event cost is one comparison with a counter it keeps anyway.
 */
export const CHECK_EVERY = 1 << 20;
/** Events a replication may run before its first simulated day counts [events]. */
export const EVENT_BUDGET_BASE = 50_000_000;
/**
 * Events per simulated day beyond that base [events/day]: ≈ 1,000× the density of the
 * 17-plant default scenario (≈ 1,100 events a day), so only a model that repeats events
 * without end reaches it.
 */
export const EVENT_BUDGET_PER_DAY = 1_000_000;

/** A replication stopped from outside (its stop flag raised) before it finished. */
export class SimulationStopped extends Error {
  override name = 'SimulationStopped';
  constructor() {
    super('stopped before the end of the replication');
  }
}

/**
 * A replication that would never end: the clock stood still for CHECK_EVERY events, or more
 * events ran than the budget allows by the current time. `now` [days] and `events` say where.
 */
export class RunawaySimulation extends Error {
  override name = 'RunawaySimulation';
  constructor(
    /** True: the clock did not move; false: it moved, but too slowly for the events run. */
    readonly stuck: boolean,
    /** Simulation time when it was stopped [days]. */
    readonly now: number,
    /** Events run in the replication so far [events]. */
    readonly events: number,
  ) {
    const n = events.toLocaleString('en-US');
    super(
      stuck
        ? `runaway replication: ${CHECK_EVERY.toLocaleString('en-US')} events at day ${now} without the clock moving (${n} events in all)`
        : `runaway replication: ${n} events by day ${now.toFixed(2)}, over the budget of ${EVENT_BUDGET_BASE.toLocaleString('en-US')} + ${EVENT_BUDGET_PER_DAY.toLocaleString('en-US')} per simulated day`,
    );
  }
}

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
  /** A flag another thread raises (non-zero) to stop the replication: see `checkpoint`. */
  stopFlag: Int32Array | null = null;
  /** Called at every checkpoint, i.e. only inside long replications (see RunnerOptions.onLongReplication). */
  onCheckpoint: (() => void) | null = null;
  /** Clock at the last checkpoint [days]; −1 before the first of a `runUntil`. */
  private checkedAt = -1;

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
    this.checkedAt = -1;
    while (cal.popUntil(until)) {
      this.now = cal.time;
      handler.handle(cal.kind, cal.a, cal.b);
      // One test per event on the counter kept anyway (no second loop variable to carry).
      if ((++executed & (CHECK_EVERY - 1)) === 0) this.checkpoint(this.eventsExecuted + executed);
    }
    this.eventsExecuted += executed;
    if (until > this.now) this.now = until;
  }

  /**
   * Every CHECK_EVERY events: throws SimulationStopped if the stop flag is raised, and
   * RunawaySimulation if the clock has not moved since the last checkpoint or the events run
   * exceed EVENT_BUDGET_BASE + EVENT_BUDGET_PER_DAY × now. Off the hot path.
   */
  private checkpoint(events: number): void {
    if (this.stopFlag !== null && Atomics.load(this.stopFlag, 0) !== 0) throw new SimulationStopped();
    this.onCheckpoint?.();
    if (this.now === this.checkedAt) throw new RunawaySimulation(true, this.now, events);
    if (events > EVENT_BUDGET_BASE + EVENT_BUDGET_PER_DAY * this.now) throw new RunawaySimulation(false, this.now, events);
    this.checkedAt = this.now;
  }

  /** Clears the calendar and resets the clock to 0 for a new replication. */
  reset(): void {
    this.calendar.clear();
    this.now = 0;
    this.eventsExecuted = 0;
  }
}
