/**
 * The command line's details as a user meets them: --version, a closed pipe, help examples
 * that can be copied, typos in --set and in patches caught with a suggestion, and every
 * problem of a file (base, variants, options) reported in one pass.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/scenario/errors.ts';
import { loadScenario } from '../src/scenario/load.ts';

const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOLIDAY = join(ROOT, 'scenarios', 'holiday-surge.yaml');
const scsim = (...args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args]);

/** The problems a scenario load reports, one formatted line each. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('scsim --version', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await scsim('--version')).stdout).toBe(`${version}\n`);
  });
});

describe('a closed pipe', () => {
  it('ends scsim quietly (scsim schema | head -1): exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [BIN, 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy()); // the reader goes away after the first chunk
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('help examples', () => {
  it('keep every command whole on its own line, its description a comment above it', async () => {
    const { stdout } = await scsim('sweep', '--help');
    const examples = stdout.slice(stdout.indexOf('Examples:'));
    expect(examples).toContain('  # Three DC service targets on the default scenario\n  scsim sweep --param "sites.dc-*.policy.targetServiceLevel=0.9,0.95,0.98" -n 10\n');
  });
});

describe('--set and patches naming an entry that does not exist', () => {
  it('is an error with a suggestion, for sites, segments and products alike', () => {
    expect(problemsOf(() => loadScenario(HOLIDAY, ['sites.toy-dcc.orderProcessing.servers=8']))).toEqual([
      expect.stringMatching(/^sites\.toy-dcc\.orderProcessing\.servers: unknown site "toy-dcc" \(did you mean "toy-dc"\?/),
    ]);
    expect(problemsOf(() => loadScenario(HOLIDAY, ['segments.web-shopp.price=30']))[0]).toMatch(/unknown segment "web-shopp" \(did you mean "web-shop"\?/);
    expect(problemsOf(() => loadScenario(HOLIDAY, ['products.robot-kitt.unitCost=3']))[0]).toMatch(/unknown product "robot-kitt" \(did you mean "robot-kit"\?/);
  });

  it('still lets a patch add a whole new entry, and change one it added', () => {
    const s = loadScenario(HOLIDAY, ['products.kite={unitCost: 4}', 'products.kite.unitCost=5']);
    expect(s.products.kite?.unitCost).toBe(5);
  });
});

describe('scsim validate', () => {
  it('reports the problems of the base and of a variant in one pass, each once', async () => {
    const file = join(tmpdir(), `scsim-one-pass-${process.pid}.yaml`);
    writeFileSync(
      file,
      [
        'name: One pass',
        'horizonDays: 100',
        'warmupDays: -5',
        'products: {widget: {unitCost: 10}}',
        'sites:',
        '  supplier: {type: supplier, products: {widget: {price: 8}}, leadTime: 5}',
        '  dc: {type: dc, source: suplier, policy: {type: base-stock, S: 5}, stock: {widget: {}}}',
        'segments:',
        '  customers: {servedBy: dc, product: widget, ordersPerDay: 2, orderSize: 1}',
        'variants:',
        '  typo: {set: {sites.dcc.policy.S: 9}}',
        '',
      ].join('\n'),
    );
    const err = await scsim('validate', file).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    const lines = err!.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${file}:3:13: warmupDays: must be ≥ 0 (got -5)`,
      expect.stringMatching(/:7:26: sites\.dc\.source: unknown site "suplier" \(did you mean "supplier"\?/),
      expect.stringMatching(/:11:16: sites\.dcc\.policy\.S: unknown site "dcc" \(did you mean "dc"\?.*\(set by variant "typo"\)$/),
      `✖ ${file}: 3 problems`,
    ]);
  });
});
