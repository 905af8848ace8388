/**
 * The headline KPIs of each option as changes against the base, one panel per KPI: the paired
 * difference with its confidence interval, around a zero line. A 1% cost change is visible
 * here, where it would vanish in two 90-million bars side by side. Money and quantities are
 * shown relative to the base's mean (%), rates in percentage points, times in days (hours when
 * every change is under a day).
 */
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORY_AXIS, COLORS, PANEL_WIDTH, finite, topLevel, type ValueKind } from './common.ts';

export interface KpiChange {
  option: string;
  /** Investment family: scm, crm or other. */
  kind: string;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface ChangePanel {
  /** KPI label (fixed words). */
  label: string;
  kind: ValueKind;
  /** The base's mean, for relative changes of money and quantities. */
  baseMean: number | null;
  changes: KpiChange[];
}

/** Panels two per row; a panel whose options have no finite change is left out. */
export function differencesChart(panels: ChangePanel[]): TopLevelSpec {
  const drawn = panels
    .map((p) => {
      const relative = (p.kind === 'money' || p.kind === 'units') && finite(p.baseMean) !== null && p.baseMean !== 0;
      const hours = p.kind === 'days' && p.changes.every((c) => Math.abs(finite(c.ciLow) ?? finite(c.mean) ?? 0) < 1 && Math.abs(finite(c.ciHigh) ?? finite(c.mean) ?? 0) < 1);
      const scale = relative ? 1 / Math.abs(p.baseMean!) : hours ? 24 : p.kind === 'percent' ? 100 : 1;
      const unit = relative ? '% of base' : hours ? 'hours' : p.kind === 'percent' ? 'pp' : p.kind === 'days' ? 'days' : p.kind;
      const values = p.changes
        .filter((c) => finite(c.mean) !== null)
        .map((c) => {
          const m = finite(c.mean)! * scale;
          return { option: c.option, kind: c.kind, mean: m, low: (finite(c.ciLow) ?? finite(c.mean)!) * scale, high: (finite(c.ciHigh) ?? finite(c.mean)!) * scale };
        });
      return { p, values, unit, relative };
    })
    .filter((d) => d.values.length > 0);
  const kinds = [...new Set(drawn.flatMap((d) => d.values.map((v) => v.kind)))];
  const color = {
    field: 'kind',
    type: 'nominal',
    title: 'Investment family',
    scale: { domain: kinds, range: kinds.map((k) => (COLORS as Record<string, string>)[k] ?? COLORS.other) },
  } as const;
  const concat = drawn.map(({ p, values, unit, relative }) => {
    const y = { field: 'option', type: 'nominal', title: null, sort: null, axis: CATEGORY_AXIS } as const;
    // No change anywhere (an empty domain would draw NaN ticks): a small symmetric domain around zero.
    const flat = values.every((v) => v.mean === 0 && v.low === 0 && v.high === 0);
    const x = {
      type: 'quantitative',
      title: `Change in ${/^[A-Z]{2,}/.test(p.label) ? p.label : p.label.charAt(0).toLowerCase() + p.label.slice(1)} [${unit}]`,
      axis: { format: relative ? '+.1~%' : '+~r', tickCount: 5 },
      ...(flat ? { scale: { domain: relative ? [-0.01, 0.01] : [-1, 1] } } : {}),
    } as const;
    return {
      title: p.label,
      width: PANEL_WIDTH / 2 - 30,
      height: { step: 26 },
      data: { values },
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLORS.zero, strokeDash: [4, 3] }, encoding: { x: { field: 'zero', ...x } } },
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' }, color } },
        { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { y, x: { field: 'mean', ...x }, color } },
      ],
    };
  });
  return topLevel({ columns: 2, concat, resolve: { scale: { x: 'independent' } } } as TopLevelSpec);
}
