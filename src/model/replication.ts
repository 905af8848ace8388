/**
 * One replication of a network: the event handler that moves orders and stock.
 *
 * Flow of a customer order: arrival → (back office queue, when the site has one) → demand on
 * the serving stock point (for a multi-line order, one request per line; for a segment with a
 * servedBy list, the first DC that can ship it now: order-lines.ts) → shipped now from on-hand,
 * backordered, or lost (a stock's reserve keeps units from worse priorities; fair share splits
 * a scarce receipt among the waiting: allocation.ts) → delivered after the outbound lane's
 * transit (fulfilment.ts), or after a wait at the dock when the lane has vehicles
 * (transport.ts). A stock point below its policy's trigger orders from its source: a supplier
 * (on its terms: supplier-terms.ts), an upstream stock point (as a replenishment request served
 * like any other demand; split between plants/dcs by share or falling back on another when its
 * source is short: internal-sourcing.ts) or its own plant's production lines (a job that first
 * claims components; replenishment.ts, supplier.ts, production-flow.ts).
 *
 * Random streams, one per purpose (common random numbers: changing what one purpose draws
 * never shifts another's numbers). Purpose → stream name:
 *   customer order arrivals, sizes, product choice, forecast level → `demand/<segment>/{arrivals,size,mix,level}`
 *   multi-line orders: lines, further lines' products and sizes → `demand/<segment>/{lines,line-mix,line-size}`
 *   delivery transit to a segment, per product      → `transit/<site>-><segment>/<product>`
 *   replenishment transit on a lane, per product    → `transit/<from>-><to>/<product>` (also each extra plant/dc source's lane, internal-sourcing.ts)
 *   supplier lead time, per buying stock            → `supplier/<supplier>/leadtime/<site>/<product>`
 *   whether that supplier's order is late           → `supplier/<supplier>/reliability/<site>/<product>`
 *   how late it is                                  → `supplier/<supplier>/lateness/<site>/<product>`
 *   order processing at a back office               → `backoffice/<site>` (`backoffice/desk/<id>`)
 *   production time, per plant line                 → `production/<plant>/line-<k>` (k from 0)
 *   customer payment lateness                       → `payment/<segment>`
 *   shelf life of a perishable batch                → `shelf-life/<site>/<product>`
 *   a random disruption's windows                   → `disruption/<name>`
 *   transit of one vehicle trip on a lane           → `transit/<from>-><to>/vehicles`
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import { type RandomStream, StreamFactory } from '../engine/rng.ts';
import { type EventHandler, Simulator } from '../engine/simulator.ts';
import { BackOfficeState } from './backoffice.ts';
import { Disruptions } from './disruptions.ts';
import { Finance } from './finance.ts';
import { demand, patienceExpired } from './fulfilment.ts';
import { InventorySeries, SAMPLE_EVERY_DAYS } from './inventory-series.ts';
import { type Network, SourceKind } from './network.ts';
import { Perishables } from './perishables.ts';
import { planOnForecast } from './policies.ts';
import { Ev } from './events.ts';
import { JobPool, PlantState } from './production.ts';
import { jobDone } from './production-flow.ts';
import { receive, review } from './replenishment.ts';
import { type SupplierState, type SupplyStreams, supplyStreams } from './supplier.ts';
import { ReplenishmentOrders } from './replenishment-orders.ts';
import { RequestKind, RequestPool } from './requests.ts';
import { RiskTracker } from './risk.ts';
import { buildSourcing, type SourcingPlan } from './sourcing.ts';
import { buildInternalSourcing, type InternalPlan, InternalSourcingStats } from './internal-sourcing.ts';
import { SupplierTerms } from './supplier-terms.ts';
import { OrderLines } from './order-lines.ts';
import { SegmentState } from './segment.ts';
import { StockPointState } from './stockpoint.ts';
import { Transport } from './transport.ts';

/** Costs accumulated during the measured window [money]. */
export interface CostAccumulators {
  ordering: number;
  transport: number;
  /** Production spend: production cost per unit × units made. */
  production: number;
  /** Purchase spend: price × units received from suppliers. */
  purchase: number;
  /** Goods bought and made above (+) or below (−) their standard cost (P&L line costVariance). */
  variance: number;
}

