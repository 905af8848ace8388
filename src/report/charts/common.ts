/**
 * What every chart shares: the chart record a report carries, the look (fonts, sizes,
 * colours), and axis titles with units.
 *
 * Specs are plain vega-lite data. Strings from a scenario or results file (site, segment,
 * option and point names) only ever enter a spec as data values, which vega draws as text;
 * they are never part of a field name, a filter or any other vega expression.
 */
import type { Config, TopLevelSpec } from 'vega-lite';

/** One chart of a report. */
export interface ReportChart {
  /** File stem of the chart's .vl.json/.svg/.png (fixed by the report, never user text). */
  id: string;
  /** Heading above the chart. */
  title: string;
  /** One or two sentences saying how to read it. */
  caption: string;
  spec: TopLevelSpec;
}

/** The font stack charts ask for; PNG rendering maps it onto the font files it found. */
export const CHART_FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** Width of a single chart panel [px]. */
export const PANEL_WIDTH = 520;
/** Height of a single chart panel [px]. */
export const PANEL_HEIGHT = 280;

/** Colours of the experiment vocabulary, so the same thing looks the same in every chart. */
export const COLORS = {
  efficient: '#1f77b4',
  dominated: '#9e9e9e',
  target: '#d62728',
  zero: '#555555',
  scm: '#1f77b4',
  crm: '#ff7f0e',
  other: '#2ca02c',
} as const;

const config: Config = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: '#dddddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#eeeeee' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom', labelLimit: 320 },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start' },
};

/** Adds what every top-level spec carries: the schema id, padding and the shared config. */
export function topLevel(spec: TopLevelSpec): TopLevelSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', padding: 8, config, ...spec } as TopLevelSpec;
}

/** How a KPI's values are shown on an axis. */
export type ValueKind = 'percent' | 'days' | 'units' | 'money' | 'ratio';

const UNIT: Record<ValueKind, string> = { percent: '%', days: 'days', units: 'units', money: 'money', ratio: 'ratio' };

/** Money axes say the scenario's currency (`[EUR]`) when it declares one; see model.ts withCurrency. */
export function setChartCurrency(code: string | undefined): void {
  UNIT.money = code ?? 'money';
}

/** `Fill rate [%]`, `Customer lead time [days]`: every axis title carries its unit. */
export function axisTitle(label: string, kind: ValueKind): string {
  return `${label} [${UNIT[kind]}]`;
}

/** d3-format of axis labels for a kind of value. */
export function axisFormat(kind: ValueKind): string {
  switch (kind) {
    case 'percent':
      // Trimmed, not rounded to whole percents: ticks 99.6%, 99.8% must not both read 100%.
      return '~%';
    case 'money':
    case 'units':
      return '~s';
    case 'days':
      return '~r';
    case 'ratio':
      return '.2f';
  }
}

/** Category axes (site, segment, option, plan names): room for long ids before truncating [px]. */
export const CATEGORY_AXIS = { labelLimit: 260 } as const;

/** A finite number or null (vega-lite leaves nulls out of continuous scales). */
export const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
