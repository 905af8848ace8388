/**
 * Charts of safety-stock placement (`optimize --placement`, `frontier --placement`): inventory
 * cost against fill rate with one curve per plan (the scenario's policies, uniform safety
 * stock, the placement), inventory cost against the service target per plan, and the paired
 * saving of the placement against uniform safety stock per target.
 *
 * Plans always wear the same colours, so the three charts read together.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { IntervalStat } from '../inputs.ts';
import { COLORS, PANEL_HEIGHT, PANEL_WIDTH, axisFormat, axisTitle, finite, topLevel } from './common.ts';
import { costServiceFields, labelledPoints } from './frontier.ts';

export type PlanName = 'current' | 'uniform' | 'placement';

/** Legend names of the plans (fixed words) and their colours. */
export const PLAN_LEGEND: Record<PlanName, string> = { current: 'scenario’s policies', uniform: 'uniform safety stock', placement: 'placement' };
const PLAN_COLOR: Record<PlanName, string> = { current: '#7f7f7f', uniform: '#ff7f0e', placement: '#1f77b4' };
const PLANS: PlanName[] = ['current', 'uniform', 'placement'];

const planColor = (present: PlanName[]) => {
  const domain = PLANS.filter((p) => present.includes(p));
  return { field: 'plan', type: 'nominal', title: 'Plan', scale: { domain: domain.map((p) => PLAN_LEGEND[p]), range: domain.map((p) => PLAN_COLOR[p]) } } as const;
};

/** One simulated policy set: its plan, a short text beside it, and its cost and service with intervals. */
export interface PlanPoint {
  plan: PlanName;
  /** Written beside the point (`k = 1.20`, `95%`; empty: none, the legend names it). */
  text: string;
  /** Inventory cost over the measured period [money]. */
  cost: IntervalStat;
  /** Fill rate [fraction]. */
  service: IntervalStat;
}

/**
 * Inventory cost against fill rate, intervals on both axes, the points of one plan joined in
 * order of cost: a curve to the left of another gives the same service for less.
 */
export function planCostServiceChart(points: PlanPoint[], opts: { serviceTarget?: number } = {}): TopLevelSpec {
  const values = points
    .filter((p) => finite(p.cost.mean) !== null && finite(p.service.mean) !== null)
    .map((p) => ({
      plan: PLAN_LEGEND[p.plan],
      text: p.text,
      ...costServiceFields(p.cost, p.service, true),
      labelled: false,
    }));
  const keep = labelledPoints(
    values.map((v) => ({ cost: v.cost!, service: v.service!, text: v.text, efficient: true })),
    PANEL_WIDTH,
    PANEL_HEIGHT + 60,
  );
  values.forEach((v, i) => (v.labelled = keep[i]!));
  const color = planColor(PLANS.filter((p) => points.some((q) => q.plan === p)));
  const x = { field: 'cost', type: 'quantitative', title: axisTitle('Inventory cost', 'money'), scale: { zero: false }, axis: { format: axisFormat('money') } } as const;
  const y = { field: 'service', type: 'quantitative', title: axisTitle('Fill rate', 'percent'), scale: { zero: false, domainMax: 1 }, axis: { format: axisFormat('percent') } } as const;
  const layers: unknown[] = [
    { mark: { type: 'rule', opacity: 0.6 }, encoding: { x: { field: 'costLow', type: 'quantitative' }, x2: { field: 'costHigh' }, y, color } },
    { mark: { type: 'rule', opacity: 0.6 }, encoding: { x, y: { field: 'serviceLow', type: 'quantitative' }, y2: { field: 'serviceHigh' }, color } },
    { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, order: { field: 'cost', type: 'quantitative' } } },
    {
      mark: { type: 'point', filled: true, size: 70, opacity: 1 },
      encoding: {
        x,
        y,
        color,
        // Tooltip titles become keys of a vega expression: fixed words only.
        tooltip: [
          { field: 'plan', type: 'nominal', title: 'Plan' },
          { field: 'text', type: 'nominal', title: 'Point' },
          { field: 'cost', type: 'quantitative', title: 'Inventory cost', format: ',.0f' },
          { field: 'service', type: 'quantitative', title: 'Fill rate', format: '.2%' },
        ],
      },
    },
    {
      transform: [{ filter: { field: 'labelled', equal: true } }],
      mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: '#333333' },
      encoding: { x, y, text: { field: 'text', type: 'nominal' } },
    },
  ];
  if (opts.serviceTarget !== undefined && Number.isFinite(opts.serviceTarget)) layers.push(targetRule(opts.serviceTarget));
  return topLevel({ width: PANEL_WIDTH, height: PANEL_HEIGHT + 60, data: { values }, layer: layers } as TopLevelSpec);
}

