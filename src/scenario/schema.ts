/**
 * The scenario file format, as a zod schema: the single source of truth for what a scenario
 * may say. Types are inferred from it; `scsim schema` prints it as JSON Schema.
 *
 * Units: times in days, quantities in units of product, money in the scenario's currency.
 * Every object is strict: an unknown key is an error (a typo must never be silently ignored).
 */
import { z } from 'zod';
import { alwaysZero, distributionSchema } from './distribution-schema.ts';
import { allocationSchema, reserveSchema } from './allocation-schema.ts';
import { orderProcessingSchema } from './back-office-schema.ts';
import { disruptionSchema, RISK_DEFAULTS, riskSchema } from './disruption-schema.ts';
import { supplierProductSchema } from './supplier-terms-schema.ts';
import { orderLinesKeys } from './order-lines-schema.ts';
import { id, MAX_NUMBER, nonNeg, positive, probability, text } from './primitives.ts';
import { vehiclesSchema } from './transport-schema.ts';
import { frontierSchema, kpiId, kpiNames, optimizeSchema, optionSchema, sweepSchema, variantSchema } from './whatif-schema.ts';

export { MAX_NUMBER };

const dist = distributionSchema;

/**
 * Runs a cross-field check even when other fields of the same object have problems (zod skips
 * refinements of an object with issues by default), so the user sees every problem at once.
 * The checks below only test presence or compare numbers, so they are safe on partial input.
 */
const always = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
} as const;

/** Periodic review: look at the stock every `period` days, first at `offset`. */
const reviewSchema = z.strictObject({
  period: positive.describe('Review period R [days]'),
  offset: nonNeg.default(0).describe('Time of the first review [days]'),
});

const targetService = probability.describe(
  'Target cycle service level (alpha) used to derive the policy from the demand forecast',
);

/** Inventory policies; parameters given directly or derived from a target service level. */
export const policySchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('base-stock'),
      S: nonNeg.optional().describe('Base-stock level: order up to S after every demand [units]'),
      targetServiceLevel: targetService.optional(),
      review: reviewSchema.optional(),
    }),
    z.strictObject({
      type: z.literal('sS'),
      s: z.number().optional().describe('Reorder point s: order when inventory position ≤ s [units]'),
      S: nonNeg.optional().describe('Order-up-to level S [units]'),
      targetServiceLevel: targetService.optional(),
      review: reviewSchema.optional(),
    }),
    z.strictObject({
      type: z.literal('rQ'),
      r: z.number().optional().describe('Reorder point r: order when inventory position ≤ r [units]'),
      Q: positive
        .optional()
        .describe(
          'Order quantity Q; as many Qs as needed to lift the position above r [units]. With targetServiceLevel and no Q: the economic order quantity',
        ),
      targetServiceLevel: targetService.optional(),
      review: reviewSchema.optional(),
    }),
    z.strictObject({
      type: z.literal('RS'),
      R: positive.describe('Review period R [days]'),
      S: nonNeg.optional().describe('Order-up-to level S [units]'),
      offset: nonNeg.default(0).describe('Time of the first review [days]'),
      targetServiceLevel: targetService.optional(),
    }),
    z.strictObject({
      type: z.literal('make-to-order'),
    }),
  ])
  .superRefine((p, ctx) => {
    const given = (v: unknown) => v !== undefined;
    if (p.type === 'sS') {
      if (p.s !== undefined && p.S !== undefined && p.s > p.S)
        ctx.addIssue({ code: 'custom', path: ['s'], message: `s (${p.s}) must not exceed S (${p.S})` });
      if (!given(p.targetServiceLevel) && (!given(p.s) || !given(p.S)))
        ctx.addIssue({ code: 'custom', path: [], message: 'give s and S, or targetServiceLevel' });
    }
    if ((p.type === 'base-stock' || p.type === 'RS') && !given(p.S) && !given(p.targetServiceLevel))
      ctx.addIssue({ code: 'custom', path: ['S'], message: 'give S, or targetServiceLevel' });
    if (p.type === 'rQ' && !given(p.r) && !given(p.targetServiceLevel))
      ctx.addIssue({ code: 'custom', path: ['r'], message: 'give r, or targetServiceLevel' });
    if (p.type === 'rQ' && !given(p.Q) && !given(p.targetServiceLevel))
      ctx.addIssue({ code: 'custom', path: ['Q'], message: 'give Q, or targetServiceLevel (then Q is the economic order quantity)' });
  });

