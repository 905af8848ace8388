/**
 * Multi-line customer orders and segments served by the first DC with stock (definitions in
 * order-lines-def.ts). Only segments that use `linesPerOrder`, `fulfilment` or a `servedBy`
 * list come here; every other segment keeps the single-request path of replication.ts.
 *
 * An order is a group of customer requests, one per line (distinct products, each sized by
 * orderSize). The first line's product and size are drawn exactly as a single-line order's
 * (streams `mix`, `size`); the number of lines from `demand/<segment>/lines`, the further
 * lines' products from `demand/<segment>/line-mix` (mix weights renormalised over the products
 * not yet in the order) and their sizes from `demand/<segment>/line-size`.
 *
 * Rules:
 * - The back office processes the order once (its first line's request); then every line
 *   reaches the stock at the same moment.
 * - DC choice (servedBy list): ship-complete: the first DC that can ship every line from stock
 *   now; ship-partial: per line, the first DC that can ship that line now (a DC closed by a
 *   disruption cannot; units set aside for older backorders are not free). None can: the home
 *   DC, where the line backorders or is lost as any order. A fallback DC that does not stock a
 *   product is skipped for it. Units go over that DC's lane to the segment.
 * - Ship-partial: each line ships as its stock allows (partialFill applies per line).
 * - Ship-complete: lines gather their units (allocated from stock, backordered as usual) and
 *   leave in one delivery (one transit time, one cost per shipment) when the last unit is
 *   gathered. With onStockout: lost, an order that cannot ship every line in full at once is
 *   lost whole. When a line's patience runs out, its
 *   units still owed are lost and what the order has gathered ships at once (the rest of the
 *   order is cancelled, as an ERP cancels open quantities at the cancel date).
 * - Order KPIs: an order is complete from stock when every line is; on time in full when
 *   nothing was lost and its last line arrives within the promise; its lead time runs to its
 *   last delivery (orders with lost units have none, as single-line orders).
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import type { Disruptions, Route } from './disruptions.ts';
import { availableTo, deliverToCustomer, demand, finishCustomer, lose } from './fulfilment.ts';
import type { LaneDef, Network } from './network.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import type { SegmentState } from './segment.ts';
import type { StockPointState } from './stockpoint.ts';
import { EPS } from './tolerance.ts';

/** A fallback DC's delivery lane to a segment, compiled. */
export interface FallbackLane {
  site: number;
  transit: Sampler;
  /** Transit stream per product index (`transit/<dc>-><segment>/<product>`). */
  delivery: RandomStream[];
  outbound: LaneDef;
  route: Route | null;
}

/** Per-segment runtime of the order-lines segments. */
interface LinesState {
  count: Sampler | null;
  countStream: RandomStream;
  mixStream: RandomStream;
  sizeStream: RandomStream;
  fallbacks: FallbackLane[];
}

/** One customer order of an order-lines segment. */
interface Order {
  seg: SegmentState;
  orderTime: number;
  /** Request id of each line, its mix position, its units gathered (ship-complete), done. */
  lines: number[];
  mixPos: number[];
  held: number[];
  done: boolean[];
  open: number;
  lost: boolean;
  /** Ship-complete only: the gathered units have left (complete, or cancelled by a loss). */
  released: boolean;
  shipComplete: boolean;
  lastDelivery: number;
  lastPayment: number;
}

export class OrderLines {
  private readonly states: Array<LinesState | null>;
  /** The order each open request of these segments belongs to, by request id. */
  private groupOf: Array<Order | undefined> = [];
  /** Scratch: chosen mix positions and sizes of the order being built. */
  private readonly picked: number[] = [];
  private readonly sizes: number[] = [];

  /** The runtime for `net`, or null when no segment uses order lines. */
  static build(net: Network, streams: StreamFactory, disruptions: Disruptions | null): OrderLines | null {
    return net.segments.some((s) => s.lines !== null) ? new OrderLines(net, streams, disruptions) : null;
  }

