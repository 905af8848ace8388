/** `scsim validate`: what the user sees on stdout/stderr and the exit code. */
import { describe, expect, it, vi } from 'vitest';
import { captureOutput } from './helpers/capture.ts';
import { validateCommand } from '../src/cli/validate.ts';
import { BASE, writeScenario } from './scenario-helpers.ts';

const io = captureOutput();

const WHAT_IFS = `variants:
  big-buffer:
    description: more stock at the dc
    set:
      sites.dc-north.policy.S: 120
options:
  - name: faster-supplier
    kind: scm
    set:
      sites.supplier-a.leadTime: 1
`;

describe('validateCommand', () => {
  it('prints a summary and returns 0 for a valid scenario', async () => {
    const file = writeScenario(BASE);
    expect(await validateCommand({ file })).toBe(0);
    expect(io.out).toBe(`✔ ${file}: valid (2 sites, 1 segment, 1 product)\n`);
    expect(io.err).toBe('');
  });

  it('checks variants and options too, and counts them', async () => {
    const file = writeScenario(BASE + WHAT_IFS);
    expect(await validateCommand({ file })).toBe(0);
    expect(io.out).toBe(`✔ ${file}: valid (2 sites, 1 segment, 1 product, 1 variant, 1 option)\n`);
  });

  it('prints every problem on stderr, no stack trace, and returns 2', async () => {
    const file = writeScenario(BASE.replace('s: 20', 's: 90').replace('servedBy: dc-north', 'servedBy: dc-nort'));
    expect(await validateCommand({ file })).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toBe(
      `${file}:13:27: sites.dc-north.policy.s: s (90) must not exceed S (60)\n` +
        `${file}:18:15: segments.retail.servedBy: unknown site "dc-nort" (did you mean "dc-north"? known: supplier-a, dc-north)\n` +
        `✖ ${file}: 2 problems\n`,
    );
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('points a bad variant or option patch at its set: entry', async () => {
    const text = BASE + WHAT_IFS.replace('sites.dc-north.policy.S: 120', 'sites.dc-north.polcy.S: 120').replace('leadTime: 1', 'leadTime: -1');
    const file = writeScenario(text);
    expect(await validateCommand({ file })).toBe(2);
    expect(io.err.trim().split('\n')).toEqual([
      `${file}:26:7: sites.dc-north.polcy: unknown key "polcy" (did you mean "policy"? known: type, policy, source, stock, storageLimit, orderProcessing, orderDesk, fixedCostPerDay, standby, open, region) (set by variant "big-buffer")`,
      `${file}:31:7: sites.supplier-a.leadTime: a constant must be ≥ 0 (got -1) (set by option "faster-supplier")`,
      `✖ ${file}: 2 problems`,
    ]);
  });

  it('skips variants when asked', async () => {
    const file = writeScenario(BASE + WHAT_IFS.replace('leadTime: 1', 'leadTime: -1'));
    expect(await validateCommand({ file, variants: false })).toBe(0);
  });

  it('applies --set and reports its problems at --set', async () => {
    const file = writeScenario(BASE);
    expect(await validateCommand({ file, set: ['horizonDays=30'] })).toBe(0);
    expect(await validateCommand({ file, set: ['warmupDays=40', 'horizonDays=30'] })).toBe(2);
    expect(io.err).toContain('--set:1:1: warmupDays: warm-up (40 days) must be shorter than the horizon (30 days) (set by --set warmupDays=40)');
    io.err = '';
    expect(await validateCommand({ file, set: ['oops'] })).toBe(2);
    expect(io.err).toContain('--set:1:1: expected path=value');
  });

  it('reports a missing file without a stack trace', async () => {
    expect(await validateCommand({ file: '/no/such/scenario.yaml' })).toBe(2);
    expect(io.err).toBe('/no/such/scenario.yaml:1:1: cannot read the scenario file: file not found\n✖ /no/such/scenario.yaml: 1 problem\n');
  });
});
