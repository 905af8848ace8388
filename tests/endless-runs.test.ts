/**
 * No endless runs (issue 21, item 2). Each reproducer in tests/fixtures/reliability/ used to
 * run for ever at 100% CPU: a demand rate of 0 to the horizon's end (arrival thinning rejected
 * candidates for ever), a time between orders or a shelf life that is always 0 (the clock never
 * moved). A zero rate now simply gives no arrivals; a zero time is a validate error; and as a
 * backstop the event loop stops a runaway replication with one line.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunawaySimulation, Simulator, CHECK_EVERY } from '../src/engine/simulator.ts';
import { kpiValues } from '../src/experiment/results.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { ScenarioError } from '../src/scenario/errors.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { scsim } from './helpers/cli-process.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/reliability/${name}`, import.meta.url));

/** Mean demand [units] of `reps` replications, in this thread. */
async function demand(file: string, sets: string[] = [], reps = 3): Promise<Float64Array> {
  const runner = new ExperimentRunner({ workers: 0 });
  const v = await runner.run(loadScenario(fixture(file), sets), { seed: 1, count: reps, kpisOnly: true });
  return kpiValues(v, 'demandUnits');
}

describe('a demand rate of 0', () => {
  it.each(['zero-rate-promotion.yaml', 'zero-rate-surge.yaml'])('%s: orders stop where the multiplier falls to 0 (day 100) and the run ends', async (file) => {
    const whole = await demand(file);
    // Same streams, cut at day 100: every order of the 200-day run came before day 100.
    expect([...whole]).toEqual([...(await demand(file, ['horizonDays=100']))]);
    expect(Math.min(...whole)).toBeGreaterThan(350); // ≈ 5 a day for 100 days
  });

  it('a negative trend reaching 0 at day 182.5 ends too, with the demand before it', async () => {
    const whole = await demand('zero-rate-trend.yaml');
    expect([...whole]).toEqual([...(await demand('zero-rate-trend.yaml', ['horizonDays=183']))]);
  });

  it('January at 0: no orders until February, then orders at the full rate', async () => {
    expect([...(await demand('zero-rate-monthly.yaml', ['horizonDays=31']))]).toEqual([0, 0, 0]);
    const feb = await demand('zero-rate-monthly.yaml', ['horizonDays=59']);
    for (const x of feb) expect(x).toBeGreaterThan(60); // ≈ 5 a day for 28 days, order size 1
    // The 400-day run ends in its second January (rate 0 on its last day): it used to never end.
    expect((await demand('zero-rate-monthly.yaml')).length).toBe(3);
  });
});

describe('a time that is always 0', () => {
  const zeroTimes = readdirSync(fileURLToPath(new URL('./fixtures/reliability/', import.meta.url))).filter((f) => f.startsWith('zero-interarrival-'));

  it.each(zeroTimes)('%s is refused with the field located', (file) => {
    expect(zeroTimes.length).toBe(6);
    try {
      loadScenario(fixture(file));
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      expect((err as Error).message).toMatch(/:21:\d+: segments\.retail\.interarrival: the time between orders is always 0: orders would arrive endlessly/);
    }
  });

  it('a shelf life of 0 (with a lead time of 0) is refused', () => {
    expect(() => loadScenario(fixture('zero-shelf-life.yaml'))).toThrow(/:6:\d+: products\.medicine\.shelfLifeDays: a shelf life of 0 days/);
  });
});

describe('the event budget', () => {
  it('stops a loop that never moves the clock after two checkpoints', () => {
    const sim = new Simulator();
    sim.schedule(0, 1);
    const handler = { handle: () => sim.schedule(0, 1) };
    let err: unknown;
    try {
      sim.runUntil(10, handler);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunawaySimulation);
    expect(err).toMatchObject({ stuck: true, now: 0, events: 2 * CHECK_EVERY });
  });

  it('leaves a long but moving simulation alone', () => {
    const sim = new Simulator();
    sim.schedule(0, 1);
    sim.runUntil(3 * CHECK_EVERY * 1e-3, { handle: () => sim.schedule(1e-3, 1) });
    expect(sim.eventsExecuted).toBeGreaterThan(3 * CHECK_EVERY - 2);
  });

  it('scsim run stops a runaway replication with one line naming the scenario and the likely cause, exit 1, no files', async () => {
    const file = fixture('runaway-interarrival.yaml');
    for (const workers of ['0', '2']) {
      const r = await scsim(['run', file, '-n', '2', '-w', workers, '-q']);
      expect({ workers, code: r.code, stdout: r.stdout }).toEqual({ workers, code: 1, stdout: '' });
      expect(r.stderr).toMatch(
        new RegExp(`^scsim: ${file}: replication \\d failed: runaway replication: 1,048,576 events at day 0 without the clock moving .*likely a time that is always 0 .*\\n$`),
      );
    }
  }, 300_000);
});
