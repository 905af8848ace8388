/** Progress on stderr: the plain lines shown when stderr is not a terminal, and when they appear. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, etaSeconds, formatDuration, formatProgressLine, formatRate } from '../src/cli/progress.ts';

describe('formatProgressLine', () => {
  it('shows done/total, the rate and the ETA at that rate', () => {
    expect(formatProgressLine({ done: 120, total: 400, rate: 31.2, label: 'replications' })).toBe('scsim: 120/400 replications, 31.2/s, ETA 9 s');
    expect(formatProgressLine({ done: 3, total: 1000, rate: 0.25, label: 'runs' })).toBe('scsim: 3/1000 runs, 0.25/s, ETA 1 h 06 min');
    expect(formatProgressLine({ done: 400, total: 400, rate: 400, label: 'replications' })).toBe('scsim: 400/400 replications, 400/s, ETA 0 s');
  });

  it('says ? while nothing is known', () => {
    expect(formatProgressLine({ done: 0, total: 10, rate: Number.NaN, label: 'replications' })).toBe('scsim: 0/10 replications, ?/s, ETA ?');
    expect(etaSeconds({ done: 0, total: 10, rate: 0, label: 'replications' })).toBeNaN();
  });

  it('formats rates and durations compactly', () => {
    expect([formatRate(0.254), formatRate(31.25), formatRate(412.6)]).toEqual(['0.25', '31.3', '413']);
    expect([formatDuration(59.4), formatDuration(125), formatDuration(3780), formatDuration(Number.NaN)]).toEqual(['59 s', '2 min 05 s', '1 h 03 min', '?']);
  });
});

describe('createProgress on a stream that is not a terminal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeStream() {
    const lines: string[] = [];
    return { lines, stream: { isTTY: false, write: (s: string) => lines.push(s) > 0 } };
  }

  it('prints nothing in the first second, then a line once something is done, then every 5 s', () => {
    vi.useFakeTimers();
    const { lines, stream } = fakeStream();
    const p = createProgress({ total: 400, stream, now: Date.now });
    vi.advanceTimersByTime(500);
    p.update(50); // 0.5 s: the first 50 (workers started)
    vi.advanceTimersByTime(400);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(100); // 1 s: only the average since the start is known
    expect(lines).toEqual(['scsim: 50/400 replications, 50.0/s, ETA 7 s\n']);
    vi.advanceTimersByTime(3500);
    p.update(150); // 4.5 s: 100 more
    vi.advanceTimersByTime(1400);
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(100); // 6 s; completed work over wall time: 150 in 6 s
    expect(lines[1]).toBe('scsim: 150/400 replications, 25.0/s, ETA 10 s\n');
    p.stop();
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
  });

  it('waits for the first completed unit rather than print 0/total', () => {
    vi.useFakeTimers();
    const { lines, stream } = fakeStream();
    const p = createProgress({ total: 10, stream, now: Date.now });
    vi.advanceTimersByTime(3000);
    expect(lines).toEqual([]);
    p.tick(2);
    vi.advanceTimersByTime(250);
    expect(lines).toEqual(['scsim: 2/10 replications, 0.62/s, ETA 13 s\n']);
    p.stop();
  });

  it('follows a changed total, and is silent when quiet or stopped early', () => {
    vi.useFakeTimers();
    const a = fakeStream();
    const p = createProgress({ total: 20, stream: a.stream, now: Date.now });
    p.update(20, 80);
    vi.advanceTimersByTime(1000);
    expect(a.lines).toEqual(['scsim: 20/80 replications, 20.0/s, ETA 3 s\n']);
    p.stop();
    const b = fakeStream();
    const q = createProgress({ total: 20, stream: b.stream, quiet: true });
    q.update(10);
    const c = fakeStream();
    const r = createProgress({ total: 20, stream: c.stream });
    r.update(10);
    r.stop();
    vi.advanceTimersByTime(20_000);
    expect(b.lines).toEqual([]);
    expect(c.lines).toEqual([]);
  });
});

describe('progress rate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is completed work over wall time: batches finishing close together early on give no absurd rate or ETA', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const p = createProgress({ total: 1000, stream: { isTTY: false, write: (s: string) => lines.push(s) > 0 }, now: Date.now });
    vi.advanceTimersByTime(990);
    p.update(64); // the first batch after the workers' start-up…
    vi.advanceTimersByTime(5);
    p.update(128); // …and the second 5 ms later
    vi.advanceTimersByTime(5);
    expect(lines).toEqual(['scsim: 128/1000 replications, 128/s, ETA 7 s\n']);
    p.stop();
  });
});
