/**
 * A report as data: a plain-words summary, charts and tables, independent of how it is
 * written out (HTML, Markdown, SVG/PNG files). All strings here are plain text; each writer
 * escapes them for its own format.
 */
import { KPI_FORMATS, formatValue } from '../experiment/kpi-format.ts';
import type { KpiStat } from '../experiment/results.ts';
import { setChartCurrency, type ReportChart, type ValueKind } from './charts/common.ts';
import type { IntervalStat } from './inputs.ts';

export interface ReportTable {
  title: string;
  /** Column headings; the first column is left-aligned, the others right-aligned. */
  columns: string[];
  rows: string[][];
  /** A sentence under the table (how to read it). */
  note?: string;
}

/** What one experiment kind contributes to a report. */
export interface ReportSection {
  /** Sentences answering the scenario's question, most important first. */
  summary: string[];
  charts: ReportChart[];
  tables: ReportTable[];
}

export interface Report {
  /** The scenario's name. */
  title: string;
  /** The scenario's `question:`, answered first by the summary. */
  question?: string;
  /** The scenario's question, when it states one. */
  description?: string;
  /** One line on how the numbers were made (replications, seed, horizon). */
  facts: string;
  summary: string[];
  charts: ReportChart[];
  tables: ReportTable[];
}

/** KPIs the terminal tables do not show but reports may (frontier axes, site and segment KPIs). */
const MORE_FORMATS: Record<string, { label: string; kind: ValueKind }> = {
  inventoryCost: { label: 'Inventory cost', kind: 'money' },
  logisticsCost: { label: 'Logistics cost', kind: 'money' },
  cogs: { label: 'Cost of goods sold', kind: 'money' },
  avgInventoryValue: { label: 'Average inventory value', kind: 'money' },
  cashReceipts: { label: 'Cash received', kind: 'money' },
  cashPayments: { label: 'Cash paid', kind: 'money' },
  demandUnits: { label: 'Demand', kind: 'units' },
  unitsDelivered: { label: 'Units delivered', kind: 'units' },
  replenishmentLeadTime: { label: 'Replenishment lead time', kind: 'days' },
  throughput: { label: 'Throughput', kind: 'units' },
  avgPurchasePrice: { label: 'Average purchase price', kind: 'money' },
  receiptRate: { label: 'Receipts', kind: 'units' },
  backorderDelay: { label: 'Backorder delay', kind: 'days' },
  ordersPlaced: { label: 'Orders placed', kind: 'units' },
  orders: { label: 'Orders', kind: 'units' },
  orderProcessingProbWait: { label: 'Orders that waited for a clerk', kind: 'percent' },
  backorderRate: { label: 'Backordered units served per day', kind: 'units' },
  staffCost: { label: 'Order-processing staff', kind: 'money' },
};

/** Aggregates of other cost lines, and spend that is not a P&L line: never stacked as a cost line. */
const NOT_COST_LINES = new Set(['totalCost', 'inventoryCost', 'logisticsCost', 'backOfficeCost', 'penaltyCost']);

/**
 * The cost lines that add up to total cost, in the order the KPIs list them: every money KPI
 * that is a cost (`…Cost`, `cogs`, `costVariance`) and not an aggregate of others or a spend.
 * Read from the KPIs a run has, so a new cost line shows without a change here.
 */
export function costLineIds(kpiIds: Iterable<string>): string[] {
  return [...kpiIds].filter((id) => (/Cost$/.test(id) || id === 'cogs' || id === 'costVariance') && !NOT_COST_LINES.has(id));
}

/** Currency of money values in the report being built (a scenario's `currency:`), or none. */
let currency: string | undefined;

/** Runs `build` with money shown in `code` (e.g. EUR); restores the previous setting. */
export function withCurrency<T>(code: string | undefined, build: () => T): T {
  const previous = currency;
  currency = code;
  setChartCurrency(code);
  try {
    return build();
  } finally {
    currency = previous;
    setChartCurrency(previous);
  }
}

/** The unit of money in words: the scenario's currency code, or `money` when it gives none. */
export const moneyUnit = (): string => currency ?? 'money';

/** Label and value kind of a KPI id (`fillRate`, or `site.<id>.fillRate`: the last part counts). */
export function kpiInfo(id: string): { label: string; kind: ValueKind } {
  const last = id.slice(id.lastIndexOf('.') + 1);
  const f = KPI_FORMATS[id] ?? MORE_FORMATS[id] ?? KPI_FORMATS[last] ?? MORE_FORMATS[last];
  if (f) return { label: f.label, kind: f.kind };
  // A KPI this file does not know yet (added by the model since): words from its id.
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const kind: ValueKind = /(cost|cogs|value|revenue|profit|margin|cash|spend)/i.test(last) && !/ratio/i.test(last) ? 'money' : /(Ratio|Rate|Fraction|Share|Level)$/.test(last) ? 'percent' : /(Days|Time|Delay|Wait|Mean|P95)$/.test(last) ? 'days' : 'units';
  return { label: words.charAt(0).toUpperCase() + words.slice(1), kind };
}

/**
 * A KPI id in words, for sentences and tables (not chart specs): `fill rate`,
 * `OTIF of segment retail-north`, `fill rate at site dc-iberia`.
 */
