/** Working hours: the calendar-time ↔ working-time conversion behind back-office capacity. */
import { describe, expect, it } from 'vitest';
import { WorkingHours } from '../src/model/working-hours.ts';
import { Downtime } from '../src/model/downtime.ts';

const h = (hour: number) => hour / 24;
/** Mon–Fri 8:00–18:00: 10 hours a day, 50 a week. Day 0 is a Monday. */
const office = new WorkingHours({ start: 8, end: 18, days: ['mon', 'tue', 'wed', 'thu', 'fri'] });

describe('WorkingHours', () => {
  it('counts working time per week', () => {
    expect(office.perWeek).toBeCloseTo(h(50), 12);
    expect(office.worked(7)).toBeCloseTo(h(50), 12);
    expect(office.worked(70)).toBeCloseTo(h(500), 10);
  });

  it('counts only open hours in worked(t)', () => {
    expect(office.worked(h(8))).toBe(0); // Monday 8:00
    expect(office.worked(h(12))).toBeCloseTo(h(4), 12); // Monday noon
    expect(office.worked(h(23))).toBeCloseTo(h(10), 12); // Monday night
    expect(office.worked(1 + h(9))).toBeCloseTo(h(11), 12); // Tuesday 9:00
    expect(office.worked(5.5)).toBeCloseTo(h(50), 12); // Saturday noon
    expect(office.between(h(17), 1 + h(9))).toBeCloseTo(h(2), 12);
  });

  it('finds the next opening', () => {
    expect(office.nextOpen(h(10))).toBe(h(10)); // open: now
    expect(office.nextOpen(h(3))).toBeCloseTo(h(8), 12); // Monday 3:00 → 8:00
    expect(office.nextOpen(h(18))).toBeCloseTo(1 + h(8), 12); // closing time → Tuesday 8:00
    expect(office.nextOpen(4 + h(19))).toBeCloseTo(7 + h(8), 12); // Friday evening → Monday
    expect(office.nextOpen(5.5)).toBeCloseTo(7 + h(8), 12); // Saturday → Monday
  });

  it('runs a service only in open hours, continuing at the next opening', () => {
    // 2 hours of work from Monday 9:00: done at 11:00.
    expect(office.advance(h(9), h(2))).toBeCloseTo(h(11), 12);
    // 3 hours from Monday 17:00: 1 hour Monday, 2 hours Tuesday → Tuesday 10:00.
    expect(office.advance(h(17), h(3))).toBeCloseTo(1 + h(10), 12);
    // Arriving at night: starts at 8:00.
    expect(office.advance(h(2), h(1))).toBeCloseTo(h(9), 12);
    // 1 hour from Friday 17:30: 30 min Friday, 30 min Monday.
    expect(office.advance(4 + h(17.5), h(1))).toBeCloseTo(7 + h(8.5), 12);
    // Ending exactly at closing ends at closing, not at the next opening.
    expect(office.advance(h(16), h(2))).toBeCloseTo(h(18), 12);
    expect(office.advance(4 + h(8), h(10))).toBeCloseTo(4 + h(18), 12); // last closing of a week
    // A whole week of work from Monday 8:00 ends at Friday 18:00.
    expect(office.advance(h(8), office.perWeek)).toBeCloseTo(4 + h(18), 12);
  });

  it('is the inverse of worked(): worked(advance(t, w)) − worked(t) = w', () => {
    for (let i = 0; i < 500; i++) {
      const t = (i * 0.7331) % 60;
      const w = ((i * 0.1173) % 3) + 0.001;
      const end = office.advance(t, w);
      expect(end).toBeGreaterThan(t);
      expect(office.worked(end) - office.worked(t)).toBeCloseTo(w, 9);
    }
  });

  it('is always open around the clock, seven days a week', () => {
    const always = new WorkingHours({ start: 0, end: 24, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
    expect(always.perWeek).toBe(7);
    expect(always.advance(3.3, 1.25)).toBeCloseTo(4.55, 12);
    expect(always.nextOpen(5.9)).toBe(5.9);
    expect(always.worked(12.5)).toBeCloseTo(12.5, 12);
  });

  it('rejects hours that are not a day shift', () => {
    expect(() => new WorkingHours({ start: 18, end: 8, days: ['mon'] })).toThrow(/start < end/);
    expect(() => new WorkingHours({ start: 8, end: 18, days: [] })).toThrow(/weekday/);
  });
});

describe('Downtime', () => {
  const down = new Downtime();
  down.add(30, 40);
  down.add(10, 15);
  down.add(14, 20); // overlaps the previous: merged into [10, 20)
  down.finish();

  it('sorts and merges windows', () => {
    expect(down.count).toBe(2);
    expect([down.start(0), down.end(0), down.start(1), down.end(1)]).toEqual([10, 20, 30, 40]);
  });

  it('knows when it is down and when it is up again', () => {
    expect(down.isDown(9.99)).toBe(false);
    expect(down.isDown(10)).toBe(true);
    expect(down.isDown(20)).toBe(false);
    expect(down.upAt(12)).toBe(20);
    expect(down.upAt(25)).toBe(25);
  });

  it('pauses work during windows', () => {
    expect(down.advance(0, 5)).toBe(5);
    expect(down.advance(8, 5)).toBe(23); // 2 days before, 10 days paused, 3 after
    expect(down.advance(12, 1)).toBe(21); // starts when it is up
    expect(down.advance(18, 15)).toBe(45); // crosses both windows
  });

  it('measures overlap and windows starting in an interval', () => {
    expect(down.overlap(0, 100)).toBe(20);
    expect(down.overlap(15, 35)).toBe(10);
    expect(down.startsBetween(5, 31)).toBe(2);
    expect(down.startsBetween(10, 31)).toBe(1);
  });
});
