/**
 * The small building blocks every scenario schema shares: ids, bounded numbers, free text.
 * (schema.ts and whatif-schema.ts build on them.)
 */
import { z } from 'zod';

export const id = z
  .string()
  .max(200, 'ids are at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'ids use letters, digits, "-" and "_"');
/**
 * Largest magnitude of any number in a scenario: 10¹⁵ (a quadrillion days, units or money).
 * Far beyond any real supply chain, yet far enough below 1.8·10³⁰⁸ that sums and products of
 * KPIs (price × units × replications) stay finite: a price of 1e308 would report Infinity.
 */
export const MAX_NUMBER = 1e15;
export const nonNeg = z.number().nonnegative().max(MAX_NUMBER);
export const positive = z.number().positive().max(MAX_NUMBER);
/** Free text shown in terminals and reports: no control characters (they could rewrite the screen). */
export const text = z.string().max(10_000).regex(/^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$/, 'no control characters');
export const probability = z.number().min(0).max(1);
