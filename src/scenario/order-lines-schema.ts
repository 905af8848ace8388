/**
 * Segment keys for multi-line customer orders (model: src/model/order-lines.ts). Spread into
 * the segment schema; absent keys keep today's single-line orders exactly.
 */
import { z } from 'zod';
import { distributionSchema } from './distribution-schema.ts';

export const orderLinesKeys = {
  linesPerOrder: distributionSchema
    .optional()
    .describe('Lines per order (an integer or a distribution, rounded, at least 1): distinct products drawn from productMix, weights renormalised; each line sized by orderSize'),
  fulfilment: z
    .enum(['shipPartial', 'shipComplete'])
    .optional()
    .describe('shipPartial (default): each line ships as its stock allows; shipComplete: the order leaves in one delivery once every line is gathered'),
};
