/**
 * Options compared with the base under common random numbers: the paired difference of
 * profit (option − base, replication by replication) with its confidence interval, the net
 * present value with its interval when the comparison priced the investments, and the share
 * of replications in which each option beat the base.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { IntervalStat } from '../inputs.ts';
import { CATEGORY_AXIS, COLORS, PANEL_WIDTH, axisFormat, axisTitle, finite, topLevel } from './common.ts';

export interface OptionDifference {
  option: string;
  /** Investment family: scm, crm or other. */
  kind: string;
  /** Profit option − base over the measured period, paired over replications [money]. */
  diff: IntervalStat;
  /** NPV against the base, investment included [money]; omitted when not priced. */
  npv?: IntervalStat;
  /** NPV across replications: 5th to 95th percentile [money], drawn as a light band. */
  npvSpread?: { p05: number | null; p95: number | null };
  /** Share of replications in which the option beat the base [0..1]. */
  shareBetter: number | null;
}

export interface OptionsChartOptions {
  /** What "beating the base" means, for the share panel's title (fixed words). */
  shareTitle?: string;
}

const interval = (s: IntervalStat | undefined) => ({
  mean: finite(s?.mean),
  low: finite(s?.ciLow) ?? finite(s?.mean),
  high: finite(s?.ciHigh) ?? finite(s?.mean),
});

/** Rows are drawn top to bottom in the order given (pass them ranked). */
export function optionsChart(rows: OptionDifference[], opts: OptionsChartOptions = {}): TopLevelSpec {
  const withNpv = rows.some((r) => r.npv && finite(r.npv.mean) !== null);
  const values = rows.map((r) => {
    const d = interval(r.diff);
    const n = interval(r.npv);
    return {
      option: r.option, kind: r.kind, diff: d.mean, diffLow: d.low, diffHigh: d.high, npv: n.mean, npvLow: n.low, npvHigh: n.high,
      npvP05: finite(r.npvSpread?.p05) ?? n.low, npvP95: finite(r.npvSpread?.p95) ?? n.high, share: finite(r.shareBetter),
    };
  });
  const kinds = [...new Set(values.map((v) => v.kind))];
  const palette = kinds.map((k) => (COLORS as Record<string, string>)[k] ?? COLORS.other);
  const y = { field: 'option', type: 'nominal', title: 'Option', sort: null, axis: CATEGORY_AXIS } as const;
  const hidden = { ...y, axis: null };
  const color = { field: 'kind', type: 'nominal', title: 'Investment family', scale: { domain: kinds, range: palette } } as const;
  const height = { step: 30 } as const;
  const panel = (field: 'diff' | 'npv', title: string, axis: string, first: boolean) => ({
    width: PANEL_WIDTH * 0.5,
    height,
    title,
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: COLORS.zero, strokeDash: [4, 3] },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      ...(field === 'npv'
        ? [{ mark: { type: 'rule', strokeWidth: 10, opacity: 0.2 }, encoding: { y: first ? y : hidden, x: { field: 'npvP05', type: 'quantitative' }, x2: { field: 'npvP95' }, color } }]
        : []),
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y: first ? y : hidden,
          x: { field: `${field}Low`, type: 'quantitative', title: axis, axis: { format: axisFormat('money') } },
          x2: { field: `${field}High` },
          color,
        },
      },
      {
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
        encoding: {
          y: first ? y : hidden,
          x: { field, type: 'quantitative' },
          color,
          tooltip: [
            { field: 'option', type: 'nominal', title: 'Option' },
            { field, type: 'quantitative', title: 'Mean', format: ',.0f' },
            { field: `${field}Low`, type: 'quantitative', title: 'Interval low', format: ',.0f' },
            { field: `${field}High`, type: 'quantitative', title: 'Interval high', format: ',.0f' },
          ],
        },
      },
    ],
  });
  const share = {
    width: PANEL_WIDTH * 0.35,
    height,
    title: 'Replications beating the base',
    layer: [
      {
        mark: { type: 'bar', opacity: 0.85 },
        encoding: {
          y: hidden,
          x: { field: 'share', type: 'quantitative', title: axisTitle(opts.shareTitle ?? 'Share of replications', 'percent'), scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color,
          tooltip: [
            { field: 'option', type: 'nominal', title: 'Option' },
            { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
          ],
        },
      },
      {
        data: { values: [{ half: 0.5 }] },
        mark: { type: 'rule', color: COLORS.zero, strokeDash: [4, 3] },
        encoding: { x: { field: 'half', type: 'quantitative' } },
      },
    ],
  };
  return topLevel({
    data: { values },
    hconcat: [
      panel('diff', 'Profit: option − base', axisTitle('Profit difference', 'money'), true),
      ...(withNpv ? [panel('npv', 'Net present value vs base', axisTitle('NPV, investment included', 'money'), false)] : []),
      share,
    ],
  } as TopLevelSpec);
}
