/**
 * Scenario-file syntax for disruptions and the risk KPIs that measure them.
 *
 * A disruption is scheduled (`at` + `days`) or random (`random: {ratePerYear, duration}`, an
 * outage process: events arrive at `ratePerYear`, each lasting a draw of `duration`, the next
 * drawn after the previous ends). A random disruption draws from its own stream
 * `disruption/<name>`, so every variant of a scenario meets the same disruptions.
 *
 * ```yaml
 * disruptions:
 *   - {name: port-strike, type: lane-slowed, from: supplier-asia, to: dc-east, extraDays: 10, at: 120, days: 14}
 *   - {name: fire, type: supplier-outage, site: supplier-asia, random: {ratePerYear: 0.5, duration: {dist: uniform, min: 7, max: 28}}}
 *   - {name: xmas, type: demand-surge, segments: [web-shop], multiplier: 2.5, at: 330, days: 30}
 * ```
 */
import { z } from 'zod';
import { distributionSchema } from './distribution-schema.ts';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'ids use letters, digits, "-" and "_"');
const nonNeg = z.number().nonnegative();
const positive = z.number().positive();

const timing = {
  name: id.describe('Disruption id; a random disruption draws from the stream disruption/<name>'),
  at: nonNeg.optional().describe('Scheduled: start [day]'),
  days: positive.optional().describe('Scheduled: duration [days]'),
  random: z
    .strictObject({
      ratePerYear: positive.describe('Mean number of events per year (the next one is drawn after the previous ends)'),
      duration: distributionSchema.describe('Duration of each event [days]'),
    })
    .optional()
    .describe('Random: an outage process, drawn per replication'),
};

const affectsInTransit = z
  .boolean()
  .default(false)
  .describe('Also delay shipments already on the lane when the disruption starts (default: they keep their arrival time)');

export const disruptionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('supplier-outage').describe('The supplier neither produces nor dispatches; its orders resume afterwards'),
      site: id.describe('Supplier'),
      ...timing,
    }),
    z.strictObject({
      type: z.literal('plant-down').describe("Every line of the plant stops; jobs in progress resume afterwards with the work they had left"),
      site: id.describe('Plant'),
      ...timing,
    }),
    z.strictObject({
      type: z.literal('dc-closed').describe('Nothing leaves or arrives at the DC; shipments wait for it to reopen'),
      site: id.describe('Distribution center'),
      ...timing,
    }),
    z.strictObject({
      type: z.literal('lane-closed').describe('Nothing departs on the lane; shipments wait at the origin until it reopens'),
      from: id.describe('Origin site'),
      to: id.describe('Destination site or customer segment'),
      affectsInTransit,
      ...timing,
    }),
    z.strictObject({
      type: z.literal('lane-slowed').describe('Shipments departing on the lane take extraDays longer (a port delay)'),
      from: id.describe('Origin site'),
      to: id.describe('Destination site or customer segment'),
      extraDays: positive.describe('Extra transit time [days]'),
      affectsInTransit,
      ...timing,
    }),
    z.strictObject({
      type: z.literal('demand-surge').describe('Order rate multiplied during the window (below 1: a demand shock)'),
      segments: z.array(id).min(1).describe('Segments affected (Poisson arrivals: ordersPerDay)'),
      multiplier: nonNeg.describe('Order-rate multiplier, applied to whole days'),
      ...timing,
    }),
  ])
  .superRefine((d, ctx) => {
    const scheduled = d.at !== undefined || d.days !== undefined;
    if (scheduled && d.random !== undefined)
      ctx.addIssue({ code: 'custom', path: ['random'], message: 'give either at and days (scheduled) or random, not both' });
    else if (!scheduled && d.random === undefined)
      ctx.addIssue({ code: 'custom', path: ['at'], message: 'give at and days (scheduled) or random (an outage process)' });
    else if (scheduled && (d.at === undefined || d.days === undefined))
      ctx.addIssue({ code: 'custom', path: [d.at === undefined ? 'at' : 'days'], message: 'a scheduled disruption needs both at and days' });
  });

export const riskSchema = z
  .strictObject({
    recoveryKpi: z
      .enum(['fillRate', 'backorders'])
      .default('fillRate')
      .describe('KPI that decides recovery: daily customer fill rate, or end-of-day customer backorders'),
    band: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe('Recovered when the KPI is back within this fraction of its pre-event level'),
    smoothingDays: z.number().int().positive().default(7).describe('Trailing days averaged for the recovery test (after the event)'),
    afterDays: positive
      .default(28)
      .describe('Days after the event in which its impact is looked for: fillRateAfterDisruption, and when service may leave the band for timeToRecover'),
  })
  .describe('How the risk KPIs judge service after a disruption');

export const RISK_DEFAULTS = { recoveryKpi: 'fillRate', band: 0.05, smoothingDays: 7, afterDays: 28 } as const;

export type DisruptionSpec = z.infer<typeof disruptionSchema>;
export type RiskSpec = z.infer<typeof riskSchema>;
