/**
 * The shipped scenarios' reports, made the way a user makes them (`scsim <kind> SCENARIO --out DIR
 * --report`), on short horizons and few replications so the browser test stays quick: every
 * experiment each scenario's header suggests. Holiday-surge keeps its full horizon (the surge
 * is in November) and supplier-outage a long one (so outages happen).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));

export interface ShippedExperiment {
  id: string;
  scenario: string;
  args: string[];
}

const short = (days: number, warmup: number, n: number) => ['--horizon', String(days), '--warmup', String(warmup), '-n', String(n)];

export const SHIPPED: ShippedExperiment[] = [
  { id: 'bottler-run', scenario: 'bottler-17-plants.yaml', args: ['run', ...short(60, 10, 2)] },
  { id: 'bto-run', scenario: 'build-to-order-vs-stock.yaml', args: ['run', ...short(120, 20, 2)] },
  { id: 'bto-compare', scenario: 'build-to-order-vs-stock.yaml', args: ['compare', '--variants', ...short(120, 20, 2)] },
  { id: 'dc-run', scenario: 'dc-consolidation.yaml', args: ['run', ...short(90, 15, 2)] },
  { id: 'dc-compare', scenario: 'dc-consolidation.yaml', args: ['compare', '--variants', ...short(90, 15, 2)] },
  { id: 'dc-frontier', scenario: 'dc-consolidation.yaml', args: ['frontier', ...short(90, 15, 2)] },
  { id: 'dc-sweep', scenario: 'dc-consolidation.yaml', args: ['sweep', ...short(90, 15, 2)] },
  { id: 'holiday-run', scenario: 'holiday-surge.yaml', args: ['run', '-n', '2'] },
  { id: 'holiday-compare', scenario: 'holiday-surge.yaml', args: ['compare', '--variants', '-n', '2'] },
  { id: 'pharmacy-run', scenario: 'perishable-pharmacy.yaml', args: ['run', '-n', '4'] },
  { id: 'scm-compare', scenario: 'scm-vs-crm.yaml', args: ['compare', ...short(60, 10, 2)] },
  { id: 'outage-run', scenario: 'supplier-outage.yaml', args: ['run', ...short(400, 30, 3)] },
  { id: 'outage-compare', scenario: 'supplier-outage.yaml', args: ['compare', '--variants', ...short(400, 30, 3)] },
  { id: 'placement-optimize', scenario: 'safety-stock-placement.yaml', args: ['optimize', '--placement', ...short(150, 30, 3)] },
  { id: 'placement-frontier', scenario: 'safety-stock-placement.yaml', args: ['frontier', '--placement', '--targets', '0.9,0.95,0.98', ...short(150, 30, 3)] },
  // No shipped scenario has an optimize: section; the what-if fixture's stands in.
  { id: 'basestock-optimize', scenario: '../tests/fixtures/whatif-basestock.yaml', args: ['optimize', '-n', '3'] },
];

/** Runs one experiment with `--out root/<id> --report`; returns the report folder. */
export async function makeShippedReport(e: ShippedExperiment, root: string): Promise<string> {
  const [kind, ...rest] = e.args;
  const out = join(root, e.id);
  // In-process replications (-w 0): the test is about reports, and it runs beside other tests.
  await promisify(execFile)(process.execPath, [BIN, kind!, join(SCENARIOS, e.scenario), ...rest, '-w', '0', '-q', '--out', out, '--report'], { maxBuffer: 64 << 20 });
  return join(out, 'report');
}