/** One product held at one site. */
const stockSchema = z.strictObject({
  policy: policySchema.optional().describe("Inventory policy (defaults to the site's policy)"),
  source: id.optional().describe('Site that replenishes this stock; omit at a plant for products it makes'),
  sources: z
    .array(z.strictObject({ site: id.describe('Supplier, or plant/dc'), share: positive.describe('Share of each order (normalised)') }))
    .min(1)
    .optional()
    .describe('Multiple sourcing: every order is split between these suppliers, or these plants/dcs, by share (instead of source)'),
  fallbackSource: id.optional().describe('Supplier that takes an order while its regular supplier is in an outage'),
  fallbackSources: z
    .array(id)
    .min(1)
    .optional()
    .describe('Plants/dcs, in order, that take the part of an order its plant/dc source cannot ship from stock now (internal-sourcing.ts)'),
  initial: nonNeg.optional().describe('Initial on-hand [units]; default: the policy’s order-up-to level'),
  holdingCostPerUnitDay: nonNeg.optional().describe('Holding cost [money per unit-day]; default from product value'),
  orderCost: nonNeg.default(0).describe('Fixed cost per replenishment order [money]'),
  productionCostPerUnit: nonNeg
    .optional()
    .describe("A product made here: its variable production cost [money per unit]; default: the plant's productionCostPerUnit"),
  issuing: z.enum(['FIFO', 'FEFO']).optional().describe('Issuing rule for perishable batches'),
  reserve: reserveSchema.optional(),
  allocation: allocationSchema.optional(),
});

const productSchema = z.strictObject({
  unitCost: nonNeg
    .optional()
    .describe(
      'Standard cost of one unit [money], used for holding cost, inventory value and COGS; default: the rolled-up cost (components at their cost + production cost per unit) of a made product, the mean supplier price of a bought one',
    ),
  bom: z
    .array(z.strictObject({ product: id, quantity: positive.describe('Units of component per unit made') }))
    .optional()
    .describe('Bill of materials: components consumed per unit produced'),
  shelfLifeDays: dist
    .refine((d) => !alwaysZero(d), 'a shelf life of 0 days: every unit would expire the moment it arrives (give a positive shelf life)')
    .optional()
    .describe('Shelf life from production [days]; makes the product perishable'),
  disposalCostPerUnit: nonNeg.default(0).describe('Cost of disposing of one expired unit [money]'),
  dating: z
    .enum(['exact', 'month'])
    .default('exact')
    .describe('Perishable batches dated from their production time, or from the start of the month they were produced in'),
  weightPerUnit: nonNeg.optional().describe('Weight of one unit, for vehicles with a weight capacity [e.g. kg]'),
  volumePerUnit: nonNeg.optional().describe('Volume of one unit, for vehicles with a volume capacity [e.g. m³]'),
});

const siteCommon = {
  fixedCostPerDay: nonNeg.default(0).describe('Fixed cost while open [money per day]'),
  standby: z
    .boolean()
    .default(false)
    .describe('Kept on standby: unused in the base (a variant or option uses it), so not an error that no segment reaches it'),
  open: z.boolean().default(true).describe('A closed site takes no part in the run'),
  region: text.optional().describe('Free-text region, for reports'),
};

const supplierSchema = z.strictObject({
  type: z.literal('supplier'),
  products: z
    .record(id, supplierProductSchema)
    .describe('Products supplied, with prices and terms'),
  leadTime: dist.describe('Lead time from order to dispatch [days]'),
  onTimeProbability: probability.default(1).describe('Probability an order is not late'),
  lateness: dist.default(0).describe('Extra delay of a late order [days]'),
  capacityPerDay: positive.optional().describe('Units the supplier can produce per day (orders queue FIFO)'),
  paymentTermsDays: nonNeg.default(30).describe('Days after receipt that the supplier is paid'),
  ...siteCommon,
});

