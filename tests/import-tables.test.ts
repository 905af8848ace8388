/**
 * The import's table checks, one small folder per case: each mistake is reported at its cell
 * (file:line:column: column: message), and a customer → segment map routes order lines.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFolder } from '../src/import/import.ts';
import { ScenarioError, formatProblem } from '../src/scenario/errors.ts';

const root = mkdtempSync(join(tmpdir(), 'scsim-import-tables-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A minimal valid folder: one supplier, one DC, one segment with a fixed rate. */
const BASE: Record<string, string> = {
  'products.csv': 'id,unit_cost\nwidget,5\n',
  'sites.csv': 'id,type,lead_time_days\nsupp,supplier,3\ndc,dc,\n',
  'policies.csv': 'site,product,policy,s,S,source\ndc,widget,sS,20,60,supp\n',
  'segments.csv': 'id,served_by,product,orders_per_day,order_size\nshops,dc,widget,4,2\n',
  'lanes.csv': 'from,to,transit_days\nsupp,dc,2\n',
};

let n = 0;
function folder(changes: Record<string, string | undefined>): string {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  for (const [name, text] of Object.entries({ ...BASE, ...changes })) if (text !== undefined) writeFileSync(join(dir, name), text);
  return dir;
}

function problems(dir: string): string[] {
  try {
    importFolder(dir);
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
}

describe('import table checks', () => {
  it('the minimal folder imports', () => {
    const r = importFolder(folder({}));
    expect(r.scenario.segments.shops).toMatchObject({ servedBy: 'dc', ordersPerDay: 4, orderSize: 2 });
    expect(r.scenario.sites.supp).toMatchObject({ type: 'supplier', products: { widget: { price: 5 } }, leadTime: 3 });
  });

  it('a flow between two sites without a lane is named at the policies.csv row that makes it', () => {
    expect(problems(folder({ 'lanes.csv': undefined }))).toEqual(['policies.csv:2:6: source: no lane from "supp" to "dc" for "widget": add the row supp,dc,… to lanes.csv']);
  });

  it('header mistakes: unknown, repeated and missing columns', () => {
    expect(problems(folder({ 'products.csv': 'id,unit_cost,colour,unit_cost\nwidget,5,red,5\n', 'sites.csv': 'id,lead_time_days\nsupp,3\ndc,\n' }))).toEqual([
      'products.csv:1:3: unknown column "colour"; the columns are: id, unit_cost, purchase_price, shelf_life_days, disposal_cost_per_unit',
      'products.csv:1:4: column "unit_cost" appears twice',
      'sites.csv:1:1: missing column "type"',
      'sites.csv:2:1: type: must not be empty (one of supplier, plant, dc)',
      'sites.csv:3:1: type: must not be empty (one of supplier, plant, dc)',
      // With no site typed, the policies, the lane and the segment refer to unknown sites.
      'lanes.csv:2:1: from: unknown site "supp" (not in sites.csv)',
      'lanes.csv:2:2: to: unknown site or segment "dc" (not in sites.csv or segments.csv)',
      'policies.csv:2:1: site: unknown site "dc" (not in sites.csv)',
      'segments.csv:2:2: served_by: unknown site "dc" (not in sites.csv)',
    ].sort());
  });

  it('row mistakes: duplicate id, bad CSV quoting, extra fields, policy rules', () => {
    const found = problems(
      folder({
        'products.csv': 'id,unit_cost\nwidget,5\nwidget,6\ngadget,"7\n',
        'policies.csv': 'site,product,policy,s,S,Q,source\ndc,widget,sS,20,60,,supp,extra\ndc,widget,rQ,,,10,supp\ndc,widget,sS,20,60,,supp\n',
      }),
    );
    expect(found).toContain('products.csv:3:1: id: "widget" is already defined on line 2');
    expect(found.some((p) => p.startsWith('products.csv:4:1: not valid CSV: Quote Not Closed'))).toBe(true);
    expect(found).toContain('policies.csv:2:8: 8 fields but the header names 7');
    // The row with too many fields is skipped whole, so the first widget row is line 3.
    expect(found).toContain('policies.csv:4:2: product: "widget" at "dc" is already on line 3');
  });

  it('policy rules in CSV terms: s above S, a missing Q, a parameter the policy does not have', () => {
    const found = problems(
      folder({
        'products.csv': 'id,unit_cost\nwidget,5\ngadget,2\nthing,1\n',
        'policies.csv': 'site,product,policy,s,S,r,Q,source\ndc,widget,sS,80,60,,,supp\ndc,gadget,rQ,,,5,,supp\ndc,thing,base-stock,,30,,7,supp\n',
      }),
    );
    expect(found).toEqual([
      'policies.csv:2:4: s: s (80) must not exceed S (60)',
      'policies.csv:3:7: Q: a rQ policy needs Q, or target_service_level',
      'policies.csv:4:7: Q: a base-stock policy has no Q',
    ]);
  });

  it('orders by customer: customers.csv maps them to segments; unknown customers and wrong products are named', () => {
    const dir = folder({
      'segments.csv': 'id,served_by,product\nshops,dc,widget\n',
      'customers.csv': 'customer,segment\nC1,shops\nC2,shopz\n',
      'orders.csv': 'date,customer,product,quantity\n2025-01-01,C1,widget,3\n2025-01-02,C3,widget,1\n2025-01-03,C1,gizmo,2\n2025-01-04,C1,widget,0\n',
    });
    expect(problems(dir)).toEqual([
      'customers.csv:3:2: segment: unknown segment "shopz" (not in segments.csv)',
      'orders.csv:3:2: customer: customer "C3" is not in customers.csv',
      'orders.csv:4:3: product: segment "shops" orders "widget" in segments.csv, not "gizmo"',
      'orders.csv:5:4: quantity: must be a number > 0, got "0"',
    ]);
    writeFileSync(join(dir, 'customers.csv'), 'customer,segment\nC1,shops\nC3,shops\n');
    writeFileSync(join(dir, 'orders.csv'), 'date,customer,product,quantity\n2025-01-01,C1,widget,3\n2025-01-02,C3,widget,1\n2025-01-04,C1,widget,2\n');
    const r = importFolder(dir);
    // Three orders over four days: 0.75 a day, sizes 1, 2, 3 (too short for a season or a forecast error).
    expect(r.scenario.segments.shops!.ordersPerDay).toBe(0.75);
    expect(r.demand.get('shops')!.lines).toBe(3);
    expect(r.scenario.segments.shops!.forecastErrorCv).toBeUndefined();
  });
});
