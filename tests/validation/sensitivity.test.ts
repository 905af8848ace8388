/**
 * The validation suite must tell a wrong engine from a right one. Each test runs a case's
 * scenario with one deliberate change — the kind of error an engine bug would make — but
 * holds it to the theory of the unchanged scenario, and expects the named checks to FAIL:
 *
 * - a lead time 10% too long (2.2 instead of 2 days): the base-stock fill rate must fail;
 * - order processing 3% slower (0.103 instead of 0.1 day): utilisation and the M/M/1 wait fail;
 * - reviews a day early (offset 3 instead of 4): the time averages do not change, but the
 *   on-hand samples are no longer end-of-period counts — the end-of-period check must fail
 *   (it is sensitive to the receipt/sample ordering the timing convention relies on);
 * - an upstream stock that never runs short (S₁ = 30 instead of 16): the store no longer waits
 *   for upstream backorders — the serial system's store fill rate must fail.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/model/network.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import type { ValidationCase } from '../../src/validation/case.ts';
import { findCase } from '../../src/validation/cases.ts';
import { runCase } from '../../src/validation/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'scsim-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `name`'s case, simulated with `patch` (YAML merged over its scenario), judged by the unpatched theory. */
function wrongEngine(name: string, patch: string): ValidationCase {
  const c = findCase(name);
  if (!c) throw new Error(`no case ${name}`);
  const file = join(dir, `${name}-changed.yaml`);
  writeFileSync(file, `extends: ${JSON.stringify(c.file)}\n${patch}\n`);
  const original = loadScenario(c.file);
  const net = buildNetwork(original);
  return { ...c, file, checks: () => c.checks(original, net) };
}

async function statuses(c: ValidationCase): Promise<Record<string, string>> {
  const r = await runCase(c);
  return Object.fromEntries(r.checks.map((ch) => [ch.quantity, ch.status]));
}

describe('the validation suite detects a wrong engine', () => {
  it('a lead time 10% too long fails the base-stock fill rate', async () => {
    const s = await statuses(wrongEngine('base-stock-backorders', 'sites: {supplier: {leadTime: 2.2}}'));
    expect(s['fill rate P(X ≤ S−1)']).toBe('FAIL');
    expect(s['E[on order] = λL']).toBe('FAIL');
  });

  it('order processing 3% slower fails the M/M/1 utilisation and wait', async () => {
    const s = await statuses(
      wrongEngine('mm1-order-processing', 'sites: {dc: {orderProcessing: {processingTime: {dist: exponential, mean: 0.103}}}}'),
    );
    expect(s['utilisation ρ']).toBe('FAIL');
    expect(s['mean wait Wq']).toBe('FAIL');
  });

  it('reviews a day early keep the time averages but fail the end-of-period count', async () => {
    const s = await statuses(wrongEngine('rs-poisson', 'sites: {dc: {policy: {offset: 3}}}'));
    expect(s['fill rate (time average, PASTA)']).toBe('PASS');
    expect(s['end-of-period on-hand']).toBe('FAIL');
  });

  it('ignoring the upstream backorder delay fails the serial system', async () => {
    const s = await statuses(wrongEngine('serial-two-stage', 'sites: {central: {policy: {S: 30}}}'));
    expect(s['store fill rate P(O₂ ≤ S₂−1)']).toBe('FAIL');
    expect(s['store lead time L₂ + E[B₁]/λ']).toBe('FAIL');
  });
});
