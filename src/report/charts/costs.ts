/**
 * Where the money goes: total cost split into its cost lines as stacked bars, one bar per
 * plan (the run itself, each option of a comparison, each point of a frontier).
 */
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORY_AXIS, PANEL_WIDTH, axisFormat, axisTitle, finite, topLevel } from './common.ts';

/** The P&L cost lines that add up to total cost (src/model/pnl.ts), in stacking order, with their labels. */
export const COST_LINES = [
  ['cogs', 'Cost of goods sold'],
  ['costVariance', 'Cost variance'],
  ['transportCost', 'Transport'],
  ['holdingCost', 'Holding'],
  ['orderingCost', 'Ordering'],
  ['fixedCost', 'Fixed site cost'],
  ['staffCost', 'Order-processing staff'],
  ['overtimeCost', 'Overtime'],
  ['backorderCost', 'Backorder penalty'],
  ['lostSaleCost', 'Lost-sale penalty'],
  ['disposalCost', 'Disposal'],
] as const;

export type CostLine = (typeof COST_LINES)[number][0];

export interface CostBar {
  /** Bar label: the scenario, an option or a point. */
  group: string;
  /** Mean cost per line [money]; missing lines count as zero. */
  costs: Partial<Record<CostLine, number | null>>;
}

const PALETTE = ['#4c78a8', '#9ecae9', '#72b7b2', '#54a24b', '#eeca3b', '#f58518', '#e45756', '#ff9da6', '#b279a2', '#9d755d', '#bab0ac'];

export function costBreakdownChart(bars: CostBar[]): TopLevelSpec {
  const values = bars.flatMap((b, g) =>
    COST_LINES.map(([key, line], order) => ({ group: b.group, groupOrder: g, line, order, cost: finite(b.costs[key]) ?? 0 })),
  );
  return topLevel({
    width: PANEL_WIDTH,
    height: { step: 26 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'group', type: 'nominal', title: null, sort: null, axis: CATEGORY_AXIS },
      x: { field: 'cost', type: 'quantitative', stack: 'zero', title: axisTitle('Mean cost over the measured period', 'money'), axis: { format: axisFormat('money') } },
      color: { field: 'line', type: 'nominal', title: 'Cost line', scale: { domain: COST_LINES.map(([, l]) => l), range: PALETTE } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'group', type: 'nominal', title: 'Plan' },
        { field: 'line', type: 'nominal', title: 'Cost line' },
        { field: 'cost', type: 'quantitative', title: 'Cost', format: ',.0f' },
      ],
    },
  } as TopLevelSpec);
}
