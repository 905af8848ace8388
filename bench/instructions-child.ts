/**
 * Child process of bench/instructions.ts, run under valgrind: runs COUNT replications of one
 * model in this thread (replication, then KPI collection, as a worker does) and prints
 * {events} as JSON. Usage: instructions-child.ts default|base-stock COUNT.
 */
import { tuneJitForSimulation } from '../src/engine/jit-tuning.ts';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { baseStockScenario, defaultScenario } from './lib.ts';

tuneJitForSimulation();

const [model = 'base-stock', countText = '100'] = process.argv.slice(2);
const net = buildNetwork(model === 'default' ? defaultScenario() : baseStockScenario());
const rep = new Replication(net);
const layout = kpiLayout(net);
const kpis = new Float64Array(layout.length);
let events = 0;
for (let i = 0; i < Number(countText); i++) {
  rep.run(1, i);
  collectKpis(rep, layout, kpis);
  events += rep.sim.eventsExecuted;
}
process.stdout.write(`${JSON.stringify({ events })}\n`);
