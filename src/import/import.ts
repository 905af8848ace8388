/**
 * `scsim import`: a folder of CSV tables → one commented scenario file. Every table is read
 * and checked before anything is written; all the problems of all the tables are reported at
 * once (a ScenarioError located in the CSV cells), and then no file is written. The scenario
 * built is then validated like any scenario file (`scsim validate`), so what is written runs.
 *
 * Tables (columns in the README, "From CSV extracts to a scenario"): products.csv, bom.csv
 * (optional), sites.csv, policies.csv, lanes.csv (a row per flow between sites), segments.csv, orders.csv
 * (optional demand history) and customers.csv (optional customer → segment map).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Document, isMap, isPair, isScalar, visit, type Pair, type YAMLMap } from 'yaml';
import { ScenarioError } from '../scenario/errors.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Problems } from './csv-table.ts';
import { demandComment, fitDemand, type DemandFit } from './demand.ts';
import { readHistory } from './history.ts';
import { readNetwork } from './network.ts';
import { checkSegments, readSegments } from './segments.ts';

/** Settings of the imported scenario that no table holds. */
export interface ImportOptions {
  /** Scenario name (default: the folder's name). */
  name?: string;
  /** Simulated days including warm-up (default 365). */
  horizonDays?: number;
  /** Warm-up [days] (default 60). */
  warmupDays?: number;
  /** Replications (default 20). */
  replications?: number;
}

/** The imported scenario: the YAML text, the parsed scenario and the fit of each segment with history. */
export interface ImportResult {
  yaml: string;
  scenario: Scenario;
  demand: Map<string, DemandFit>;
}

/** Reads every table of `dir`; throws a ScenarioError with every problem found. */
function readTables(dir: string, opts: ImportOptions) {
  const problems: Problems = [];
  const segments = readSegments(dir, problems);
  const net = readNetwork(dir, problems, new Set(segments.keys()));
  const products = new Map([...segments.values()].map((s) => [s.id, s.fields.product as string | undefined]));
  const history = readHistory(dir, problems, products);
  const demand = new Map<string, DemandFit>();
  checkSegments(segments, net.sites, net.products, new Set(history?.segments.keys() ?? []));
  if (problems.length > 0) throw new ScenarioError(problems);
  for (const [id, h] of history?.segments ?? []) demand.set(id, fitDemand(history!, h));
  const scenarioSegments: Record<string, Record<string, unknown>> = {};
  for (const [id, s] of segments) {
    const fit = demand.get(id);
    // A value given in segments.csv wins over the fitted one.
    scenarioSegments[id] = fit ? { ...s.fields, ...fit.fields, ...pick(s.fields, ['ordersPerDay', 'orderSize', 'forecastErrorCv']) } : s.fields;
  }
  const value = {
    name: opts.name ?? basename(resolve(dir)),
    description: `Imported from the CSV tables in ${basename(resolve(dir))}/ by scsim import`,
    horizonDays: opts.horizonDays ?? 365,
    warmupDays: opts.warmupDays ?? 60,
    replications: opts.replications ?? 20,
    seed: 1,
    products: net.products,
    sites: net.sites,
    segments: scenarioSegments,
    lanes: net.lanes,
  };
  return { value, demand, history, segments };
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/** The pair of `map` whose key is `key`. */
function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

/** Comments a top-level section (and leaves a blank line before it). */
function section(doc: Document, key: string, comment: string): void {
  const p = pairOf(doc.contents, key);
  if (p && isScalar(p.key)) {
    p.key.commentBefore = comment;
    p.key.spaceBefore = true;
  }
}

/** The commented YAML of an imported scenario. */
function render(value: ReturnType<typeof readTables>['value'], demand: Map<string, DemandFit>, history: ReturnType<typeof readTables>['history'], dir: string): string {
  const doc = new Document(value);
  // Distributions and BOM lines read best on one line.
  visit(doc, {
    Map(_, node) {
      if (pairOf(node, 'dist') || (pairOf(node, 'product') && pairOf(node, 'quantity') && node.items.length === 2)) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
  });
  doc.commentBefore = [
    ` Scenario imported by "scsim import ${basename(resolve(dir))}" from CSV tables. Units: days, units of product, money.`,
    ' Regenerate it from the tables rather than editing it, or keep edits in a scenario that extends it.',
    ' Settings no table holds (horizon, warm-up, replications, seed) are the import defaults or its options.',
  ].join('\n');
  section(doc, 'products', ' Products (products.csv; bill of materials from bom.csv). unitCost [money/unit], shelfLifeDays [days]');
  section(doc, 'sites', ' Sites (sites.csv) and the stock each holds with its policy (policies.csv). Suppliers supply what stocks source from them, at purchase_price.');
  section(doc, 'segments', ` Customer segments (segments.csv)${history ? `; demand fitted from orders.csv (${history.from} to ${history.to}) where a segment has order lines` : ''}`);
  section(doc, 'lanes', ' Transport lanes (lanes.csv): transitTime [days] (a gamma when transit_sd_days is given), costs [money]');
  const segs = pairOf(doc.contents, 'segments')?.value;
  for (const [id, fit] of demand) {
    const p = pairOf(segs, id);
    if (p && isScalar(p.key)) p.key.commentBefore = demandComment(fit, history!).map((l) => ` ${l}`).join('\n');
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * Imports the CSV tables of `dir` into a scenario. Throws a ScenarioError with every problem
 * (located in the CSV files, or in the generated file `outName` when the scenario check finds
 * one the table checks missed).
 */
export function importFolder(dir: string, opts: ImportOptions = {}, outName = 'scenario.yaml'): ImportResult {
  const { value, demand, history } = readTables(dir, opts);
  const yaml = render(value, demand, history, dir);
  // Validate exactly what will be written, through the loader every command uses.
  const tmp = mkdtempSync(join(tmpdir(), 'scsim-import-'));
  try {
    const file = join(tmp, 'scenario.yaml');
    writeFileSync(file, yaml);
    try {
      return { yaml, scenario: loadScenario(file), demand };
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      throw new ScenarioError(err.problems.map((p) => ({ ...p, file: outName, message: `${p.message} (in the scenario built from the tables)` })));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
