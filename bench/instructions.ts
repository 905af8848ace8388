/**
 * `npm run bench:instructions`: machine instructions executed per event and per replication,
 * counted by valgrind (cachegrind), on the base-stock model, the default scenario and the two
 * models of the reference section (bench/scenarios/). `-- inventory,mm1` counts only those.
 *
 * Why: on a shared machine wall time moves by tens of per cent from one process to the next
 * (bench/README.md), so a change worth a few per cent needs dozens of timed runs to show.
 * The instruction count repeats to within ≈ 1.5% (when V8 compiles and collects still varies a
 * little): count before and after a change, twice for changes of a few per cent. It is a
 * proxy (fewer instructions can still stall longer on cache misses or mispredicted branches),
 * so confirm a gain with `npm run bench`.
 *
 * Each model runs twice, with `lo` and `hi` replications, in fresh processes; the difference
 * over hi − lo is the steady cost of one replication, start-up and JIT compilation cancelled.
 * V8 runs --single-threaded, so it compiles on the counted thread the same way every time.
 * Needs valgrind on the PATH (Debian: `apt-get install valgrind`); takes about 3 minutes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childScript } from './lib.ts';

/** Models and replication counts (hi − lo replications are the measured difference). */
const MODELS: Array<{ name: string; title: string; lo: number; hi: number; /** scsim model it is the reference of */ reference?: string }> = [
  { name: 'base-stock', title: 'single-site base-stock', lo: 100, hi: 400 },
  { name: 'default', title: 'default scenario', lo: 2, hi: 6 },
  { name: 'inventory', title: 'inventory 1 DC, 3 stores', lo: 10, hi: 40 },
  { name: 'mm1', title: 'M/M/1, 100,000 customers', lo: 1, hi: 3 },
  { name: 'inventory-reference', title: '  hand-written reference', lo: 10, hi: 40, reference: 'inventory' },
  { name: 'mm1-reference', title: '  hand-written reference', lo: 1, hi: 3, reference: 'mm1' },
];
const only = process.argv[2]?.split(',');

/** Instructions and events of one child run of `count` replications. */
async function count(model: string, replications: number): Promise<{ instructions: number; events: number }> {
  const node = [process.execPath, '--single-threaded', ...childScript('instructions-child'), model, String(replications)];
  const args = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', ...node];
  const { stdout, stderr } = await promisify(execFile)('valgrind', args, { maxBuffer: 1 << 24 });
  const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (!refs) throw new Error(`valgrind printed no instruction count:\n${stderr.slice(-2000)}`);
  return { instructions: Number(refs[1]!.replaceAll(',', '')), events: (JSON.parse(stdout) as { events: number }).events };
}

try {
  await promisify(execFile)('valgrind', ['--version']);
} catch {
  process.stderr.write('bench:instructions: valgrind is not on the PATH (Debian: apt-get install valgrind)\n');
  process.exit(2);
}
process.stdout.write(`scsim instruction counts: valgrind cachegrind, node ${process.version} --single-threaded\n`);
/** Instructions per replication of each model counted so far (for the reference ratios). */
const perReplicationOf = new Map<string, number>();
for (const m of MODELS) {
  if (only && !only.includes(m.name)) continue;
  const lo = await count(m.name, m.lo);
  const hi = await count(m.name, m.hi);
  const instructions = hi.instructions - lo.instructions;
  const perReplication = instructions / (m.hi - m.lo);
  const perEvent = instructions / (hi.events - lo.events);
  const scsim = m.reference ? perReplicationOf.get(m.reference) : undefined;
  perReplicationOf.set(m.name, perReplication);
  const tail = m.reference ? (scsim ? `; scsim / reference ${(scsim / perReplication).toFixed(2)}×` : '') : `, ${perEvent.toFixed(0).padStart(5)} per event`;
  process.stdout.write(`  ${m.title.padEnd(24)} ${(perReplication / 1e6).toFixed(2).padStart(8)} M instructions per replication${tail}\n`);
}
