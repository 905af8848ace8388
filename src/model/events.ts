/** Event kinds of the supply-chain model (the engine only sees integers). */
export const enum Ev {
  /** A customer order arrives (a = segment). */
  OrderArrival = 0,
  /** A back-office server finishes an order (a = request, b = back office, x = 1 for an extra server, y = work [days]). */
  BackOfficeDone = 1,
  /**
   * Units arrive at a stock point (a = stock point, b = source, x = units, y = replenishment
   * order id, replenishment-orders.ts).
   * b packs three fields: bits 0–1 the source kind (0 upstream stock point, 1 supplier, 2 own
   * production); bits 2–7 a supplier receipt's sourcing slot (sourcing.ts); bits 8 and up
   * (perishable products) the shipment's batch record + 1, 0 for none (perishables.ts).
   */
  ShipmentArrival = 2,
  /** Periodic review (a = stock point). */
  Review = 3,
  /** A production job finishes (a = job, b = line). */
  JobDone = 4,
  /** A backordered customer's patience runs out (a = request, b = serial). */
  Patience = 5,
  /** Inventory sampling for the time series. */
  Sample = 6,
  /** Retention review: a segment's demand factor follows its recent OTIF (a = segment). */
  Retention = 7,
  /** End of a day of the measured window, for the risk KPIs (only with disruptions). */
  RiskTick = 8,
  /** A perishable batch reaches its expiry date: expired units leave the stock (a = stock point). */
  Expiry = 9,
  /** A supplier's shipment reaches the loading dock of a lane with vehicles (a, b, x, y as ShipmentArrival; transport.ts). */
  TransportReady = 10,
  /** A lane's vehicles may leave (a = vehicle lane, b = 0 scheduled departure, 1 next-day retry, 2 maxWait timer; transport.ts). */
  TransportDispatch = 11,
}
