/**
 * Lanes with vehicles as the simulation sees them (built once per network): capacity per
 * dimension, each product's load per unit in those dimensions, the dispatch rule, the trip
 * costs and the trip-transit stream. The runtime (queues, trips, KPIs) is transport.ts.
 */
import type { DistributionSpec } from '../scenario/distribution-schema.ts';
import type { LaneSpec, Scenario } from '../scenario/schema.ts';
import type { LaneDef } from './network.ts';

export interface TransportLaneDef {
  index: number;
  /** `<from>-><to>` (site or segment ids): the lane's KPI id `lane.<id>.<kpi>`. */
  id: string;
  /** Position of the lane under the scenario's `lanes:` (for messages). */
  laneIndex: number;
  /** Origin site id and destination (site or segment) id. */
  from: string;
  to: string;
  /** Capacity of one vehicle in each dimension used (units, weight, volume) [that dimension's unit]. */
  capacity: Float64Array;
  /** Which measure each capacity dimension is: 0 units, 1 weight, 2 volume. */
  dimensions: number[];
  /** Load of one unit of product p in dimension d: perUnit[p × dims + d]. */
  perUnit: Float64Array;
  /** Dispatch when a vehicle is full. */
  whenFull: boolean;
  /** Dispatch at scheduled departures. */
  scheduled: boolean;
  /** Scheduled departures every this many days [days] (0: at timesOfDay). */
  everyDays: number;
  /** First scheduled departure [days]. */
  offset: number;
  /** Scheduled departures at these fractions of every day, ascending. */
  timesOfDay: number[];
  /** A part load leaves once its first shipment has waited this long [days]; Infinity: never. */
  maxWaitDays: number;
  /** Trip cost of a full / part load [money per trip]. */
  costPerTrip: number;
  costPerPartLoadTrip: number;
  /** Most trips per calendar day; Infinity: no limit. */
  maxTripsPerDay: number;
  /** Transit time of a trip [days]. */
  transitTime: DistributionSpec;
  /** Random stream of the trip transit times: `transit/<from>-><to>/vehicles`. */
  stream: string;
}

/**
 * The lanes with vehicles of a network, in file order: those between two open sites, and the
 * delivery lanes from a segment's DCs to it (a lane nothing ships on is left out).
 */
export class TransportLanes {
  readonly lanes: TransportLaneDef[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(private readonly s: Scenario) {
    const open = (id: string) => s.sites[id] !== undefined && s.sites[id].open;
    for (const [laneIndex, spec] of s.lanes.entries()) {
      if (!spec.vehicles || !open(spec.from)) continue;
      const seg = s.segments[spec.to];
      // A segment's delivery lane from its DC, or from any DC of its servedBy list (order-lines.ts).
      if (seg !== undefined ? ![seg.servedBy].flat().includes(spec.from) : !open(spec.to)) continue;
      const key = `${spec.from}->${spec.to}`;
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, this.lanes.length);
      this.lanes.push(this.build(this.lanes.length, key, spec, laneIndex));
    }
  }

  /** `def` (the lane from → to) with its vehicle lane index when it has vehicles. */
  attach(def: LaneDef, from: string, to: string): LaneDef {
    const i = this.indexOf(from, to);
    return i < 0 ? def : { ...def, vehicles: i };
  }

  /** Index of the vehicle lane from → to, or −1. */
  indexOf(from: string, to: string): number {
    return this.byKey.get(`${from}->${to}`) ?? -1;
  }

  private build(index: number, id: string, spec: LaneSpec, laneIndex: number): TransportLaneDef {
    const v = spec.vehicles!;
    const cap = typeof v.capacity === 'number' ? { units: v.capacity } : v.capacity;
    const dims: Array<[number, (p: { weightPerUnit?: number; volumePerUnit?: number }) => number, number]> = [];
    if (cap.units !== undefined) dims.push([cap.units, () => 1, 0]);
    if (cap.weight !== undefined) dims.push([cap.weight, (p) => p.weightPerUnit ?? 0, 1]);
    if (cap.volume !== undefined) dims.push([cap.volume, (p) => p.volumePerUnit ?? 0, 2]);
    const products = Object.values(this.s.products);
    const perUnit = new Float64Array(products.length * dims.length);
    products.forEach((p, k) => dims.forEach(([, f], d) => (perUnit[k * dims.length + d] = f(p))));
    return {
      index,
      id,
      laneIndex,
      from: spec.from,
      to: spec.to,
      capacity: Float64Array.from(dims.map(([c]) => c)),
      dimensions: dims.map(([, , m]) => m),
      perUnit,
      whenFull: v.dispatch !== 'schedule',
      scheduled: v.dispatch !== 'whenFull',
      everyDays: v.everyDays ?? 0,
      offset: v.offset,
      timesOfDay: [...(v.timesOfDay ?? [])].sort((a, b) => a - b),
      maxWaitDays: v.maxWaitDays ?? Number.POSITIVE_INFINITY,
      costPerTrip: v.costPerTrip,
      costPerPartLoadTrip: v.costPerPartLoadTrip ?? v.costPerTrip,
      maxTripsPerDay: v.maxTripsPerDay ?? Number.POSITIVE_INFINITY,
      transitTime: spec.transitTime,
      stream: `transit/${id}/vehicles`,
    };
  }
}

/**
 * The wait at the dock a policy derived from a target service level plans for [days, days²].
 * On a schedule: shipments reaching the dock at random moments wait on average half the gap to
 * the next departure (gaps g over a cycle: mean Σg²/2, E[W²] = Σg³/3); orders placed at fixed
 * review times (`reviews`: period and offset [days], shipped at once) wait exactly until the next
 * departure, averaged over a year of reviews. Capped at maxWaitDays. A lane dispatched only when
 * full has no schedule to plan on: 0 (its wait depends on the flow).
 */
export function plannedDockWait(def: TransportLaneDef, reviews: { period: number; offset: number } | null): { mean: number; variance: number } {
  if (!def.scheduled) return { mean: 0, variance: 0 };
  let mean: number;
  let second: number;
  if (reviews !== null) {
    let n = 0;
    mean = second = 0;
    for (let t = reviews.offset; n < 1000 && t < reviews.offset + 365; t += reviews.period, n++) {
      const w = Math.min(nextDeparture(def, t) - t, def.maxWaitDays);
      mean += w;
      second += w * w;
    }
    mean /= n;
    second /= n;
  } else {
    let gaps: number[];
    if (def.everyDays > 0) gaps = [def.everyDays];
    else {
      const t = def.timesOfDay;
      gaps = t.map((x, i) => (i + 1 < t.length ? t[i + 1]! : 1 + t[0]!) - x);
    }
    const span = gaps.reduce((a, g) => a + g, 0);
    mean = gaps.reduce((a, g) => a + g * g, 0) / (2 * span);
    second = gaps.reduce((a, g) => a + g * g * g, 0) / (3 * span);
    if (mean > def.maxWaitDays) return { mean: def.maxWaitDays, variance: 0 };
  }
  return { mean, variance: Math.max(0, second - mean * mean) };
}

/** The first scheduled departure at or after `t` [days]. */
function nextDeparture(def: TransportLaneDef, t: number): number {
  if (def.everyDays > 0) return t <= def.offset ? def.offset : def.offset + Math.ceil((t - def.offset) / def.everyDays - 1e-9) * def.everyDays;
  const day = Math.floor(t);
  for (const x of def.timesOfDay) if (day + x >= t - 1e-9) return day + x;
  return day + 1 + def.timesOfDay[0]!;
}