export class Replication implements EventHandler {
  readonly net: Network;
  readonly sim = new Simulator(4096);
  readonly requests = new RequestPool(1024);
  /** Open replenishment orders: a cycle ends when one is received in full. */
  readonly orders = new ReplenishmentOrders(256);
  readonly jobs = new JobPool();
  readonly stockPoints: StockPointState[];
  readonly segments: SegmentState[];
  readonly backOffices: BackOfficeState[];
  readonly plants: PlantState[];
  readonly suppliers: SupplierState[];
  readonly finance: Finance;
  /** Disruption windows and routes, or null when the scenario declares none. */
  readonly disruptions: Disruptions | null;
  /** Multiple-sourcing plan of each stock point, or null when no stock has one. */
  readonly sourcing: Array<SourcingPlan | null> | null;
  /** Internal-sourcing plan of each stock point (plants/dcs as sources), or null when no stock has one. */
  readonly internalSourcing: Array<InternalPlan | null> | null;
  readonly internalStats: InternalSourcingStats | null;
  /** Supplier terms (MOQ, multiples, capacity per period, price breaks), or null when none are given. */
  readonly terms: SupplierTerms | null;
  /** Daily service record for the risk KPIs (only with disruptions). */
  readonly risk: RiskTracker | null;
  /** Multi-line orders and fallback DCs (order-lines.ts), or null when no segment uses them. */
  readonly orderLines: OrderLines | null;
  /** Batches, expiry and freshness counters, or null when no product is perishable. */
  readonly perishables: Perishables | null;
  /** Vehicles and loading docks of the lanes that have them, or null when none has. */
  readonly transport: Transport | null;
  readonly costs: CostAccumulators = { ordering: 0, transport: 0, production: 0, purchase: 0, variance: 0 };
  /** Units shipped to customers from each stock point in the window (COGS, per-product KPIs) [units]. */
  readonly customerUnits: Float64Array;
  /** Transit-time sampler and stream of each stock point's inbound lane. */
  readonly inboundTransit: Sampler[];
  readonly inboundStream: RandomStream[];
  /** Supplier lead-time streams of each supplier-sourced stock point (its own source; null for others). */
  readonly supplyStreams: Array<SupplyStreams | null>;
  /** Units in transit between sites, supplier orders included from the moment they are
   * placed (conservation checks) [units]; and its value at the start of the window. */
  inTransit = 0;
  inTransitAtStart = 0;
  /** Sampled on-hand per echelon: [plants, dcs] × sample index [units]. */
  readonly inventory: InventorySeries;

  private readonly streams: StreamFactory;

