/**
 * Demand history: orders.csv, dated order lines (one line = one customer order of one
 * product), each naming its segment directly or through its customer (customers.csv maps
 * customer → segment). Read into one calendar shared by every segment — from the first to
 * the last date in the file, so a quiet segment's empty days count as zero — with the orders
 * and units per day and the list of order sizes of each segment.
 */
import type { Problems } from './csv-table.ts';
import { readTable, uniqueIds } from './csv-table.ts';
import type { HistoryDay } from './fit-rate.ts';

export const HISTORY_COLUMNS = {
  'orders.csv': ['date', 'segment', 'customer', 'product', 'quantity'],
  'customers.csv': ['customer', 'segment'],
} as const;

/** One segment's history on the shared calendar. */
export interface SegmentHistory {
  /** Orders per day of the calendar. */
  orders: Float64Array;
  /** Units ordered per day of the calendar [units]. */
  units: Float64Array;
  /** Size of every order line [units]. */
  sizes: number[];
}

export interface History {
  /** First and last date (YYYY-MM-DD). */
  from: string;
  to: string;
  days: HistoryDay[];
  segments: Map<string, SegmentHistory>;
}

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD date as UTC milliseconds, or undefined when it is not a real calendar date. */
function parseDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : undefined;
}

/** Day of the year, 0-based, with 31 December of a leap year folded onto day 364 (the model's 365-day year). */
function dayOfYear(t: number): number {
  const d = new Date(t);
  return Math.min(364, Math.round((t - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS));
}

/**
 * Reads orders.csv (and customers.csv when orders name customers). `segments` maps each
 * segment id of segments.csv to its product. Undefined when there is no orders.csv.
 */
export function readHistory(dir: string, problems: Problems, segments: ReadonlyMap<string, string | undefined>): History | undefined {
  const orders = readTable(dir, 'orders.csv', [
    { name: 'date', required: true },
    { name: 'segment' },
    { name: 'customer' },
    { name: 'product' },
    { name: 'quantity', required: true },
  ], problems, false);
  if (!orders) return undefined;
  const usesCustomers = orders.index.has('customer');
  const customerSegment = new Map<string, string>();
  if (usesCustomers) {
    const customers = readTable(dir, 'customers.csv', [{ name: 'customer', required: true }, { name: 'segment', required: true }], problems, !orders.index.has('segment'));
    for (const [id, row] of uniqueIds(customers?.rows ?? [], 'customer')) {
      const seg = row.id('segment');
      if (seg === undefined) continue;
      if (!segments.has(seg)) row.problem('segment', `unknown segment "${seg}" (not in segments.csv)`);
      else customerSegment.set(id, seg);
    }
  }
  if (!orders.index.has('segment') && !usesCustomers) orders.problem('orders.csv needs a segment column, or a customer column with customers.csv');

  const lines: Array<{ t: number; segment: string; quantity: number }> = [];
  for (const row of orders.rows) {
    const dateText = row.need('date');
    const t = dateText === undefined ? undefined : parseDate(dateText);
    if (dateText !== undefined && t === undefined) row.problem('date', `"${dateText}" is not a date written YYYY-MM-DD`);
    const quantity = row.num('quantity', { required: true, gt: 0 });
    let segment = row.id('segment', false);
    if (segment !== undefined && !segments.has(segment)) {
      row.problem('segment', `unknown segment "${segment}" (not in segments.csv)`);
      segment = undefined;
    } else if (segment === undefined) {
      const customer = row.id('customer', false);
      if (customer === undefined) row.problem(usesCustomers ? 'customer' : 'segment', 'give the segment, or a customer listed in customers.csv');
      else if (!customerSegment.has(customer)) row.problem('customer', `customer "${customer}" is not in customers.csv`);
      else segment = customerSegment.get(customer);
    }
    const product = row.id('product', false);
    if (product !== undefined && segment !== undefined && product !== segments.get(segment))
      row.problem('product', `segment "${segment}" orders "${segments.get(segment) ?? '(a product mix)'}" in segments.csv, not "${product}"`);
    if (t !== undefined && quantity !== undefined && segment !== undefined) lines.push({ t, segment, quantity });
  }
  if (lines.length === 0) {
    if (orders.rows.length === 0) orders.problem('no order lines');
    return undefined;
  }
  let first = Infinity;
  let last = -Infinity;
  for (const l of lines) {
    first = Math.min(first, l.t);
    last = Math.max(last, l.t);
  }
  const n = Math.round((last - first) / DAY_MS) + 1;
  const days: HistoryDay[] = [];
  for (let i = 0; i < n; i++) {
    const t = first + i * DAY_MS;
    days.push({ t: i, doy: dayOfYear(t), weekday: new Date(t).getUTCDay() });
  }
  const bySegment = new Map<string, SegmentHistory>();
  for (const l of lines) {
    let h = bySegment.get(l.segment);
    if (!h) bySegment.set(l.segment, (h = { orders: new Float64Array(n), units: new Float64Array(n), sizes: [] }));
    const d = Math.round((l.t - first) / DAY_MS);
    h.orders[d]! += 1;
    h.units[d]! += l.quantity;
    h.sizes.push(l.quantity);
  }
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { from: iso(first), to: iso(last), days, segments: bySegment };
}
