/**
 * Vehicles on lanes: shipments wait at the origin's loading dock, FIFO per lane, and travel
 * together when a vehicle leaves (several products and orders share it). Lane definitions
 * and the dispatch rules are in transport-def.ts and transport-schema.ts.
 *
 * A vehicle is loaded greedily from the head of the queue: each shipment whole while it fits,
 * the first one that does not fit split (whole units when its quantity is whole; the rest
 * stays at the head for the next vehicle). A vehicle is full when nothing more fits. It
 * leaves when full (rule whenFull / fullOrSchedule), at a scheduled departure (all that waits,
 * as many vehicles as needed), or when its first shipment has waited maxWaitDays; a trip that
 * would pass maxTripsPerDay waits for the next calendar day. One transit time is drawn per trip.
 *
 * What waits is still in transit (rep.inTransit counts it from the moment it ships), so the
 * waiting time lands in the replenishment lead time and the customer lead time as it happens:
 * a customer order completes (lead time, OTIF) only when its last part has left on a vehicle.
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import { grown } from '../engine/typed-arrays.ts';
import { Ev } from './events.ts';
import { finishCustomer } from './fulfilment.ts';
import type { Disruptions, Route } from './disruptions.ts';
import type { Network } from './network.ts';
import type { Replication } from './replication.ts';
import type { TransportLaneDef } from './transport-def.ts';
import { BATCH_RECORD_SHIFT } from './perishables.ts';
import { EPS } from './tolerance.ts';

/** What a waiting shipment is: part of a customer order, or a replenishment for a stock point. */
const enum Load {
  Customer = 0,
  Stock = 1,
}

/** Ev.TransportDispatch causes (event field b). */
const enum Cause {
  Tick = 0,
  Retry = 1,
  Timer = 2,
}

/** One lane's loading queue (a ring of parallel typed arrays) and its counters. */
export class LaneState {
  /** Load kind (Load), and: customer request r / destination stock point. */
  kind = new Uint8Array(16);
  target = new Int32Array(16);
  /** Customer: serving stock point; stock: the ShipmentArrival source payload. */
  payload = new Float64Array(16);
  /** Replenishment order id (stock loads). */
  order = new Int32Array(16);
  product = new Int32Array(16);
  qty = new Float64Array(16);
  /** When the shipment reached the dock [days]. */
  ready = new Float64Array(16);
  head = 0;
  size = 0;
  /** Units waiting [units]. */
  waitingUnits = 0;
  /** Since the start of the replication: units loaded on the dock, units that left [units]. */
  unitsIn = 0;
  unitsOut = 0;
  // Measured window (reset after warm-up):
  trips = 0;
  fullTrips = 0;
  /** Units that left [units]; Σ fill of trips [1]; Σ units × wait at the dock [unit-days]. */
  units = 0;
  fillSum = 0;
  waitSum = 0;
  /** Trip costs plus the lane's per-unit and per-shipment charges [money]. */
  cost = 0;
  // Dispatch state:
  pendingAll = false;
  day = -1;
  tripsToday = 0;
  retryAt = -1;
  timerAt = -1;
  tick = 0;
  /** Most trips that left on one calendar day (since the start; tests check maxTripsPerDay). */
  busiestDay = 0;
  readonly used: Float64Array;
  /** Load waiting at the dock in each dimension (so an arrival need not scan the queue while it is under one vehicle). */
  readonly queued: Float64Array;
  readonly transit: Sampler;
  readonly stream: RandomStream;

  constructor(readonly def: TransportLaneDef, streams: StreamFactory) {
    this.used = new Float64Array(def.capacity.length);
    this.queued = new Float64Array(def.capacity.length);
    this.transit = compileDistribution(def.transitTime);
    this.stream = streams.get(def.stream);
  }

  start(): void {
    this.head = this.size = 0;
    this.waitingUnits = this.unitsIn = this.unitsOut = 0;
    this.queued.fill(0);
    this.pendingAll = false;
    this.day = -1;
    this.tripsToday = 0;
    this.retryAt = this.timerAt = -1;
    this.tick = 0;
    this.busiestDay = 0;
    this.resetStatistics();
  }

  resetStatistics(): void {
    this.trips = this.fullTrips = this.units = this.fillSum = this.waitSum = this.cost = 0;
  }