  /**
   * Builds the runtime state of `net` once; `run` then runs any replication on it (streams
   * reseeded, state reset), so repeated replications allocate almost nothing.
   */
  constructor(net: Network) {
    this.net = net;
    const streams = new StreamFactory(0, 0);
    this.streams = streams;
    const priorities = net.segments.map((s) => s.priority);
    this.stockPoints = net.stockPoints.map((d) => new StockPointState(d, priorities));
    this.inboundTransit = net.stockPoints.map((d) => compileDistribution(d.inbound.transitTime));
    this.inboundStream = net.stockPoints.map((d) => streams.get(d.inbound.stream));
    this.supplyStreams = net.stockPoints.map((d) =>
      d.sourceKind === SourceKind.Supplier ? supplyStreams(streams, net.sites[net.suppliers[d.sourceIndex]!.site]!.id, d.id) : null,
    );
    this.segments = net.segments.map((d) => new SegmentState(d, streams, net.products.length, (sp) => net.stockPoints[sp]!.product));
    this.backOffices = net.backOffices.map(
      (d, i) => new BackOfficeState(d, i, compileDistribution(d.processingTime), streams.get(`backoffice/${d.id}`)),
    );
    this.plants = net.plants.map(
      (d) =>
        new PlantState(
          d,
          d.lines.map((l) => (l.processingTime !== undefined ? compileDistribution(l.processingTime) : null)),
          d.lines.map((_, k) => streams.get(`production/${net.sites[d.site]!.id}/line-${k}`)),
        ),
    );
    this.suppliers = net.suppliers.map((d) => ({
      leadTime: compileDistribution(d.leadTime),
      lateness: compileDistribution(d.lateness),
      freeAt: 0,
    }));
    this.finance = new Finance(net.warmupDays, net.horizonDays);
    this.disruptions = (net.scenario.disruptions?.length ?? 0) > 0 ? new Disruptions(net, streams) : null;
    this.sourcing = buildSourcing(net, streams, this.disruptions);
    this.internalSourcing = buildInternalSourcing(net, streams, this.disruptions);
    this.internalStats = this.internalSourcing === null ? null : new InternalSourcingStats(net.stockPoints.length);
    this.terms = SupplierTerms.build(net);
    this.risk = this.disruptions !== null ? new RiskTracker(net.warmupDays, net.horizonDays) : null;
    this.perishables = Perishables.build(net, this.stockPoints, streams);
    this.orderLines = OrderLines.build(net, streams, this.disruptions);
    this.transport = Transport.build(net, streams, this.disruptions);
    this.inventory = new InventorySeries(net);
    this.customerUnits = new Float64Array(net.stockPoints.length);
  }

  /** Runs replication `replication` of `masterSeed`: warm-up, statistics reset, measured window. */
  run(masterSeed: number, replication: number): void {
    const sim = this.sim;
    const net = this.net;
    this.streams.reseed(masterSeed, replication);
    sim.reset();
    this.requests.reset();
    if (this.orderLines !== null) this.orderLines.start();
    this.orders.reset();
    this.jobs.reset();
    for (const s of this.suppliers) s.freeAt = 0;
    if (this.terms !== null) this.terms.start();
    this.inTransit = 0;
    this.inTransitAtStart = 0;
    this.inventory.reset();
    for (const sp of this.stockPoints) sp.start(sp.def.initial);
    for (const s of this.segments) s.start();
    if (net.forecastDriven) planOnForecast(net, this.stockPoints, this.segments.map((s) => s.forecastFactor));
    for (const b of this.backOffices) b.start();
    for (const p of this.plants) p.start();
    if (this.perishables !== null) this.perishables.start(this);
    if (this.transport !== null) this.transport.start(this);
    this.finance.reset();
    this.resetCosts();
    if (this.disruptions !== null) this.disruptions.start(this.segments);
    if (this.risk !== null) {
      this.risk.reset();
      sim.scheduleAt(this.risk.nextTick(), Ev.RiskTick);
    }
    for (const s of this.segments) {
      const d = s.nextArrivalDelay(0);
      if (Number.isFinite(d)) sim.schedule(d, Ev.OrderArrival, s.def.index);
      if (s.def.retention) sim.schedule(s.def.retention.reviewDays, Ev.Retention, s.def.index);
    }
    for (const sp of this.stockPoints)
      if (sp.policy.periodic) sim.scheduleAt(sp.policy.offset, Ev.Review, sp.def.index);
      else review(this, sp);
    sim.scheduleAt(0, Ev.Sample);
    if (net.warmupDays > 0) {
      sim.runUntil(net.warmupDays, this);
      this.resetStatistics(net.warmupDays);
    }
    sim.runUntil(net.horizonDays, this);
    const end = net.horizonDays;
    for (const sp of this.stockPoints) sp.touch(end);
    for (const s of this.segments) s.touch(end);
    for (const b of this.backOffices) b.touch(end);
    for (const p of this.plants) p.touch(end);
    if (this.perishables !== null) this.perishables.touch(end);
    // Fixed site costs and staff salaries are paid evenly over the window.
    let fixedPerDay = 0;
    for (const site of net.sites) fixedPerDay += site.fixedCostPerDay;
    for (const b of this.backOffices) fixedPerDay += b.staffCost(net.warmupDays, end) / (end - net.warmupDays);
    this.finance.dailyExpense(fixedPerDay);
  }

