/**
 * Hand-written reference of bench/scenarios/inventory-3-stores.yaml (no scsim code): supplier →
 * DC with an (r,Q) policy → 3 stores with (s,S) policies, one customer order per store per day
 * of a Poisson number of units, backorders, transit U(1,3) per DC shipment, supplier lead time
 * 7 days. Computes per replication the KPIs scsim reports for the same model: fill rate per store
 * (units served from on-hand when ordered / units ordered), holding cost (integral of on-hand ×
 * holding cost per unit-day, DC and stores) and backorder cost (integral of store backorders ×
 * 10 per unit-day).
 */
import { EventQueue, poisson, rng } from './des.ts';

export const HORIZON = 3650;

const STORES = [
  { mean: 20, s: 50, S: 150 },
  { mean: 35, s: 88, S: 263 },
  { mean: 50, s: 125, S: 375 },
];
const DC = { r: 1100, Q: 1050, initial: 2150, holding: 0.5, leadTime: 7 };
const STORE_HOLDING = 1.0;
const BACKORDER_COST = 10;

export interface InventoryKpis {
  fillRate: number[];
  holdingCost: number;
  backorderCost: number;
}

/** A level whose time integral [unit-days] is kept up to date at every change. */
class Level {
  area = 0;
  private since = 0;
  constructor(
    public value: number,
    private readonly clock: EventQueue,
  ) {}
  add(delta: number): void {
    const now = this.clock.now;
    this.area += this.value * (now - this.since);
    this.since = now;
    this.value += delta;
  }
  close(): number {
    this.add(0);
    return this.area;
  }
}

/** One replication with its own seed. */
export function replicate(seed: number): InventoryKpis {
  const q = new EventQueue();
  const u = rng(seed);
  const dcOnHand = new Level(DC.initial, q);
  let dcPosition = DC.initial;
  const dcBacklog: { store: number; qty: number }[] = [];

  const stores = STORES.map((p) => ({
    ...p,
    onHand: new Level(p.S, q),
    backorders: new Level(0, q),
    position: p.S,
    demanded: 0,
    servedAtOnce: 0,
    size: poisson(u, p.mean),
  }));

  const shipToStore = (i: number, qty: number) => {
    dcOnHand.add(-qty);
    q.schedule(1 + 2 * u(), () => {
      const st = stores[i]!;
      st.onHand.add(qty);
      const fill = Math.min(st.backorders.value, st.onHand.value);
      if (fill > 0) {
        st.backorders.add(-fill);
        st.onHand.add(-fill);
      }
    });
  };

  const dcReceive = (qty: number) => {
    dcOnHand.add(qty);
    while (dcBacklog.length > 0 && dcOnHand.value > 0) {
      const head = dcBacklog[0]!;
      const ship = Math.min(head.qty, dcOnHand.value);
      shipToStore(head.store, ship);
      head.qty -= ship;
      if (head.qty === 0) dcBacklog.shift();
    }
  };

  const dcOrder = (i: number, qty: number) => {
    const ship = Math.min(qty, dcOnHand.value);
    if (ship > 0) shipToStore(i, ship);
    if (qty > ship) dcBacklog.push({ store: i, qty: qty - ship });
    dcPosition -= qty;
    if (dcPosition <= DC.r) {
      const order = (Math.floor((DC.r - dcPosition) / DC.Q) + 1) * DC.Q;
      dcPosition += order;
      q.schedule(DC.leadTime, () => dcReceive(order));
    }
  };

  const demand = (i: number) => {
    const st = stores[i]!;
    const qty = st.size();
    st.demanded += qty;
    const served = Math.min(qty, st.onHand.value);
    st.servedAtOnce += served;
    st.onHand.add(-served);
    if (qty > served) st.backorders.add(qty - served);
    st.position -= qty;
    if (st.position <= st.s) {
      const order = st.S - st.position;
      st.position += order;
      dcOrder(i, order);
    }
    q.schedule(1, () => demand(i));
  };

  for (let i = 0; i < stores.length; i++) q.schedule(1, () => demand(i));
  q.runUntil(HORIZON);

  let holding = dcOnHand.close() * DC.holding;
  let backorder = 0;
  for (const st of stores) {
    holding += st.onHand.close() * STORE_HOLDING;
    backorder += st.backorders.close() * BACKORDER_COST;
  }
  return { fillRate: stores.map((st) => st.servedAtOnce / st.demanded), holdingCost: holding, backorderCost: backorder };
}
