/**
 * How KPIs spread across replications: one histogram per KPI, each panel on its own
 * scale and with its own unit, with the mean marked. Shows the risk a mean hides.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PANEL_WIDTH, axisFormat, axisTitle, topLevel, type ValueKind } from './common.ts';

export interface KpiSample {
  /** Axis label without unit, e.g. `Fill rate`. */
  label: string;
  kind: ValueKind;
  /** One value per replication; non-finite values (not applicable) are left out. */
  values: number[];
}

/** Panels side by side, two per row. Empty samples are skipped. */
export function kpiDistributionChart(samples: KpiSample[]): TopLevelSpec {
  const panels = samples
    .map((s) => ({ ...s, values: s.values.filter((x) => Number.isFinite(x)) }))
    .filter((s) => s.values.length > 0)
    .map((s) => {
      const mean = s.values.reduce((a, b) => a + b, 0) / s.values.length;
      const title = axisTitle(s.label, s.kind);
      return {
        width: PANEL_WIDTH / 2 - 20,
        height: 160,
        title: s.label,
        layer: [
          {
            data: { values: s.values.map((value) => ({ value })) },
            mark: { type: 'bar', color: '#4c78a8', opacity: 0.85 },
            encoding: {
              x: { field: 'value', type: 'quantitative', bin: binning(s.kind, s.values), title, axis: { format: axisFormat(s.kind) } },
              y: { aggregate: 'count', type: 'quantitative', title: 'Replications [count]', axis: { tickMinStep: 1, format: 'd' } },
            },
          },
          {
            data: { values: [{ mean }] },
            mark: { type: 'rule', color: '#d62728', strokeWidth: 2 },
            encoding: { x: { field: 'mean', type: 'quantitative' } },
          },
        ],
      };
    });
  return topLevel({ columns: 2, concat: panels, resolve: { scale: { x: 'independent', y: 'independent' } } } as TopLevelSpec);
}

/**
 * Bins of a histogram. Shares are binned within [0, 100%] without "nice" rounding, so a fill
 * rate of 100% in every replication never draws a bin (or an axis tick) at 110%.
 */
function binning(kind: ValueKind, values: number[]): { maxbins: number; extent?: [number, number]; step?: number; nice?: boolean } {
  if (kind !== 'percent') return { maxbins: 15 };
  let lo = Math.max(0, Math.min(...values));
  let hi = Math.min(1, Math.max(...values));
  if (hi - lo < 1e-9) {
    lo = Math.max(0, hi - 0.01);
    hi = Math.min(1, lo + 0.01);
  }
  // An exact step (not a rounded one) so the last bin ends at the extent's top, never past 100%.
  return { maxbins: 15, extent: [lo, hi], step: (hi - lo) / 10, nice: false };
}
