/**
 * Option values (issue 21 with issue 19 item 4): each bad value is named as typed, before any work.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/common.ts';
import { checkCommonNumbers, maxWorkers } from '../src/cli/option-values.ts';
import { scsim } from './helpers/cli-process.ts';

const message = (a: Parameters<typeof checkCommonNumbers>[0], min?: number) => {
  try {
    checkCommonNumbers(a, min);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  return 'accepted';
};

describe('numeric options', () => {
  it('say "not a number" for text (yargs gives NaN)', () => {
    expect(message({ replications: Number.NaN })).toBe('--replications: not a number (expected a positive integer)');
    expect(message({ seed: Number.NaN })).toBe('--seed: not a number (expected an integer from 0 to 9007199254740991)');
    expect(message({ horizon: Number.NaN })).toBe('--horizon: not a number (expected a number of days)');
  });

  it('name --warmup and --horizon, not the scenario fields they set', () => {
    expect(message({ warmup: -1 })).toBe('--warmup must be a non-negative number of days, got -1');
    expect(message({ horizon: 0 })).toBe('--horizon must be a positive number of days, got 0');
    expect(message({ horizon: 10, warmup: 20 })).toBe('--warmup (20 days) must be shorter than --horizon (10 days)');
  });

  it('take --seed as an integer in the schema’s range only', () => {
    expect(message({ seed: 1.5 })).toBe('--seed must be an integer from 0 to 9007199254740991, got 1.5');
    expect(message({ seed: -3 })).toBe('--seed must be an integer from 0 to 9007199254740991, got -3');
    expect(message({ seed: 1e20 })).toMatch(/^--seed must be at most 9,007,199,254,740,991/);
    expect(message({ seed: 0 })).toBe('accepted');
  });

  it('refuse absurd sizes up front', () => {
    expect(message({ replications: 1e12 })).toBe('--replications must be at most 10,000,000, got 1,000,000,000,000');
    expect(message({ horizon: 1e9 })).toBe('--horizon must be at most 365,000 days, got 1,000,000,000');
    expect(message({ workers: maxWorkers() + 1 })).toMatch(/^--workers must be at most \d+, got \d+ \(4 per core/);
    expect(message({ replications: 1 }, 2)).toBe('--replications must be an integer ≥ 2 (intervals need two), got 1');
  });

  it('scsim run --seed abc is refused (it used to run with seed null)', async () => {
    const r = await scsim(['run', 'tests/fixtures/small-dc.yaml', '--seed', 'abc', '-q']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'scsim: --seed: not a number (expected an integer from 0 to 9007199254740991)\n',
    });
  }, 60_000);
});