  private constructor(net: Network, streams: StreamFactory, disruptions: Disruptions | null) {
    this.states = net.segments.map((d) => {
      const L = d.lines;
      if (L === null) return null;
      const base = `demand/${d.id}`;
      return {
        count: L.linesPerOrder === null ? null : compileDistribution(L.linesPerOrder),
        countStream: streams.get(`${base}/lines`),
        mixStream: streams.get(`${base}/line-mix`),
        sizeStream: streams.get(`${base}/line-size`),
        fallbacks: L.dcs.slice(1).map((dc) => {
          const own = streams.get(`${dc.outbound.stream}/${d.productIds[0]}`);
          const delivery = new Array<RandomStream>(net.products.length).fill(own);
          dc.stockPoints.forEach((sp, k) => {
            if (sp >= 0) delivery[net.stockPoints[sp]!.product] = streams.get(`${dc.outbound.stream}/${d.productIds[k]}`);
          });
          return {
            site: dc.site,
            transit: compileDistribution(dc.outbound.transitTime),
            delivery,
            outbound: dc.outbound,
            route: disruptions === null ? null : disruptions.route(dc.site, -1, d.id),
          };
        }),
      };
    });
  }

  /** Forgets every order (start of a replication). */
  start(): void {
    this.groupOf = [];
  }

  /** The lane from fallback DC `site` to segment `segment`. */
  fallback(segment: number, site: number): FallbackLane {
    const list = this.states[segment]!.fallbacks;
    for (const f of list) if (f.site === site) return f;
    throw new Error(`no lane from site ${site} to segment ${segment}`);
  }

  /** An order arrives at segment `seg` (replaces the single-line arrival for this segment). */
  arrive(rep: Replication, seg: SegmentState): void {
    const sim = rep.sim;
    const d = seg.def;
    const st = this.states[d.index]!;
    const k = seg.drawOrder(sim);
    const qty = seg.drawnSize;
    const m = d.stockPoints.length;
    const n = st.count === null ? 1 : Math.min(m, Math.max(1, Math.round(st.count.sample(st.countStream))));
    const picked = this.picked;
    const sizes = this.sizes;
    picked.length = sizes.length = 0;
    picked.push(k);
    sizes.push(qty);
    let left = 1 - weight(d.cumulativeWeights, k);
    for (let j = 1; j < n; j++) {
      // The next product among those not yet picked, weights renormalised.
      let u = st.mixStream.next() * left;
      let p = -1;
      for (let i = 0; i < m; i++) {
        if (picked.includes(i)) continue;
        p = i;
        u -= weight(d.cumulativeWeights, i);
        if (u < 0) break;
      }
      picked.push(p);
      left -= weight(d.cumulativeWeights, p);
      sizes.push(seg.sizeSampler.sample(st.sizeStream));
    }
    let total = 0;
    for (const q of sizes) if (q > 0) total += q;
    if (!(total > 0)) return;
    const home = d.lines!.dcs[0]!;
    const o: Order = {
      seg,
      orderTime: sim.now,
      lines: [],
      mixPos: [],
      held: [],
      done: [],
      open: 0,
      lost: false,
      released: false,
      shipComplete: d.lines!.shipComplete,
      lastDelivery: sim.now,
      lastPayment: -1,
    };
    for (let j = 0; j < n; j++) {
      if (!(sizes[j]! > 0)) continue;
      const r = rep.requests.alloc(RequestKind.Customer, d.index, home.stockPoints[picked[j]!]!, sizes[j]!, d.priority, sim.now);
      this.groupOf[r] = o;
      o.lines.push(r);
      o.mixPos.push(picked[j]!);
      o.held.push(0);
      o.done.push(false);
      o.open++;
    }
    seg.orders++;
    seg.unitsOrdered += total;
    const bo = rep.net.backOfficeOfSite[d.site]!;
    if (bo >= 0) {
      seg.unitsInProcessing += total;
      rep.backOffices[bo]!.arrive(rep, o.lines[0]!);
    } else this.atStock(rep, o);
  }

  /**
   * The back office finished request r: when it is an order's first line, the whole order goes
   * to the stock (true); false for requests of other segments.
   */
  toStock(rep: Replication, r: number): boolean {
    const o = this.groupOf[r];
    if (o === undefined) return false;
    for (let j = 1; j < o.lines.length; j++) o.seg.unitsInProcessing -= rep.requests.remaining[o.lines[j]!]!;
    this.atStock(rep, o);
    return true;
  }

