/**
 * Vehicles on a lane (`lanes[].vehicles`): shipments wait at the origin's loading dock and
 * travel together, several products and orders in one vehicle (model: src/model/transport.ts).
 *
 * A vehicle takes `capacity` (units, or weight/volume with the products' weightPerUnit and
 * volumePerUnit) and leaves by its dispatch rule:
 *   whenFull        when loaded to capacity (or, with maxWaitDays, when its first shipment has
 *                   waited that long, part-loaded);
 *   schedule        at fixed departures (every `everyDays` from `offset`, or at `timesOfDay`),
 *                   with whatever waits (as many vehicles as needed);
 *   fullOrSchedule  whichever comes first (maxWaitDays may bound the wait further).
 * A trip costs costPerTrip when full and costPerPartLoadTrip otherwise, on top of the lane's
 * costPerUnit and costPerShipment; at most maxTripsPerDay trips leave per calendar day.
 */
import { z } from 'zod';
import { MAX_NUMBER, nonNeg } from './primitives.ts';

const always = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
} as const;

const capacityNumber = z
  .number()
  .max(MAX_NUMBER)
  .refine((v) => v > 0, 'a vehicle capacity must be greater than 0');

export const vehicleCapacitySchema = z.union([
  capacityNumber.describe('Units one vehicle takes [units]'),
  z
    .strictObject({
      units: capacityNumber.optional().describe('Units one vehicle takes [units]'),
      weight: capacityNumber.optional().describe("Weight one vehicle takes [the products' weight unit, e.g. kg]"),
      volume: capacityNumber.optional().describe("Volume one vehicle takes [the products' volume unit, e.g. m³]"),
    })
    .refine((c) => c.units !== undefined || c.weight !== undefined || c.volume !== undefined, 'give units, weight or volume'),
]);

export const vehiclesSchema = z
  .strictObject({
    capacity: vehicleCapacitySchema.describe('What one vehicle takes: units, or {units, weight, volume} (full when any is reached)'),
    dispatch: z
      .enum(['whenFull', 'schedule', 'fullOrSchedule'])
      .default('whenFull')
      .describe('When a vehicle leaves: when full, at scheduled departures, or whichever comes first'),
    everyDays: z
      .number()
      .max(MAX_NUMBER)
      .refine((v) => v > 0, 'everyDays must be greater than 0')
      .optional()
      .describe('Scheduled departures: one every this many days [days]'),
    offset: nonNeg.default(0).describe('Time of the first scheduled departure (with everyDays) [days]'),
    timesOfDay: z
      .array(z.number().min(0).max(0.999999, 'a time of day is a fraction of the day in [0, 1)'))
      .min(1)
      .max(96)
      .optional()
      .describe('Scheduled departures at these times every day, as fractions of the day (0.25 = 06:00)'),
    maxWaitDays: z
      .number()
      .max(MAX_NUMBER)
      .refine((v) => v > 0, 'maxWaitDays must be greater than 0')
      .optional()
      .describe('A part load leaves once its first shipment has waited this long [days]'),
    costPerTrip: nonNeg.default(0).describe('Cost of a full-load trip [money per trip]'),
    costPerPartLoadTrip: nonNeg.optional().describe('Cost of a part-load trip [money per trip]; default costPerTrip'),
    maxTripsPerDay: z.number().int('maxTripsPerDay must be a whole number').positive('maxTripsPerDay must be at least 1').optional().describe('Most trips leaving per calendar day'),
  })
  .superRefine((v, ctx) => {
    const scheduled = v.dispatch === 'schedule' || v.dispatch === 'fullOrSchedule';
    const given = v.everyDays !== undefined || v.timesOfDay !== undefined;
    if (scheduled && !given)
      ctx.addIssue({ code: 'custom', path: ['dispatch'], message: `dispatch ${v.dispatch} needs a schedule: give everyDays or timesOfDay` });
    if (v.everyDays !== undefined && v.timesOfDay !== undefined)
      ctx.addIssue({ code: 'custom', path: ['timesOfDay'], message: 'give everyDays or timesOfDay, not both' });
    if (!scheduled && given)
      ctx.addIssue({
        code: 'custom',
        path: [v.everyDays !== undefined ? 'everyDays' : 'timesOfDay'],
        message: 'a schedule needs dispatch: schedule or fullOrSchedule (whenFull leaves only when full)',
      });
    if (v.dispatch === 'schedule' && v.maxWaitDays !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['maxWaitDays'],
        message: 'maxWaitDays needs dispatch whenFull or fullOrSchedule (on a fixed schedule the next departure bounds the wait)',
      });
  }, always);

export type VehiclesSpec = z.infer<typeof vehiclesSchema>;
