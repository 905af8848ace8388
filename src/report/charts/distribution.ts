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
              x: { field: 'value', type: 'quantitative', bin: { maxbins: 15 }, title, axis: { format: axisFormat(s.kind) } },
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
