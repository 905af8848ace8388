/**
 * Determinism: a replication's result is a pure function of (scenario, master seed,
 * replication index). The same command gives the same bytes; the library gives the same
 * numbers as the CLI; and replication i does not depend on which replications the same model
 * object ran before it (the model is built once per thread and reused).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toJson } from '../src/cli/output.ts';
import { runBatch } from '../src/experiment/replicate.ts';
import { resultsDocument } from '../src/experiment/results.ts';
import { kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { loadScenario } from '../src/scenario/load.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = 'tests/fixtures/foundation-network.yaml';

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['bin/scsim.js', 'run', FIXTURE, '-n', '5', '--seed', '3', '--json', '--quiet', ...args], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  return stdout;
}

function libraryDocument(seed: number, count: number): string {
  const scenario = loadScenario(`${ROOT}${FIXTURE}`);
  const net = buildNetwork(scenario);
  const layout = kpiLayout(net);
  const data = runBatch(net, seed, 0, count, layout);
  const meta = { scenario: scenario.name, description: scenario.description, seed, horizonDays: scenario.horizonDays, warmupDays: scenario.warmupDays, confidence: 0.95 };
  return toJson(resultsDocument(meta, { layout, count, data }));
}

describe('bit-identical results for the same seed', () => {
  it('`scsim run --json` prints the same bytes twice (once on worker threads, once in the main thread)', async () => {
    // Two processes with the same seed; the worker pool must not change a byte either.
    const [first, second] = await Promise.all([cli(), cli('--workers', '0')]);
    expect(first.length).toBeGreaterThan(1000);
    expect(second).toBe(first);
    const doc = JSON.parse(first);
    expect(doc.seed).toBe(3);
    expect(doc.replications).toBe(5);
    // The CLI reports exactly what the library computes.
    const lib = JSON.parse(libraryDocument(3, 5));
    expect(doc.kpis).toEqual(lib.kpis);
    expect(doc.bySite).toEqual(lib.bySite);
    expect(doc.bySegment).toEqual(lib.bySegment);
    // And a different seed gives different numbers.
    expect(JSON.parse(libraryDocument(4, 5)).kpis.fillRate.mean).not.toBe(doc.kpis.fillRate.mean);
  });

  it('the library gives the same JSON twice from freshly built networks', () => {
    expect(libraryDocument(3, 4)).toBe(libraryDocument(3, 4));
  });
});

describe('replication independence', () => {
  it('vector i does not depend on which replications ran before it', () => {
    const scenario = loadScenario(`${ROOT}${FIXTURE}`);
    const net = buildNetwork(scenario);
    const layout = kpiLayout(net);
    const L = layout.length;
    const all = runBatch(net, 3, 0, 5, layout);
    const vector = (data: Float64Array, k: number) => Array.from(data.subarray(k * L, (k + 1) * L));
    // Same (reused) model, a different order: 4 then 3.
    const four = runBatch(net, 3, 4, 1, layout);
    const three = runBatch(net, 3, 3, 1, layout);
    expect(vector(four, 0)).toEqual(vector(all, 4));
    expect(vector(three, 0)).toEqual(vector(all, 3));
    // A fresh model that runs only replication 3.
    const fresh = buildNetwork(scenario);
    expect(vector(runBatch(fresh, 3, 3, 1, kpiLayout(fresh)), 0)).toEqual(vector(all, 3));
    // Replications do differ from each other (the comparison above is not vacuous).
    expect(vector(all, 3)).not.toEqual(vector(all, 4));
  });

  // Without warm-up no end-of-warm-up reset happens: every accumulator must be zeroed when a
  // replication starts (a cost line once kept the previous replication's total here).
  it.each([
    [FIXTURE, ['warmupDays=0']],
    ['bench/single-site-base-stock.yaml', []],
    ['scenarios/supplier-outage.yaml', ['warmupDays=0', 'horizonDays=200']],
    ['scenarios/perishable-pharmacy.yaml', ['warmupDays=0']],
  ])('%s %j: replication 2 run alone equals replication 2 run after 0 and 1', (file, sets) => {
    const scenario = loadScenario(`${ROOT}${file}`, sets);
    const net = buildNetwork(scenario);
    const layout = kpiLayout(net);
    const L = layout.length;
    const after = runBatch(net, 5, 0, 3, layout).subarray(2 * L, 3 * L);
    const fresh = buildNetwork(scenario);
    const alone = runBatch(fresh, 5, 2, 1, kpiLayout(fresh));
    expect(Array.from(alone)).toEqual(Array.from(after));
  });

  it('the default scenario gives the same vector for a replication run alone or after others', () => {
    // The default scenario is the largest model; one short horizon keeps this fast.
    const scenario = loadScenario(`${ROOT}scenarios/bottler-17-plants.yaml`, ['horizonDays=120', 'warmupDays=20']);
    const net = buildNetwork(scenario);
    const layout = kpiLayout(net);
    const L = layout.length;
    const both = runBatch(net, 7, 0, 2, layout);
    const alone = runBatch(buildNetwork(scenario), 7, 1, 1, kpiLayout(net));
    expect(Array.from(alone)).toEqual(Array.from(both.subarray(L, 2 * L)));
  });
});
