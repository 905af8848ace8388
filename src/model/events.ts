/** Event kinds of the supply-chain model (the engine only sees integers). */
export const enum Ev {
  /** A customer order arrives (a = segment). */
  OrderArrival = 0,
  /** A back-office server finishes an order (a = request, b = back office). */
  BackOfficeDone = 1,
  /** Units arrive at a stock point (a = stock point, b = source kind, x = units, y = order time). */
  ShipmentArrival = 2,
  /** Periodic review (a = stock point). */
  Review = 3,
  /** A production job finishes (a = job, b = line). */
  JobDone = 4,
  /** A backordered customer's patience runs out (a = request, b = serial). */
  Patience = 5,
  /** Inventory sampling for the time series. */
  Sample = 6,
}
