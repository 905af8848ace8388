/**
 * Allocation and reservation at a stock point (scenario keys `reserve` and `allocation` of a
 * stock, src/scenario/allocation-schema.ts).
 *
 * Reserve `{forPriority: p, units | daysOfDemand}`: a floor R on on-hand that requests of a
 * priority worse than p (a larger number) may not take stock below. Requests of priority ≤ p
 * ("protected") may use every unit. Precisely, a request of priority > p ("restricted") may take
 * at most max(0, on-hand − R) units, whether it arrives (fulfilment.ts) or waits as a backorder
 * (replenishment.ts): a restricted backorder waits while on-hand ≤ R and is served from the units
 * above R as receipts lift on-hand. The policy does not change: the inventory position and the
 * reorder rule are those without a reserve, so a reserve as large as the reorder point leaves
 * restricted requests little; choose R below it.
 * - daysOfDemand d: R = ⌈d × μ⌉ whole units, μ the mean daily demand of the protected requesters
 *   at this stock [units/day]: its segments of priority ≤ p (Poisson rate × mix weight × mean
 *   order size; seasonality averaged over the horizon; renewal arrivals at 1 / mean time between
 *   orders), plus the mean internal demand (below). Computed once from the scenario.
 * - Internal demand (replenishment orders of downstream stock points, component requests of
 *   production jobs) has priority 1, as without a reserve: the network's own flow is always
 *   protected, so a reserve at a plant or central DC holds stock back only from customer
 *   segments of worse priority served there.
 * - Perishable stock: the reserve counts units, not particular batches. A restricted request may
 *   take min(fresh-enough units, on-hand − R); batches leave by the stock's issuing rule
 *   (FIFO/FEFO) whoever takes them.
 * - An order cut short by the reserve counts as a stock-out of the replenishment cycle (cycle
 *   service level), as an order finding stock too old for it does.
 * - No overtaking (fulfilment.ts, afterSetAside): a newcomer takes nothing that older waiting
 *   requests of equal or better priority can use. A restricted waiter can use only the units
 *   above R, so that is what is set aside for it; a restricted newcomer's own limit (on-hand − R)
 *   comes first and the set-aside is taken out of it.
 *
 * Allocation `strictPriority` (default): receipts serve waiting requests highest priority first,
 * FIFO within a class (replenishment.ts). `fairShare`: when a receipt leaves A units on hand and
 * the live waiting requests owe B > A units in total, A is shared in proportion to what each
 * waits for, whatever its priority (priority then acts only through a reserve):
 * 1. tiers: with a reserve, protected requests (owing Bp) get their proportional share
 *    A·Bp/B; restricted requests (owing Bl) get min(A·Bl/B, on-hand left − R) rounded down to
 *    whole units (never below the floor); protected requests then get whatever is still free,
 *    up to Bp (they may use the reserve). Without a reserve: one tier, all A units.
 * 2. within a tier of total T and owed Bt, request i owing b_i gets ⌊T·b_i/Bt⌋ whole units;
 *    the units left over go one at a time (a fraction of a unit for the last one if T is not
 *    whole) to the largest remainders T·b_i/Bt − ⌊T·b_i/Bt⌋; equal remainders go first to the
 *    request first in the queues (better priority, then older).
 * An all-or-nothing customer (partialFill: false) whose share is less than it owes gets nothing
 * in this pass; a perishable request takes at most the fresh-enough units. Whatever is left is
 * then allocated by strict priority as usual (so no unit idles while a request can take it).
 *
 * KPIs (kpis.ts; NaN where no stock has a reserve): `reserveRefusals`, orders of restricted
 * priority that got less from stock on arrival than they would have without the reserve, and
 * `reserveHeldUnits`, the units they did not get on arrival because of it (they wait as
 * backorders, or are lost for a lost-sales segment).
 */
import { compileDistribution } from '../engine/distributions.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Warning } from '../scenario/warnings.ts';
import { ship } from './fulfilment.ts';
import type { Network } from './network.ts';
import { stockDemandRates } from './offered-load.ts';
import { PolicyKind } from './policies.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import type { StockPointState } from './stockpoint.ts';
import { EPS } from './tolerance.ts';

/** The allocation settings of one stock point (StockPointDef.allocation). */
export interface AllocationDef {
  /** Requests of priority > reserveFor are restricted; Infinity when no reserve. */
  reserveFor: number;
  /** Reserve level R [units]. */
  reserveUnits: number;
  fairShare: boolean;
}

/**
 * The allocation settings of every stock point (null for one with none), from the scenario's
 * `reserve` and `allocation` keys; daysOfDemand resolved against the network's mean demand.
 */
