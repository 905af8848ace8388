/**
 * Sharding sweeps, frontiers, comparisons and grid optimisations: their points (sweep points; the
 * base and each option; every point of the lever grid) are
 * the experiment points of the shards — blocks of (point, replication) pairs, see shard.ts.
 *
 * A shard records the experiment as data: the scenario document, the `--set` arguments and
 * what picks the points (the sweep's paths and values; the compared options). `merge` rebuilds
 * every point's scenario exactly as the command did, checks them against the shards' scenario
 * hash, and reduces with the command's own code (`sweepResult`, `frontierOf`, `comparison`,
 * `gridOptimum`).
 */
import type { PatchOrigin } from '../scenario/document.ts';
import { type Candidate, candidates, comparison, type CompareResult } from './compare.ts';
import { frontierOf, type FrontierResult } from './frontier.ts';
import type { ReplicationVectors } from './results.ts';
import type { ShardHeader } from './shard-file.ts';
import type { ShardPoint } from './shard.ts';
import { pointScenarios, type SweepPlan, type SweepResult, sweepPoints, sweepResult } from './sweep.ts';
import { baseAlternative, openScenario, scenarioDocument, type ScenarioSource } from './variants.ts';
import { type GridContext, gridOptimum, gridPoints } from './optimize-grid.ts';
import { type OptimizeOptions, allConstraints, leversOf, problemOf } from './optimize-problem.ts';
import type { OptimizeResult } from './optimize.ts';

/** What every sweep, frontier or compare shard records to rebuild its scenario source. */
interface SourceData {
  /** The scenario file as the user named it (results.json's `file`). */
  file: string;
  /** The scenario document's merged value (extends resolved), before any patch. */
  document: unknown;
  /** `--set` arguments (with --horizon/--warmup folded in), applied first to every point. */
  sets: string[];
}

export interface SweepShardData extends SourceData {
  mode: SweepPlan['mode'];
  parameters: Array<{ path: string; values: unknown[] }>;
}

/** A frontier is a sweep reduced onto two axes. */
export interface FrontierShardData extends SweepShardData {
  costKpi: string;
  serviceKpi: string;
}

export interface CompareShardData extends SourceData {
  only: string[];
  variants: boolean;
}

/** `optimize --method grid`: the options that pick the levers and the constraints. */
export interface OptimizeShardData extends SourceData {
  options: Pick<OptimizeOptions, 'levers' | 'target' | 'serviceKpi' | 'per' | 'costKpi' | 'verify' | 'constraints'>;
}

/** Points of a sweep or comparison, and the data that rebuilds them. */
export interface KindPoints<D> {
  points: ShardPoint[];
  data: D;
}

const sourceData = (src: ScenarioSource, sets: readonly string[]): SourceData => ({ file: src.file, document: src.doc.value, sets: [...sets] });
const reopen = (d: SourceData): ScenarioSource => openScenario(scenarioDocument(d.document, d.file), d.sets);

/** The sweep's points, as `runSweep` materializes them. */
export function sweepShardPoints(src: ScenarioSource, sets: readonly string[], plan: SweepPlan): KindPoints<SweepShardData> {
  const points = sweepPoints(plan);
  const scenarios = pointScenarios(src, plan, points);
  return {
    points: points.map((p, i) => ({ label: p.label, scenario: scenarios[i]! })),
    data: { ...sourceData(src, sets), mode: plan.mode, parameters: plan.parameters.map((p) => ({ path: p.path, values: p.values })) },
  };
}

/** The frontier's points: its sweep's, with the axes merge reduces them onto. */
export function frontierShardPoints(
  src: ScenarioSource,
  sets: readonly string[],
  plan: SweepPlan,
  axes: { costKpi: string; serviceKpi: string },
): KindPoints<FrontierShardData> {
  const { points, data } = sweepShardPoints(src, sets, plan);
  return { points, data: { ...data, costKpi: axes.costKpi, serviceKpi: axes.serviceKpi } };
}

/** The comparison's points: the base, then each candidate, as `compare` runs them. */
export function compareShardPoints(src: ScenarioSource, sets: readonly string[], only: readonly string[], variants: boolean): KindPoints<CompareShardData> {
  const list = candidates(src, { only, variants });
  return {
    points: [baseAlternative(src), ...list.map((c) => c.alternative)].map((a) => ({ label: a.name, scenario: a.scenario })),
    data: { ...sourceData(src, sets), only: [...only], variants },
  };
}

