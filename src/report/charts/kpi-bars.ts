/**
 * One KPI family (cash cycle, back office, risk, freshness) as horizontal bars: each KPI's mean
 * with its confidence interval as a whisker. KPIs of different units never share an axis: one
 * panel per unit (days, %, money, units), each with its own scale; shares on 0–100%, waits in
 * hours when every one is under a day. KPIs without a value are left out, and a panel without a
 * KPI is not drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORY_AXIS, PANEL_WIDTH, axisFormat, axisTitle, finite, topLevel, type ValueKind } from './common.ts';

export interface KpiBar {
  /** KPI label (a fixed word from the KPI list, or a site/segment name). */
  label: string;
  kind: ValueKind;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

const ORDER: ValueKind[] = ['days', 'percent', 'money', 'units', 'ratio'];
const PANEL_TITLE: Record<ValueKind, string> = { days: 'Times', percent: 'Shares', money: 'Money', units: 'Quantities', ratio: 'Ratios' };
const COLOR: Record<ValueKind, string> = { days: '#4c78a8', percent: '#54a24b', money: '#f58518', units: '#72b7b2', ratio: '#b279a2' };

/** The bars with a finite mean, grouped by unit; empty when none has one. */
export function kpiBarPanels(bars: KpiBar[]): Array<{ kind: ValueKind; bars: KpiBar[] }> {
  return ORDER.map((kind) => ({ kind, bars: bars.filter((b) => b.kind === kind && finite(b.mean) !== null) })).filter((p) => p.bars.length > 0);
}

export function kpiBarsChart(bars: KpiBar[]): TopLevelSpec {
  const panels = kpiBarPanels(bars).map(({ kind, bars: rows }) => {
    const hours = kind === 'days' && rows.every((b) => Math.abs(b.mean!) < 1 && Math.abs(finite(b.ciHigh) ?? 0) < 1);
    const scale = hours ? 24 : 1;
    const clip = (x: number | null) => (x === null ? null : kind === 'percent' ? Math.min(1, Math.max(0, x)) : x * scale);
    const values = rows.map((b) => {
      const mean = clip(finite(b.mean))!;
      return { kpi: b.label, mean, low: clip(finite(b.ciLow)) ?? mean, high: clip(finite(b.ciHigh)) ?? mean };
    });
    const title = hours ? 'Time [hours]' : kind === 'days' ? 'Time [days]' : kind === 'percent' ? 'Share [%]' : kind === 'money' ? axisTitle('Amount', 'money') : kind === 'units' ? 'Quantity [units]' : 'Ratio';
    const x = {
      field: 'mean',
      type: 'quantitative',
      title,
      axis: { format: hours ? '~r' : axisFormat(kind), tickCount: 6 },
      // Shares on 0–100%; a panel whose values are all zero gets a unit domain (an empty domain draws NaN ticks).
      ...(kind === 'percent' ? { scale: { domain: [0, 1] } } : values.every((v) => v.mean === 0 && v.low === 0 && v.high === 0) ? { scale: { domain: [0, 1] } } : {}),
    } as const;
    // KPI labels are fixed words of up to ~45 characters: room for all of them.
    const y = { field: 'kpi', type: 'nominal', title: null, sort: null, axis: { ...CATEGORY_AXIS, labelLimit: 340 } } as const;
    return {
      title: PANEL_TITLE[kind],
      width: PANEL_WIDTH,
      height: { step: 24 },
      data: { values },
      layer: [
        { mark: { type: 'bar', color: COLOR[kind], opacity: 0.75, height: { band: 0.6 } }, encoding: { y, x } },
        { mark: { type: 'rule', color: '#333333', strokeWidth: 1.5 }, encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      ],
    };
  });
  return topLevel({ vconcat: panels, resolve: { scale: { x: 'independent' } } } as TopLevelSpec);
}