export function kpiText(id: string): string {
  const { label } = kpiInfo(id);
  const words = /^[A-Z]{2,}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  const m = /^(site|segment)\.(.+)\.[^.]+$/.exec(id);
  if (!m) return words;
  return m[1] === 'site' ? `${words} at site ${m[2]}` : `${words} of segment ${m[2]}`;
}

/** One minus sign style everywhere: the typographic minus (−), never a hyphen. */
const minus = (text: string) => text.replace(/^-/, '−').replace(/([\s(\[])-(?=\d)/g, '$1−');

/** The unit a duration reads in: days, hours under a day, minutes under an hour. */
type TimeUnit = 'd' | 'h' | 'min';
const timeUnit = (x: number): TimeUnit => (Math.abs(x) >= 1 || x === 0 ? 'd' : Math.abs(x * 24) >= 1 ? 'h' : 'min');

/** A duration in one unit (so a mean and its interval read in the same one). */
function daysText(x: number, unit: TimeUnit): string {
  if (unit === 'd') return minus(formatValue(x, 'days'));
  if (unit === 'h') return minus(`${(x * 24).toFixed(1)} h`);
  const m = x * 24 * 60;
  return minus(`${m.toFixed(Math.abs(m) < 10 ? 1 : 0)} min`);
}

/** Durations read in the unit of the largest of them (`short`: under a day, so hours or minutes). */
const unitOf = (...xs: number[]): TimeUnit => timeUnit(xs.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0));

/**
 * A value in the style of its kind: `94.12%`, `3.20 d` (`5.0 h` under a day), `1,234,567 EUR`.
 * Shares are cut to [0, 100%] (a Student-t interval can reach past them).
 */
export function fmt(x: number | null | undefined, kind: ValueKind, unit?: TimeUnit | boolean): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  if (kind === 'percent') x = Math.min(1, Math.max(0, x));
  if (kind === 'days') return daysText(x, typeof unit === 'string' ? unit : unit === false ? 'd' : timeUnit(x));
  const text = minus(formatValue(x, kind));
  return kind === 'money' && currency ? `${text} ${currency}` : text;
}

/** A signed difference: `+1,234 EUR`, `−0.52 pp` for rates (percentage points, within ±100), `+5.0 h`. */
export function fmtDiff(x: number | null | undefined, kind: ValueKind, short?: TimeUnit | boolean): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  if (kind === 'percent') x = Math.min(1, Math.max(-1, x));
  const sign = x > 0 ? '+' : x < 0 ? '−' : '±';
  if (kind === 'percent') return `${sign}${Math.abs(x * 100).toFixed(2)} pp`;
  return `${sign}${fmt(Math.abs(x), kind, short)}`;
}

/** A relative change `−26%`, `+1.6%`, `+0.04%` (of a base value), for money and quantities. */
export function fmtRelative(x: number | null | undefined): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  const sign = x > 0 ? '+' : x < 0 ? '−' : '±';
  const p = Math.abs(x * 100);
  return `${sign}${p.toFixed(p >= 10 ? 0 : p >= 1 ? 1 : 2)}%`;
}

/**
 * KPIs that cannot be negative (shares, counts, waits, costs): their interval is cut at zero,
 * as a share's is cut at 100% — a Student-t interval over few replications can reach past both.
 */
export function nonNegative(id: string): boolean {
  const last = id.slice(id.lastIndexOf('.') + 1);
  const { kind } = kpiInfo(id);
  if (kind === 'percent' || kind === 'units') return true;
  if (kind === 'days') return last !== 'cashToCash';
  if (kind === 'money') return !/(profit|margin|cash|variance|npv)/i.test(last);
  return false;
}

/** A KPI's statistic with its interval cut to the values the KPI can take. */
export function clipped<T extends IntervalStat>(id: string, s: T | undefined): T | undefined {
  if (!s || !nonNegative(id)) return s;
  const cut = (x: number | null) => (typeof x === 'number' ? Math.max(0, x) : x);
  return { ...s, ciLow: cut(s.ciLow), ciHigh: cut(s.ciHigh) };
}

/** `[a, b]` of an interval, or `n/a`. */
export function fmtInterval(s: IntervalStat | undefined, kind: ValueKind, diff = false): string {
  if (!s || s.ciLow === null || s.ciHigh === null || !Number.isFinite(s.ciLow) || !Number.isFinite(s.ciHigh)) return 'n/a';
  const unit = unitOf(s.ciLow, s.ciHigh);
  const f = diff ? fmtDiff : fmt;
  return `[${f(s.ciLow, kind, unit)}, ${f(s.ciHigh, kind, unit)}]`;
}

/** `94.12% (95% CI 93.80% to 94.44%)`: a mean with its interval, for sentences. */
export function fmtWithInterval(s: KpiStat | IntervalStat | undefined, kind: ValueKind, level: number, diff = false): string {
  if (!s || s.mean === null || !Number.isFinite(s.mean)) return 'n/a';
  const f = diff ? fmtDiff : fmt;
  const unit = unitOf(s.mean);
  if (s.ciLow === null || s.ciHigh === null || !Number.isFinite(s.ciLow) || !Number.isFinite(s.ciHigh)) return f(s.mean, kind, unit);
  return `${f(s.mean, kind, unit)} (${Math.round(level * 100)}% CI ${f(s.ciLow, kind, unit)} to ${f(s.ciHigh, kind, unit)})`;
}

/** Confidence level as `95%`. */
export const pct = (level: number) => `${Math.round(level * 100)}%`;
