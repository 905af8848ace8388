/**
 * Child process of bench/instructions.ts, run under valgrind: runs COUNT replications of one
 * model in this thread, as a worker does (runReplication: replication, then KPI collection),
 * and prints {events} as JSON. Usage: instructions-child.ts default|base-stock|inventory|mm1 COUNT.
 * inventory and mm1 are the models of bench/scenarios/ (the reference section's); mm1 with a
 * tenth of its horizon (about 100,000 customers), so that a count under valgrind stays short;
 * inventory-reference and mm1-reference are the hand-written engines of the same models.
 */
import { tuneJitForSimulation } from '../src/engine/jit-tuning.ts';
import { runReplication } from '../src/experiment/replicate.ts';
import { kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { projectFile } from '../src/project-paths.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { baseStockScenario, defaultScenario } from './lib.ts';
import * as inventoryReference from './reference/inventory.ts';
import * as mm1Reference from './reference/mm1.ts';

tuneJitForSimulation();

const [model = 'base-stock', countText = '100'] = process.argv.slice(2);
// The hand-written references (bench/reference/): events are not counted, customers stand in.
if (model === 'inventory-reference' || model === 'mm1-reference') {
  for (let i = 0; i < Number(countText); i++)
    if (model === 'inventory-reference') inventoryReference.replicate(i + 1);
    else mm1Reference.replicate(i + 1, 1_111);
  process.stdout.write(`${JSON.stringify({ events: 0 })}\n`);
  process.exit(0);
}
const scenario =
  model === 'default'
    ? defaultScenario()
    : model === 'inventory'
      ? loadScenario(projectFile('bench', 'scenarios', 'inventory-3-stores.yaml'))
      : model === 'mm1'
        ? loadScenario(projectFile('bench', 'scenarios', 'mm1.yaml'), ['horizonDays=1111'])
        : baseStockScenario();
const net = buildNetwork(scenario);
const layout = kpiLayout(net);
const eventsAt = layout.names.indexOf('events');
let events = 0;
for (let i = 0; i < Number(countText); i++) events += runReplication(net, layout, 1, i)[eventsAt]!;
process.stdout.write(`${JSON.stringify({ events })}\n`);
