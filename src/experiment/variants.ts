/**
 * What-if alternatives of one scenario file — the base, its named variants, its investment
 * options, sweep points — and running them all on common random numbers (CRN).
 *
 * Patch order for an alternative: `--set` arguments first (they change the scenario everyone
 * starts from), then the alternative's own patch (a variant's or option's `set:`, a sweep
 * point). So `--set forecast.errorCv=0.2` asks "what if the base forecast were worse" and an
 * option that sets `forecast.errorCv` still gets its own value.
 *
 * Common random numbers: every alternative runs with the same master seed and the same
 * replication indices, and the model draws each random purpose from its own named stream
 * (rng.ts), so replication i of every alternative sees the same demand, the same supplier
 * delays, the same breakdowns — unless the alternative changes that very purpose. Differences
 * between alternatives are then differences of policy, not of luck.
 */
import { OVERALL_KPIS, PRODUCT_KPIS, SEGMENT_KPIS, SITE_KPIS, SITE_VALUE_KPIS } from '../model/kpis.ts';
import { transportKpiNames } from '../model/kpi-transport.ts';
import { TransportLanes } from '../model/transport-def.ts';
import { ScenarioError, didYouMean, type ScenarioProblem } from '../scenario/errors.ts';
import {
  getPath,
  loadScenarioDocument,
  locate,
  materialize,
  optionPatches,
  setArgPatches,
  splitPath,
  variantPatches,
  type Patch,
  type PatchOrigin,
  type ScenarioDocument,
} from '../scenario/load.ts';
import { isMapping } from '../scenario/document.ts';
import type { Scenario } from '../scenario/schema.ts';
import { kpiValues, resultsDocument, runMeta, type KpiStat, type ReplicationVectors } from './results.ts';
import { ExperimentRunner } from './runner.ts';
import type { PrecisionOptions } from './stopping.ts';
import { sourcingKpiNames } from '../model/kpi-sourcing.ts';

/** A scenario file opened for what-if work: its document, the `--set` patches, the base. */
export interface ScenarioSource {
  /** The file as the user named it (or a name for an in-memory scenario). */
  file: string;
  doc: ScenarioDocument;
  /** `--set` patches, applied first to every alternative. */
  cli: Patch[];
  /** The base scenario (document + `--set`), validated. */
  base: Scenario;
}

/** One alternative to simulate. */
export interface Alternative {
  /** `base`, a variant or option name, or a sweep point label. */
  name: string;
  scenario: Scenario;
}

/** A document for a scenario built in code rather than read from a file (positions: `name:1:1`). */
export function scenarioDocument(value: unknown, name = '<scenario>'): ScenarioDocument {
  return { file: name, value, locations: { at: { file: name, line: 1, col: 1 } } };
}

/** What the experiment functions accept: a file path, a document, or a scenario as plain data. */
export type ScenarioInput = string | ScenarioDocument | Record<string, unknown>;

const isDocument = (x: unknown): x is ScenarioDocument =>
  typeof x === 'object' && x !== null && 'locations' in x && 'value' in x && 'file' in x;

/**
 * Opens a scenario file (or an in-memory document, or plain scenario data) with `--set`
 * overrides and validates the base. Throws one ScenarioError with every problem (bad `--set`
 * arguments and file problems).
 */
export function openScenario(input: ScenarioInput, sets: readonly string[] = []): ScenarioSource {
  const problems: ScenarioProblem[] = [];
  let cli: Patch[] = [];
  let doc: ScenarioDocument | undefined;
  try {
    cli = setArgPatches(sets);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    problems.push(...err.problems);
  }
  try {
    doc = typeof input === 'string' ? loadScenarioDocument(input) : isDocument(input) ? input : scenarioDocument(input);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0 || !doc) throw new ScenarioError(problems);
  const src = { file: doc.file, doc, cli, base: materialize(doc, cli) };
  const headline = headlineProblems(src);
  if (headline.length > 0) throw new ScenarioError(headline);
  return src;
}

/** Every `headline:` entry that is not a KPI of the scenario, located in the file. */
export function headlineProblems(src: ScenarioSource): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  (src.base.headline ?? []).forEach((kpi, i) => {
    const problem = kpiProblem(src.base, kpi);
    if (problem) out.push(...problemAt(src, ['headline', i], problem).problems);
  });
  return out;
}

/** A ScenarioError with one problem located at `path` of the document. */
export function problemAt(src: ScenarioSource, path: readonly (string | number)[], message: string): ScenarioError {
  const { loc } = locate(src.doc, path, true);
  return new ScenarioError([{ ...loc, path: path.join('.'), message }]);
}

/** The base scenario as an alternative named `base`. */
export function baseAlternative(src: ScenarioSource): Alternative {
  return { name: 'base', scenario: src.base };
}

