/**
 * What a report is made from: the results document of an experiment (a run, a comparison, a
 * frontier, a sweep, an optimisation, a safety-stock placement or its frontier), optionally the per-replication KPI values and the scenario that was
 * run. Loaded from a results folder (`results.json`, `replications.csv`, `scenario.json`)
 * or handed over in memory by a command that has just computed them.
 *
 * The shapes of the comparison and frontier documents are the contract with the experiment
 * code that writes them; a report reads only the fields declared here.
 */
import type { PlacementFrontierPoint } from '../experiment/placement-frontier.ts';
import type { PlacementArm, PlacementStock } from '../experiment/placement-plan.ts';
import { existsSync, readFileSync } from 'node:fs';
import { checkResultsFolder } from '../experiment/results-folder.ts';
import { join } from 'node:path';
import type { KpiStat, ReplicationVectors, ResultsDocument } from '../experiment/results.ts';

/** An interval estimate of a mean (paired difference, NPV). */
export interface IntervalStat {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** A paired difference option − base across replications (common random numbers). */
export interface DifferenceStat extends IntervalStat {
  halfWidth?: number | null;
  stdDev?: number | null;
  n?: number;
  /** Share of replications where option > base. */
  shareGreater?: number | null;
  /** Share of replications where option < base. */
  shareLess?: number | null;
}

/** `scsim run`: the results document exactly as src/experiment/results.ts writes it. */
export type RunResults = ResultsDocument & { kind?: 'run' };

/** KPIs of one alternative (base, option, sweep point), as src/experiment/variants.ts writes them. */
export interface AlternativeKpis {
  kpis: Record<string, KpiStat>;
  bySite?: Record<string, Record<string, KpiStat>>;
  bySegment?: Record<string, Record<string, KpiStat>>;
  /** Per product: units beside their value (on-hand, on-order, backorders), units shipped, COGS. */
  byProduct?: Record<string, Record<string, KpiStat>>;
  /** Per lane with vehicles (absent without). */
  byLane?: Record<string, Record<string, KpiStat>>;
}

/** One investment option in a comparison, measured against the base (src/experiment/compare.ts). */
export interface CompareOption {
  name: string;
  /** Investment family: scm, crm or other. */
  kind: string;
  source?: 'option' | 'variant';
  description?: string;
  /** Investment paid at time 0 [money]. */
  oneOffCost?: number;
  /** Running cost [money per year]. */
  runningCostPerYear?: number;
  /** Paired differences option − base, keyed by KPI id (operatingProfit, totalCost, fillRate, otif, avgInventoryValue). */
  differences: Record<string, DifferenceStat>;
  /** Net present value against the base, investment and running costs included [money]. */
  npv?: DifferenceStat;
  /** Share of replications in which the option beats the base (NPV > 0). */
  shareBeatsBase?: number | null;
  /** Share of replications in which the option loses money (NPV < 0). */
  shareLoss?: number | null;
  /** NPV across replications [money]. */
  npvQuantiles?: { p05: number | null; p50: number | null; p95: number | null };
  /** 1 = best (highest mean NPV). */
  rank?: number;
  /** Options whose NPV interval overlaps this one's: their order is not established. */
  overlapsWith?: string[];
  /** Paired NPV difference (this − next) against the option ranked just below. */
  vsNext?: (DifferenceStat & { name: string }) | null;
  /** Set when the option changes demand directly (src/scenario/warnings.ts): its result rests on an assumption. */
  assumption?: string;
  /** The option's own KPIs. */
  results?: AlternativeKpis;
}

/** `scsim compare`: options against a base under common random numbers. */
export interface CompareResults {
  kind: 'compare';
  scenario: string;
  description?: string;
  /** Name of the base (the scenario as written). */
  base: string;
  replications?: number;
  seed?: number;
  confidence?: number;
  horizonDays?: number;
  warmupDays?: number;
  investment?: { discountRatePerYear: number; years: number; windowDays?: number };
  options: CompareOption[];
  /** Option names, best first. */
  ranking?: string[];
  /** The base's own KPIs. */
  baseResults?: AlternativeKpis;
  [extra: string]: unknown;
}

/** One evaluated point of a sweep or a frontier (src/experiment/sweep.ts, frontier.ts). */
export interface PointResult {
  label: string;
  /** Parameter values of this point, keyed by field path. */
  parameters: Record<string, unknown>;
  results: AlternativeKpis;
  /** The cost KPI (frontier; may be a site or segment KPI, absent from results.kpis). */
  cost?: KpiStat;
  /** The service KPI (frontier). */
  service?: KpiStat;
  /** Another point is no worse on both axes and better on one, on the means. */
  dominated?: boolean;
  /** Labels of the points that dominate this one. */
  dominatedBy?: string[];
  /** Dominated with paired intervals that agree: not an accident of the sampled futures. */
  confidentlyDominated?: boolean;
}

/** `scsim frontier` and `scsim sweep`: plans in the cost/service plane. */
export interface PointsResults {
  kind: 'frontier' | 'sweep';
  scenario: string;
  description?: string;
  points: PointResult[];
  /** KPI id on the cost axis (frontier; default inventoryCost). */
  costKpi?: string;
  /** KPI id on the service axis (frontier; default fillRate). */
  serviceKpi?: string;
  /** Service the plan must reach (a fraction for rates); else the scenario's optimize target. */
  serviceTarget?: number;
  replications?: number;
  seed?: number;
  confidence?: number;
  horizonDays?: number;
  warmupDays?: number;
  [extra: string]: unknown;
}

/** One service constraint at one plan (src/experiment/optimize.ts ServiceCheck). */
export interface ServiceCheck {
  kpi: string;
  target: number;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  met: boolean;
}

/** `scsim optimize`: the shape src/experiment/optimize.ts writes (the fields a report reads). */
export interface OptimizeResults {
  kind: 'optimize';
  scenario: string;
  replications?: number;
  confidence?: number;
  status: 'optimal' | 'infeasible' | 'budget';
  /** target: null when only extra `constraints` (`--constraint`) constrain. */
  problem: { levers: Array<{ path: string; min: number; max: number; values: number }>; serviceKpi: string; target: number | null; per: string; costKpi: string; verify: string };
  /** Which search answered (absent in files written before issue 23). */
  search?: { method: 'bisection' | 'grid' | 'pattern'; monotonicity: 'held' | 'violated'; violation: { lever: string; lower: number; higher: number; kpi: string; atLower: number; atHigher: number } | null };
  chosen: { parameters: Record<string, number>; cost: KpiStat; service: ServiceCheck[]; results: AlternativeKpis };
  evaluations: number;
  [extra: string]: unknown;
  trace: Array<{ parameters: Record<string, number>; cost: KpiStat; feasible: boolean; tightest: ServiceCheck | null }>;
}

/** One stock of a safety-stock placement: the fields of results.json the report reads. */
export type PlacementStockRow = Omit<PlacementStock, 'meanReplenishmentDays'>;

/** One simulated policy set of a placement, as results.json holds it (its per-KPI results left out). */
export type PlacementArmResult = Omit<PlacementArm, 'results'>;

/** `scsim optimize --placement`: the fields a report reads. */
export interface PlacementResults {
  kind: 'placement';
  scenario: string;
  replications?: number;
  seed?: number;
  confidence?: number;
  /** Service target [probability] and its safety factor z = Φ⁻¹(target). */
  target: number;
  z: number;
  /** Analytic safety-stock holding cost of each plan [money per day]. */
  analyticCost: { uniform: number; placement: number };
  stocks: PlacementStockRow[];
  arms: PlacementArmResult[];
  evaluations?: number;
  [extra: string]: unknown;
}

/** `scsim frontier --placement`: the fields a report reads (src/experiment/placement-frontier.ts). */
export interface PlacementFrontierResults {
  kind: 'placement-frontier';
  scenario: string;
  replications?: number;
  seed?: number;
  confidence?: number;
  targets: number[];
  points: PlacementFrontierPoint[];
  /** Placement − uniform at each target, paired: inventory cost [money] and fill rate. */
  savings: Array<{ target: number; cost: KpiStat; fillRate: KpiStat }>;
  [extra: string]: unknown;
}

export type AnyResults = RunResults | CompareResults | PointsResults | OptimizeResults | PlacementResults | PlacementFrontierResults;

/** The parts of a scenario a report uses; read leniently, since it is only context. */
export interface ScenarioContext {
  name?: string;
  description?: string;
  /** The question the report answers first. */
  question?: string;
  /** KPI ids the summary leads with, per option or variant. */
  headline?: string[];
  /** ISO 4217 code of every amount of money. */
  currency?: string;
  /** The cost and service KPIs of the scenario's frontier (sweeps use them too). */
  frontier?: { costKpi?: string; serviceKpi?: string };
  /** Investment options and variants: what each changes (`set` paths), to flag assumed demand changes. */
  options?: Array<{ name?: string; set?: Record<string, unknown> }>;
  variants?: Record<string, { set?: Record<string, unknown> }>;
  /** Disruptions and surges, to shade their windows on charts over time. */
  disruptions?: Array<{ name?: string; type?: string; at?: number; days?: number; random?: unknown }>;
  segments?: Record<string, { promisedDays?: number }>;
  /** The optimisation problem, whose service target a frontier report measures against. */
  optimize?: { serviceKpi?: string; target?: number };
  /** Simulated days and the warm-up excluded from the statistics (as run, `--horizon`/`--warmup` applied). */
  horizonDays?: number;
  warmupDays?: number;
}

/** Everything a report is built from. */
export interface ReportInputs {
  results: AnyResults;
  /** Per-replication values, keyed by KPI id, in replication order (NaN = not applicable). */
  replications?: Record<string, number[]>;
  scenario?: ScenarioContext;
}

/** The experiment kind of a results document (`run` when it carries none). */
export function resultsKind(results: AnyResults): 'run' | 'compare' | 'frontier' | 'sweep' | 'optimize' | 'placement' | 'placement-frontier' {
  const kind = (results as { kind?: unknown }).kind;
  if (kind === undefined || kind === 'run') return 'run';
  if (kind === 'compare' || kind === 'frontier' || kind === 'sweep' || kind === 'optimize' || kind === 'placement' || kind === 'placement-frontier') return kind;
  throw new Error(`results.json: unknown experiment kind "${String(kind)}" (expected run, compare, frontier, sweep, optimize, placement or placement-frontier)`);
}

/** Reads a results folder. Only `results.json` is required. */
export function loadReportInputs(dir: string): ReportInputs {
  const resultsFile = join(dir, 'results.json');
  if (!existsSync(resultsFile)) throw new Error(`${resultsFile}: not found (give the folder written by scsim run --out)`);
  checkResultsFolder(dir); // a half-written folder, or files of two different runs: refused
  const results = readJson(resultsFile) as AnyResults;
  if (typeof results !== 'object' || results === null || typeof results.scenario !== 'string')
    throw new Error(`${resultsFile}: not a results document (no "scenario" name)`);
  resultsKind(results);
  const inputs: ReportInputs = { results };
  const csv = join(dir, 'replications.csv');
  if (existsSync(csv)) inputs.replications = parseReplicationsCsv(readFileSync(csv, 'utf8'), csv);
  const scenarioFile = join(dir, 'scenario.json');
  if (existsSync(scenarioFile)) inputs.scenario = readJson(scenarioFile) as ScenarioContext;
  return inputs;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Per-replication values from a CSV with one header row of KPI ids and one row per
 * replication. Empty cells, `NaN` and `null` read as NaN (not applicable).
 */
export function parseReplicationsCsv(text: string, file = 'replications.csv'): Record<string, number[]> {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length === 0) return {};
  const header = splitCsvLine(lines[0]!);
  const out: Record<string, number[]> = {};
  for (const h of header) out[h] = [];
  for (let r = 1; r < lines.length; r++) {
    const cells = splitCsvLine(lines[r]!);
    if (cells.length !== header.length)
      throw new Error(`${file}:${r + 1}: ${cells.length} cells, the header has ${header.length}`);
    cells.forEach((c, i) => out[header[i]!]!.push(c === '' || c === 'NaN' || c === 'null' ? Number.NaN : Number(c)));
  }
  return out;
}

/** One CSV line; double-quoted cells may contain commas and doubled quotes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') (cell += '"'), (i += 2);
        else if (line[i] === '"') break;
        else cell += line[i++];
      }
      cells.push(cell);
      i += 2; // closing quote and comma
    } else {
      const end = line.indexOf(',', i);
      const stop = end < 0 ? line.length : end;
      cells.push(line.slice(i, stop).trim());
      i = stop + 1;
    }
  }
  return cells;
}

/** Per-replication values straight from the vectors of a run (no CSV round trip). */
export function replicationColumns(v: ReplicationVectors): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const L = v.layout.length;
  v.layout.names.forEach((name, k) => {
    const xs: number[] = [];
    for (let i = 0; i < v.count; i++) xs.push(v.data[i * L + k]!);
    out[name] = xs;
  });
  return out;
}
