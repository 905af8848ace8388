/**
 * Where the money goes: total cost split into its cost lines as stacked bars, one bar per
 * plan (the run itself, each option of a comparison, each point of a frontier). The lines are
 * the cost KPIs the results carry (model.ts costLineIds), so a new cost line shows by itself;
 * whatever total cost holds beyond them is drawn as one more segment, so a bar always ends at
 * the total cost and never hides a part of it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORY_AXIS, PANEL_WIDTH, axisFormat, axisTitle, finite, topLevel } from './common.ts';

export interface CostBar {
  /** Bar label: the scenario, an option or a point. */
  group: string;
  /** Mean cost per line, keyed by KPI id [money]; missing lines count as zero. */
  costs: Record<string, number | null>;
  /** Mean total cost [money]; the bar is completed up to it. */
  total?: number | null;
}

/** Label of the segment holding what total cost has beyond the listed lines. */
export const OTHER_COSTS = 'Other costs';

const PALETTE = ['#4c78a8', '#72b7b2', '#54a24b', '#eeca3b', '#f58518', '#e45756', '#b279a2', '#9d755d', '#ff9da6', '#bab0ac', '#79706e', '#d67195', '#8cd17d', '#b6992d'];

/** `lines`: [KPI id, label] in stacking order. Lines that are zero in every bar are left out of the legend. */
export function costBreakdownChart(bars: CostBar[], lines: ReadonlyArray<readonly [string, string]>): TopLevelSpec {
  const used = lines.filter(([key]) => bars.some((b) => (finite(b.costs[key]) ?? 0) !== 0));
  const rest = bars.map((b) => {
    const sum = used.reduce((a, [key]) => a + (finite(b.costs[key]) ?? 0), 0);
    const total = finite(b.total);
    return total === null || Math.abs(total - sum) <= 1e-6 * Math.max(1, Math.abs(total)) ? 0 : total - sum;
  });
  const withOther = rest.some((x) => x !== 0) ? [...used, ['__other', OTHER_COSTS] as const] : used;
  const values = bars.flatMap((b, g) =>
    withOther.map(([key, line], order) => ({ group: b.group, groupOrder: g, line, order, cost: key === '__other' ? rest[g]! : (finite(b.costs[key]) ?? 0) })),
  );
  return topLevel({
    width: PANEL_WIDTH,
    height: { step: 26 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'group', type: 'nominal', title: null, sort: null, axis: CATEGORY_AXIS },
      x: { field: 'cost', type: 'quantitative', stack: 'zero', title: axisTitle('Mean cost over the measured period', 'money'), axis: { format: axisFormat('money') } },
      color: { field: 'line', type: 'nominal', title: 'Cost line', scale: { domain: withOther.map(([, l]) => l), range: PALETTE.slice(0, Math.max(1, withOther.length)) }, legend: { columns: 3 } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'group', type: 'nominal', title: 'Plan' },
        { field: 'line', type: 'nominal', title: 'Cost line' },
        { field: 'cost', type: 'quantitative', title: 'Cost', format: ',.0f' },
      ],
    },
  } as TopLevelSpec);
}
