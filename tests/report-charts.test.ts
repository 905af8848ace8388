/** Chart spec builders: the data they carry, their fields, titles with units, and that vega-lite compiles them. */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { timeBandChart } from '../src/report/charts/band.ts';
import { axisTitle } from '../src/report/charts/common.ts';
import { optionsChart } from '../src/report/charts/compare.ts';
import { OTHER_COSTS, costBreakdownChart } from '../src/report/charts/costs.ts';
import { kpiBarsChart } from '../src/report/charts/kpi-bars.ts';
import { kpiDistributionChart } from '../src/report/charts/distribution.ts';
import { frontierChart, labelledPoints } from '../src/report/charts/frontier.ts';
import { segmentServiceChart } from '../src/report/charts/segments.ts';
import { toVega } from '../src/report/render.ts';

/** Every object in a spec (depth first), to find encodings, titles and inline data wherever they nest. */
function nodes(x: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(x)) for (const v of x) nodes(v, out);
  else if (x && typeof x === 'object') {
    out.push(x as Record<string, unknown>);
    for (const v of Object.values(x)) nodes(v, out);
  }
  return out;
}

/** Titles of all encoding channels with a `title` string. */
const titles = (spec: TopLevelSpec) => nodes(spec).filter((n) => 'field' in n || 'aggregate' in n).map((n) => n.title).filter((t): t is string => typeof t === 'string');

/** Rows of every inline dataset. */
const rows = (spec: TopLevelSpec) => nodes(spec).flatMap((n) => (n.data && Array.isArray((n.data as { values?: unknown }).values) ? ((n.data as { values: Record<string, unknown>[] }).values) : []));

const fields = (spec: TopLevelSpec) => new Set(nodes(spec).map((n) => n.field).filter((f): f is string => typeof f === 'string'));

/** Compiles, failing the test on a vega-lite error (warnings are tolerated, errors are not). */
function compiles(spec: TopLevelSpec): void {
  expect(() => toVega(spec)).not.toThrow();
  expect(toVega(spec).marks?.length ?? 0).toBeGreaterThan(0);
}

describe('axisTitle', () => {
  it('puts the unit in brackets', () => {
    expect(axisTitle('Fill rate', 'percent')).toBe('Fill rate [%]');
    expect(axisTitle('Customer lead time', 'days')).toBe('Customer lead time [days]');
    expect(axisTitle('Total cost', 'money')).toBe('Total cost [money]');
  });
});

describe('frontierChart', () => {
  const points = [
    { label: 'S=80', cost: { mean: 100, ciLow: 90, ciHigh: 110 }, service: { mean: 0.8, ciLow: 0.78, ciHigh: 0.82 }, dominated: false },
    { label: 'S=100', cost: { mean: 150, ciLow: 140, ciHigh: 160 }, service: { mean: 0.75, ciLow: 0.73, ciHigh: 0.77 }, dominated: true },
    { label: 'S=120', cost: { mean: 200, ciLow: 190, ciHigh: 210 }, service: { mean: 0.95, ciLow: 0.94, ciHigh: 0.96 }, dominated: false },
    { label: 'no data', cost: { mean: null, ciLow: null, ciHigh: null }, service: { mean: 0.9, ciLow: null, ciHigh: null }, dominated: false },
  ];
  const spec = frontierChart(points, { costLabel: 'Inventory cost', costKind: 'money', serviceLabel: 'Fill rate', serviceKind: 'percent', serviceTarget: 0.9 });

  it('carries every plotted point with both intervals, and drops points without a mean', () => {
    const data = rows(spec).filter((r) => 'label' in r);
    expect(data.map((r) => r.label)).toEqual(['S=80', 'S=100', 'S=120']);
    expect(data[1]).toMatchObject({ cost: 150, costLow: 140, costHigh: 160, service: 0.75, serviceLow: 0.73, serviceHigh: 0.77, efficient: false, status: 'dominated' });
    expect(data[0]).toMatchObject({ efficient: true, status: 'Pareto-efficient' });
  });

  it('titles both axes with units and draws error bars, the frontier line and the target', () => {
    expect(titles(spec)).toEqual(expect.arrayContaining(['Inventory cost [money]', 'Fill rate [%]']));
    expect(fields(spec)).toEqual(new Set(['cost', 'costLow', 'costHigh', 'service', 'serviceLow', 'serviceHigh', 'efficient', 'status', 'label', 'labelled', 'target', 'text']));
    const marks = nodes(spec).map((n) => (n.mark as { type?: string } | undefined)?.type).filter(Boolean);
    expect(marks).toEqual(expect.arrayContaining(['rule', 'line', 'point', 'text']));
    // The frontier line keeps only efficient points, through a field predicate (no expression).
    const line = nodes(spec).find((n) => (n.mark as { type?: string } | undefined)?.type === 'line')!;
    expect(line.transform).toEqual([{ filter: { field: 'efficient', equal: true } }]);
    expect(rows(spec).find((r) => 'target' in r)).toEqual({ target: 0.9, text: 'service target' });
    compiles(spec);
  });

  it('leaves the target out when there is none', () => {
    const none = frontierChart(points, { costLabel: 'Inventory cost', costKind: 'money', serviceLabel: 'Fill rate', serviceKind: 'percent' });
    expect(rows(none).some((r) => 'target' in r)).toBe(false);
  });
});

