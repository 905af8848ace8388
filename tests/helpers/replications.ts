/** Runs a scenario's replications in this thread, one reused model, for tests that read KPIs by name. */
import { collectKpis, kpiLayout } from '../../src/model/kpis.ts';
import { buildNetwork } from '../../src/model/network.ts';
import { Replication } from '../../src/model/replication.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

/** KPI records of replications 0 … n − 1 of `s` (seed `s.seed`), with the replications for inspection. */
export function runReplications(s: Scenario, n: number, inspect?: (rep: Replication, k: Record<string, number>) => void): Array<Record<string, number>> {
  const net = buildNetwork(s);
  const layout = kpiLayout(net);
  const rep = new Replication(net);
  const out = new Float64Array(layout.length);
  const rows: Array<Record<string, number>> = [];
  for (let i = 0; i < n; i++) {
    rep.run(s.seed, i);
    collectKpis(rep, layout, out);
    const row = Object.fromEntries(layout.names.slice(0, layout.kpiCount).map((k, j) => [k, out[j]!]));
    if (inspect) inspect(rep, row);
    rows.push(row);
  }
  return rows;
}