const lineSchema = z
  .strictObject({
    name: text.optional(),
    count: z.number().int().positive().max(10_000).default(1).describe('Identical parallel lines'),
    processingTime: dist.optional().describe('Time per unit [days]; a job of q units takes q × one draw'),
    capacityPerDay: positive.optional().describe('Deterministic rate [units per day]'),
    fixedCostPerDay: nonNeg.default(0).describe('Fixed cost of each line (crew, depreciation), whether busy or not [money per line per day]'),
  })
  .superRefine((l, ctx) => {
    if ((l.processingTime === undefined) === (l.capacityPerDay === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'a line needs exactly one of processingTime or capacityPerDay' });
  }, always);

const plantSchema = z.strictObject({
  type: z.literal('plant'),
  mode: z
    .enum(['make-to-stock', 'make-to-order'])
    .default('make-to-stock')
    .describe('Default policy for finished goods: hold stock, or make each order after it arrives'),
  lines: z.array(lineSchema).min(1).max(1_000).describe('Production lines (shared FIFO job queue)'),
  productionCostPerUnit: nonNeg.default(0).describe('Variable production cost [money per unit]'),
  policy: policySchema.optional().describe('Default policy for stocks at this site'),
  stock: z.record(id, stockSchema).describe('Products held: finished goods (no source) and inputs (with source)'),
  ...siteCommon,
});

const dcSchema = z.strictObject({
  type: z.literal('dc'),
  policy: policySchema.optional().describe('Default policy for every product stocked here'),
  source: id.optional().describe('Default replenishment source for every product stocked here'),
  stock: z.record(id, stockSchema).describe('Products held, each with optional overrides'),
  storageLimit: positive.optional().describe('Maximum on-hand + on-order units (all products); orders are cut to fit'),
  orderProcessing: orderProcessingSchema.optional().describe('Back office: orders queue here before picking'),
  orderDesk: id.optional().describe('Central order desk (under orderDesks) that processes this DC’s orders instead'),
  ...siteCommon,
});

export const siteSchema = z.discriminatedUnion('type', [supplierSchema, plantSchema, dcSchema]);

const seasonalitySchema = z
  .strictObject({
    monthly: z.array(nonNeg).length(12).optional().describe('Demand multiplier per month (January first)'),
    amplitude: z.number().min(0).max(1).optional().describe('Sinusoidal amplitude as a fraction of the mean'),
    peakDay: nonNeg.default(0).describe('Day of year of the sinusoidal peak'),
    trendPerYear: z.number().default(0).describe('Linear growth of demand per year (0.05 = +5%/year)'),
    promotions: z
      .array(z.strictObject({ fromDay: nonNeg, days: positive, multiplier: nonNeg }))
      .default([])
      .describe('Windows where demand is multiplied'),
  })
  .describe('Time-varying demand rate');

/**
 * Demand that answers to service (a CRM effect). Every `reviewDays` the segment's order rate
 * factor m (1 at the start) moves toward the level its recent service deserves:
 *   m* = clamp(1 + sensitivity × (OTIF − targetOtif), minFactor, maxFactor)
 *   m ← m + (m* − m) × (1 − exp(−reviewDays / responseDays))
 * where OTIF is that of the orders completed since the last review.
 */
const retentionSchema = z
  .strictObject({
    targetOtif: probability.describe('OTIF the segment expects (its promise kept this often)'),
    sensitivity: nonNeg.describe('Relative volume change per unit of OTIF above (+) or below (−) target: 2 → 5 points short costs 10%'),
    responseDays: positive.default(30).describe('How fast volume follows service: time constant of the adjustment [days]'),
    reviewDays: positive.default(7).describe('How often the demand factor is updated [days]'),
    minFactor: positive.default(0.05).describe('Lowest demand factor (share of the forecast volume kept; > 0)'),
    maxFactor: positive.default(1).describe('Highest demand factor; above 1 is volume uplift for service above target'),
  })
  .refine((r) => r.minFactor <= r.maxFactor, { message: 'minFactor must not exceed maxFactor', path: ['minFactor'] })
  .describe('Demand that falls when OTIF is below target (and recovers, up to maxFactor, when above)');

