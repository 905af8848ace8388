/**
 * The KPI ids of one replication's vector, in vector order, each with its definition in a
 * comment (overall, per site, per segment); kpis.ts lays them out and fills them. DOMAIN.md
 * defines them; the README's KPIs section lists them for users.
 */
/** Overall KPIs, in vector order. Time averages are over the window [warm-up, horizon]. */
export const OVERALL_KPIS = [
  'fillRate', // units served from on-hand at the moment of demand / units demanded (customers)
  'orderFillRate', // customer orders served complete from stock on arrival / orders
  'cycleServiceLevel', // replenishment cycles without stock-out / cycles (customer-facing stocks)
  'readyRate', // fraction of time on-hand > 0 (mean over customer-facing stocks)
  'otif', // orders delivered complete within the promise / (orders completed + open orders past due)
  'customerLeadTimeMean', // [days] delivery − order time
  'customerLeadTimeP95', // [days]
  'avgOnHand', // [units] time-average on-hand, all stock points
  'avgOnOrder', // [units] time-average pipeline, all stock points
  'avgBackorders', // [units] time-average customer backorders
  'lostSalesUnits', // [units]
  'lostSalesFraction', // lost units / demanded units
  'demandUnits', // [units]
  'unitsDelivered', // [units] shipped to customers
  'orderProcessingWait', // [days] mean wait for a back-office server
  'orderProcessingUtilisation', // busy servers / servers, all back offices
  'orderProcessingProbWait', // orders that found every regular server busy / orders started, all back offices
  'productionUtilisation', // busy lines / lines, all plants
  'orderProcessingQueue', // [orders] time-average orders waiting for a back-office server
  'orderProcessingPeakQueue', // [orders] most orders waiting at once in any back office
  // The P&L, in its order (pnl.ts): every cost line once; [money] over the window.
  'revenue', // units shipped to customers × segment price
  'cogs', // Σ over products: units shipped to customers × standard unit cost
  'grossMargin', // revenue − cogs
  'grossMarginRatio', // grossMargin / revenue
  'costVariance', // goods bought or made above (+) / below (−) their standard cost
  'transportCost',
  'holdingCost',
  'orderingCost',
  'fixedCost', // open sites and production lines, per day
  'logisticsCost', // transport + holding + ordering + fixed
  'staffCost', // regular order-processing servers: working hours × cost per server-hour
  'overtimeCost', // extra order-processing servers, per hour worked
  'backOfficeCost', // staff + overtime
  'backorderCost', // per unit-day on customer backorder
  'lostSaleCost', // per unit lost
  'penaltyCost', // backorder + lost sale
  'disposalCost', // expired units × (standard cost + disposal cost)
  'totalCost', // cogs + costVariance + logistics + back office + penalties + disposal
  'operatingProfit', // grossMargin − costVariance − logistics − back office − penalties − disposal = revenue − totalCost
  'operatingMarginRatio', // operatingProfit / revenue
  'inventoryCost', // holding + ordering [money] (a view, not a P&L line)
  'purchaseSpend', // [money] price × units received from suppliers (not a P&L line: goods enter stock at standard cost)
  'productionSpend', // [money] production cost per unit × units made (not a P&L line, likewise)
  'avgInventoryValue', // [money] time-average on-hand × unit cost
  'avgOnOrderValue', // [money] time-average on order × unit cost
  'avgBackordersValue', // [money] time-average customer backorders × unit cost
  'avgReceivables', // [money]
  'avgPayables', // [money]
  'dio', // [days] avg inventory value / (cogs per day)
  'dso', // [days] avg receivables / (revenue per day)
  'dpo', // [days] avg payables / (purchaseSpend per day)
  'cashToCash', // [days] dio + dso − dpo
  'orderToCashMean', // [days]
  'orderToCashP95',
  'requisitionToPaymentMean', // [days]
  'requisitionToPaymentP95',
  'cashReceipts', // [money] received in the window
  'cashPayments', // [money] paid in the window
  'cashEnd', // [money] initial cash + receipts − payments
  'cashMin', // [money] lowest end-of-day cash
  'lostRevenue', // [money] lost units × segment price
  'disruptionEvents', // disruption windows beginning in the window (see risk.ts)
  'disruptionDays', // [days] time under at least one disruption
  'fillRateBeforeDisruption', // fill rate before the first event (pre-event level)
  'fillRateDuringDisruption', // fill rate on days touched by a disruption
  'fillRateAfterDisruption', // fill rate in the risk.afterDays days after the first event
  'timeToRecover', // [days] event end → recovery KPI back within the band (censored at the horizon)
  // Freshness (perishable products; NaN when none is — definitions in perishables.ts):
  'wasteUnits', // [units] expired units
  'wasteFraction', // expired units / units received from suppliers and production
  'wasteValue', // [money] expired units × unit cost (part of disposalCost)
  'avgAgeOnHand', // [days] time-average age of units on hand
  'avgAgeAtDelivery', // [days] unit-weighted age of units reaching customers
  'shareBelowMinRemainingLife', // demand units finding enough on hand, but not fresh enough / demand units
  // Reserves (allocation.ts; NaN when no stock has one):
  'reserveRefusals', // orders of a priority a reserve excludes that got fewer units on arrival because of it
  'reserveHeldUnits', // [units] the units those orders did not get on arrival
  // Multi-line orders and fallback DCs (order-lines-kpis.ts):
  'lineFillRate', // order lines served complete from stock on arrival / lines (= orderFillRate for single-line orders)
  'linesPerOrder', // [lines/order] mean lines of the orders reaching the stock
  'otherDcShare', // orders with a line shipped from a DC other than the home DC / orders (segments with a servedBy list; NaN when none has)
  'events', // events executed (for throughput figures)
] as const;

