/**
 * segments.csv: the customer segments, each ordering one product from the site that serves
 * it. Its rate and order size may be left empty when orders.csv holds the segment's history
 * (then they are fitted; a value given here wins over the fit).
 */
import type { Problems, Row } from './csv-table.ts';
import { readTable, uniqueIds } from './csv-table.ts';

export const SEGMENT_COLUMNS = [
  'id', 'served_by', 'product', 'orders_per_day', 'order_size', 'promised_days', 'priority', 'on_stockout', 'partial_fill',
  'patience_days', 'price', 'backorder_cost_per_unit_day', 'lost_sale_penalty_per_unit', 'payment_terms_days', 'forecast_error_cv',
] as const;

/** A segments.csv row read: scenario fields, and where to report a later problem. */
export interface SegmentRow {
  id: string;
  row: Row;
  fields: Record<string, unknown>;
}

/** Reads segments.csv: the rows (fields as the schema names them) keyed by id. */
export function readSegments(dir: string, problems: Problems): Map<string, SegmentRow> {
  const out = new Map<string, SegmentRow>();
  const t = readTable(dir, 'segments.csv', SEGMENT_COLUMNS.map((name) => ({ name, required: ['id', 'served_by', 'product'].includes(name) })), problems, true);
  if (!t) return out;
  for (const [id, row] of uniqueIds(t.rows, 'id')) {
    const f: Record<string, unknown> = {};
    const put = (key: string, v: unknown) => {
      if (v !== undefined) f[key] = v;
    };
    put('servedBy', row.id('served_by'));
    put('product', row.id('product'));
    put('ordersPerDay', row.num('orders_per_day', { gt: 0 }));
    put('orderSize', row.num('order_size', { gt: 0 }));
    put('promisedDays', row.num('promised_days', { min: 0 }));
    put('priority', row.num('priority', { integer: true, min: 1 }));
    put('onStockout', row.oneOf('on_stockout', ['backorder', 'lost'] as const));
    put('partialFill', row.bool('partial_fill'));
    put('patienceDays', row.num('patience_days', { gt: 0 }));
    put('price', row.num('price', { min: 0 }));
    put('backorderCostPerUnitDay', row.num('backorder_cost_per_unit_day', { min: 0 }));
    put('lostSalePenaltyPerUnit', row.num('lost_sale_penalty_per_unit', { min: 0 }));
    put('paymentTermsDays', row.num('payment_terms_days', { min: 0 }));
    put('forecastErrorCv', row.num('forecast_error_cv', { min: 0 }));
    out.set(id, { id, row, fields: f });
  }
  return out;
}

/**
 * Checks each segment against the network: its site exists, is not a supplier and stocks its
 * product; and that it has a rate and size, from segments.csv or from history.
 */
export function checkSegments(
  segments: ReadonlyMap<string, SegmentRow>,
  sites: Record<string, Record<string, unknown>>,
  products: Record<string, unknown>,
  withHistory: ReadonlySet<string>,
): void {
  for (const { id, row, fields } of segments.values()) {
    const site = fields.servedBy as string | undefined;
    const product = fields.product as string | undefined;
    if (product !== undefined && !(product in products)) row.problem('product', `unknown product "${product}" (not in products.csv)`);
    if (site !== undefined) {
      const s = sites[site];
      if (!s) row.problem('served_by', `unknown site "${site}" (not in sites.csv)`);
      else if (s.type === 'supplier') row.problem('served_by', `"${site}" is a supplier; a segment is served by a dc or a plant`);
      else if (product !== undefined && product in products && !(product in (s.stock as Record<string, unknown>)))
        row.problem('served_by', `"${site}" does not hold "${product}": add the row ${site},${product} to policies.csv`);
    }
    if (!withHistory.has(id)) {
      if (fields.ordersPerDay === undefined) row.problem('orders_per_day', 'give orders_per_day, or order lines of this segment in orders.csv');
      if (fields.orderSize === undefined) fields.orderSize = 1;
    }
  }
}
