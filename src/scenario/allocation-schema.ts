/**
 * Allocation keys of a stock (sites.<id>.stock.<product>): a reserve protected for
 * higher-priority requesters, and the rule that shares scarce stock among waiting requests.
 * The model side, with the exact semantics, is src/model/allocation.ts.
 */
import { z } from 'zod';
import { nonNeg } from './primitives.ts';

export const reserveSchema = z
  .strictObject({
    forPriority: z
      .number()
      .min(1)
      // A refinement, not .int(): a failed int() aborts the object, hiding its other problems.
      .refine((v) => Number.isInteger(v), 'must be a whole number (a segment priority: 1, 2, …)')
      .describe('Requests of this priority or better (1 is best) may use the reserve; worse ones cannot take on-hand below it'),
    units: nonNeg.optional().describe('Reserve level [units]'),
    daysOfDemand: nonNeg
      .optional()
      .describe(
        'Reserve level as days of the mean daily demand of the protected requesters at this stock (segments of priority ≤ forPriority and internal replenishment/component demand) [days]',
      ),
  })
  .superRefine((r, ctx) => {
    if ((r.units === undefined) === (r.daysOfDemand === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of units or daysOfDemand' });
  }, { when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null })
  .describe('Stock protected for higher-priority requesters');

export const allocationSchema = z
  .enum(['strictPriority', 'fairShare'])
  .describe(
    'How a receipt that cannot cover every waiting request is shared: strictPriority (highest priority first, FIFO within a class) or fairShare (in proportion to the units each waits for)',
  );

export type ReserveSpec = z.infer<typeof reserveSchema>;
export type AllocationRule = z.infer<typeof allocationSchema>;
