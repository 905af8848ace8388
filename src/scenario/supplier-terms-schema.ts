/**
 * A supplier's terms for one product (under `products.<id>` of a supplier): its price, and
 * optionally a minimum order quantity, an order multiple, a capacity per period and
 * all-units price breaks. Semantics in src/model/supplier-terms.ts.
 */
import { z } from 'zod';
import { nonNeg, positive } from './primitives.ts';

export const supplierProductSchema = z
  .strictObject({
    price: nonNeg.describe('Purchase price [money per unit] (below the first price break)'),
    minOrderQuantity: nonNeg.optional().describe('Minimum order quantity: a smaller purchase order is raised to it [units]'),
    orderMultiple: positive.optional().describe('Purchase orders are rounded up to a multiple of this [units]'),
    capacityPerPeriod: z
      .strictObject({
        units: positive.describe('Units of this product the supplier can take on per period [units]'),
        periodDays: positive.describe('Length of a period, periods counted from time 0 [days]'),
      })
      .optional()
      .describe('Capacity per period: an order waits until the period in which capacity for its last unit is free (FIFO)'),
    priceBreaks: z
      .array(
        z.strictObject({
          minQuantity: positive.describe('Smallest purchase order that earns this price [units]'),
          price: nonNeg.describe('Price of every unit of such an order [money per unit] (all-units discount)'),
        }),
      )
      .min(1)
      .optional()
      .describe('All-units discounts: minQuantity strictly increasing, price not rising'),
  })
  .superRefine((p, ctx) => {
    const breaks = p.priceBreaks ?? [];
    breaks.forEach((b, i) => {
      const prev = breaks[i - 1];
      if (prev === undefined) {
        if (b.price > p.price) ctx.addIssue({ code: 'custom', path: ['priceBreaks', i, 'price'], message: `a price break must not raise the price (${b.price} > price ${p.price})` });
        return;
      }
      if (!(b.minQuantity > prev.minQuantity))
        ctx.addIssue({ code: 'custom', path: ['priceBreaks', i, 'minQuantity'], message: `price breaks must have increasing minQuantity (${b.minQuantity} after ${prev.minQuantity})` });
      if (b.price > prev.price)
        ctx.addIssue({ code: 'custom', path: ['priceBreaks', i, 'price'], message: `a price break must not raise the price (${b.price} > ${prev.price} of the break before)` });
    });
  });

export type SupplierProductSpec = z.infer<typeof supplierProductSchema>;