describe('optionsChart', () => {
  const spec = optionsChart(
    [
      { option: 'b-first', kind: 'crm', diff: { mean: 10, ciLow: 5, ciHigh: 15 }, npv: { mean: 100, ciLow: 50, ciHigh: 150 }, shareBetter: 0.9 },
      { option: 'a-second', kind: 'scm', diff: { mean: -3, ciLow: -8, ciHigh: 2 }, npv: { mean: -20, ciLow: -60, ciHigh: 20 }, shareBetter: 0.3 },
    ],
    { shareTitle: 'Replications with NPV > 0' },
  );

  it('carries the paired difference, NPV and share of each option, in the order given', () => {
    const data = rows(spec).filter((r) => 'option' in r);
    expect(data).toEqual([
      { option: 'b-first', kind: 'crm', diff: 10, diffLow: 5, diffHigh: 15, npv: 100, npvLow: 50, npvHigh: 150, npvP05: 50, npvP95: 150, share: 0.9 },
      { option: 'a-second', kind: 'scm', diff: -3, diffLow: -8, diffHigh: 2, npv: -20, npvLow: -60, npvHigh: 20, npvP05: -60, npvP95: 20, share: 0.3 },
    ]);
    // sort: null keeps the ranked order instead of sorting names alphabetically.
    const y = nodes(spec).filter((n) => n.field === 'option' && n.type === 'nominal' && 'sort' in n);
    expect(y.length).toBeGreaterThan(0);
    for (const n of y) expect(n.sort).toBeNull();
  });

  it('titles the axes with units and has a zero line', () => {
    expect(titles(spec)).toEqual(expect.arrayContaining(['Profit difference [money]', 'NPV, investment included [money]', 'Replications with NPV > 0 [%]']));
    expect(rows(spec)).toContainEqual({ zero: 0 });
    compiles(spec);
  });

  it('has no NPV panel when the comparison priced nothing', () => {
    const plain = optionsChart([{ option: 'x', kind: 'other', diff: { mean: 1, ciLow: 0, ciHigh: 2 }, shareBetter: 0.5 }]);
    expect(titles(plain)).not.toContain('NPV, investment included [money]');
    expect((plain as { hconcat: unknown[] }).hconcat).toHaveLength(2);
    compiles(plain);
  });
});