/** The service target as a dashed horizontal line with its name. */
function targetRule(target: number): unknown {
  return {
    data: { values: [{ target, text: 'service target' }] },
    layer: [
      { mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4] }, encoding: { y: { field: 'target', type: 'quantitative' } } },
      {
        mark: { type: 'text', color: COLORS.target, align: 'right', baseline: 'bottom', dy: -3, x: 'width', fontSize: 10 },
        encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
}

/** A plan's inventory cost at one service target; target null: the scenario's own policies (a level line). */
export interface TargetPoint {
  plan: PlanName;
  target: number | null;
  cost: IntervalStat;
}

/** Inventory cost against the service target the plan was made for, one line per plan, with intervals. */
export function costByTargetChart(points: TargetPoint[]): TopLevelSpec {
  const values = points
    .filter((p) => p.target !== null && finite(p.cost.mean) !== null)
    .map((p) => ({ plan: PLAN_LEGEND[p.plan], target: p.target, cost: finite(p.cost.mean), low: finite(p.cost.ciLow) ?? finite(p.cost.mean), high: finite(p.cost.ciHigh) ?? finite(p.cost.mean) }));
  const current = points.find((p) => p.target === null && finite(p.cost.mean) !== null);
  const present = PLANS.filter((p) => (p === 'current' ? current !== undefined : values.some((v) => v.plan === PLAN_LEGEND[p])));
  const color = planColor(present);
  const x = { field: 'target', type: 'quantitative', title: axisTitle('Service target', 'percent'), scale: { zero: false, nice: false, padding: 24 }, axis: { format: axisFormat('percent') } } as const;
  const y = { field: 'cost', type: 'quantitative', title: axisTitle('Inventory cost', 'money'), scale: { zero: false }, axis: { format: axisFormat('money') } } as const;
  const layers: unknown[] = [
    { mark: { type: 'rule', opacity: 0.6 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color } },
    { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, order: { field: 'target', type: 'quantitative' } } },
    {
      mark: { type: 'point', filled: true, size: 60, opacity: 1 },
      encoding: {
        x,
        y,
        color,
        tooltip: [
          { field: 'plan', type: 'nominal', title: 'Plan' },
          { field: 'target', type: 'quantitative', title: 'Target', format: '.1%' },
          { field: 'cost', type: 'quantitative', title: 'Inventory cost', format: ',.0f' },
        ],
      },
    },
  ];
  if (current)
    layers.push({
      data: { values: [{ plan: PLAN_LEGEND.current, cost: finite(current.cost.mean), text: 'scenario’s policies (one target-free plan)' }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [6, 4] }, encoding: { y: { field: 'cost', type: 'quantitative' }, color } },
        {
          mark: { type: 'text', align: 'left', baseline: 'bottom', dy: -3, x: 4, fontSize: 10, color: PLAN_COLOR.current },
          encoding: { y: { field: 'cost', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
        },
      ],
    });
  return topLevel({ width: PANEL_WIDTH, height: PANEL_HEIGHT, data: { values }, layer: layers } as TopLevelSpec);
}

/** Saving of the placement against uniform safety stock at one target: uniform − placement, paired [money]. */
export interface TargetSaving {
  target: number;
  saving: IntervalStat;
  /** The saving as a share of uniform's inventory cost, written beside the point. */
  text: string;
}

/** The paired saving per target with its interval, around a zero line (above zero: the placement is cheaper). */
export function savingByTargetChart(savings: TargetSaving[]): TopLevelSpec {
  const values = savings
    .filter((s) => finite(s.saving.mean) !== null)
    .map((s) => ({ target: s.target, saving: finite(s.saving.mean), low: finite(s.saving.ciLow) ?? finite(s.saving.mean), high: finite(s.saving.ciHigh) ?? finite(s.saving.mean), text: s.text }));
  const x = { field: 'target', type: 'quantitative', title: axisTitle('Service target', 'percent'), scale: { zero: false, nice: false, padding: 24 }, axis: { format: axisFormat('percent') } } as const;
  const y = { type: 'quantitative', title: axisTitle('Saving vs uniform', 'money'), axis: { format: axisFormat('money') } } as const;
  return topLevel({
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    data: { values },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLORS.zero, strokeDash: [4, 3] }, encoding: { y: { field: 'zero', ...y } } },
      { mark: { type: 'rule', strokeWidth: 2, color: PLAN_COLOR.placement }, encoding: { x, y: { field: 'low', ...y }, y2: { field: 'high' } } },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 1, color: PLAN_COLOR.placement },
        encoding: {
          x,
          y: { field: 'saving', ...y },
          tooltip: [
            { field: 'target', type: 'quantitative', title: 'Target', format: '.1%' },
            { field: 'saving', type: 'quantitative', title: 'Saving', format: ',.0f' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: '#333333' }, encoding: { x, y: { field: 'saving', ...y }, text: { field: 'text', type: 'nominal' } } },
    ],
  } as TopLevelSpec);
}