/** Throws a ScenarioError naming the known variants unless `name` is `base` or a declared variant. */
function checkVariant(src: ScenarioSource, name: string): void {
  if (name === 'base' || Object.prototype.hasOwnProperty.call(src.base.variants, name)) return;
  const known = Object.keys(src.base.variants);
  const list = known.length > 0 ? `known: base, ${known.join(', ')}` : 'the scenario declares no variants; only "base"';
  throw problemAt(src, ['variants'], `unknown variant "${name}" (${list})`);
}

/** Variant `name` (its `set:` on top of the base); `base` is the base itself. */
export function variantAlternative(src: ScenarioSource, name: string): Alternative {
  checkVariant(src, name);
  if (name === 'base') return baseAlternative(src);
  return { name, scenario: materialize(src.doc, [...src.cli, ...variantPatches(src.doc, name)]) };
}

/** The option at `index` of `options:` (its `set:` on top of the base). */
export function optionAlternative(src: ScenarioSource, index: number): Alternative {
  const option = src.base.options[index];
  if (!option) throw new RangeError(`no option at index ${index}`);
  return { name: option.name, scenario: materialize(src.doc, [...src.cli, ...optionPatches(src.doc, index)]) };
}

/** Every option of the scenario, in file order. */
export function optionAlternatives(src: ScenarioSource): Alternative[] {
  return src.base.options.map((_, i) => optionAlternative(src, i));
}

/** An alternative made of `patches` on top of the base (and of variant `variant`, if given). */
export function patchedAlternative(src: ScenarioSource, name: string, patches: readonly Patch[], variant?: string): Alternative {
  if (variant !== undefined) checkVariant(src, variant);
  const under = variant !== undefined && variant !== 'base' ? variantPatches(src.doc, variant) : [];
  return { name, scenario: materialize(src.doc, [...src.cli, ...under, ...patches]) };
}

// ---------------------------------------------------------------------------------------
// Wildcard paths

/**
 * Expands a field path whose segments may contain `*` (any run of characters within one
 * segment) against the document: `sites.dc-*.policy.targetServiceLevel` → one path per
 * matching site. Segments after the last wildcard need not exist (they are created when set).
 * Returns `[path]` unchanged when it has no wildcard; [] when nothing matches.
 */
