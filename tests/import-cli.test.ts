/**
 * `scsim import DIR --out FILE`: the shipped example folder imports to a commented scenario
 * that validates and runs; a folder with mistakes gets every problem at once as
 * `file.csv:line:column: column: what is wrong`, exit code 2, and no output file.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { captureOutput } from './helpers/capture.ts';
import { guarded } from '../src/cli/common.ts';
import { importCommand } from '../src/cli/import.ts';
import { validateCommand } from '../src/cli/validate.ts';
import { ExperimentRunner } from '../src/experiment/runner.ts';
import { loadScenario } from '../src/scenario/load.ts';

const EXAMPLE = fileURLToPath(new URL('../scenarios/data/acme', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'scsim-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const io = captureOutput();

describe('scsim import', () => {
  it('imports the example folder: commented YAML that validates, with demand fitted from the two years of orders, and runs', async () => {
    const out = join(tmp, 'acme.yaml');
    expect(await guarded(() => importCommand({ dir: EXAMPLE, out }))).toBe(0);
    const text = readFileSync(out, 'utf8');
    // Same tables, same bytes (no date or path in the file).
    expect(await guarded(() => importCommand({ dir: EXAMPLE, out: join(tmp, 'again.yaml'), quiet: true }))).toBe(0);
    expect(readFileSync(join(tmp, 'again.yaml'), 'utf8')).toBe(text);
    expect(text).toMatch(/^# Scenario imported by "scsim import acme"/);
    expect(text).toContain('# From ');
    expect(text).toMatch(/chosen by the smallest AIC/);
    expect(await validateCommand({ file: out })).toBe(0);
    const s = loadScenario(out);
    expect(Object.keys(s.segments)).toEqual(['retail-north', 'retail-south', 'horeca-south', 'webshop']);
    // The generator's truths (scripts/make-example-data.mjs): 9 and 4 orders/day with summer
    // peaks (day 190 and 205, amplitude 0.3 and 0.45), webshop lognormal sizes (mean e^1.125 ≈ 3.1).
    const north = s.segments['retail-north']!;
    expect(north.ordersPerDay!).toBeGreaterThan(8.5);
    expect(north.ordersPerDay!).toBeLessThan(9.5);
    expect(Math.abs(north.seasonality!.peakDay - 190)).toBeLessThan(10);
    expect(Math.abs(north.seasonality!.amplitude! - 0.3)).toBeLessThan(0.05);
    const horeca = s.segments['horeca-south']!;
    expect(horeca.orderSize).toMatchObject({ dist: 'empirical', values: [6, 12, 24] });
    expect(Math.abs(horeca.seasonality!.amplitude! - 0.45)).toBeLessThan(0.06);
    expect(s.sites['glassworks']).toMatchObject({ type: 'supplier', products: { bottle: { price: 0.1 } } });
    expect(s.products.cola!.bom).toEqual([{ product: 'bottle', quantity: 1 }, { product: 'syrup', quantity: 0.2 }]);
    const runner = new ExperimentRunner({ workers: 0 });
    try {
      const v = await runner.run(s, { count: 2, seed: 1 });
      const fill = v.layout.names.indexOf('fillRate');
      // The example's policies hold service: the overall fill rate of each replication is above 95%.
      for (let i = 0; i < v.count; i++) expect(v.data[i * v.layout.length + fill]).toBeGreaterThan(0.95);
    } finally {
      await runner.close();
    }
  });

  it('a folder with mistakes: every problem at once, in CSV terms, exit 2, no file written', async () => {
    const dir = join(tmp, 'broken');
    cpSync(EXAMPLE, dir, { recursive: true });
    const edit = (name: string, from: string, to: string) => {
      const p = join(dir, name);
      const text = readFileSync(p, 'utf8');
      expect(text).toContain(from);
      writeFileSync(p, text.replace(from, to));
    };
    edit('sites.csv', 'glassworks,supplier,north,,7,2', 'glassworks,supplier,north,,seven,2');
    edit('policies.csv', 'dc-south,cola,sS', 'dc-sout,cola,sS');
    edit('lanes.csv', 'dc-north,webshop,2', 'dc-north,web-shop,2');
    edit('segments.csv', 'retail-south,dc-south,cola,,,2,1,backorder', 'retail-south,dc-south,cola,,,2,1,backlog');
    edit('orders.csv', '2024-01-01,retail-north,,cola,', '2024-02-30,retail-north,,cola,');
    edit('bom.csv', 'product,component,quantity', 'product,component,quantity,unit');
    const out = join(tmp, 'broken.yaml');
    expect(await guarded(() => importCommand({ dir, out }))).toBe(2);
    expect(existsSync(out)).toBe(false);
    const lines = io.err.trim().split('\n');
    // Lines count the comment line that opens each example table; a row read but wrong in two
    // ways (dc-south lost its cola row to the typo) gives both problems.
    expect(lines).toEqual([
      'bom.csv:2:4: unknown column "unit"; the columns are: product, component, quantity',
      'lanes.csv:10:2: to: unknown site or segment "web-shop" (not in sites.csv or segments.csv)',
      'orders.csv:2:1: date: "2024-02-30" is not a date written YYYY-MM-DD',
      'policies.csv:9:1: site: unknown site "dc-sout" (not in sites.csv)',
      'segments.csv:4:2: served_by: "dc-south" does not hold "cola": add the row dc-south,cola to policies.csv',
      'segments.csv:4:8: on_stockout: must be one of backorder, lost, got "backlog"',
      'sites.csv:3:5: lead_time_days: must be a number ≥ 0, got "seven"',
    ]);
  });
});