export function compileAllocation(net: Network): Array<AllocationDef | null> {
  const s: Scenario = net.scenario;
  return net.stockPoints.map((sp) => {
    const site = s.sites[net.sites[sp.site]!.id]!;
    const stock = site.type === 'supplier' ? undefined : site.stock[net.products[sp.product]!.id];
    if (!stock || (stock.reserve === undefined && stock.allocation === undefined)) return null;
    const r = stock.reserve;
    let units = 0;
    if (r) units = r.units ?? Math.ceil(r.daysOfDemand! * protectedDemand(net, sp.index, r.forPriority) - 1e-9);
    return { reserveFor: r ? r.forPriority : Number.POSITIVE_INFINITY, reserveUnits: units, fairShare: stock.allocation === 'fairShare' };
  });
}

/**
 * Mean daily demand at stock point `target` of the requesters of priority ≤ `forPriority`
 * [units/day]: its own segments of that priority, plus all internal demand (priority 1). The
 * rates are offered-load.ts's (a seasonal segment at its mean over the horizon).
 */
export function protectedDemand(net: Network, target: number, forPriority: number): number {
  let own = 0;
  let ownProtected = 0;
  for (const seg of net.segments) {
    let rate = seg.ordersPerDay;
    if (seg.interarrival !== undefined) rate = 1 / compileDistribution(seg.interarrival).mean;
    else if (seg.multipliers.length > 0) rate *= seg.multipliers.reduce((a, m) => a + m, 0) / seg.multipliers.length;
    const size = compileDistribution(seg.orderSize).mean;
    let prev = 0;
    seg.stockPoints.forEach((sp, k) => {
      const units = rate * (seg.cumulativeWeights[k]! - prev) * size;
      prev = seg.cumulativeWeights[k]!;
      if (sp !== target) return;
      own += units;
      if (seg.priority <= forPriority) ownProtected += units;
    });
  }
  // All of the stock's demand (its downstream flows included), less its own segments' part.
  return ownProtected + stockDemandRates(net)[target]! - own;
}

/**
 * Warnings for a reserve at or above its stock's reorder level (s, r, or a base-stock S): the
 * policy does not know the reserve, so lower priorities are then served only from what a
 * receipt brings above it.
 */
export function reserveWarnings(net: Network): Warning[] {
  const out: Warning[] = [];
  for (const sp of net.stockPoints) {
    const a = sp.allocation;
    if (!a || a.reserveFor === Number.POSITIVE_INFINITY || a.reserveUnits <= 0) continue;
    const p = sp.policy;
    const [name, level] = p.kind === PolicyKind.BaseStock ? ['S', p.S] : [p.kind === PolicyKind.RQ ? 'r' : 's', p.s];
    if (a.reserveUnits >= level)
      out.push({
        path: ['sites', net.sites[sp.site]!.id, 'stock', net.products[sp.product]!.id, 'reserve'],
        message: `a reserve of ${a.reserveUnits} units is at or above the reorder level (${name} = ${level}): orders of priority worse than ${a.reserveFor} are served only from what a receipt brings above it (keep the reserve below ${name}, or raise ${name})`,
      });
  }
  return out;
}

/** Units a request of `priority` may take of the `avail` it could use at sp (the reserve floor). */
export function aboveReserve(sp: StockPointState, priority: number, avail: number): number {
  if (priority <= sp.reserveFor) return avail;
  const free = sp.onHand - sp.reserveUnits;
  return free <= 0 ? 0 : free < avail ? free : avail;
}

/**
 * What an arriving order of restricted priority wanting `qty` may take at sp, given the `usable`
 * units it could use and the `avail` left after the no-overtaking set-aside: the reserve's
 * units come off `avail`. Counts a refusal when the reserve cost the order units (unless `count` is false).
 */
export function reserveLimit(sp: StockPointState, qty: number, usable: number, avail: number, count = true): number {
  const held = usable - aboveReserve(sp, sp.reserveFor + 1, usable);
  const limited = avail > held ? avail - held : 0;
  if (!count) return limited;
  const a = avail < qty ? avail : qty;
  const b = limited < qty ? limited : qty;
  if (a - b > EPS) {
    sp.reserveRefusals++;
    sp.reserveHeldUnits += a - b;
  }
  return limited;
}

// Scratch arrays of the fair-share pass (one replication per thread at a time).
let ids = new Int32Array(64);
let shares = new Float64Array(64);
let rests = new Float64Array(64);

/**
 * Fair share (see the header): shares on-hand among the waiting requests in proportion to what
 * they owe when it cannot cover them all.
 */