  /** Every line of order o reaches the stock: DC choice, then demand (or refusal) per line. */
  private atStock(rep: Replication, o: Order): void {
    const seg = o.seg;
    const d = seg.def;
    const L = d.lines!;
    const req = rep.requests;
    let other = false;
    if (L.dcs.length > 1) {
      if (o.shipComplete) {
        let pick = 0;
        for (let c = 0; c < L.dcs.length && pick === 0; c++) {
          const dc = L.dcs[c]!;
          let all = true;
          for (let j = 0; j < o.lines.length && all; j++) {
            const sp = dc.stockPoints[o.mixPos[j]!]!;
            all = sp >= 0 && isOpen(rep, dc.site) && canShip(rep, rep.stockPoints[sp]!, o.lines[j]!);
          }
          if (all) pick = c;
          if (all) break;
        }
        for (let j = 0; j < o.lines.length; j++) req.stockPoint[o.lines[j]!] = L.dcs[pick]!.stockPoints[o.mixPos[j]!]!;
        other = pick > 0;
      } else
        for (let j = 0; j < o.lines.length; j++) {
          const r = o.lines[j]!;
          for (let c = 0; c < L.dcs.length; c++) {
            const sp = L.dcs[c]!.stockPoints[o.mixPos[j]!]!;
            if (sp >= 0 && isOpen(rep, L.dcs[c]!.site) && canShip(rep, rep.stockPoints[sp]!, r)) {
              req.stockPoint[r] = sp;
              if (c > 0) other = true;
              break;
            }
          }
        }
    }
    const n = o.lines.length;
    const ids = o.lines.slice();
    let refuse = false;
    if (o.shipComplete && d.lostSales)
      for (const r of ids) if (!canShip(rep, rep.stockPoints[req.stockPoint[r]!]!, r)) refuse = true;
    const atStock = seg.ordersAtStock;
    const complete = seg.ordersCompleteFromStock;
    for (const r of ids) {
      const sp = rep.stockPoints[req.stockPoint[r]!]!;
      if (refuse) refuseLine(rep, sp, seg, r);
      else demand(rep, sp, r);
    }
    // demand() counted lines as orders: keep lines apart and count the order once.
    const linesComplete = seg.ordersCompleteFromStock - complete;
    seg.linesAtStock += n;
    seg.linesCompleteFromStock += linesComplete;
    seg.ordersAtStock = atStock + 1;
    seg.ordersCompleteFromStock = complete + (linesComplete === n ? 1 : 0);
    if (other) seg.ordersFromOtherDc++;
  }

  /**
   * `q` units of request r were taken from stock. For a ship-complete order still gathering,
   * they are held (true); once its last unit is gathered every line leaves at once (true).
   * False: ship as usual.
   */
  onShip(rep: Replication, r: number, q: number): boolean {
    const o = this.groupOf[r];
    if (o === undefined || !o.shipComplete || o.released) return false;
    o.held[o.lines.indexOf(r)]! += q;
    o.seg.unitsHeld += q;
    const req = rep.requests;
    for (let j = 0; j < o.lines.length; j++) if (!o.done[j] && req.remaining[o.lines[j]!]! > 0) return true;
    this.release(rep, o);
    return true;
  }

  /**
   * Ship-complete: the gathered units of every line leave now, in one delivery (one transit
   * draw, from the first line's product stream of the lane; one cost per shipment); lines
   * owing nothing finish.
   */
  private release(rep: Replication, o: Order): void {
    o.released = true;
    const req = rep.requests;
    const seg = o.seg;
    let transit = -1;
    let unitsOnly: LaneDef | null = null;
    for (let j = 0; j < o.lines.length; j++) {
      // Lines already done included: a line whose loss ended the wait ships what it gathered.
      const q = o.held[j]!;
      if (!(q > 0)) continue;
      o.held[j] = 0;
      seg.unitsHeld -= q;
      const r = o.lines[j]!;
      const sp = rep.stockPoints[req.stockPoint[r]!]!;
      if (transit < 0) {
        const alt = sp.def.site === seg.def.site ? null : this.fallback(seg.def.index, sp.def.site);
        transit = alt === null ? seg.transit.sample(seg.delivery[sp.def.product]!) : alt.transit.sample(alt.delivery[sp.def.product]!);
        deliverToCustomer(rep, sp, r, q, transit);
        const lane = alt === null ? seg.def.outbound : alt.outbound;
        unitsOnly = lane.costPerShipment === 0 ? lane : { ...lane, costPerShipment: 0 };
      } else deliverToCustomer(rep, sp, r, q, transit, unitsOnly);
    }
    for (let j = 0; j < o.lines.length; j++) if (!o.done[j] && req.remaining[o.lines[j]!] === 0) finishCustomer(rep, o.seg, o.lines[j]!);
  }

