/**
 * Progress of a long experiment on stderr, for any command that runs replications (run, sweep,
 * compare, …): `createProgress({total})`, then `update(done)` or `tick(n)` as work finishes,
 * and `stop()` at the end, whatever the outcome.
 *
 * Nothing is shown for work that ends within the first second. After that, on a terminal, a
 * bar (cli-progress) with done/total, rate and ETA, erased when it stops; when stderr is not a
 * terminal (CI logs, pipes), a plain line as soon as something is done, then every five seconds:
 *   scsim: 120/400 replications, 31.2/s, ETA 9 s
 * stdout is never touched, so `--json` output stays clean.
 */
import cliProgress from 'cli-progress';

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Units of work expected (may change later: `update(done, total)`). */
  total: number;
  /** What is counted, plural. Default 'replications'. */
  label?: string;
  /** Show nothing at all. */
  quiet?: boolean;
  /** Default process.stderr. */
  stream?: ProgressStream;
  /** Show nothing before this much time has passed [ms]. Default 1000. */
  delayMs?: number;
  /** Time between plain lines when the stream is not a terminal [ms]. Default 5000. */
  intervalMs?: number;
  /** Clock [ms]; default Date.now. */
  now?: () => number;
}

export interface Progress {
  /** `done` units finished so far, of `total` if given (the plan changed). */
  update(done: number, total?: number): void;
  /** `n` more units finished. */
  tick(n?: number): void;
  /** Ends the display (erases the bar); safe to call more than once. */
  stop(): void;
}

/** Rate with three significant figures at most: 0.25, 31.2, 412. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '?';
  if (perSecond >= 100) return perSecond.toFixed(0);
  if (perSecond >= 10) return perSecond.toFixed(1);
  return perSecond.toFixed(2);
}

/** A duration for humans: `9 s`, `2 min 05 s`, `1 h 03 min`; `?` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export interface ProgressState {
  done: number;
  total: number;
  /** Rate [units/s], measured from the first progress; NaN while unknown. */
  rate: number;
  label: string;
}

/** Seconds left at the current rate: 0 when done, NaN when unknown. */
export function etaSeconds(p: ProgressState): number {
  if (p.done >= p.total) return 0;
  return p.rate > 0 ? (p.total - p.done) / p.rate : Number.NaN;
}

/** The plain progress line: `scsim: 120/400 replications, 31.2/s, ETA 9 s`. */
export function formatProgressLine(p: ProgressState): string {
  return `scsim: ${p.done}/${p.total} ${p.label}, ${formatRate(p.rate)}/s, ETA ${formatDuration(etaSeconds(p))}`;
}

/** How often the plain-line mode looks at the progress [ms]. */
const POLL_MS = 250;

const SILENT: Progress = { update() {}, tick() {}, stop() {} };

export function createProgress(opts: ProgressOptions): Progress {
  if (opts.quiet) return SILENT;
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const label = opts.label ?? 'replications';
  const start = now();
  let done = 0;
  let total = opts.total;
  let stopped = false;
  let bar: cliProgress.SingleBar | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  const everyMs = opts.intervalMs ?? 5000;
  /**
   * Completed work over wall time since the start. Not the rate since the first completed
   * batch: two batches finishing a few milliseconds apart would make that thousands per second
   * (and the ETA near zero) early on; worker start-up counts here, so early figures err low.
   */
  const rateNow = (): number => {
    const t = now();
    return done > 0 && t > start ? (done * 1000) / (t - start) : Number.NaN;
  };
  const state = (): ProgressState => ({ done, total, rate: rateNow(), label });
  const payload = () => {
    const p = state();
    return { label, rate: formatRate(p.rate), etaText: formatDuration(etaSeconds(p)) };
  };

  const show = () => {
    if (stopped) return;
    if (stream.isTTY) {
      bar = new cliProgress.SingleBar(
        {
          stream: stream as NodeJS.WritableStream,
          format: 'scsim {bar} {value}/{total} {label} | {rate}/s | ETA {etaText}',
          barsize: 30,
          clearOnComplete: true,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, done, payload());
    } else {
      // Plain lines: the first once something is done (a line saying 0/400 while the workers
      // start says nothing), then one per interval.
      let last = Number.NEGATIVE_INFINITY;
      const maybeLine = () => {
        if (done === 0 || now() - last < everyMs) return;
        last = now();
        stream.write(`${formatProgressLine(state())}\n`);
      };
      maybeLine();
      poll = setInterval(maybeLine, POLL_MS);
      poll.unref();
    }
  };
  const timer = setTimeout(show, opts.delayMs ?? 1000);
  timer.unref();

  const update = (d: number, t?: number) => {
    done = d;
    if (t !== undefined && t !== total) {
      total = t;
      bar?.setTotal(t);
    }
    bar?.update(done, payload());
  };
  return {
    update,
    tick: (n = 1) => update(done + n),
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      bar?.stop();
    },
  };
}
