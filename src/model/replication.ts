/**
 * One replication of a network: the event handler that moves orders and stock.
 *
 * Flow of a customer order: arrival → (back office queue, when the site has one) → demand on
 * the serving stock point → shipped now from on-hand, backordered, or lost → delivered after
 * the outbound lane's transit. A stock point below its policy's trigger orders from its
 * source: a supplier, an upstream stock point (as a replenishment request served like any
 * other demand) or its own plant's production lines (a job that first claims components).
 *
 * Random streams, one per purpose: `demand/<segment>/{arrivals,size,mix,level}`,
 * `transit/<from>-><to>`, `supplier/<id>/{leadtime,reliability}`, `backoffice/<site>` (or
 * `backoffice/desk/<id>`), `production/<plant>`, `payment/<segment>`, `disruption/<name>`.
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import { type RandomStream, StreamFactory } from '../engine/rng.ts';
import { type EventHandler, Simulator } from '../engine/simulator.ts';
import { BackOfficeState } from './backoffice.ts';
import { Disruptions } from './disruptions.ts';
import { Finance } from './finance.ts';
import { InventorySeries, SAMPLE_EVERY_DAYS } from './inventory-series.ts';
import type { LaneDef, Network } from './network.ts';
import { Perishables } from './perishables.ts';
import { planOnForecast } from './policies.ts';
import { Ev } from './events.ts';
import { JobPool, PlantState } from './production.ts';
import { jobDone, jobReady } from './production-flow.ts';
import { receive, review } from './replenishment.ts';
import type { SupplierState } from './supplier.ts';
import { RequestKind, RequestPool } from './requests.ts';
import { RiskTracker } from './risk.ts';
import { buildSourcing, type SourcingPlan } from './sourcing.ts';
import { SegmentState } from './segment.ts';
import { StockPointState } from './stockpoint.ts';
import { EPS } from './tolerance.ts';

/** Costs accumulated during the measured window [money]. */
export interface CostAccumulators {
  ordering: number;
  transport: number;
  production: number;
  purchase: number;
}