/** The optimisation grid as `optimize --method grid` runs it, and how merge reduces it. */
function optimizeGrid(src: ScenarioSource, options: OptimizeShardData['options'], h: { seed: number; replications: number; confidence: number }) {
  const levers = leversOf(src, options);
  const problem = problemOf(src, options, levers);
  const ctx: GridContext = { src, levers, problem, constraints: allConstraints(src, problem), seed: h.seed, replications: h.replications, level: h.confidence };
  return { ctx, grid: gridPoints(src, levers), levers };
}

/** The grid points of `optimize --method grid` (the caller has checked the grid's size). */
export function optimizeShardPoints(
  src: ScenarioSource,
  sets: readonly string[],
  options: OptimizeShardData['options'],
  h: { seed: number; replications: number; confidence: number },
): KindPoints<OptimizeShardData> {
  const { grid } = optimizeGrid(src, options, h);
  return { points: grid.map((p) => ({ label: p.label, scenario: p.scenario })), data: { ...sourceData(src, sets), options: JSON.parse(JSON.stringify(options)) } };
}

/** A sweep or comparison rebuilt from a shard header: its points, and its reduction. */
export interface RebuiltExperiment {
  points: ShardPoint[];
  /** The results document from the merged vectors of every point (in point order). */
  result(vectors: ReplicationVectors[]): SweepResult | FrontierResult | CompareResult | OptimizeResult;
}

function dataOf<D extends SourceData>(h: ShardHeader, check: (d: Partial<D>) => boolean): D {
  const d = h.experiment as Partial<D> | undefined;
  if (!d || typeof d.file !== 'string' || !Array.isArray(d.sets) || !check(d)) throw new Error(`the ${h.kind} shard header lacks what rebuilds its points`);
  return d as D;
}

/** Rebuilds the sweep or comparison of a shard header (a ScenarioError if this scsim cannot). */
export function rebuildExperiment(h: ShardHeader): RebuiltExperiment {
  if (h.kind === 'sweep' || h.kind === 'frontier') {
    const d = dataOf<SweepShardData & Partial<FrontierShardData>>(
      h,
      (x) => Array.isArray(x.parameters) && (x.mode === 'grid' || x.mode === 'zip') && (h.kind === 'sweep' || (typeof x.costKpi === 'string' && typeof x.serviceKpi === 'string')),
    );
    const src = reopen(d);
    const plan: SweepPlan = {
      mode: d.mode,
      parameters: d.parameters.map((p, i) => {
        const origin: PatchOrigin = { file: 'shard', line: i + 1, col: 1, label: `sweep parameter ${p.path}` };
        return { path: p.path, values: p.values, origin };
      }),
    };
    const points = sweepPoints(plan);
    const scenarios = pointScenarios(src, plan, points);
    return {
      points: points.map((p, i) => ({ label: p.label, scenario: scenarios[i]! })),
      result: (vectors) => {
        const swept = sweepResult({ src, plan, points, scenarios, vectors, seed: h.seed, replications: h.replications, confidence: h.confidence });
        return h.kind === 'frontier' ? frontierOf(swept, vectors, d.costKpi!, d.serviceKpi!) : swept;
      },
    };
  }
  if (h.kind === 'compare') {
    const d = dataOf<CompareShardData>(h, (x) => Array.isArray(x.only) && typeof x.variants === 'boolean');
    const src = reopen(d);
    const list: Candidate[] = candidates(src, { only: d.only, variants: d.variants });
    return {
      points: [baseAlternative(src), ...list.map((c) => c.alternative)].map((a) => ({ label: a.name, scenario: a.scenario })),
      result: (vectors) => comparison(src, list, vectors, h.seed, h.replications, h.confidence),
    };
  }
  if (h.kind === 'optimize') {
    const d = dataOf<OptimizeShardData>(h, (x) => typeof x.options === 'object' && x.options !== null);
    const { ctx, grid } = optimizeGrid(reopen(d), d.options, h);
    return { points: grid.map((p) => ({ label: p.label, scenario: p.scenario })), result: (vectors) => gridOptimum(ctx, grid, vectors) };
  }
  throw new Error(`a ${h.kind} shard has no points to rebuild`);
}