export function fairShare(rep: Replication, sp: StockPointState): void {
  const req = rep.requests;
  let n = 0;
  let owedP = 0;
  let owedL = 0;
  for (const queue of sp.backorders.queues)
    queue.forEach((r, serial) => {
      if (req.serial[r] !== serial || req.remaining[r]! <= 0) return;
      if (n === ids.length) {
        const grownIds = new Int32Array(2 * n);
        grownIds.set(ids);
        ids = grownIds;
        shares = new Float64Array(2 * n);
        rests = new Float64Array(2 * n);
      }
      ids[n++] = r;
      if (req.priority[r]! > sp.reserveFor) owedL += req.remaining[r]!;
      else owedP += req.remaining[r]!;
    });
  const A = sp.onHand;
  const B = owedP + owedL;
  if (n === 0 || A + EPS >= B) return; // enough for everyone: the strict pass serves them all
  const idealP = (A * owedP) / B;
  let tierL = Math.floor(Math.min((A * owedL) / B, Math.max(0, A - idealP - sp.reserveUnits)) + EPS);
  if (tierL < 0) tierL = 0;
  const tierP = Math.min(owedP, A - tierL);
  split(rep, sp, n, tierP, owedP, false);
  split(rep, sp, n, tierL, owedL, true);
  for (let i = 0; i < n; i++) {
    const r = ids[i]!;
    let q = shares[i]!;
    if (q <= EPS) continue;
    const seg = req.kind[r] === RequestKind.Customer ? rep.segments[req.owner[r]!]! : null;
    const want = req.remaining[r]!;
    if (seg && !seg.def.partialFill && q + EPS < want) continue; // all-or-nothing: left to the strict pass
    if (sp.batches !== null) {
      const usable = rep.perishables!.usable(sp, seg ? seg.def.index : -1, 0, rep.sim.now);
      if (usable < q) q = usable;
    }
    if (q > sp.onHand) q = sp.onHand;
    if (q > EPS) serveBackorder(rep, sp, r, q);
  }
}

/** Ships q units to backorder r (its queue entry goes stale once it is served in full). */
function serveBackorder(rep: Replication, sp: StockPointState, r: number, q: number): void {
  const now = rep.sim.now;
  const req = rep.requests;
  sp.onHand -= q;
  sp.backordered -= q;
  if (sp.backordered < EPS) sp.backordered = 0;
  sp.backorderedUnitsServed += q;
  sp.backorderDelaySum += q * (now - req.demandTime[r]!);
  if (req.kind[r] === RequestKind.Customer) {
    const seg = rep.segments[req.owner[r]!]!;
    seg.touch(now);
    seg.backordered -= q;
    if (seg.backordered < EPS) seg.backordered = 0;
  }
  ship(rep, sp, r, q);
}

/** Shares `total` units among the requests of one tier (restricted or not) owing `owed`: largest remainder. */
function split(rep: Replication, sp: StockPointState, n: number, total: number, owed: number, restricted: boolean): void {
  const req = rep.requests;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const r = ids[i]!;
    if (req.priority[r]! > sp.reserveFor !== restricted) continue;
    const exact = owed > 0 ? (total * req.remaining[r]!) / owed : 0;
    const whole = Math.floor(exact + EPS);
    shares[i] = whole;
    rests[i] = exact - whole;
    given += whole;
  }
  let left = total - given;
  while (left > EPS) {
    // The largest remainder; ties to the first in queue order (better priority, then older).
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (req.priority[ids[i]!]! > sp.reserveFor !== restricted) continue;
      if (shares[i]! + EPS >= req.remaining[ids[i]!]!) continue;
      if (best < 0 || rests[i]! > rests[best]! + EPS) best = i;
    }
    if (best < 0) break;
    const room = req.remaining[ids[best]!]! - shares[best]!;
    const q = Math.min(1, left, room);
    shares[best]! += q;
    rests[best] = -1; // one extra unit each
    left -= q;
  }
}

/** Reserve KPIs [reserveRefusals, reserveHeldUnits] of site `site` (−1: all sites); NaN where no stock has a reserve. */
export function reserveTotals(rep: Replication, site: number): [number, number] {
  let any = false;
  let refusals = 0;
  let held = 0;
  for (const sp of rep.stockPoints) {
    if (sp.reserveFor === Number.POSITIVE_INFINITY || (site >= 0 && sp.def.site !== site)) continue;
    any = true;
    refusals += sp.reserveRefusals;
    held += sp.reserveHeldUnits;
  }
  return any ? [refusals, held] : [Number.NaN, Number.NaN];
}

/** Writes each stocking site's reserve KPIs (its block at offset + slot·n, from position k). */
export function writeSiteReserves(rep: Replication, siteSlot: number[], out: Float64Array, offset: number, n: number, k: number): void {
  siteSlot.forEach((slot, site) => {
    if (slot >= 0) out.set(reserveTotals(rep, site), offset + slot * n + k);
  });
}