  push(kind: Load, target: number, payload: number, order: number, product: number, q: number, now: number): void {
    if (this.size === this.kind.length) this.grow();
    const k = (this.head + this.size++) % this.kind.length;
    this.kind[k] = kind;
    this.target[k] = target;
    this.payload[k] = payload;
    this.order[k] = order;
    this.product[k] = product;
    this.qty[k] = q;
    this.ready[k] = now;
    this.waitingUnits += q;
    this.unitsIn += q;
    this.addLoad(product, q);
  }

  /** Adds `q` units of `product` to the load waiting (q < 0: takes them off). */
  addLoad(product: number, q: number): void {
    const dims = this.queued.length;
    for (let j = 0; j < dims; j++) this.queued[j]! += q * this.def.perUnit[product * dims + j]!;
  }

  /** True when what waits is below one vehicle in every dimension (it cannot fill one). */
  underOneVehicle(): boolean {
    const cap = this.def.capacity;
    for (let j = 0; j < cap.length; j++) if (this.queued[j]! >= cap[j]! * (1 - EPS)) return false;
    return true;
  }

  /** Time of scheduled departure number `n` (from 0) [days]. */
  departure(n: number): number {
    const d = this.def;
    if (d.everyDays > 0) return d.offset + n * d.everyDays;
    const per = d.timesOfDay.length;
    return Math.floor(n / per) + d.timesOfDay[n % per]!;
  }

  private grow(): void {
    const n = this.kind.length;
    const move = <T extends Uint8Array | Int32Array | Float64Array>(a: T, b: T): T => {
      for (let i = 0; i < this.size; i++) b[i] = a[(this.head + i) % n]!;
      return b;
    };
    this.kind = move(this.kind, new Uint8Array(2 * n));
    this.target = move(this.target, new Int32Array(2 * n));
    this.payload = move(this.payload, new Float64Array(2 * n));
    this.order = move(this.order, new Int32Array(2 * n));
    this.product = move(this.product, new Int32Array(2 * n));
    this.qty = move(this.qty, new Float64Array(2 * n));
    this.ready = move(this.ready, new Float64Array(2 * n));
    this.head = 0;
  }
}

/** The vehicles of every lane that has them, or null in a network without (Replication.transport). */
export class Transport {
  readonly lanes: LaneState[];
  /** Per customer request: its parts still waiting at a dock. */
  private waiting = new Int32Array(256);

  /**
   * Disruption route of each lane between two sites (null for a delivery lane or when nothing
   * can disrupt it): what a trip of stock meets, whichever source loaded it (the stock's own, a
   * plant/dc of its `sources`/`fallbackSources`, or a supplier).
   */
  private readonly stockRoutes: Array<Route | null>;

  static build(net: Network, streams: StreamFactory, disruptions: Disruptions | null): Transport | null {
    return net.transportLanes.length === 0 ? null : new Transport(net, streams, disruptions);
  }

  private constructor(net: Network, streams: StreamFactory, disruptions: Disruptions | null) {
    this.lanes = net.transportLanes.map((d) => new LaneState(d, streams));
    const site = (id: string) => net.sites.find((x) => x.id === id)?.index ?? -1;
    this.stockRoutes = net.transportLanes.map((d) =>
      disruptions === null || site(d.to) < 0 ? null : disruptions.route(site(d.from), site(d.to)),
    );
  }

  /** Starts a replication: empty docks, first scheduled departures on the calendar. */
  start(rep: Replication): void {
    this.waiting.fill(0);
    for (const lane of this.lanes) {
      lane.start();
      if (!lane.def.scheduled) continue;
      while (lane.departure(lane.tick) < 0) lane.tick++;
      const t = lane.departure(lane.tick);
      if (t <= rep.net.horizonDays) rep.sim.scheduleAt(t, Ev.TransportDispatch, lane.def.index, Cause.Tick);
    }
  }

  resetStatistics(): void {
    for (const lane of this.lanes) lane.resetStatistics();
  }

  /** True while part of customer request r waits at a dock (the order is not complete yet). */
  holds(r: number): boolean {
    return r < this.waiting.length && this.waiting[r]! > 0;
  }

