/**
 * A report as data: a plain-words summary, charts and tables, independent of how it is
 * written out (HTML, Markdown, SVG/PNG files). All strings here are plain text; each writer
 * escapes them for its own format.
 */
import { KPI_FORMATS, formatValue } from '../experiment/kpi-format.ts';
import type { KpiStat } from '../experiment/results.ts';
import type { ReportChart, ValueKind } from './charts/common.ts';
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
  receiptRate: { label: 'Receipts', kind: 'units' },
  backorderDelay: { label: 'Backorder delay', kind: 'days' },
  ordersPlaced: { label: 'Orders placed', kind: 'units' },
  orders: { label: 'Orders', kind: 'units' },
};

/** Label and value kind of a KPI id (`fillRate`, or `site.<id>.fillRate`: the last part counts). */
export function kpiInfo(id: string): { label: string; kind: ValueKind } {
  const last = id.slice(id.lastIndexOf('.') + 1);
  const f = KPI_FORMATS[id] ?? MORE_FORMATS[id] ?? KPI_FORMATS[last] ?? MORE_FORMATS[last];
  return f ? { label: f.label, kind: f.kind } : { label: 'Value', kind: 'ratio' };
}

/**
 * A KPI id in words, for sentences and tables (not chart specs): `fill rate`,
 * `OTIF of segment retail-north`, `fill rate at site dc-iberia`.
 */
export function kpiText(id: string): string {
  const { label } = kpiInfo(id);
  const words = /^[A-Z]{2,}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  const m = /^(site|segment)\.(.+)\.[^.]+$/.exec(id);
  if (!m) return KPI_FORMATS[id] || MORE_FORMATS[id] ? words : id;
  return m[1] === 'site' ? `${words} at site ${m[2]}` : `${words} of segment ${m[2]}`;
}

/** A value in the style of its kind: `94.12%`, `3.20 d`, `1,234,567`. */
export function fmt(x: number | null | undefined, kind: ValueKind): string {
  return formatValue(typeof x === 'number' && Number.isFinite(x) ? x : null, kind);
}

/** A signed difference: `+1,234`, `−0.52 pp` for rates (percentage points). */
export function fmtDiff(x: number | null | undefined, kind: ValueKind): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  const sign = x > 0 ? '+' : x < 0 ? '−' : '±';
  if (kind === 'percent') return `${sign}${Math.abs(x * 100).toFixed(2)} pp`;
  return `${sign}${formatValue(Math.abs(x), kind)}`;
}

/** `[a, b]` of an interval, or `n/a`. */
export function fmtInterval(s: IntervalStat | undefined, kind: ValueKind, diff = false): string {
  if (!s || s.ciLow === null || s.ciHigh === null || !Number.isFinite(s.ciLow) || !Number.isFinite(s.ciHigh)) return 'n/a';
  const f = diff ? fmtDiff : fmt;
  return `[${f(s.ciLow, kind)}, ${f(s.ciHigh, kind)}]`;
}

/** `94.12% (95% CI 93.80% to 94.44%)`: a mean with its interval, for sentences. */
export function fmtWithInterval(s: KpiStat | IntervalStat | undefined, kind: ValueKind, level: number, diff = false): string {
  if (!s || s.mean === null) return 'n/a';
  const f = diff ? fmtDiff : fmt;
  if (s.ciLow === null || s.ciHigh === null) return f(s.mean, kind);
  return `${f(s.mean, kind)} (${Math.round(level * 100)}% CI ${f(s.ciLow, kind)} to ${f(s.ciHigh, kind)})`;
}

/** Confidence level as `95%`. */
export const pct = (level: number) => `${Math.round(level * 100)}%`;
