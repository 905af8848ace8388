/** Shared helpers for the transport tests: tiny scenarios with vehicles, run replication by replication. */
import { loadScenario } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { writeScenario } from './scenario-helpers.ts';
export { runReplications } from './helpers/replications.ts';

/**
 * One DC with ample stock (bought from a supplier with no lead time) delivering one unit per
 * order to one segment, Poisson orders at `ordersPerDay` (or the arrivals line given), over a
 * delivery lane (`lane`: its transit and costs) with `vehicles` (YAML flow mapping; '' for none);
 * `product` is the product's mapping, `inbound` the supplier lane's keys; `extra` lines are
 * appended to the scenario.
 */
export function deliveryScenario(
  vehicles: string,
  ordersPerDay: number | string,
  { horizonDays = 400, warmupDays = 20, extra = '', lane = 'transitTime: 0.5, costPerUnit: 0.1', product = '{unitCost: 10}', inbound = 'transitTime: 0', orderSize = 1, policy = '{type: base-stock, S: 1000000}' } = {},
): Scenario {
  return loadScenario(
    writeScenario(`name: transport
horizonDays: ${horizonDays}
warmupDays: ${warmupDays}
products:
  widget: ${product}
sites:
  maker:
    type: supplier
    products: {widget: {price: 10}}
    leadTime: 0
  dc:
    type: dc
    source: maker
    policy: ${policy}
    stock:
      widget: {}
segments:
  shops:
    servedBy: dc
    product: widget
    ${typeof ordersPerDay === 'number' ? `ordersPerDay: ${ordersPerDay}` : ordersPerDay}
    orderSize: ${orderSize}
    price: 20
lanes:
  - {from: maker, to: dc, ${inbound}}
  - {from: dc, to: shops, ${lane}${vehicles === '' ? '' : `, vehicles: ${vehicles}`}}
${extra}`),
  );
}

