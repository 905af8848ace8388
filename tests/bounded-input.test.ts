/**
 * Bounded input (issue 21, items 3 and 6): every reproducer in tests/fixtures/reliability/ is
 * refused by `validate` (and so by `run`, which loads through the same checks) with a located
 * one-line problem, quickly, without echoing a foreign file's content.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadValidatedScenario } from '../src/cli/validate.ts';
import { ScenarioError } from '../src/scenario/errors.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/reliability/${name}`, import.meta.url));

function problems(name: string): string {
  try {
    loadValidatedScenario(fixture(name));
  } catch (err) {
    if (err instanceof ScenarioError) return err.message;
    throw err;
  }
  throw new Error(`${name} was accepted`);
}

describe('scenario files that must be refused', () => {
  it.each([
    ['alias-bomb.yaml', /alias-bomb\.yaml:3:\d+: more than 200,000 values once aliases are expanded/],
    ['deep-nesting.yaml', /deep-nesting\.yaml:3:\d+: nested too deeply to read \(at most 64 levels\)/],
    ['deep-nesting-100.yaml', /deep-nesting-100\.yaml:3:\d+: nested more than 64 levels deep/],
    ['nul-byte.yaml', /nul-byte\.yaml:3:15: contains a NUL byte/],
    ['invalid-utf8.yaml', /invalid-utf8\.yaml:3:17: not valid UTF-8 text/],
    ['control-chars.yaml', /control-chars\.yaml:2:7: name: no control characters/],
    ['extends-device.yaml', /extends-device\.yaml:2:10: extends: a base scenario is a \.yaml, \.yml, \.json file, got "\/dev\/zero"/],
    ['extends-passwd.yaml', /extends-passwd\.yaml:2:10: extends: a base scenario is a \.yaml, \.yml, \.json file/],
    ['extends-foreign.yaml', /extends-foreign\.yaml:2:10: extends: the base scenario \S+extends-not-mapping\.json is not a scenario/],
    ['price-overflow.yaml', /price-overflow\.yaml:\d+:\d+: segments\.retail\.price: must be ≤ 1000000000000000 \(got 1e\+308\)/],
    ['huge-horizon.yaml', /huge-horizon\.yaml:3:14: horizonDays: horizonDays must be at most 365000/],
    ['bad-variant.yaml', /bad-variant\.yaml:\d+:\d+: segments\.retail\.ordersPerDay: must be > 0 \(got -1\) \(set by variant "broken"\)/],
  ])('%s', (name, expected) => {
    const message = problems(name);
    expect(message).toMatch(expected);
    expect(message).not.toMatch(/root:x:0:0/); // never the content of a file that is not a scenario
    expect(message).not.toMatch(/\u001b/); // never a raw escape sequence
  });
});
