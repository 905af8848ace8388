/**
 * Scenario-file syntax for the back office: order processing at a DC (or at a central order
 * desk shared by several DCs) as a queue with c servers, working hours and a lever of extra
 * servers (temporary staff, overtime) paid by the hour.
 *
 * ```yaml
 * orderProcessing:
 *   servers: 4
 *   processingTime: {dist: exponential, mean: 0.01}   # days of working time per order
 *   workingHours: {start: 8, end: 18, days: [mon, tue, wed, thu, fri]}
 *   costPerServerHour: 28                              # staff cost of each regular server
 *   extraServers: {count: 3, whenQueueAbove: 20, costPerHour: 35}
 * ```
 */
import { z } from 'zod';
import { distributionSchema } from './distribution-schema.ts';

const hour = z.number().min(0).max(24);

export const workingHoursSchema = z
  .strictObject({
    start: hour.describe('Opening hour [hours after midnight, 0–24]'),
    end: hour.describe('Closing hour [hours after midnight, 0–24]'),
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .min(1)
      .default(['mon', 'tue', 'wed', 'thu', 'fri'])
      .describe('Working days; day 0 of a run is a Monday'),
  })
  .refine((h) => h.start < h.end, { message: 'end must be after start (night shifts are not supported)', path: ['end'] })
  .describe('When the servers work; outside these hours orders wait, and a service in progress continues at the next opening');

export const extraServersSchema = z
  .strictObject({
    count: z.number().int().positive().describe('Extra servers that can be called in (temporary staff, overtime)'),
    whenQueueAbove: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('Extra servers work while more than this many orders wait (0: whenever an order would wait)'),
    costPerHour: z.number().nonnegative().describe('Cost of an extra server [money per server-hour of work]'),
  })
  .describe('Extra order-processing capacity, paid per hour worked (a cost line of its own: overtimeCost)');

export const orderProcessingSchema = z.strictObject({
  servers: z.number().int().positive().describe('Parallel order-processing servers (clerks, desks)'),
  processingTime: distributionSchema.describe('Time to process one customer order [days of working time]'),
  workingHours: workingHoursSchema.optional(),
  costPerServerHour: z
    .number()
    .nonnegative()
    .default(0)
    .describe('Staff cost of each regular server [money per server-hour of working hours, busy or not] (cost line staffCost)'),
  extraServers: extraServersSchema.optional(),
});

export type OrderProcessingSpec = z.infer<typeof orderProcessingSchema>;
export type ExtraServersSpec = z.infer<typeof extraServersSchema>;
