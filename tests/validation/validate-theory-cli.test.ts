/**
 * `scsim validate-theory` end to end: the table and JSON outputs, the case filter and its
 * errors, and the exit codes (0 when every check passes, 2 for a bad argument).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CASES } from '../../src/validation/cases.ts';

const BIN = fileURLToPath(new URL('../../bin/scsim.js', import.meta.url));
const run = (args: string[]) => promisify(execFile)(process.execPath, [BIN, 'validate-theory', ...args]);

describe('scsim validate-theory', () => {
  it('prints one JSON result per case with theory, interval and status', async () => {
    const { stdout } = await run(['--case', 'rq-continuous', '--case', 'newsvendor', '--json', '-q']);
    const doc = JSON.parse(stdout);
    expect(doc.passed).toBe(true);
    expect(doc.confidence).toBe(0.999);
    expect(doc.cases.map((c: { name: string }) => c.name)).toEqual(['rq-continuous', 'newsvendor']);
    const fill = doc.cases[0].checks.find((c: { kpi: string }) => c.kpi === 'fillRate');
    expect(fill.status).toBe('PASS');
    expect(fill.ciLow).toBeLessThanOrEqual(fill.theory + 1e-12 + fill.allowance);
    expect(fill.ciHigh).toBeGreaterThanOrEqual(fill.theory - 1e-12 - fill.allowance);
    expect(doc.counts.fail).toBe(0);
  });

  it('prints the table and honours --replications', async () => {
    const { stdout } = await run(['--case', 'rq-continuous', '-n', '4', '-q']);
    expect(stdout).toMatch(/rq-continuous\s+fill rate\s+fillRate/);
    expect(stdout).toMatch(/rq-continuous: .* — 4 replications, seed 4103/);
    // Four replications cannot reach the 1% precision promised for the fill rate.
    expect(stdout).toMatch(/WIDE/);
  });

  it('lists every case', async () => {
    const { stdout } = await run(['--list']);
    for (const c of CASES) expect(stdout).toContain(c.name);
  });

  it('rejects an unknown case with exit code 2 and one line', async () => {
    const err = await run(['--case', 'no-such-case']).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/^scsim: unknown case "no-such-case"; the cases are: base-stock-backorders/);
  });
});
