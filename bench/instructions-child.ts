/**
 * Child process of bench/instructions.ts, run under valgrind: runs COUNT replications of one
 * model in this thread, as a worker does (runReplication: replication, then KPI collection),
 * and prints {events} as JSON. Usage: instructions-child.ts default|base-stock COUNT.
 */
import { tuneJitForSimulation } from '../src/engine/jit-tuning.ts';
import { runReplication } from '../src/experiment/replicate.ts';
import { kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { baseStockScenario, defaultScenario } from './lib.ts';

tuneJitForSimulation();

const [model = 'base-stock', countText = '100'] = process.argv.slice(2);
const net = buildNetwork(model === 'default' ? defaultScenario() : baseStockScenario());
const layout = kpiLayout(net);
const eventsAt = layout.names.indexOf('events');
let events = 0;
for (let i = 0; i < Number(countText); i++) events += runReplication(net, layout, 1, i)[eventsAt]!;
process.stdout.write(`${JSON.stringify({ events })}\n`);