  /**
   * Line r finished (delivered in full, or lost in part): folded into its order, which is
   * counted once its last line finishes (true); false for requests of other segments.
   */
  lineDone(rep: Replication, seg: SegmentState, r: number): boolean {
    const o = this.groupOf[r];
    if (o === undefined) return false;
    const req = rep.requests;
    const j = o.lines.indexOf(r);
    if (o.done[j]) return true;
    o.done[j] = true;
    if (req.lost[r] !== 0) o.lost = true;
    // A loss ends a ship-complete order's wait: what it gathered ships now.
    if (o.shipComplete && o.lost && !o.released) this.release(rep, o);
    if (req.lastDelivery[r]! > o.lastDelivery) o.lastDelivery = req.lastDelivery[r]!;
    if (req.lastPayment[r]! > o.lastPayment) o.lastPayment = req.lastPayment[r]!;
    this.groupOf[r] = undefined;
    req.release(r);
    if (--o.open === 0) finishOrder(rep, seg, o);
    return true;
  }

  /** Whether open request r stands for its order in counts of open orders (its first open line). */
  countsAsOrder(r: number): boolean {
    const o = this.groupOf[r];
    if (o === undefined) return true;
    for (let j = 0; j < o.lines.length; j++) if (!o.done[j]) return o.lines[j] === r;
    return false;
  }
}

/** Mix weight of product position k, from the cumulative weights. */
function weight(cumulative: number[], k: number): number {
  return cumulative[k]! - (k > 0 ? cumulative[k - 1]! : 0);
}

/** Whether a DC is open now (a `dc-closed` disruption ships nothing: the next DC is tried). */
function isOpen(rep: Replication, site: number): boolean {
  const closed = rep.disruptions === null ? null : rep.disruptions.siteClosed[site]!;
  return closed === null || !closed.isDown(rep.sim.now);
}

/**
 * Whether stock sp could ship everything request r owes from stock now, with the same rules as
 * demand(): fresh-enough units for perishables, units set aside for older waiting requests.
 */
function canShip(rep: Replication, sp: StockPointState, r: number): boolean {
  return availableTo(rep, sp, r, false) + EPS >= rep.requests.remaining[r]!;
}

/** A ship-complete order of a lost-sales segment cannot ship whole: line r reaches sp and is lost. */
function refuseLine(rep: Replication, sp: StockPointState, seg: SegmentState, r: number): void {
  const req = rep.requests;
  const now = rep.sim.now;
  const qty = req.remaining[r]!;
  sp.touch(now);
  req.demandTime[r] = now;
  sp.demandUnits += qty;
  sp.requests++;
  seg.demandUnits += qty;
  seg.ordersAtStock++;
  if (!canShip(rep, sp, r)) sp.stockoutInCycle = true;
  lose(rep, sp, seg, r, qty);
}

/** Order o is finished: its service and cash statistics, as finishCustomer for one request. */
function finishOrder(rep: Replication, seg: SegmentState, o: Order): void {
  const lead = o.lastDelivery - o.orderTime;
  const onTime = !o.lost && lead <= seg.def.promisedDays + EPS;
  seg.countForRetention(onTime);
  if (o.orderTime < rep.net.warmupDays) return;
  seg.ordersCompleted++;
  if (!o.lost) seg.leadTimes.push(lead);
  if (onTime) seg.ordersOnTimeInFull++;
  if (o.lastPayment >= 0) rep.finance.orderToCash.push(o.lastPayment - o.orderTime);
}