const segmentSchema = z
  .strictObject({
    servedBy: z
      .union([id, z.array(id).min(1)])
      .describe('Site that ships to this segment; or an ordered list of DCs: each order goes to the first that can ship it from stock now, else to the first (home) DC'),
    product: id.optional().describe('Product ordered (single-product segment)'),
    productMix: z.record(id, positive).optional().describe('Products ordered, with weights'),
    ordersPerDay: positive.optional().describe('Poisson order arrival rate [orders per day]'),
    interarrival: dist
      .refine((d) => !alwaysZero(d), 'the time between orders is always 0: orders would arrive endlessly at the same moment (give it a positive mean)')
      .optional()
      .describe('Renewal arrivals: time between orders [days]'),
    orderSize: dist.default(1).describe('Units per order'),
    seasonality: seasonalitySchema.optional(),
    promisedDays: nonNeg.default(0).describe('Promised delivery time from order [days] (OTIF)'),
    priority: z.number().int().min(1).default(1).describe('1 is served first when stock is short'),
    onStockout: z.enum(['backorder', 'lost']).default('backorder'),
    partialFill: z.boolean().default(true).describe('Ship what is available now; false: all-or-nothing'),
    patienceDays: positive.optional().describe('Backorders older than this are lost [days]'),
    price: nonNeg.default(0).describe('Revenue per unit [money]'),
    backorderCostPerUnitDay: nonNeg.default(0).describe('Penalty per unit-day on backorder [money]'),
    lostSalePenaltyPerUnit: nonNeg.default(0).describe('Penalty per unit lost [money]'),
    paymentTermsDays: nonNeg.default(30).describe('Days after invoice that customers pay'),
    paymentLateness: dist.default(0).describe('Extra days customers take to pay'),
    forecastErrorCv: nonNeg.optional().describe('Relative sd of the demand forecast error (default: forecast.errorCv)'),
    retention: retentionSchema.optional(),
    minRemainingLife: probability
      .optional()
      .describe('Perishable products: least share of its shelf life a unit must have left when shipped to this segment'),
    ...orderLinesKeys,
  })
  .superRefine((s, ctx) => {
    if ((s.product === undefined) === (s.productMix === undefined))
      ctx.addIssue({ code: 'custom', path: ['product'], message: 'give exactly one of product or productMix' });
    if ((s.ordersPerDay === undefined) === (s.interarrival === undefined))
      ctx.addIssue({ code: 'custom', path: ['ordersPerDay'], message: 'give exactly one of ordersPerDay or interarrival' });
    if (s.interarrival !== undefined && s.seasonality !== undefined)
      ctx.addIssue({ code: 'custom', path: ['seasonality'], message: 'seasonality needs ordersPerDay (Poisson arrivals)' });
  }, always);

const laneSchema = z.strictObject({
  from: id.describe('Origin site'),
  to: id.describe('Destination site or customer segment'),
  transitTime: dist.default(0).describe('Transit time [days]'),
  costPerUnit: nonNeg.default(0).describe('Transport cost [money per unit]'),
  costPerShipment: nonNeg.default(0).describe('Transport cost [money per shipment]'),
  vehicles: vehiclesSchema.optional().describe('Shipments wait for vehicles of limited capacity and travel together (transport-schema.ts)'),
});