  private resetStatistics(now: number): void {
    for (const sp of this.stockPoints) {
      sp.touch(now);
      sp.resetStatistics(now);
    }
    for (const s of this.segments) s.resetStatistics(now);
    for (const b of this.backOffices) b.resetStatistics(now);
    for (const p of this.plants) p.resetStatistics(now);
    this.resetCosts();
    this.inTransitAtStart = this.inTransit;
    if (this.perishables !== null) this.perishables.resetStatistics(now);
    if (this.transport !== null) this.transport.resetStatistics();
  }

  /** Zeroes the cost lines: at the start of every replication (the model is reused) and after warm-up. */
  private resetCosts(): void {
    this.costs.ordering = this.costs.transport = this.costs.production = this.costs.purchase = this.costs.variance = 0;
    if (this.internalStats !== null) this.internalStats.reset();
    if (this.terms !== null) this.terms.resetStatistics();
    this.customerUnits.fill(0);
  }

  handle(kind: number, a: number, b: number): void {
    switch (kind) {
      case Ev.OrderArrival:
        return this.orderArrival(this.segments[a]!);
      case Ev.BackOfficeDone:
        return this.backOfficeDone(this.backOffices[b]!, a, this.sim.calendar.x, this.sim.calendar.y);
      case Ev.ShipmentArrival:
        return receive(this, this.stockPoints[a]!, this.sim.calendar.x, this.sim.calendar.y, b);
      case Ev.Review: {
        const sp = this.stockPoints[a]!;
        review(this, sp);
        this.sim.schedule(sp.policy.period, Ev.Review, a);
        return;
      }
      case Ev.JobDone:
        return jobDone(this, a, b);
      case Ev.Patience:
        return patienceExpired(this, a, b);
      case Ev.Sample:
        if (this.inventory.record(this.stockPoints, this.segments, this.backOffices, this.sim.now)) this.sim.schedule(SAMPLE_EVERY_DAYS, Ev.Sample);
        return;
      case Ev.Retention: {
        const seg = this.segments[a]!;
        seg.reviewRetention();
        this.sim.schedule(seg.def.retention!.reviewDays, Ev.Retention, a);
        return;
      }
      case Ev.TransportReady:
        return this.transport!.ready(this, a, b, this.sim.calendar.x, this.sim.calendar.y);
      case Ev.TransportDispatch:
        return this.transport!.dispatchEvent(this, a, b);
      case Ev.Expiry:
        return this.perishables!.expire(this, this.stockPoints[a]!);
      case Ev.RiskTick: {
        const risk = this.risk!;
        risk.tick(this.segments);
        const next = risk.nextTick();
        if (next <= this.net.horizonDays) this.sim.scheduleAt(next, Ev.RiskTick);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- customer orders

  private orderArrival(seg: SegmentState): void {
    if (seg.def.lines !== null) return this.orderLines!.arrive(this, seg);
    const sim = this.sim;
    const d = seg.def;
    const k = seg.drawOrder(sim);
    const qty = seg.drawnSize;
    if (!(qty > 0)) return;
    const sp = d.stockPoints[k]!;
    const r = this.requests.alloc(RequestKind.Customer, d.index, sp, qty, d.priority, sim.now);
    seg.orders++;
    seg.unitsOrdered += qty;
    const bo = this.net.backOfficeOfSite[d.site]!;
    if (bo >= 0) {
      seg.unitsInProcessing += qty;
      this.backOffices[bo]!.arrive(this, r);
    }
    else demand(this, this.stockPoints[sp]!, r);
  }

  /** A back-office server finished order r (see backoffice.ts); the order goes on to the stock. */
  private backOfficeDone(bo: BackOfficeState, r: number, extra: number, work: number): void {
    bo.done(this, extra, work);
    this.segments[this.requests.owner[r]!]!.unitsInProcessing -= this.requests.remaining[r]!;
    if (this.orderLines !== null && this.orderLines.toStock(this, r)) return;
    demand(this, this.stockPoints[this.requests.stockPoint[r]!]!, r);
  }
}
