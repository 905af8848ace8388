/**
 * Disruptions: supplier outages, plants down, DCs closed, lanes closed or slowed, demand surges
 * and shocks, each scheduled (`at` + `days`) or random (an outage process). Their windows are
 * drawn once at the start of each replication — a random one from its own stream
 * `disruption/<name>`, so every variant meets the same disruptions (common random numbers) —
 * and the model consults them where a time is computed, never through events:
 *
 * - **supplier outage**: the supplier's capacity and lead time are work that pauses during the
 *   outage (supplier.ts): orders placed during it start when it ends, orders in production
 *   finish late by the overlap, and nothing is dispatched while it lasts.
 * - **plant down**: every line stops; a job in progress resumes afterwards with the work it had
 *   left, and queued jobs wait (production-flow.ts).
 * - **DC closed**: nothing leaves (shipments to customers and to other sites depart when it
 *   reopens; stock is allocated to them meanwhile) and nothing arrives (inbound shipments are
 *   received when it reopens). Its back office keeps taking orders.
 * - **lane closed**: nothing departs on the lane; shipments wait at the origin until it reopens.
 *   With `affectsInTransit`, shipments already on the lane stop too and arrive late by the
 *   closure they overlap; without it they keep their arrival time.
 * - **lane slowed**: shipments departing during the window take `extraDays` longer; with
 *   `affectsInTransit`, so do shipments already on the lane when it starts.
 * - **demand surge**: the segment's order rate is multiplied on the days the window covers
 *   (a day counts when its midpoint lies in the window), by thinning like seasonality.
 *
 * Invoices follow the actual departure (`departed`), so a closed DC delays cash too.
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import type { DisruptionSpec } from '../scenario/disruption-schema.ts';
import { Downtime } from './downtime.ts';
import { type Network, SourceKind } from './network.ts';
import type { SegmentState } from './segment.ts';

/** A lane disruption as a shipment meets it. */
interface LaneEffect {
  windows: Downtime;
  closed: boolean;
  /** Extra transit time of a slowed lane [days]. */
  extraDays: number;
  affectsInTransit: boolean;
}

/** What a shipment between two places may meet; null routes are never disrupted. */
export interface Route {
  /** Closures of the origin DC. */
  origin: Downtime | null;
  lanes: LaneEffect[];
  /** Closures of the destination DC. */
  dest: Downtime | null;
}

interface Surge {
  segment: number;
  disruption: number;
  multiplier: number;
}

export class Disruptions {
  readonly specs: readonly DisruptionSpec[];
  /** Windows of each disruption in this replication. */
  readonly windows: Downtime[];
  /** Merged windows by supplier index, plant index and site index (DC closures); null: never down. */
  readonly supplierDown: Array<Downtime | null>;
  readonly plantDown: Array<Downtime | null>;
  readonly siteClosed: Array<Downtime | null>;
  /** Route of each stock point's inbound lane (from its own source), and of each segment's deliveries. */
  readonly inbound: Array<Route | null>;
  readonly outbound: Array<Route | null>;
  /** Union of every disruption's windows: the time under disruption (risk KPIs). */
  readonly any = new Downtime();
  /** When the shipment last passed to `arrival` actually departed [days]. */
  departed = 0;

  private readonly net: Network;
  private readonly streams: Array<RandomStream | null>;
  private readonly durations: Array<Sampler | null>;
  /** Contributing disruptions of each merged Downtime. */
  private readonly merged: Array<{ target: Downtime; from: number[] }> = [];
  private readonly surges: Surge[] = [];
  /** Per-replication demand multipliers of each surging segment (reused buffers). */
  private readonly surgeBuffers = new Map<number, Float64Array>();

  constructor(net: Network, streams: StreamFactory) {
    this.net = net;
    const specs = net.scenario.disruptions;
    this.specs = specs;
    this.windows = specs.map(() => new Downtime());
    this.streams = specs.map((d) => (d.random ? streams.get(`disruption/${d.name}`) : null));
    this.durations = specs.map((d) => (d.random ? compileDistribution(d.random.duration) : null));
    const siteIndex = new Map(net.sites.map((s) => [s.id, s.index]));
    const segIndex = new Map(net.segments.map((s) => [s.id, s.index]));
    const bySite = (type: DisruptionSpec['type'], index: (site: number) => number, n: number): Array<Downtime | null> => {
      const out: Array<Downtime | null> = new Array(n).fill(null);
      const from: number[][] = Array.from({ length: n }, () => []);
      specs.forEach((d, i) => {
        if (d.type !== type || !('site' in d)) return;
        const site = siteIndex.get(d.site);
        const k = site === undefined ? -1 : index(site);
        if (k >= 0) from[k]!.push(i);
      });
      from.forEach((list, k) => {
        if (list.length === 0) return;
        const target = new Downtime();
        out[k] = target;
        this.merged.push({ target, from: list });
      });
      return out;
    };
    this.supplierDown = bySite('supplier-outage', (s) => net.supplierOfSite[s]!, net.suppliers.length);
    this.plantDown = bySite('plant-down', (s) => net.plantOfSite[s]!, net.plants.length);
    this.siteClosed = bySite('dc-closed', (s) => s, net.sites.length);
    this.merged.push({ target: this.any, from: specs.map((_, i) => i) });

    this.inbound = net.stockPoints.map((sp) => {
      const to = sp.site;
      switch (sp.sourceKind) {
        case SourceKind.Production:
          return null;
        case SourceKind.Supplier:
          return this.route(net.suppliers[sp.sourceIndex]!.site, to);
        case SourceKind.StockPoint:
          return this.route(net.stockPoints[sp.sourceIndex]!.site, to);
      }
    });
    this.outbound = net.segments.map((g) => this.route(g.site, -1, g.id));
    specs.forEach((d, i) => {
      if (d.type !== 'demand-surge') return;
      for (const id of d.segments) {
        const segment = segIndex.get(id);
        if (segment !== undefined) this.surges.push({ segment, disruption: i, multiplier: d.multiplier });
      }
    });
    for (const s of this.surges)
      if (!this.surgeBuffers.has(s.segment)) this.surgeBuffers.set(s.segment, new Float64Array(Math.ceil(net.horizonDays) + 1));
  }

