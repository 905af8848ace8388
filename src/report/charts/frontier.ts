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
  /** The variant (or other group) the point belongs to: its colour. */
  group?: string;
  /** Text written beside the point (default: label). */
  text?: string;
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
}

const EFFICIENT = 'Pareto-efficient';
const DOMINATED = 'dominated';

/** Approximate width of a 10 px label [px per character]. */
const CHAR_PX = 6;
const GROUP_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/**
 * A point's cost and service with their interval ends, as the cost-against-service charts plot
 * them (an end missing falls back to the mean; a percentage's band is clipped to [0, 1]).
 */
export function costServiceFields(cost: IntervalStat, service: IntervalStat, percent: boolean) {
  const cut = (x: number | null) => (x !== null && percent ? Math.min(1, Math.max(0, x)) : x);
  return {
    cost: finite(cost.mean),
    costLow: finite(cost.ciLow) ?? finite(cost.mean),
    costHigh: finite(cost.ciHigh) ?? finite(cost.mean),
    service: finite(service.mean),
    serviceLow: cut(finite(service.ciLow) ?? finite(service.mean)),
    serviceHigh: cut(finite(service.ciHigh) ?? finite(service.mean)),
  };
}

/**
 * Which points get a text label: efficient points first (cheapest first), then dominated ones,
 * each only when its label would not cover one already placed — judged on the chart's pixel
 * grid from the data's extent, with a little slack for the axis' rounding of its domain.
 */
export function labelledPoints(points: Array<{ cost: number; service: number; text: string; efficient: boolean }>, width: number, height: number): boolean[] {
  const xs = points.map((p) => p.cost);
  const ys = points.map((p) => p.service);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = (x: number) => (x1 > x0 ? ((x - x0) / (x1 - x0)) * width * 0.9 + width * 0.05 : width / 2);
  const py = (y: number) => (y1 > y0 ? height - (((y - y0) / (y1 - y0)) * height * 0.9 + height * 0.05) : height / 2);
  const placed: Array<[number, number, number, number]> = [];
  const keep = points.map(() => false);
  const order = points.map((_, i) => i).sort((i, j) => Number(points[j]!.efficient) - Number(points[i]!.efficient) || points[i]!.cost - points[j]!.cost);
  for (const i of order) {
    const p = points[i]!;
    const left = px(p.cost) + 7;
    const top = py(p.service) - 7 - 11;
    const box: [number, number, number, number] = [left - 3, top - 3, left + p.text.length * CHAR_PX + 3, top + 13 + 3];
    if (placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
    placed.push(box);
    keep[i] = true;
  }
  return keep;
}

export function frontierChart(points: FrontierPoint[], opts: FrontierChartOptions): TopLevelSpec {
  // Shares live in [0, 100%]: intervals are cut there, and so is the axis.
  const values = points
    .filter((p) => finite(p.cost.mean) !== null && finite(p.service.mean) !== null)
    .map((p) => ({
      label: p.label,
      text: p.text ?? p.label,
      group: p.group ?? '',
      ...costServiceFields(p.cost, p.service, opts.serviceKind === 'percent'),
      efficient: !p.dominated,
      status: p.dominated ? DOMINATED : EFFICIENT,
      labelled: false,
    }));
  const keep = labelledPoints(
    values.map((v) => ({ cost: v.cost!, service: v.service!, text: v.text, efficient: v.efficient })),
    PANEL_WIDTH,
    PANEL_HEIGHT + 60,
  );
  values.forEach((v, i) => (v.labelled = keep[i]!));
  const groups = [...new Set(values.map((v) => v.group))].filter((g) => g !== '');
  const x = { field: 'cost', type: 'quantitative', title: axisTitle(opts.costLabel, opts.costKind), scale: { zero: false }, axis: { format: axisFormat(opts.costKind) } } as const;
  const y = {
    field: 'service',
    type: 'quantitative',
    title: axisTitle(opts.serviceLabel, opts.serviceKind),
    scale: { zero: false, ...(opts.serviceKind === 'percent' ? { domainMax: 1 } : {}) },
    axis: { format: axisFormat(opts.serviceKind) },
  } as const;
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
        // One colour per variant when the plans belong to variants; else efficient vs dominated.
        color:
          groups.length > 0
            ? { field: 'group', type: 'nominal', title: 'Variant', scale: { domain: groups, range: GROUP_COLORS.slice(0, Math.max(1, groups.length)) } }
            : { field: 'status', type: 'nominal', title: 'Plan', scale: { domain: [EFFICIENT, DOMINATED], range: [COLORS.efficient, COLORS.dominated] } },
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
      transform: [{ filter: { field: 'labelled', equal: true } }],
      mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: '#333333' },
      encoding: { x, y, text: { field: 'text', type: 'nominal' } },
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