/** Largest master seed: seeds are written into stream names as decimal text, exact up to 2^53 − 1. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

export const scenarioSchema = z
  .strictObject({
    extends: z.string().optional().describe('Path of a scenario this one patches (relative to this file)'),
    name: text.min(1).describe('Scenario name'),
    description: text.optional().describe('The question this scenario answers'),
    question: text.min(1).optional().describe('The question the report answers first, in one sentence'),
    headline: z
      .array(kpiId)
      .min(1)
      .optional()
      .describe('KPIs the report leads with, per option or variant (e.g. [logisticsCost, otif, customerLeadTimeMean])'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code, e.g. EUR or USD')
      .optional()
      .describe('Currency of every amount of money in the scenario (ISO 4217 code); reports show it'),
    horizonDays: positive.max(365_000, 'horizonDays must be at most 365000 (1,000 years)').default(365).describe('Simulated days, including warm-up'),
    warmupDays: nonNeg.default(0).describe('Days simulated before statistics start'),
    replications: z.number().int().positive().max(10_000_000).default(20).describe('Default number of replications'),
    seed: z.number().int().nonnegative().max(MAX_SEED).default(1).describe('Default master seed'),
    costs: z
      .strictObject({
        holdingRatePerYear: nonNeg.default(0.25).describe('Holding cost as a fraction of unit value per year'),
      })
      .default({ holdingRatePerYear: 0.25 }),
    forecast: z
      .strictObject({
        errorCv: nonNeg.default(0).describe('Default relative sd of the demand-level forecast error'),
      })
      .default({ errorCv: 0 }),
    finance: z
      .strictObject({ initialCash: z.number().default(0).describe('Cash at the start [money]') })
      .default({ initialCash: 0 }),
    products: z.record(id, productSchema).describe('Products, keyed by id'),
    sites: z.record(id, siteSchema).describe('Suppliers, plants and distribution centers, keyed by id'),
    segments: z.record(id, segmentSchema).describe('Customer segments, keyed by id'),
    lanes: z
      .array(laneSchema)
      .max(100_000)
      .default([])
      .describe('Transport lanes; every flow between two sites needs one (or defaultLane); a delivery to customers without one takes 0 days and costs nothing'),
    defaultLane: z
      .strictObject({
        transitTime: dist.default(0).describe('Transit time [days]'),
        costPerUnit: nonNeg.default(0).describe('Transport cost [money per unit]'),
        costPerShipment: nonNeg.default(0).describe('Transport cost [money per shipment]'),
      })
      .optional()
      .describe('Transit and cost of a flow between two sites that has no lane under lanes; without it such a flow is an error'),
    orderDesks: z
      .record(id, orderProcessingSchema)
      .default({})
      .describe('Central order desks, each shared by the DCs that name it in orderDesk'),
    disruptions: z.array(disruptionSchema).max(10_000).default([]).describe('Supplier outages, plants down, DCs or lanes closed, demand surges'),
    risk: riskSchema.default(RISK_DEFAULTS),
    variants: z.record(id, variantSchema).default({}).describe('Named what-if variants, each a patch on this scenario'),
    options: z.array(optionSchema).max(1_000).default([]).describe('Investment options for `scsim compare`'),
    sweep: sweepSchema.optional().describe('Parameter sweep for `scsim sweep` and `scsim frontier`'),
    frontier: frontierSchema.optional().describe('KPIs of the cost vs service frontier (`scsim frontier`)'),
    optimize: optimizeSchema.optional().describe('Policy optimisation problem (`scsim optimize`)'),
    investment: z
      .strictObject({
        discountRatePerYear: nonNeg.default(0.08),
        years: positive.default(5).describe('NPV horizon [years]'),
        capitalChargeRatePerYear: nonNeg
          .optional()
          .describe(
            'Charge on the working capital an option ties up (+) or frees (−): change in average inventory value × this rate, per year of the NPV [fraction per year]; default 0 (set it when holdingRatePerYear leaves out the cost of capital)',
          ),
      })
      .default({ discountRatePerYear: 0.08, years: 5 }),
    report: z
      .strictObject({ primaryKpi: z.enum(kpiNames).default('fillRate') })
      .optional()
      .describe('Report preferences'),
  })
  .superRefine((s, ctx) => {
    const warmup = s.warmupDays ?? 0;
    const horizon = s.horizonDays ?? 365;
    // Only between valid values: a bad horizon or warm-up is reported on its own.
    if (typeof warmup === 'number' && typeof horizon === 'number' && horizon > 0 && warmup >= 0 && warmup >= horizon)
      ctx.addIssue({
        code: 'custom',
        path: ['warmupDays'],
        message: `warm-up (${warmup} days) must be shorter than the horizon (${horizon} days)`,
      });
  }, always);

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type PolicySpec = z.infer<typeof policySchema>;
export type SiteSpec = z.infer<typeof siteSchema>;
export type SupplierSpec = z.infer<typeof supplierSchema>;
export type PlantSpec = z.infer<typeof plantSchema>;
export type DcSpec = z.infer<typeof dcSchema>;
export type StockSpec = z.infer<typeof stockSchema>;
export type SegmentSpec = z.infer<typeof segmentSchema>;
export type LaneSpec = z.infer<typeof laneSchema>;
export type { VehiclesSpec } from './transport-schema.ts';
export type ProductSpec = z.infer<typeof productSchema>;
export type OptionSpec = z.infer<typeof optionSchema>;
export type SweepSpec = z.infer<typeof sweepSchema>;
export type RetentionSpec = z.infer<typeof retentionSchema>;
export type FrontierSpec = z.infer<typeof frontierSchema>;
export type OptimizeSpec = z.infer<typeof optimizeSchema>;