  /**
   * The route from site `from` to site `to` (or, with `to` = -1, to segment `segmentId`);
   * null when nothing can disrupt it.
   */
  route(from: number, to: number, segmentId?: string): Route | null {
    const fromId = this.net.sites[from]!.id;
    const toId = to >= 0 ? this.net.sites[to]!.id : segmentId!;
    const lanes: LaneEffect[] = [];
    this.specs.forEach((d, i) => {
      if ((d.type === 'lane-closed' || d.type === 'lane-slowed') && d.from === fromId && d.to === toId)
        lanes.push({
          windows: this.windows[i]!,
          closed: d.type === 'lane-closed',
          extraDays: d.type === 'lane-slowed' ? d.extraDays : 0,
          affectsInTransit: d.affectsInTransit,
        });
    });
    const origin = this.siteClosed[from] ?? null;
    const dest = to >= 0 ? (this.siteClosed[to] ?? null) : null;
    return origin === null && dest === null && lanes.length === 0 ? null : { origin, lanes, dest };
  }

  /** Draws this replication's windows (streams already reseeded) and applies demand surges. */
  start(segments: readonly SegmentState[]): void {
    const horizon = this.net.horizonDays;
    this.specs.forEach((d, i) => {
      const w = this.windows[i]!;
      w.clear();
      if (d.random === undefined) w.add(d.at!, d.at! + d.days!);
      else {
        const stream = this.streams[i]!;
        const duration = this.durations[i]!;
        const rate = d.random.ratePerYear / 365;
        let t = 0;
        for (;;) {
          t += -Math.log(1 - stream.next()) / rate;
          if (t >= horizon) break;
          const length = duration.sample(stream);
          w.add(t, t + length);
          t += length;
        }
      }
      w.finish();
    });
    for (const { target, from } of this.merged) {
      target.clear();
      for (const i of from) target.addAll(this.windows[i]!);
      target.finish();
    }
    for (const [segment, buf] of this.surgeBuffers) {
      const seg = segments[segment]!;
      const base = seg.def.multipliers;
      for (let day = 0; day < buf.length; day++) buf[day] = base.length === 0 ? 1 : day < base.length ? base[day]! : base[base.length - 1]!;
      for (const s of this.surges) {
        if (s.segment !== segment) continue;
        const w = this.windows[s.disruption]!;
        for (let day = 0; day < buf.length; day++) if (w.isDown(day + 0.5)) buf[day]! *= s.multiplier;
      }
      let max = 0;
      for (let day = 0; day < buf.length; day++) if (buf[day]! > max) max = buf[day]!;
      seg.multipliers = buf;
      seg.maxMultiplier = max;
    }
  }

  /**
   * Arrival time [days] of a shipment ready to leave at `ready` with a sampled transit time
   * `transit` [days] on `route`; sets `departed` to when it actually leaves.
   */
  arrival(ready: number, transit: number, route: Route): number {
    let depart = route.origin === null ? ready : route.origin.upAt(ready);
    const lanes = route.lanes;
    // Nothing departs while a lane is closed (re-checked, as waiting for one may meet another).
    for (let moved = true; moved; ) {
      moved = false;
      for (let i = 0; i < lanes.length; i++) {
        const l = lanes[i]!;
        if (!l.closed) continue;
        const up = l.windows.upAt(depart);
        if (up > depart) {
          depart = up;
          moved = true;
        }
      }
      if (route.origin !== null) {
        const up = route.origin.upAt(depart);
        if (up > depart) {
          depart = up;
          moved = true;
        }
      }
    }
    let arrive = depart + transit;
    for (let i = 0; i < lanes.length; i++) {
      const l = lanes[i]!;
      if (l.closed) {
        // On the lane when it closes: held for the part of the closure the journey overlaps.
        if (l.affectsInTransit) arrive = l.windows.advance(depart, arrive - depart);
      } else {
        if (l.windows.isDown(depart)) arrive += l.extraDays;
        if (l.affectsInTransit) arrive += l.extraDays * l.windows.startsBetween(depart, arrive);
      }
    }
    if (route.dest !== null) arrive = route.dest.upAt(arrive);
    this.departed = depart;
    return arrive;
  }
}
