/**
 * Bad scenarios and the problems a user sees: exact line:col, field path and the key part of
 * the message, all problems at once, sorted by position.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { didYouMean, formatProblems } from '../src/scenario/errors.ts';
import { loadScenario, parseSetArgs } from '../src/scenario/load.ts';
import { BASE, baseWith, problemsOf, writeFiles, writeScenario } from './scenario-helpers.ts';

/** Loads `text` and expects exactly one problem; returns it. */
function onlyProblem(text: string, sets: string[] = []) {
  const file = writeScenario(text);
  const problems = problemsOf(() => loadScenario(file, sets));
  expect(problems, formatProblems(problems)).toHaveLength(1);
  return { ...problems[0]!, file: problems[0]!.file, scenarioFile: file };
}

describe('scenario problems', () => {
  it('malformed YAML: unclosed bracket, at the parser line:col', () => {
    const p = onlyProblem('name: tiny\nproducts: [widget\nsites: {}\n');
    expect(p).toMatchObject({ line: 3, col: 1, path: '' });
    expect(p.message).toContain('invalid YAML');
    expect(p.file).toBe(p.scenarioFile);
  });

  it('malformed YAML: bad indentation', () => {
    const p = onlyProblem('name: tiny\nproducts:\n  widget: {}\n gadget: {}\n');
    expect(p).toMatchObject({ line: 4, col: 1, path: '' });
    expect(p.message).toMatch(/invalid YAML: .*same column/);
  });

  it('wrong type: text where a number is expected', () => {
    const p = onlyProblem(baseWith('ordersPerDay: 5', 'ordersPerDay: five'));
    expect(p).toMatchObject({ line: 20, col: 19, path: 'segments.retail.ordersPerDay' });
    expect(p.message).toBe('expected a number, got text "five"');
  });

  it('negative transit time on a lane', () => {
    const p = onlyProblem(`${BASE}lanes:\n  - from: supplier-a\n    to: dc-north\n    transitTime: -2\n`);
    expect(p).toMatchObject({ line: 25, col: 18, path: 'lanes.0.transitTime' });
    expect(p.message).toMatch(/must be ≥ 0 \(got -2\)/);
  });

  it('negative distribution parameter in a lead time', () => {
    const p = onlyProblem(baseWith('leadTime: 3', 'leadTime: {dist: normal, mean: -1, sd: 1}'));
    expect(p).toMatchObject({ line: 9, col: 36, path: 'sites.supplier-a.leadTime.mean' });
    expect(p.message).toContain('mean must be ≥ 0 (got -1)');
  });

  it('s greater than S', () => {
    const p = onlyProblem(baseWith('s: 20', 's: 80'));
    expect(p).toMatchObject({ line: 13, col: 27, path: 'sites.dc-north.policy.s' });
    expect(p.message).toBe('s (80) must not exceed S (60)');
  });

  it('unknown key, pointing at the key, with did-you-mean', () => {
    const p = onlyProblem(baseWith('    policy:', '    polcy:'));
    expect(p).toMatchObject({ line: 13, col: 5, path: 'sites.dc-north.polcy' });
    expect(p.message).toMatch(/^unknown key "polcy" \(did you mean "policy"\? known: .*stock/);
  });

  it('unknown site reference, with did-you-mean over sites', () => {
    const p = onlyProblem(baseWith('servedBy: dc-north', 'servedBy: dc-nrth'));
    expect(p).toMatchObject({ line: 18, col: 15, path: 'segments.retail.servedBy' });
    expect(p.message).toBe('unknown site "dc-nrth" (did you mean "dc-north"? known: supplier-a, dc-north)');
  });

  it('unknown product referenced by a segment', () => {
    const p = onlyProblem(baseWith('product: widget', 'product: sprocket'));
    expect(p).toMatchObject({ line: 19, col: 14, path: 'segments.retail.product' });
    expect(p.message).toBe('unknown product "sprocket" (known: widget)');
  });

  it('bill-of-materials cycle', () => {
    const text = baseWith(
      '  widget: {unitCost: 8}\n',
      '  widget:\n    bom:\n      - {product: gizmo, quantity: 1}\n  gizmo:\n    bom:\n      - {product: widget, quantity: 2}\n',
    );
    const p = onlyProblem(text);
    expect(p).toMatchObject({ line: 6, col: 19, path: 'products.widget.bom.0.product' });
    expect(p.message).toContain('bill-of-materials cycle: widget → gizmo → widget');
  });

  it('unreachable site', () => {
    const text = baseWith('segments:', '  dc-south:\n    type: dc\n    source: supplier-a\n    stock: {widget: {policy: {type: base-stock, S: 10}}}\nsegments:');
    const p = onlyProblem(text);
    expect(p).toMatchObject({ line: 16, col: 3, path: 'sites.dc-south' });
    expect(p.message).toMatch(/^site "dc-south" is not reachable from any customer segment/);
  });

  it('empty network: no customer segments', () => {
    const text = BASE.slice(0, BASE.indexOf('segments:')) + 'segments: {}\ndefaultLane: {}\n';
    const p = onlyProblem(text);
    expect(p).toMatchObject({ line: 16, col: 1, path: 'segments' });
    expect(p.message).toContain('the network has no customer segments');
  });

  it('cross-field checks are reported together with the other problems of the file', () => {
    // zod skips an object's refinements when the object has other issues; ours run anyway.
    const text = baseWith('ordersPerDay: 5', 'ordersPerDay: five').replace('horizonDays: 100\n', 'horizonDays: 100\nwarmupDays: 200\n');
    const problems = problemsOf(() => loadScenario(writeScenario(text)));
    expect(problems.map((p) => p.path)).toEqual(['warmupDays', 'segments.retail.ordersPerDay']);
    expect(problems[0]!.message).toBe('warm-up (200 days) must be shorter than the horizon (100 days)');
  });

  it('warm-up not shorter than the horizon', () => {
    const p = onlyProblem(baseWith('horizonDays: 100\n', 'horizonDays: 100\nwarmupDays: 100\n'));
    expect(p).toMatchObject({ line: 3, col: 13, path: 'warmupDays' });
    expect(p.message).toBe('warm-up (100 days) must be shorter than the horizon (100 days)');
  });

  it('dc stock without a source', () => {
    const p = onlyProblem(baseWith('    source: supplier-a\n', ''));
    expect(p).toMatchObject({ line: 14, col: 7, path: 'sites.dc-north.stock.widget' });
    expect(p.message).toContain('dc "dc-north" has no source for "widget"');
  });

  it('supplier that does not supply the product', () => {
    const text = baseWith('products: {widget: {price: 8}}', 'products: {gadget: {price: 8}}').replace(
      '  widget: {unitCost: 8}\n',
      '  widget: {unitCost: 8}\n  gadget: {unitCost: 3}\n',
    );
    const p = onlyProblem(text);
    expect(p).toMatchObject({ line: 13, col: 13, path: 'sites.dc-north.source' });
    expect(p.message).toMatch(/^supplier "supplier-a" does not supply "widget".*it supplies: gadget/);
  });

  it('extends cycle, reported at the extends that closes it', () => {
    const dir = writeFiles({ 'a.yaml': 'extends: b.yaml\nname: a\n', 'b.yaml': '# base\nextends: ./a.yaml\n' });
    const problems = problemsOf(() => loadScenario(path.join(dir, 'a.yaml')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: path.join(dir, 'b.yaml'), line: 2, col: 10, path: 'extends' });
    expect(problems[0]!.message).toBe(`extends cycle: ${path.join(dir, 'a.yaml')} → ${path.join(dir, 'b.yaml')} → ${path.join(dir, 'a.yaml')}`);
  });

  it('--set with a value of the wrong type points at --set', () => {
    const p = onlyProblem(BASE, ['sites.dc-north.policy.s=10', 'horizonDays=abc']);
    expect(p).toMatchObject({ file: '--set', line: 2, col: 1, path: 'horizonDays' });
    expect(p.message).toBe('expected a number, got text "abc" (set by --set horizonDays=abc)');
  });

  it('--set without "=" is a problem in --set', () => {
    const problems = problemsOf(() => parseSetArgs(['horizonDays']));
    expect(problems).toEqual([
      { file: '--set', line: 1, col: 1, path: '', message: 'expected path=value (e.g. sites.dc-north.policy.s=120), got "horizonDays"' },
    ]);
  });

  it('--set through a scalar, and --set of an unknown top-level key', () => {
    const file = writeScenario(BASE);
    const problems = problemsOf(() => loadScenario(file, ['horizonDays.days=3', 'colour.x=red']));
    expect(problems.map((p) => [p.file, p.line, p.col, p.path])).toEqual([
      ['--set', 1, 1, 'horizonDays.days'],
      ['--set', 2, 1, 'colour'],
    ]);
    expect(problems[0]!.message).toContain('horizonDays is 100, not a mapping');
    expect(problems[1]!.message).toMatch(/^unknown key "colour" .*\(set by --set colour.x=red\)$/);
  });

  it('invalid enum value', () => {
    const p = onlyProblem(baseWith('ordersPerDay: 5\n', 'ordersPerDay: 5\n    onStockout: maybe\n'));
    expect(p).toMatchObject({ line: 21, col: 17, path: 'segments.retail.onStockout' });
    expect(p.message).toBe('expected one of "backorder", "lost" (got text "maybe")');
  });

  it('unknown site type with did-you-mean', () => {
    const p = onlyProblem(baseWith('type: dc', 'type: dcc'));
    expect(p).toMatchObject({ line: 11, col: 11, path: 'sites.dc-north.type' });
    expect(p.message).toBe('unknown type "dcc" (did you mean "dc"? known: supplier, plant, dc)');
  });

  it('empty file', () => {
    const p = onlyProblem('# nothing here yet\n');
    expect(p).toMatchObject({ line: 1, col: 1, path: '' });
    expect(p.message).toBe('the file is empty (expected a scenario: a mapping with name, products, sites and segments)');
  });

  it('missing scenario file', () => {
    const problems = problemsOf(() => loadScenario('/nonexistent/dir/none.yaml'));
    expect(problems).toEqual([{ file: '/nonexistent/dir/none.yaml', line: 1, col: 1, path: '', message: 'cannot read the scenario file: file not found' }]);
  });

  it('segment-level checks: lost with make-to-order, lost with patience, served by a supplier', () => {
    const text = `${BASE.replace('defaultLane: {}\n', '')}    onStockout: lost\n    patienceDays: 3\n  direct:\n    servedBy: supplier-a\n    product: widget\n    ordersPerDay: 1\ndefaultLane: {}\n`.replace(
      'policy: {type: sS, s: 20, S: 60}',
      'policy: {type: make-to-order}',
    );
    const problems = problemsOf(() => loadScenario(writeScenario(text)));
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}`)).toEqual([
      '21:17 segments.retail.onStockout',
      '22:19 segments.retail.patienceDays',
      '24:15 segments.direct.servedBy',
    ]);
    expect(problems[0]!.message).toMatch(/^every order would be lost: "dc-north" holds "widget" make-to-order/);
    expect(problems[1]!.message).toMatch(/^patienceDays applies to backorders/);
    expect(problems[2]!.message).toBe('"supplier-a" is a supplier; customers are served by a plant or a dc');
  });

  it('replenishment cycle, closed source and missing plant component', () => {
    const text = `name: loops
products:
  widget: {}
  part: {}
  kit: {bom: [{product: part, quantity: 2}]}
sites:
  dc-a: {type: dc, source: dc-b, stock: {widget: {policy: {type: base-stock, S: 5}}}}
  dc-b: {type: dc, source: dc-a, stock: {widget: {policy: {type: base-stock, S: 5}}}}
  old: {type: dc, open: false, stock: {}}
  plant: {type: plant, lines: [{capacityPerDay: 10}], stock: {kit: {source: old, policy: {type: base-stock, S: 1}}}}
  maker: {type: plant, lines: [{capacityPerDay: 10}], stock: {kit: {policy: {type: base-stock, S: 1}}}}
segments:
  s1: {servedBy: dc-a, product: widget, ordersPerDay: 1}
  s2: {servedBy: maker, product: kit, ordersPerDay: 1}
defaultLane: {}
`;
    const problems = problemsOf(() => loadScenario(writeScenario(text)));
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}`)).toEqual([
      '7:28 sites.dc-a.source',
      '10:77 sites.plant.stock.kit.source',
      '11:63 sites.maker.stock.kit',
    ]);
    expect(problems[0]!.message).toContain('replenishment cycle for "widget": dc-a → dc-b → dc-a');
    expect(problems[1]!.message).toBe('site "old" is closed (open: false), so it cannot be a source');
    expect(problems[2]!.message).toContain('plant "maker" makes "kit" but does not stock its component "part"');
  });

  it('reports ALL problems at once, sorted by line and column', () => {
    const text = BASE.replace('horizonDays: 100', 'horizonDays: -1')
      .replace('leadTime: 3', 'leadTim: 3')
      .replace('s: 20', 's: 90')
      .replace('servedBy: dc-north', 'servedBy: dc-nort')
      .replace('ordersPerDay: 5', 'ordersPerDay: 5\n    onStockout: sometimes');
    const file = writeScenario(text);
    const problems = problemsOf(() => loadScenario(file));
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}`)).toEqual([
      '2:14 horizonDays',
      '6:3 sites.supplier-a.leadTime',
      '9:5 sites.supplier-a.leadTim',
      '13:27 sites.dc-north.policy.s',
      '18:15 segments.retail.servedBy',
      '21:17 segments.retail.onStockout',
    ]);
    expect(problems[0]!.message).toBe('must be > 0 (got -1)');
    expect(problems[1]!.message).toBe('required field is missing (expected a number ≥ 0 or an object {dist: constant | uniform | triangular | normal | lognormal | gamma | exponential | poisson | negative-binomial | empirical, ...})');
    expect(problems[2]!.message).toContain('did you mean "leadTime"?');
    expect(problems[4]!.message).toContain('unknown site "dc-nort"');
    const text2 = formatProblems(problems);
    expect(text2.split('\n')[0]).toBe(`${file}:2:14: horizonDays: must be > 0 (got -1)`);
  });
});

describe('didYouMean', () => {
  it('suggests the closest known name and always lists the known ones', () => {
    expect(didYouMean('dc-nrth', ['dc-north', 'dc-south'])).toBe(' (did you mean "dc-north"? known: dc-north, dc-south)');
    expect(didYouMean('warehouse', ['dc-north', 'dc-south'])).toBe(' (known: dc-north, dc-south)');
    expect(didYouMean('x', [])).toBe(' (none are defined)');
    expect(didYouMean('plociy', ['policy', 'source'])).toContain('did you mean "policy"?'); // transpositions count once
  });
});