  /** `q` units of customer request r, from stock point sp, reach the dock of vehicle lane `lane`. */
  loadCustomer(rep: Replication, lane: number, sp: number, r: number, q: number): void {
    if (r >= this.waiting.length) this.waiting = grown(this.waiting, Math.max(2 * this.waiting.length, r + 1));
    this.waiting[r]!++;
    const l = this.lanes[lane]!;
    l.push(Load.Customer, r, sp, 0, rep.net.stockPoints[sp]!.product, q, rep.sim.now);
    this.evaluate(rep, l);
  }

  /** `q` units for stock point `dest` (ShipmentArrival payload `source`, order `order`) reach the dock of `lane`. */
  loadStock(rep: Replication, lane: number, dest: number, source: number, q: number, order: number): void {
    const l = this.lanes[lane]!;
    l.push(Load.Stock, dest, source, order, rep.net.stockPoints[dest]!.product, q, rep.sim.now);
    this.evaluate(rep, l);
  }

  /**
   * The vehicle lane of a supplier shipment for stock point `sp` from sourcing slot `slot`
   * (0: its own source; see sourcing.ts), or −1 when that lane has no vehicles.
   */
  supplierLane(rep: Replication, sp: number, slot: number): number {
    const net = rep.net;
    const d = net.stockPoints[sp]!;
    if (slot === 0) return d.inbound.vehicles ?? -1;
    const supplier = net.suppliers[rep.sourcing![sp]!.options[slot]!.supplier]!;
    return net.transportLaneOf(net.sites[supplier.site]!.id, net.sites[d.site]!.id);
  }

  /** Ev.TransportReady: a supplier's shipment (payload as Ev.ShipmentArrival) reaches the dock of its lane. */
  ready(rep: Replication, sp: number, source: number, q: number, order: number): void {
    const slot = (source >> 2) & 63;
    this.loadStock(rep, this.supplierLane(rep, sp, slot), sp, source, q, order);
  }

  /** The lane's per-unit and per-shipment charges of a shipment (paid when it ships; the lane's cost KPI). */
  charge(lane: number, amount: number): void {
    this.lanes[lane]!.cost += amount;
  }

  /** Ev.TransportDispatch on lane `lane`: a scheduled departure, a retry next day, or a maxWait timer. */
  dispatchEvent(rep: Replication, lane: number, cause: number): void {
    const l = this.lanes[lane]!;
    if (cause === Cause.Tick) {
      l.pendingAll = true;
      const next = l.departure(++l.tick);
      if (next <= rep.net.horizonDays) rep.sim.scheduleAt(next, Ev.TransportDispatch, lane, Cause.Tick);
    }
    this.evaluate(rep, l);
  }

  /** Sends every vehicle that is due now; arms the retry and maxWait timers for the rest. */
  private evaluate(rep: Replication, l: LaneState): void {
    const now = rep.sim.now;
    const d = l.def;
    while (l.size > 0) {
      const full = d.whenFull && !l.underOneVehicle() && this.fill(rep, l, false);
      const due = (d.whenFull && full) || l.pendingAll || now + EPS >= l.ready[l.head]! + d.maxWaitDays;
      if (!due) break;
      const day = Math.floor(now);
      if (day !== l.day) {
        l.day = day;
        l.tripsToday = 0;
      }
      if (l.tripsToday >= d.maxTripsPerDay) {
        if (l.retryAt !== day + 1) {
          l.retryAt = day + 1;
          rep.sim.scheduleAt(day + 1, Ev.TransportDispatch, d.index, Cause.Retry);
        }
        return;
      }
      if (++l.tripsToday > l.busiestDay) l.busiestDay = l.tripsToday;
      this.fill(rep, l, true);
    }
    if (l.size === 0) {
      l.queued.fill(0); // no rounding residue left behind
      l.pendingAll = false;
      return;
    }
    const at = l.ready[l.head]! + d.maxWaitDays;
    if (at < Number.POSITIVE_INFINITY && at > now && (l.timerAt <= now || l.timerAt > at)) {
      l.timerAt = at;
      rep.sim.scheduleAt(at, Ev.TransportDispatch, d.index, Cause.Timer);
    }
  }

