/**
 * A quantity over simulated time across replications: the mean as a line inside the band
 * between the 5th and 95th percentiles (90% of replications). One panel per series, each on
 * its own y scale (plants may hold a hundred times what distribution centers hold), sharing
 * the time axis. Used for inventory on hand per echelon and for the cash position.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SeriesStat } from '../../experiment/results.ts';
import { PANEL_HEIGHT, PANEL_WIDTH, axisFormat, axisTitle, finite, topLevel, type ValueKind } from './common.ts';

export interface NamedSeries {
  /** Panel title, e.g. `Plants`. */
  name: string;
  stat: SeriesStat;
  /** This panel's y axis label and kind, when they differ from the chart's. */
  label?: string;
  kind?: ValueKind;
  /** Unit in the axis title when it is not the kind's (e.g. `orders`). */
  unit?: string;
}

/** A period to shade (a scheduled disruption or demand surge) [days]. */
export interface TimeWindow {
  start: number;
  end: number;
  /** Its name, written at the top of the band (a scenario id: data, never an expression). */
  label: string;
}

export interface BandChartOptions {
  /** Y axis label without unit. */
  label: string;
  kind: ValueKind;
  /** End of the warm-up [days]; drawn as a vertical rule when > 0. */
  warmupDays?: number;
  /** Periods shaded in every panel (disruptions, surges). */
  windows?: TimeWindow[];
  /** Title of the time axis (default: simulated time). */
  timeTitle?: string;
}

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2'];

export function timeBandChart(series: NamedSeries[], opts: BandChartOptions): TopLevelSpec {
  const panels = series.map(({ name, stat, label, kind: own, unit }, k) => {
    const color = PALETTE[k % PALETTE.length]!;
    const kind = own ?? opts.kind;
    // Shares stay within [0, 100%], their band included.
    const cut = (x: number | null) => (x !== null && kind === 'percent' ? Math.min(1, Math.max(0, x)) : x);
    const values = stat.times.map((day, i) => ({ day, mean: cut(finite(stat.mean[i])), p05: cut(finite(stat.p05[i])), p95: cut(finite(stat.p95[i])) }));
    const x = { field: 'day', type: 'quantitative', title: axisTitle(opts.timeTitle ?? 'Simulated time', 'days') } as const;
    const y = {
      field: 'p05',
      type: 'quantitative',
      title: unit ? `${label ?? opts.label} [${unit}]` : axisTitle(label ?? opts.label, kind),
      axis: { format: axisFormat(kind) },
      ...(kind === 'percent' ? { scale: { domainMax: 1 } } : {}),
    };
    const layers: unknown[] = [];
    for (const w of opts.windows ?? [])
      layers.push({
        data: { values: [{ start: w.start, end: w.end, text: w.label }] },
        layer: [
          { mark: { type: 'rect', color: '#d62728', opacity: 0.1 }, encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } } },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, y: 2, fontSize: 10, color: '#b22222' },
            encoding: { x: { field: 'start', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
          },
        ],
      });
    layers.push(
      { mark: { type: 'area', opacity: 0.25, color }, encoding: { x, y, y2: { field: 'p95' } } },
      { mark: { type: 'line', strokeWidth: 2, color }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } },
    );
    if (opts.warmupDays !== undefined && opts.warmupDays > 0)
      layers.push({
        data: { values: [{ day: opts.warmupDays, text: 'end of warm-up' }] },
        layer: [
          { mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] }, encoding: { x: { field: 'day', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 2, fontSize: 10, color: '#666666' },
            encoding: { x: { field: 'day', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
          },
        ],
      });
    return {
      ...(series.length > 1 ? { title: name } : {}),
      width: PANEL_WIDTH,
      height: series.length > 1 ? PANEL_HEIGHT * 0.7 : PANEL_HEIGHT,
      data: { values },
      layer: layers,
    };
  });
  return topLevel({ vconcat: panels, resolve: { scale: { y: 'independent' } } } as TopLevelSpec);
}
