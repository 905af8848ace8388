/**
 * Bad reserves and allocation rules: every problem at once, each at its file:line:col with the
 * field path; `scsim validate` exits 2 without a stack trace.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.ts';
import { problemsOf, writeScenario } from './scenario-helpers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BAD = `name: bad reserves
products:
  w: {unitCost: 1}
sites:
  sup: {type: supplier, products: {w: {price: 1}}, leadTime: 2}
  dc:
    type: dc
    source: sup
    policy: {type: sS, s: 10, S: 30}
    stock:
      w: {reserve: {forPriority: 3, units: -2}, allocation: fair}
  dc2:
    type: dc
    source: sup
    policy: {type: sS, s: 10, S: 30}
    stock:
      w: {reserve: {units: 4, daysOfDemand: 2}}
  dc3:
    type: dc
    source: sup
    policy: {type: sS, s: 10, S: 30}
    stock:
      w: {reserve: {forPriority: 1.5}}
segments:
  a: {servedBy: dc, product: w, ordersPerDay: 2, priority: 1}
  b: {servedBy: dc2, product: w, ordersPerDay: 2, priority: 2}
  c: {servedBy: dc3, product: w, ordersPerDay: 2, priority: 2}
defaultLane: {}
`;

describe('reserve and allocation errors', () => {
  it('lists every problem with line:col and path', () => {
    const problems = problemsOf(() => loadScenario(writeScenario(BAD)));
    const lines = problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`);
    expect(lines).toEqual([
      '11:34 sites.dc.stock.w.reserve.forPriority: no customer segment has priority 3 (segment priorities: 1, 2): give the priority of the segments the reserve is for',
      '11:44 sites.dc.stock.w.reserve.units: must be ≥ 0 (got -2)',
      '11:61 sites.dc.stock.w.allocation: expected one of "strictPriority", "fairShare" (got text "fair")',
      '17:11 sites.dc2.stock.w.reserve: give exactly one of units or daysOfDemand',
      '17:11 sites.dc2.stock.w.reserve.forPriority: required field is missing (expected a number)',
      '23:11 sites.dc3.stock.w.reserve: give exactly one of units or daysOfDemand',
      '23:34 sites.dc3.stock.w.reserve.forPriority: must be a whole number (a segment priority: 1, 2, …)',
    ]);
  });

  it('a valid reserve loads', () => {
    const ok = BAD.replace('{forPriority: 3, units: -2}, allocation: fair', '{forPriority: 1, units: 2}, allocation: fairShare')
      .replace('{units: 4, daysOfDemand: 2}', '{forPriority: 1, daysOfDemand: 2}')
      .replace('{forPriority: 1.5}', '{forPriority: 2, units: 0}');
    expect(loadScenario(writeScenario(ok)).sites.dc).toMatchObject({ stock: { w: { reserve: { forPriority: 1, units: 2 }, allocation: 'fairShare' } } });
  });

  it('scsim validate: exit 2, file:line:col lines, no stack trace', async () => {
    const file = writeScenario(BAD);
    const err = await promisify(execFile)(process.execPath, ['bin/scsim.js', 'validate', file], { cwd: ROOT }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    const text = `${err!.stdout}${err!.stderr}`;
    expect(text).toContain(`${file}:11:44: sites.dc.stock.w.reserve.units: must be ≥ 0 (got -2)`);
    expect(text).toContain('7 problems');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('warns (exit 0) when a reserve is at or above the reorder level, with the numbers', async () => {
    const text = BAD.replace('{forPriority: 3, units: -2}, allocation: fair', '{forPriority: 1, units: 10}')
      .replace('{units: 4, daysOfDemand: 2}', '{forPriority: 1, units: 9}')
      .replace('{forPriority: 1.5}', '{forPriority: 2, daysOfDemand: 0.5}');
    const file = writeScenario(text);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/scsim.js', 'validate', file], { cwd: ROOT });
    const warnings = stderr.trim().split('\n');
    expect(warnings).toEqual([
      `${file}:11:11: sites.dc.stock.w.reserve: warning: a reserve of 10 units is at or above the reorder level (s = 10): orders of priority worse than 1 are served only from what a receipt brings above it (keep the reserve below s, or raise s)`,
    ]);
    expect(stdout).toContain('valid');
  });
});