export function expandWildcards(value: unknown, path: string): string[] {
  const segs = splitPath(path);
  let prefixes: string[][] = [[]];
  segs.forEach((seg) => {
    if (!seg.includes('*')) {
      prefixes = prefixes.map((p) => [...p, seg]);
      return;
    }
    const re = new RegExp(`^${seg.split('*').map(escapeRegExp).join('.*')}$`);
    const next: string[][] = [];
    for (const p of prefixes) {
      const node = getPath(value, p);
      const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : isMapping(node) ? Object.keys(node) : [];
      for (const k of keys) if (re.test(k)) next.push([...p, k]);
    }
    prefixes = next;
  });
  return prefixes.map((p) => p.join('.'));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One patch entry per concrete path of `path` (wildcards expanded against the base document),
 * all set to `value`. Throws a ScenarioError at `origin` when a wildcard matches nothing.
 */
export function wildcardPatch(src: ScenarioSource, path: string, value: unknown, origin: PatchOrigin): Patch {
  const paths = expandWildcards(src.doc.value, path);
  if (paths.length === 0)
    throw new ScenarioError([{ file: origin.file, line: origin.line, col: origin.col, path, message: `no field matches ${path} (set by ${origin.label})` }]);
  return { patch: Object.fromEntries(paths.map((p) => [p, value])), origin };
}

// ---------------------------------------------------------------------------------------
// Running alternatives on common random numbers

/** How many replications, from which seed; every alternative gets exactly these. */
export interface CrnOptions {
  /** Master seed (the same for every alternative). */
  seed: number;
  /** Replications per alternative. */
  replications: number;
  /** First replication index (default 0). */
  first?: number;
  /** Progress across the whole experiment: replications done of all alternatives. */
  onProgress?: (done: number, total: number) => void;
  /** Aborts every run; the promise rejects (with the runner's RunAbortedError). */
  signal?: AbortSignal;
}

/** Alternatives in flight at once: keeps a worker pool busy across alternatives (no idle tail per run). */
const CONCURRENT_ALTERNATIVES = 4;

/**
 * Runs every alternative on the same seed and replication indices (common random numbers),
 * through one runner (one worker pool for the whole experiment), a few alternatives at a time.
 * Returns KPI vectors (KPIs only, no time series) in the order of `alternatives`. The first
 * failure stops the rest and is rethrown.
 */
export async function runAlternatives(
  runner: ExperimentRunner,
  alternatives: readonly Alternative[],
  opts: CrnOptions,
): Promise<ReplicationVectors[]> {
  const total = alternatives.length * opts.replications;
  const done = new Array<number>(alternatives.length).fill(0);
  let reported = 0;
  const stop = new AbortController();
  const onAbort = () => stop.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) stop.abort(opts.signal.reason);
  const out: ReplicationVectors[] = new Array(alternatives.length);
  let failure: unknown;
  let next = 0;
  const worker = async () => {
    while (next < alternatives.length && failure === undefined) {
      const i = next++;
      try {
        out[i] = await runner.run(alternatives[i]!.scenario, {
          seed: opts.seed,
          first: opts.first ?? 0,
          count: opts.replications,
          kpisOnly: true,
          signal: stop.signal,
          onProgress: (d) => {
            done[i] = d;
            const sum = done.reduce((a, b) => a + b, 0);
            if (sum > reported) {
              reported = sum;
              opts.onProgress?.(sum, total);
            }
          },
        });
      } catch (err) {
        failure ??= alternatives.length > 1 && !(opts.signal?.aborted ?? false) ? withName(alternatives[i]!.name, err) : err;
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_ALTERNATIVES, alternatives.length) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
  return out;
}

/** Prefixes a runtime failure with the alternative it happened in (abort errors pass through). */
function withName(name: string, err: unknown): unknown {
  if (!(err instanceof Error) || err.name === 'AbortError' || err instanceof ScenarioError) return err;
  const wrapped = new Error(`${name}: ${err.message}`);
  wrapped.name = err.name;
  return wrapped;
}

// ---------------------------------------------------------------------------------------
// What every experiment function shares

/** Options common to sweep, frontier, compare and optimize (library and CLI alike). */
export interface ExperimentOptions {
  /** `--set path=value` overrides of the base. */
  sets?: readonly string[];
  /** Master seed; default the scenario's `seed`. */
  seed?: number;
  /** Replications per alternative; default the scenario's `replications`. */
  replications?: number;
  /**
   * Instead of a fixed `replications` (sweep, compare): rounds of replications for every
   * alternative alike until `kpi`'s relative CI half-width is at most `target` in each of them.
   */
  precision?: PrecisionOptions;
  /** Confidence level of every interval; default 0.95. */
  confidence?: number;
  /** A runner to reuse (it stays open); otherwise one is started with `workers` and closed at the end. */
  runner?: ExperimentRunner;
  /** Worker threads of the runner started here; 0 (default) runs in this thread. */
  workers?: number;
  /** Progress across the whole experiment [replications done, replications planned]. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the experiment; the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/** Runs `body` with `opts.runner`, or with a runner of its own that is closed afterwards. */
export async function withRunner<T>(opts: ExperimentOptions, body: (runner: ExperimentRunner) => Promise<T>): Promise<T> {
  if (opts.runner) return body(opts.runner);
  const runner = new ExperimentRunner({ workers: opts.workers ?? 0 });
  try {
    return await body(runner);
  } finally {
    await runner.close();
  }
}

/** The KPIs of one alternative, summarised across replications (results.json without series). */
export interface AlternativeResults {
  kpis: Record<string, KpiStat>;
  bySite: Record<string, Record<string, KpiStat>>;
  bySegment: Record<string, Record<string, KpiStat>>;
  /** Lanes with vehicles only. */
  byLane?: Record<string, Record<string, KpiStat>>;
}

/** Summarises an alternative's vectors: every KPI with its interval, overall, by site, by segment. */
export function summarizeAlternative(scenario: Scenario, seed: number, confidence: number, v: ReplicationVectors): AlternativeResults {
  const { kpis, bySite, bySegment, byLane } = resultsDocument(runMeta(scenario, seed, confidence), v);
  return byLane ? { kpis, bySite, bySegment, byLane } : { kpis, bySite, bySegment };
}

/** Every KPI id of a scenario: overall, `site.<id>.<kpi>`, `segment.<id>.<kpi>`. */
export function knownKpis(scenario: Scenario): string[] {
  const names: string[] = [...OVERALL_KPIS];
  for (const [id, site] of Object.entries(scenario.sites))
    if (site.open && site.type !== 'supplier') for (const k of SITE_KPIS) names.push(`site.${id}.${k}`);
  for (const id of Object.keys(scenario.segments)) for (const k of SEGMENT_KPIS) names.push(`segment.${id}.${k}`);
  for (const id of Object.keys(scenario.products)) for (const k of PRODUCT_KPIS) names.push(`product.${id}.${k}`);
  for (const [id, site] of Object.entries(scenario.sites))
    if (site.open && site.type !== 'supplier') for (const k of SITE_VALUE_KPIS) names.push(`site.${id}.${k}`);
  names.push(...sourcingKpiNames(scenario));
  names.push(...transportKpiNames(new TransportLanes(scenario).lanes));
  return names;
}

/** Null when `kpi` is a KPI id of the scenario, else a message naming the closest ones. */
export function kpiProblem(scenario: Scenario, kpi: string): string | null {
  const known = knownKpis(scenario);
  return known.includes(kpi) ? null : `unknown KPI "${kpi}"${didYouMean(kpi, known)}`;
}

/** The values of KPI `name` in replication order (NaN where it does not apply). */
export function kpiColumn(v: ReplicationVectors, name: string): Float64Array {
  return kpiValues(v, name);
}