  /**
   * Loads one vehicle from the head of the queue; true when it is full. With `send` the load
   * leaves now: the shipments leave the queue, their arrivals go on the calendar, the trip is paid.
   */
  private fill(rep: Replication, l: LaneState, send: boolean): boolean {
    const d = l.def;
    const dims = d.capacity.length;
    const used = l.used;
    used.fill(0);
    const n = l.kind.length;
    const now = rep.sim.now;
    const transit = send ? l.transit.sample(l.stream) : 0;
    let full = false;
    let loaded = 0;
    let i = 0;
    while (i < l.size) {
      const k = (l.head + i) % n;
      const q = l.qty[k]!;
      const base = l.product[k]! * dims;
      let fit = Number.POSITIVE_INFINITY;
      for (let j = 0; j < dims; j++) {
        const u = d.perUnit[base + j]!;
        if (u > 0) {
          const room = (d.capacity[j]! - used[j]!) / u;
          if (room < fit) fit = room;
        }
      }
      let take = q <= fit + EPS ? q : Number.isInteger(q) ? Math.floor(fit + EPS) : fit;
      if (take <= EPS && loaded === 0) take = q < 1 ? q : 1; // a unit larger than a vehicle (validate refuses it): one per trip
      if (take <= EPS) {
        full = true;
        break;
      }
      for (let j = 0; j < dims; j++) used[j]! += take * d.perUnit[base + j]!;
      loaded += take;
      if (send) this.leave(rep, l, k, take, now, transit);
      if (take < q) {
        full = true;
        break;
      }
      i++;
    }
    let fill = 0;
    for (let j = 0; j < dims; j++) {
      const f = used[j]! / d.capacity[j]!;
      if (f > fill) fill = f;
    }
    if (fill >= 1 - EPS) full = true;
    if (send) {
      // Whole shipments that left: drop them from the head.
      l.head = (l.head + i) % n;
      l.size -= i;
      const cost = full ? d.costPerTrip : d.costPerPartLoadTrip;
      rep.costs.transport += cost;
      rep.finance.expense(now, cost);
      l.trips++;
      if (full) l.fullTrips++;
      l.fillSum += fill > 1 ? 1 : fill;
      l.cost += cost;
    }
    return full;
  }

  /** `q` units of queue entry k leave now on a vehicle with trip transit `transit`. */
  private leave(rep: Replication, l: LaneState, k: number, q: number, now: number, transit: number): void {
    const whole = q >= l.qty[k]! - EPS;
    const wait = now - l.ready[k]!;
    l.units += q;
    l.waitSum += q * wait;
    l.unitsOut += q;
    l.waitingUnits -= q;
    l.addLoad(l.product[k]!, -q);
    if (!whole) l.qty[k]! -= q;
    const dis = rep.disruptions;
    if (l.kind[k] === Load.Customer) {
      const r = l.target[k]!;
      const req = rep.requests;
      const owner = req.owner[r]!;
      const sp = l.payload[k]!;
      // From a backup DC of a servedBy list: that DC's route (order-lines.ts).
      const site = rep.net.stockPoints[sp]!.site;
      const alt = site === rep.segments[owner]!.def.site ? null : rep.orderLines!.fallback(owner, site);
      const route = dis === null ? null : alt === null ? dis.outbound[owner]! : alt.route;
      const delivery = route === null ? now + transit : dis!.arrival(now, transit, route);
      if (delivery > req.lastDelivery[r]!) req.lastDelivery[r] = delivery;
      // Age at delivery was counted up to the dock (fulfilment.ts); the wait and the trip add to it.
      if (rep.stockPoints[sp]!.batches !== null) rep.perishables!.deliveredAgeSum[owner]! += q * (delivery - l.ready[k]!);
      if (whole && --this.waiting[r]! === 0 && req.remaining[r] === 0) finishCustomer(rep, rep.segments[owner]!, r);
      return;
    }
    const dest = l.target[k]!;
    let source = l.payload[k]!;
    if (!whole && source >> BATCH_RECORD_SHIFT !== 0) source = rep.perishables!.split(source, q);
    const route = dis === null ? null : (this.stockRoutes[l.def.index] ?? null);
    const arrival = route === null ? now + transit : dis!.arrival(now, transit, route);
    rep.sim.scheduleAt(arrival, Ev.ShipmentArrival, dest, source, q, l.order[k]!);
  }
}