describe('kpiDistributionChart', () => {
  const spec = kpiDistributionChart([
    { label: 'Fill rate', kind: 'percent', values: [0.9, 0.92, Number.NaN, 0.95] },
    { label: 'Profit', kind: 'money', values: [1e6, 1.2e6, 1.1e6] },
    { label: 'Empty', kind: 'units', values: [Number.NaN] },
  ]);

  it('makes one histogram per KPI with values, skipping NaN and empty KPIs', () => {
    const panels = (spec as { concat: Array<{ title: string; layer: Array<{ data: { values: Record<string, number>[] } }> }> }).concat;
    expect(panels.map((p) => p.title)).toEqual(['Fill rate', 'Profit']);
    expect(panels[0]!.layer[0]!.data.values).toEqual([{ value: 0.9 }, { value: 0.92 }, { value: 0.95 }]);
    expect(panels[0]!.layer[1]!.data.values[0]!.mean).toBeCloseTo((0.9 + 0.92 + 0.95) / 3, 12);
    expect(titles(spec)).toEqual(expect.arrayContaining(['Fill rate [%]', 'Profit [money]', 'Replications [count]']));
    expect(nodes(spec).some((n) => (n.bin as { maxbins?: number } | undefined)?.maxbins === 15)).toBe(true);
    compiles(spec);
  });
});

describe('timeBandChart', () => {
  const stat = { times: [0, 7, 14], mean: [10, 12, null], p05: [8, 9, null], p95: [12, 15, null] };
  const spec = timeBandChart(
    [
      { name: 'Plants', stat },
      { name: 'Distribution centers', stat: { ...stat, mean: [1, 2, 3] } },
    ],
    { label: 'Units on hand', kind: 'units', warmupDays: 7 },
  );

  it('draws one panel per series: a mean line in a 5–95% band, on time in days', () => {
    const panels = (spec as { vconcat: Array<{ title: string; data: { values: unknown[] } }> }).vconcat;
    expect(panels.map((p) => p.title)).toEqual(['Plants', 'Distribution centers']);
    expect(panels[0]!.data.values).toEqual([
      { day: 0, mean: 10, p05: 8, p95: 12 },
      { day: 7, mean: 12, p05: 9, p95: 15 },
      { day: 14, mean: null, p05: null, p95: null },
    ]);
    expect(titles(spec)).toEqual(expect.arrayContaining(['Simulated time [days]', 'Units on hand [units]']));
    const marks = nodes(spec).map((n) => (n.mark as { type?: string } | undefined)?.type);
    expect(marks).toEqual(expect.arrayContaining(['area', 'line']));
    expect(rows(spec)).toContainEqual({ day: 7, text: 'end of warm-up' });
    compiles(spec);
  });

  it('a single series (cash) has no panel title and no warm-up rule unless asked', () => {
    const cash = timeBandChart([{ name: 'Cash', stat }], { label: 'Cash', kind: 'money' });
    const panels = (cash as { vconcat: Array<{ title?: string }> }).vconcat;
    expect(panels).toHaveLength(1);
    expect(panels[0]!.title).toBeUndefined();
    expect(titles(cash)).toContain('Cash [money]');
    expect(rows(cash).some((r) => 'text' in r)).toBe(false);
  });
});

describe('costBreakdownChart', () => {
  const LINES = [
    ['holdingCost', 'Holding'],
    ['transportCost', 'Transport'],
    ['purchaseCost', 'Purchase'],
    ['fixedCost', 'Fixed site'],
  ] as const;

  it('stacks the cost lines in the order given, leaves out lines zero everywhere, missing lines as zero', () => {
    const spec = costBreakdownChart(
      [
        { group: 'base', costs: { holdingCost: 10, transportCost: 5, fixedCost: 1 }, total: 16 },
        { group: 'option', costs: { holdingCost: 8, purchaseCost: null }, total: 8 },
      ],
      LINES,
    );
    const data = rows(spec);
    // Purchase is zero in both bars: no segment and no legend entry for it.
    expect(data.filter((r) => r.group === 'base').map((r) => r.line)).toEqual(['Holding', 'Transport', 'Fixed site']);
    expect(data.find((r) => r.group === 'base' && r.line === 'Holding')).toMatchObject({ cost: 10, order: 0, groupOrder: 0 });
    expect(data.find((r) => r.group === 'option' && r.line === 'Transport')).toMatchObject({ cost: 0 });
    const total = data.filter((r) => r.group === 'base').reduce((s, r) => s + (r.cost as number), 0);
    expect(total).toBe(16);
    expect(titles(spec)).toContain('Mean cost over the measured period [money]');
    expect(nodes(spec).some((n) => n.stack === 'zero')).toBe(true);
    compiles(spec);
  });

  it('completes each bar up to the total cost with an "other costs" segment, so no cost is hidden', () => {
    const spec = costBreakdownChart([{ group: 'base', costs: { holdingCost: 10, transportCost: 5 }, total: 21 }], LINES);
    const data = rows(spec);
    expect(data.find((r) => r.line === OTHER_COSTS)).toMatchObject({ cost: 6 });
    expect(data.reduce((s, r) => s + (r.cost as number), 0)).toBe(21);
  });
});

