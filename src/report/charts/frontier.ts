/**
 * Cost against service, one point per plan (a frontier or sweep point), with confidence
 * interval error bars on both axes and the Pareto frontier drawn through the points that
 * no other point beats on both cost and service.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { IntervalStat } from '../inputs.ts';
import { COLORS, PANEL_HEIGHT, PANEL_WIDTH, axisFormat, axisTitle, finite, topLevel, type ValueKind } from './common.ts';

export interface FrontierPoint {
  label: string;
  cost: IntervalStat;
  service: IntervalStat;
  /** Another point is at least as cheap and serves at least as well (one strictly). */
  dominated: boolean;
}

export interface FrontierChartOptions {
  /** Cost axis label without unit, e.g. `Total cost`. */
  costLabel: string;
  costKind: ValueKind;
  serviceLabel: string;
  serviceKind: ValueKind;
  /** Service the plan must reach; drawn as a horizontal rule. */
  serviceTarget?: number;
  /** Label every point (default: only when there are at most 15). */
  labelAll?: boolean;
}

const EFFICIENT = 'Pareto-efficient';
const DOMINATED = 'dominated';

export function frontierChart(points: FrontierPoint[], opts: FrontierChartOptions): TopLevelSpec {
  const values = points
    .filter((p) => finite(p.cost.mean) !== null && finite(p.service.mean) !== null)
    .map((p) => ({
      label: p.label,
      cost: finite(p.cost.mean),
      costLow: finite(p.cost.ciLow) ?? finite(p.cost.mean),
      costHigh: finite(p.cost.ciHigh) ?? finite(p.cost.mean),
      service: finite(p.service.mean),
      serviceLow: finite(p.service.ciLow) ?? finite(p.service.mean),
      serviceHigh: finite(p.service.ciHigh) ?? finite(p.service.mean),
      efficient: !p.dominated,
      status: p.dominated ? DOMINATED : EFFICIENT,
    }));
  const labelAll = opts.labelAll ?? values.length <= 15;
  const x = { field: 'cost', type: 'quantitative', title: axisTitle(opts.costLabel, opts.costKind), scale: { zero: false }, axis: { format: axisFormat(opts.costKind) } } as const;
  const y = { field: 'service', type: 'quantitative', title: axisTitle(opts.serviceLabel, opts.serviceKind), scale: { zero: false }, axis: { format: axisFormat(opts.serviceKind) } } as const;
  const efficientOnly = { filter: { field: 'efficient', equal: true } };
  const layers: unknown[] = [
    { mark: { type: 'rule', color: '#888888' }, encoding: { x: { field: 'costLow', type: 'quantitative' }, x2: { field: 'costHigh' }, y } },
    { mark: { type: 'rule', color: '#888888' }, encoding: { x, y: { field: 'serviceLow', type: 'quantitative' }, y2: { field: 'serviceHigh' } } },
    {
      transform: [efficientOnly],
      mark: { type: 'line', color: COLORS.efficient, strokeWidth: 2 },
      encoding: { x, y, order: { field: 'cost', type: 'quantitative' } },
    },
    {
      mark: { type: 'point', filled: true, size: 70, opacity: 1 },
      encoding: {
        x,
        y,
        color: { field: 'status', type: 'nominal', title: 'Plan', scale: { domain: [EFFICIENT, DOMINATED], range: [COLORS.efficient, COLORS.dominated] } },
        shape: { field: 'status', type: 'nominal', title: 'Plan', scale: { domain: [EFFICIENT, DOMINATED], range: ['circle', 'square'] } },
        // Tooltip titles become keys of a vega expression: fixed words only, never KPI ids.
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Plan' },
          { field: 'cost', type: 'quantitative', title: 'Cost', format: ',.0f' },
          { field: 'service', type: 'quantitative', title: 'Service', format: opts.serviceKind === 'percent' ? '.2%' : ',.2f' },
        ],
      },
    },
    {
      ...(labelAll ? {} : { transform: [efficientOnly] }),
      mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: '#333333' },
      encoding: { x, y, text: { field: 'label', type: 'nominal' } },
    },
  ];
  if (opts.serviceTarget !== undefined && Number.isFinite(opts.serviceTarget))
    layers.push({
      data: { values: [{ target: opts.serviceTarget, text: 'service target' }] },
      layer: [
        { mark: { type: 'rule', color: COLORS.target, strokeDash: [6, 4] }, encoding: { y: { field: 'target', type: 'quantitative' } } },
        {
          mark: { type: 'text', color: COLORS.target, align: 'right', baseline: 'bottom', dy: -3, x: 'width', fontSize: 10 },
          encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
        },
      ],
    });
  return topLevel({
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT + 60,
    data: { values },
    layer: layers,
  } as TopLevelSpec);
}
