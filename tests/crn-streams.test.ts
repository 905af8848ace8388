/**
 * One random stream per purpose (DESIGN.md, common random numbers): two DCs buy from the same
 * supplier, each over its own lane, with nothing real linking them (no supplier capacity).
 * Changing DC A's policy must leave every per-replication KPI of DC B and of the segment it
 * serves byte-identical in replications.csv: lead times, lateness and transit are drawn per
 * (supplier, buying stock) and per (lane, product), not from streams shared with DC A.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli/run.ts';
import { captureOutput } from './helpers/capture.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/crn-shared-supplier.yaml', import.meta.url));
captureOutput();

/** replications.csv as columns by KPI name (cells kept as written: byte-level comparison). */
function columns(dir: string): Map<string, string[]> {
  const [header, ...rows] = readFileSync(join(dir, 'replications.csv'), 'utf8').trimEnd().split('\n');
  const names = header!.split(',');
  const cols = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const row of rows) row.split(',').forEach((cell, i) => cols.get(names[i]!)!.push(cell));
  return cols;
}

describe('common random numbers: one stream per purpose', () => {
  it('a policy change at DC A leaves DC B and its customers untouched, replication by replication', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'scsim-crn-'));
    const base = join(tmp, 'base');
    const changed = join(tmp, 'changed');
    const args = { scenario: FIXTURE, seed: 4, replications: 6, workers: 0, quiet: true };
    expect(await runCommand({ ...args, out: base })).toBe(0);
    expect(await runCommand({ ...args, out: changed, set: ['sites.dc-a.policy.s=25', 'sites.dc-a.policy.S=400'] })).toBe(0);
    const b = columns(base);
    const c = columns(changed);
    const dcB = [...b.keys()].filter((k) => k.startsWith('site.dc-b.') || k.startsWith('segment.shops-b.'));
    expect(dcB.length).toBeGreaterThan(20);
    for (const k of dcB) expect(c.get(k), k).toEqual(b.get(k));
    // The change itself shows at DC A (so the comparison is not vacuous).
    expect(c.get('site.dc-a.avgOnHand')).not.toEqual(b.get('site.dc-a.avgOnHand'));
    expect(c.get('site.dc-a.ordersPlaced')).not.toEqual(b.get('site.dc-a.ordersPlaced'));
  });
});
