/**
 * Service by customer segment against what each segment was promised: fill rate and OTIF
 * with their intervals, and the mean customer lead time beside the promised delivery time.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { IntervalStat } from '../inputs.ts';
import { CATEGORY_AXIS, COLORS, PANEL_WIDTH, axisTitle, finite, topLevel } from './common.ts';

export interface SegmentService {
  segment: string;
  fillRate: IntervalStat;
  otif: IntervalStat;
  /** Mean customer lead time [days]. */
  leadTime: IntervalStat;
  /** Promised delivery time [days], when the scenario is known. */
  promisedDays: number | null;
}

const MEASURES = ['Fill rate', 'OTIF'];

const interval = (s: IntervalStat) => ({ mean: finite(s.mean), low: finite(s.ciLow) ?? finite(s.mean), high: finite(s.ciHigh) ?? finite(s.mean) });

/** Segments top to bottom in the order given. */
export function segmentServiceChart(rows: SegmentService[]): TopLevelSpec {
  const values = rows.map((r) => {
    const f = interval(r.fillRate);
    const o = interval(r.otif);
    const l = interval(r.leadTime);
    return {
      segment: r.segment,
      fill: f.mean, fillLow: f.low, fillHigh: f.high,
      otif: o.mean, otifLow: o.low, otifHigh: o.high,
      lead: l.mean, leadLow: l.low, leadHigh: l.high,
      promised: finite(r.promisedDays),
    };
  });
  const y = { field: 'segment', type: 'nominal', title: 'Customer segment', sort: null, axis: CATEGORY_AXIS } as const;
  const hidden = { ...y, axis: null };
  const height = { step: 22 } as const;
  const measure = (name: string) => ({ datum: name, type: 'nominal', title: 'Service measure', scale: { domain: MEASURES, range: ['#4c78a8', '#f58518'] } }) as const;
  // Fill rate drawn a little above the segment's line, OTIF a little below (fixed offsets:
  // both panels keep the same band per segment, so rows line up across the two panels).
  const service = (name: string, field: string, offset: number) => [
    {
      mark: { type: 'rule', strokeWidth: 1.5, yOffset: offset, clip: true },
      encoding: {
        y,
        x: { field: `${field}Low`, type: 'quantitative', title: axisTitle('Service', 'percent'), scale: { zero: false, domainMax: 1 }, axis: { format: '~%' } },
        x2: { field: `${field}High` },
        color: measure(name),
      },
    },
    {
      mark: { type: 'point', filled: true, size: 40, opacity: 1, yOffset: offset },
      encoding: {
        y,
        x: { field, type: 'quantitative' },
        color: measure(name),
        tooltip: [
          { field: 'segment', type: 'nominal', title: 'Segment' },
          { field, type: 'quantitative', title: name, format: '.2%' },
        ],
      },
    },
  ];
  return topLevel({
    data: { values },
    hconcat: [
      {
        width: PANEL_WIDTH * 0.55,
        height,
        title: 'Fill rate and OTIF',
        layer: [...service('Fill rate', 'fill', -4), ...service('OTIF', 'otif', 4)],
      },
      {
        width: PANEL_WIDTH * 0.45,
        height,
        title: 'Lead time against the promise',
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 1.5, color: '#54a24b' },
            encoding: {
              y: hidden,
              x: { field: 'leadLow', type: 'quantitative', title: axisTitle('Customer lead time', 'days'), scale: { zero: true } },
              x2: { field: 'leadHigh' },
            },
          },
          {
            mark: { type: 'point', filled: true, size: 40, color: '#54a24b', opacity: 1 },
            encoding: {
              y: hidden,
              x: { field: 'lead', type: 'quantitative' },
              tooltip: [
                { field: 'segment', type: 'nominal', title: 'Segment' },
                { field: 'lead', type: 'quantitative', title: 'Mean lead time [days]', format: '.2f' },
                { field: 'promised', type: 'quantitative', title: 'Promised [days]', format: '.1f' },
              ],
            },
          },
          {
            mark: { type: 'tick', color: COLORS.target, thickness: 2, size: 16 },
            encoding: { y: hidden, x: { field: 'promised', type: 'quantitative' } },
          },
        ],
      },
    ],
  } as TopLevelSpec);
}