describe('segmentServiceChart', () => {
  it('shows fill rate and OTIF with intervals, and lead time against the promise', () => {
    const spec = segmentServiceChart([
      { segment: 'retail', fillRate: { mean: 0.95, ciLow: 0.94, ciHigh: 0.96 }, otif: { mean: 0.9, ciLow: 0.88, ciHigh: 0.92 }, leadTime: { mean: 1.5, ciLow: 1.4, ciHigh: 1.6 }, promisedDays: 2 },
      { segment: 'online', fillRate: { mean: null, ciLow: null, ciHigh: null }, otif: { mean: 0.8, ciLow: 0.7, ciHigh: 0.9 }, leadTime: { mean: 3, ciLow: 2.5, ciHigh: 3.5 }, promisedDays: null },
    ]);
    expect(rows(spec)).toEqual([
      { segment: 'retail', fill: 0.95, fillLow: 0.94, fillHigh: 0.96, otif: 0.9, otifLow: 0.88, otifHigh: 0.92, lead: 1.5, leadLow: 1.4, leadHigh: 1.6, promised: 2 },
      { segment: 'online', fill: null, fillLow: null, fillHigh: null, otif: 0.8, otifLow: 0.7, otifHigh: 0.9, lead: 3, leadLow: 2.5, leadHigh: 3.5, promised: null },
    ]);
    expect(titles(spec)).toEqual(expect.arrayContaining(['Service [%]', 'Customer lead time [days]', 'Customer segment']));
    // The promise is a tick on the lead-time axis.
    const tick = nodes(spec).find((n) => (n.mark as { type?: string } | undefined)?.type === 'tick')!;
    expect((tick.encoding as { x: { field: string } }).x.field).toBe('promised');
    compiles(spec);
  });
});

describe('frontier labels', () => {
  it('labels efficient points first and leaves out a label that would cover one already placed', () => {
    const keep = labelledPoints(
      [
        { cost: 100, service: 0.9, text: 'three-dcs, targetServiceLevel=0.98', efficient: true },
        { cost: 100.5, service: 0.901, text: 'three-dcs, targetServiceLevel=0.995', efficient: true },
        { cost: 200, service: 0.99, text: 'base', efficient: true },
        { cost: 150, service: 0.95, text: 'dominated one', efficient: false },
      ],
      520,
      340,
    );
    expect(keep).toEqual([true, false, true, true]);
  });
});

describe('kpiBarsChart', () => {
  it('draws one panel per unit, shares on 0–100%, waits under a day in hours, and no panel without a value', () => {
    const spec = kpiBarsChart([
      { label: 'Order-processing wait', kind: 'days', mean: 0.5, ciLow: 0.4, ciHigh: 0.6 },
      { label: 'Utilisation', kind: 'percent', mean: 0.75, ciLow: 0.7, ciHigh: 1.2 },
      { label: 'Peak queue', kind: 'units', mean: null, ciLow: null, ciHigh: null },
    ]);
    const panels = (spec as { vconcat: Array<{ title: string; data: { values: Array<Record<string, number>> } }> }).vconcat;
    expect(panels.map((p) => p.title)).toEqual(['Times', 'Shares']);
    const wait = panels[0]!.data.values[0]!;
    expect(wait.mean).toBe(12);
    expect(wait.low).toBeCloseTo(9.6, 9);
    expect(wait.high).toBeCloseTo(14.4, 9);
    expect(titles(spec)).toContain('Time [hours]');
    expect(panels[1]!.data.values[0]).toMatchObject({ mean: 0.75, high: 1 });
    compiles(spec);
  });
});