export const SITE_KPIS = [
  'fillRate', // all requesters, internal ones included
  'orderFillRate',
  'cycleServiceLevel',
  'readyRate',
  'avgOnHand',
  'avgOnOrder',
  'avgBackorders',
  'replenishmentLeadTime', // [days] unit-weighted order-to-receipt time
  'throughput', // [units/day] issued
  'receiptRate', // [units/day] received
  'backorderDelay', // [days] unit-weighted wait of backordered units
  'ordersPlaced',
  'holdingCost',
  'orderProcessingWait', // [days]
  'orderProcessingUtilisation',
  'productionUtilisation',
  'wasteUnits', // [units] expired here
  'wasteFraction', // expired / received here
  'avgAgeOnHand', // [days]
  'orderProcessingProbWait', // orders that found every regular server busy / orders started
  'backorderRate', // [units/day] backordered units served; Little: avgBackorders ≈ backorderRate × backorderDelay (+ abandoned units × patience)
  // Customer service of the segments this site serves (NaN where it serves none):
  'otif', // orders on time in full / orders (as the overall OTIF)
  'customerLeadTimeMean', // [days]
  'customerLeadTimeP95', // [days] pooled over the site's segments
  'lostSalesUnits', // [units]
  'lostSalesFraction', // lost units / units demanded by its segments
  'reserveRefusals', // as overall, at this site's stocks (NaN where none has a reserve)
  'reserveHeldUnits', // [units]
] as const;

export const SEGMENT_KPIS = [
  'fillRate',
  'orderFillRate',
  'otif',
  'customerLeadTimeMean',
  'customerLeadTimeP95',
  'avgBackorders',
  'lostSalesUnits',
  'lostSalesFraction',
  'demandUnits',
  'orders',
  'revenue',
  'avgAgeAtDelivery', // [days]
  'shareBelowMinRemainingLife', // see perishables.ts
  // The stocks that serve the segment (its product mix at its site):
  'cycleServiceLevel', // their replenishment cycles without stock-out / their cycles
  'readyRate', // fraction of time on-hand > 0, weighted by the segment's product mix
  'lineFillRate', // as overall (order-lines-kpis.ts)
  'linesPerOrder', // [lines/order]
  'otherDcShare', // NaN when the segment has a single DC
] as const;

export type OverallKpi = (typeof OVERALL_KPIS)[number];
