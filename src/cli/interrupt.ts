/**
 * Stopping a command cleanly: Ctrl-C (SIGINT), SIGTERM (a scheduler, `kill`) and SIGHUP (a
 * closed terminal) all abort the run the same way: no new replication starts, workers stop
 * their replication at the next check (≈ 10⁶ events), no file is written, and the exit code is
 * 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).
 *
 * The main thread cannot see a signal while it runs a replication itself (`--workers 0`): its
 * handlers wait for the event loop. So while a long replication runs there (`longReplication`,
 * from the runner), the handlers are removed and the signal's default action ends the process
 * at once, with the same exit status and, as nothing has been written yet, no files.
 */
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export class Interrupt {
  private readonly controller = new AbortController();
  /** The first signal received, if any. */
  private received: NodeJS.Signals | undefined;
  private listening = false;
  private readonly onSignal = (sig: NodeJS.Signals) => {
    this.received ??= sig;
    this.controller.abort();
  };

  constructor() {
    this.listen(true);
  }

  /** Aborted once a signal arrived. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get interrupted(): boolean {
    return this.received !== undefined;
  }

  /** 128 + the number of the signal received (130 when none, as for Ctrl-C). */
  get exitCode(): number {
    return 128 + constants.signals[this.received ?? 'SIGINT'];
  }

  /** For ExperimentRunner's `longReplication`: the default action while the main thread is busy. */
  readonly longReplication = {
    begin: () => this.listen(false),
    end: () => this.listen(true),
  };

  /** Removes the handlers (call when the run is over). */
  dispose(): void {
    this.listen(false);
  }

  private listen(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    for (const s of SIGNALS) {
      if (on) process.on(s, this.onSignal);
      else process.off(s, this.onSignal);
    }
  }
}
