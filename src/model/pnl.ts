/**
 * The P&L of one replication, over the window [warm-up, horizon] (DOMAIN.md). Every cost line
 * appears once, and the lines add up by construction:
 *
 *   revenue                      units shipped to customers × segment price
 * − cogs                         Σ over products: units shipped to customers × standard unit cost
 * = grossMargin
 * − costVariance                 goods bought or made above (+) / below (−) their standard cost
 * − logisticsCost                transport + holding + ordering + fixed (sites and production lines)
 * − backOfficeCost               staff (regular servers' working hours) + overtime (extra servers)
 * − penaltyCost                  backorder (per unit-day) + lost sale (per unit)
 * − disposalCost                 expired stock written off at standard cost + disposal fees
 * = operatingProfit              (totalCost = revenue − operatingProfit)
 *
 * Goods enter inventory at their standard cost (standard-cost.ts) and leave it as COGS when
 * shipped to a customer, so purchases and production are not P&L lines: `purchaseSpend` and
 * `productionSpend` report what was spent, and `costVariance` what that spend cost above the
 * standard. Holding and penalties are costs, not payments; cash (receipts − payments, finance.ts)
 * is a separate view.
 */
import type { OverallKpi } from './kpis.ts';
import { div } from './ratio.ts';
import type { Replication } from './replication.ts';

/**
 * Fills the P&L lines of `v`. Expects revenue, holdingCost, backorderCost, lostSaleCost,
 * overtimeCost and disposalCost already set; `T` is the window [days].
 */
export function writePnl(rep: Replication, v: Record<OverallKpi, number>, T: number): void {
  const net = rep.net;
  const sps = net.stockPoints;
  let cogs = 0;
  for (let i = 0; i < sps.length; i++) cogs += rep.customerUnits[i]! * sps[i]!.unitCost;
  v.cogs = cogs;
  v.grossMargin = v.revenue - cogs;
  v.grossMarginRatio = div(v.grossMargin, v.revenue);
  v.costVariance = rep.costs.variance;
  v.orderingCost = rep.costs.ordering;
  v.transportCost = rep.costs.transport;
  let fixed = 0;
  for (const s of net.sites) fixed += s.fixedCostPerDay * T;
  v.fixedCost = fixed;
  v.logisticsCost = v.transportCost + v.holdingCost + v.orderingCost + v.fixedCost;
  let staff = 0;
  for (const b of rep.backOffices) staff += b.staffCost(net.warmupDays, net.horizonDays);
  v.staffCost = staff;
  v.backOfficeCost = v.staffCost + v.overtimeCost;
  v.penaltyCost = v.backorderCost + v.lostSaleCost;
  v.totalCost = cogs + v.costVariance + v.logisticsCost + v.backOfficeCost + v.penaltyCost + v.disposalCost;
  v.operatingProfit = v.grossMargin - v.costVariance - v.logisticsCost - v.backOfficeCost - v.penaltyCost - v.disposalCost;
  v.operatingMarginRatio = div(v.operatingProfit, v.revenue);
  v.inventoryCost = v.holdingCost + v.orderingCost;
  v.purchaseSpend = rep.costs.purchase;
  v.productionSpend = rep.costs.production;
}
