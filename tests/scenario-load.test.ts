/** Loading scenarios that are right: defaults, freezing, extends, --set, patches, JSON, schema. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaCommand } from '../src/cli/schema.ts';
import {
  applyPatch,
  getPath,
  loadScenario,
  loadScenarioDocument,
  locate,
  materialize,
  parseSetArgs,
  setPath,
} from '../src/scenario/load.ts';
import { checkReferences } from '../src/scenario/references.ts';
import { BASE, problemsOf, writeFiles, writeScenario } from './scenario-helpers.ts';

describe('loading a valid scenario', () => {
  it('returns a deeply frozen Scenario with defaults applied', () => {
    const s = loadScenario(writeScenario(BASE));
    expect(s.name).toBe('tiny');
    expect(s.replications).toBe(20);
    expect(s.lanes).toEqual([]);
    expect(s.segments.retail!.onStockout).toBe('backorder');
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.sites['dc-north'])).toBe(true);
    expect(Object.isFrozen((s.sites['dc-north'] as { stock: object }).stock)).toBe(true);
    expect(() => {
      (s as { name: string }).name = 'changed';
    }).toThrow();
    expect(checkReferences(s)).toEqual([]);
  });

  it('reads JSON, with positions in problems', () => {
    const json = JSON.stringify({ name: 5, products: { widget: {} }, sites: {}, segments: {} }, null, 2);
    const problems = problemsOf(() => loadScenario(writeScenario(json, 'scenario.json')));
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`)).toEqual(['2:11 name: expected text, got 5']);

    const oneLine = JSON.stringify({ name: 'j', products: { w: {} }, sites: { d: { type: 'dc', stock: {} } }, segments: {} });
    const p2 = problemsOf(() => loadScenario(writeScenario(oneLine, 'ok.json')));
    expect(p2).toHaveLength(1);
    expect(p2[0]).toMatchObject({ line: 1, col: oneLine.indexOf('"segments"') + 1, path: 'segments' });
  });
});

describe('extends', () => {
  const child = `extends: base.yaml
name: child
sites:
  dc-north:
    policy: {type: sS, s: 30, S: 90}
segments:
  retail:
    product: null
    productMix: {widget: 1}
`;

  it('merges mappings key by key, replaces other values and deletes keys set to null', () => {
    const dir = writeFiles({ 'base.yaml': BASE, 'child.yaml': child });
    const s = loadScenario(path.join(dir, 'child.yaml'));
    expect(s.name).toBe('child');
    expect(s.sites['dc-north']).toMatchObject({ source: 'supplier-a', policy: { type: 'sS', s: 30, S: 90 } });
    expect(s.segments.retail!.product).toBeUndefined();
    expect(s.segments.retail!.productMix).toEqual({ widget: 1 });
    expect('extends' in s && s.extends).toBeFalsy();
  });

  it('points a problem in an inherited field into the base file', () => {
    const dir = writeFiles({ 'base.yaml': BASE.replace('leadTime: 3', 'leadTime: -3'), 'child.yaml': child });
    const problems = problemsOf(() => loadScenario(path.join(dir, 'child.yaml')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: path.join(dir, 'base.yaml'), line: 9, col: 15, path: 'sites.supplier-a.leadTime' });
  });

  it('follows chains, relative to each extending file', () => {
    const dir = writeFiles({ 'base.yaml': BASE, 'mid.yaml': 'extends: base.yaml\nhorizonDays: 50\n' });
    fs.mkdirSync(path.join(dir, 'sub'));
    const top = path.join(dir, 'sub', 'top.yaml');
    fs.writeFileSync(top, 'extends: ../mid.yaml\nname: top\n');
    const s = loadScenario(top);
    expect(s).toMatchObject({ name: 'top', horizonDays: 50 });
  });

  it('reports a missing base file at the extends value', () => {
    const file = writeScenario('# x\nextends: nowhere.yaml\nname: a\n');
    const problems = problemsOf(() => loadScenario(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line: 2, col: 10, path: 'extends' });
    expect(problems[0]!.message).toContain('file not found');
  });
});

describe('--set and patches', () => {
  it('parses values as YAML flow syntax', () => {
    expect(parseSetArgs(['a=120', 'b=true', 'c={dist: normal, mean: 5, sd: 1}', 'd=abc', 'e=[1, 2]', 'f=x: y', 'g=null'])).toEqual({
      a: 120,
      b: true,
      c: { dist: 'normal', mean: 5, sd: 1 },
      d: 'abc',
      e: [1, 2],
      f: 'x: y',
      g: null,
    });
  });

  it('overrides fields, creates new ones, and positions problems at the --set', () => {
    const file = writeScenario(BASE);
    const s = loadScenario(file, ['sites.dc-north.policy.s=10', 'sites.supplier-a.leadTime={dist: normal, mean: 5, sd: 1}', 'lanes=[{from: supplier-a, to: dc-north, transitTime: 2}]', 'lanes.0.costPerUnit=0.5']);
    expect(s.sites['dc-north']).toMatchObject({ policy: { s: 10, S: 60 } });
    expect(s.sites['supplier-a']).toMatchObject({ leadTime: { dist: 'normal', mean: 5, sd: 1 } });
    expect(s.lanes).toEqual([{ from: 'supplier-a', to: 'dc-north', transitTime: 2, costPerUnit: 0.5, costPerShipment: 0 }]);
    const problems = problemsOf(() => loadScenario(file, ['sites.dc-north.policy.s=120']));
    expect(problems).toEqual([
      {
        file: '--set',
        line: 1,
        col: 1,
        path: 'sites.dc-north.policy.s',
        message: 's (120) must not exceed S (60) (set by --set sites.dc-north.policy.s=120)',
      },
    ]);
  });

  it('null deletes a key', () => {
    const s = loadScenario(writeScenario(BASE), ['sites.dc-north.policy=null']);
    expect(s.sites['dc-north']).not.toHaveProperty('policy');
  });

  it('applyPatch returns a new document and never mutates the old one', () => {
    const doc = loadScenarioDocument(writeScenario(BASE));
    const before = JSON.stringify(doc.value);
    const origin = { file: 'variants.yaml', line: 7, col: 5, label: 'variant "fast"' };
    const patched = applyPatch(doc, { 'sites.dc-north.policy.S': 80, 'segments.retail.ordersPerDay': 9 }, origin);
    expect(JSON.stringify(doc.value)).toBe(before);
    expect(getPath(patched.value, 'sites.dc-north.policy.S')).toBe(80);
    expect(getPath(doc.value, ['sites', 'dc-north', 'policy', 'S'])).toBe(60);
    expect(locate(patched, ['segments', 'retail', 'ordersPerDay'])).toEqual({ loc: { file: 'variants.yaml', line: 7, col: 5 }, setBy: 'variant "fast"' });
    expect(locate(patched, ['segments', 'retail', 'product']).loc).toMatchObject({ line: 19, col: 14 });
    expect(materialize(patched).segments.retail!.ordersPerDay).toBe(9);
    expect(() => applyPatch(doc, { 'name.first': 'x' }, origin)).toThrow(/cannot set name.first: name is text "tiny", not a mapping/);
  });

  it('setPath is pure and indexes lists', () => {
    const obj = { lanes: [{ from: 'a' }, { from: 'b' }] };
    const out = setPath(obj, 'lanes.1.from', 'c');
    expect(out).toEqual({ lanes: [{ from: 'a' }, { from: 'c' }] });
    expect(obj.lanes[1]!.from).toBe('b');
    expect(out.lanes[0]).toBe(obj.lanes[0]);
    expect(() => setPath(obj, 'lanes.5.from', 'x')).toThrow(/lanes is a list with 2 entries/);
  });
});

describe('scsim schema', () => {
  it('prints a JSON Schema of the input format', () => {
    const schema = JSON.parse(schemaCommand());
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.title).toBe('scsim scenario');
    expect(schema.properties.sites).toBeDefined();
    expect(schema.properties.segments).toBeDefined();
    expect(schema.required).toContain('name');
    expect(schema.required).not.toContain('horizonDays');
  });
});