export class Replication implements EventHandler {
  readonly net: Network;
  readonly sim = new Simulator(4096);
  readonly requests = new RequestPool(1024);
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
  /** Daily service record for the risk KPIs (only with disruptions). */
  readonly risk: RiskTracker | null;
  /** Batches, expiry and freshness counters, or null when no product is perishable. */
  readonly perishables: Perishables | null;
  readonly costs: CostAccumulators = { ordering: 0, transport: 0, production: 0, purchase: 0 };
  /** Transit-time sampler and stream of each stock point's inbound lane. */
  readonly inboundTransit: Sampler[];
  readonly inboundStream: RandomStream[];
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
    this.segments = net.segments.map((d) => new SegmentState(d, streams));
    this.backOffices = net.backOffices.map(
      (d, i) => new BackOfficeState(d, i, compileDistribution(d.processingTime), streams.get(`backoffice/${d.id}`)),
    );
    this.plants = net.plants.map(
      (d) =>
        new PlantState(
          d,
          d.lines.map((l) => (l.processingTime !== undefined ? compileDistribution(l.processingTime) : null)),
          streams.get(`production/${net.sites[d.site]!.id}`),
        ),
    );
    this.suppliers = net.suppliers.map((d) => {
      const id = net.sites[d.site]!.id;
      return {
        leadTime: compileDistribution(d.leadTime),
        lateness: compileDistribution(d.lateness),
        leadStream: streams.get(`supplier/${id}/leadtime`),
        reliabilityStream: streams.get(`supplier/${id}/reliability`),
        freeAt: 0,
      };
    });
    this.finance = new Finance(net.warmupDays, net.horizonDays);
    this.disruptions = (net.scenario.disruptions?.length ?? 0) > 0 ? new Disruptions(net, streams) : null;
    this.sourcing = buildSourcing(net, streams, this.disruptions);
    this.risk = this.disruptions !== null ? new RiskTracker(net.warmupDays, net.horizonDays) : null;
    this.perishables = Perishables.build(net, this.stockPoints, streams);
    this.inventory = new InventorySeries(net);
  }

  /** Runs replication `replication` of `masterSeed`: warm-up, statistics reset, measured window. */
  run(masterSeed: number, replication: number): void {
    const sim = this.sim;
    const net = this.net;
    this.streams.reseed(masterSeed, replication);
    sim.reset();
    this.requests.reset();
    this.jobs.reset();
    for (const s of this.suppliers) s.freeAt = 0;
    this.inTransit = 0;
    this.inTransitAtStart = 0;
    this.inventory.reset();
    for (const sp of this.stockPoints) sp.start(sp.def.initial);
    for (const s of this.segments) s.start();
    if (net.forecastDriven) planOnForecast(net, this.stockPoints, this.segments.map((s) => s.forecastFactor));
    for (const b of this.backOffices) b.start();
    for (const p of this.plants) p.start();
    if (this.perishables !== null) this.perishables.start(this);
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
      else this.review(sp);
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
    let fixedPerDay = 0;
    for (const site of net.sites) fixedPerDay += site.fixedCostPerDay;
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
  }

  /** Zeroes the cost lines: at the start of every replication (the model is reused) and after warm-up. */
  private resetCosts(): void {
    this.costs.ordering = this.costs.transport = this.costs.production = this.costs.purchase = 0;
  }

  handle(kind: number, a: number, b: number): void {
    switch (kind) {
      case Ev.OrderArrival:
        return this.orderArrival(this.segments[a]!);
      case Ev.BackOfficeDone:
        return this.backOfficeDone(this.backOffices[b]!, a, this.sim.calendar.x, this.sim.calendar.y);
      case Ev.ShipmentArrival:
        return this.receive(this.stockPoints[a]!, this.sim.calendar.x, this.sim.calendar.y, b);
      case Ev.Review: {
        const sp = this.stockPoints[a]!;
        this.review(sp);
        this.sim.schedule(sp.policy.period, Ev.Review, a);
        return;
      }
      case Ev.JobDone:
        return jobDone(this, a, b);
      case Ev.Patience:
        return this.patienceExpired(a, b);
      case Ev.Sample:
        if (this.inventory.record(this.stockPoints)) this.sim.schedule(SAMPLE_EVERY_DAYS, Ev.Sample);
        return;
      case Ev.Retention: {
        const seg = this.segments[a]!;
        seg.reviewRetention();
        this.sim.schedule(seg.def.retention!.reviewDays, Ev.Retention, a);
        return;
      }
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
    const sim = this.sim;
    const d = seg.def;
    let k = 0;
    if (d.stockPoints.length > 1) {
      const u = seg.mix.next();
      while (d.cumulativeWeights[k]! < u) k++;
    }
    const qty = seg.sizeSampler.sample(seg.sizes);
    const next = seg.nextArrivalDelay(sim.now);
    if (Number.isFinite(next)) sim.schedule(next, Ev.OrderArrival, d.index);
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
    else this.demand(this.stockPoints[sp]!, r);
  }

  /** A back-office server finished order r (see backoffice.ts); the order goes on to the stock. */
  private backOfficeDone(bo: BackOfficeState, r: number, extra: number, work: number): void {
    bo.done(this, extra, work);
    this.segments[this.requests.owner[r]!]!.unitsInProcessing -= this.requests.remaining[r]!;
    this.demand(this.stockPoints[this.requests.stockPoint[r]!]!, r);
  }

  // ---------------------------------------------------------------- demand and shipping

  /** @internal A request reaches the stock: serve from on-hand, backorder, or lose. */
  demand(sp: StockPointState, r: number): void {
    const now = this.sim.now;
    const req = this.requests;
    sp.touch(now);
    req.demandTime[r] = now;
    const qty = req.remaining[r]!;
    const isCustomer = req.kind[r] === RequestKind.Customer;
    const seg = isCustomer ? this.segments[req.owner[r]!]! : null;
    sp.demandUnits += qty;
    sp.requests++;
    if (seg) {
      seg.demandUnits += qty;
      seg.ordersAtStock++;
    }
    // Perishable stock: a segment with a minimum remaining life may use only part of it.
    const avail = sp.batches === null ? sp.onHand : this.perishables!.usable(sp, seg ? seg.def.index : -1, qty, now);
    if (avail + EPS >= qty) {
      const take = qty < avail ? qty : avail;
      sp.onHand -= take;
      sp.unitsFromStock += qty;
      sp.requestsCompleteFromStock++;
      if (seg) {
        seg.unitsFromStock += qty;
        seg.ordersCompleteFromStock++;
      }
      this.ship(sp, r, qty);
    } else {
      sp.stockoutInCycle = true;
      const partial = seg ? seg.def.partialFill : true;
      const take = partial && avail > 0 ? avail : 0;
      if (take > 0) {
        sp.onHand -= take;
        sp.unitsFromStock += take;
        if (seg) seg.unitsFromStock += take;
        this.ship(sp, r, take);
      }
      const rest = qty - take;
      if (seg && seg.def.lostSales) this.lose(sp, seg, r, rest);
      else {
        sp.backordered += rest;
        if (seg) {
          seg.touch(now);
          seg.backordered += rest;
          if (seg.def.patienceDays < Number.POSITIVE_INFINITY)
            this.sim.schedule(seg.def.patienceDays, Ev.Patience, r, req.serial[r]!);
        }
        sp.backorders.push(req.priority[r]!, r, req.serial[r]!);
      }
    }
    if (!sp.policy.periodic) this.review(sp);
  }

  /** Units `rest` of request r are lost; the request ends. */
  private lose(sp: StockPointState, seg: SegmentState, r: number, rest: number): void {
    sp.lostUnits += rest;
    seg.lostUnits += rest;
    this.requests.lost[r] = 1;
    this.requests.remaining[r] = 0;
    this.finishCustomer(seg, r);
  }

  /** @internal Sends `q` units of request r from stock point sp to its requester. */
  ship(sp: StockPointState, r: number, q: number): void {
    const now = this.sim.now;
    const req = this.requests;
    const remaining = req.remaining[r]! - q;
    req.remaining[r] = remaining > EPS ? remaining : 0;
    sp.unitsIssued += q;
    const owner = req.owner[r]!;
    // Perishable stock: the batches leave too (a replenishment carries them in the event payload).
    const batches = sp.batches === null ? 0 : this.perishables!.issue(this, sp, r, q);
    switch (req.kind[r]) {
      case RequestKind.Customer: {
        const seg = this.segments[owner]!;
        const d = seg.def;
        const transit = seg.transit.sample(seg.delivery);
        const route = this.disruptions === null ? null : this.disruptions.outbound[owner]!;
        const delivery = route === null ? now + transit : this.disruptions!.arrival(now, transit, route);
        // Invoiced when the goods leave (later than now when a closed DC or lane holds them).
        const shipped = route === null ? now : this.disruptions!.departed;
        if (delivery > req.lastDelivery[r]!) req.lastDelivery[r] = delivery;
        const amount = d.price * q;
        seg.unitsDelivered += q;
        if (sp.batches !== null) this.perishables!.deliver(sp, owner, delivery);
        seg.revenue += amount;
        this.payTransport(d.outbound, q);
        const pay = shipped + d.paymentTermsDays + seg.lateness.sample(seg.payment);
        if (pay > req.lastPayment[r]!) req.lastPayment[r] = pay;
        this.finance.invoice(shipped, amount, pay);
        if (req.remaining[r] === 0) this.finishCustomer(seg, r);
        return;
      }
      case RequestKind.Replenishment: {
        const dest = this.stockPoints[owner]!;
        const transit = this.inboundTransit[owner]!.sample(this.inboundStream[owner]!);
        this.payTransport(dest.def.inbound, q);
        this.inTransit += q;
        const route = this.disruptions === null ? null : this.disruptions.inbound[owner]!;
        if (route === null) this.sim.schedule(transit, Ev.ShipmentArrival, owner, batches, q, req.orderTime[r]!);
        else this.sim.scheduleAt(this.disruptions!.arrival(now, transit, route), Ev.ShipmentArrival, owner, batches, q, req.orderTime[r]!);
        if (req.remaining[r] === 0) req.release(r);
        return;
      }
      case RequestKind.Component: {
        sp.unitsConsumed += q;
        if (req.remaining[r] === 0) {
          req.release(r);
          if (--this.jobs.pending[owner]! === 0) jobReady(this, owner);
        }
        return;
      }
    }
  }

  private finishCustomer(seg: SegmentState, r: number): void {
    const req = this.requests;
    seg.ordersCompleted++;
    if (req.lost[r] === 0) {
      const ordered = req.orderTime[r]!;
      const lead = req.lastDelivery[r]! - ordered;
      seg.leadTimes.push(lead);
      if (lead <= seg.def.promisedDays + EPS) seg.ordersOnTimeInFull++;
      if (ordered >= this.net.warmupDays) this.finance.orderToCash.push(req.lastPayment[r]! - ordered);
    }
    req.release(r);
  }

  /** @internal Transport of `q` units on `lane`: a cost line, paid in cash at once. */
  payTransport(lane: LaneDef, q: number): void {
    const transport = lane.costPerUnit * q + lane.costPerShipment;
    this.costs.transport += transport;
    this.finance.expense(this.sim.now, transport);
  }

  private patienceExpired(r: number, serial: number): void {
    const req = this.requests;
    if (req.serial[r] !== serial || req.remaining[r]! <= 0) return;
    const sp = this.stockPoints[req.stockPoint[r]!]!;
    const seg = this.segments[req.owner[r]!]!;
    const rest = req.remaining[r]!;
    sp.touch(this.sim.now);
    seg.touch(this.sim.now);
    sp.backordered -= rest;
    seg.backordered -= rest;
    this.lose(sp, seg, r, rest);
    // Lost backorders raise the inventory position; no order is triggered by that.
  }

  // ---------------------------------------------------------------- replenishment (replenishment.ts)

  /** @internal Applies the policy at the current inventory position. */
  review(sp: StockPointState): void {
    review(this, sp);
  }

  /** @internal Units arrive at a stock point; see replenishment.ts for the `source` layout. */
  receive(sp: StockPointState, q: number, orderTime: number, source: number): void {
    receive(this, sp, q, orderTime, source);
  }
}
