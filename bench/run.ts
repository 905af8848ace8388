/**
 * `npm run bench [-- --full] [-- --only events,scaling] [-- --runs 5]`: the performance figures
 * of scsim, printed as a table. Not a test: nothing here passes or fails, the targets are
 * printed beside the figures for a human to read.
 *
 * Sections live in bench/sections/, one file each, listed in bench/sections/index.ts; each
 * returns rows of (measure, value, note). Every timed figure is the median of `--runs` runs
 * (default 3), after an untimed warm-up run. Figures measured on a busy machine are low: the
 * header prints the load average so a reader can tell.
 *
 * --full also runs what takes minutes instead of estimating it (1,000 replication-years; peak
 * memory with time series kept).
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { tuneJitForSimulation } from '../src/engine/jit-tuning.ts';
import type { BenchContext, Row } from './lib.ts';
import { sections } from './sections/index.ts';

tuneJitForSimulation();

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3) {
  process.stderr.write(`bench: --runs must be an integer ≥ 3 (medians of at least three runs), got ${values.runs}\n`);
  process.exit(2);
}
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => !sections.some((s) => s.name === name)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown section ${unknown.join(', ')} (known: ${sections.map((s) => s.name).join(', ')})\n`);
  process.exit(2);
}

const ctx: BenchContext = { full: values.full, runs, cores: availableParallelism() };
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
process.stdout.write(
  `scsim benchmark: node ${process.version}, ${ctx.cores} cores, load average ${load}, median of ${runs} runs${ctx.full ? ', --full' : ''}\n`,
);

/** Prints rows as aligned columns under a section title. */
function printSection(title: string, rows: Row[], seconds: number): void {
  const w0 = Math.max(...rows.map((r) => r.measure.length));
  const w1 = Math.max(...rows.map((r) => r.value.length));
  process.stdout.write(`\n${title} (${seconds.toFixed(0)} s)\n`);
  for (const r of rows) process.stdout.write(`  ${r.measure.padEnd(w0)}  ${r.value.padStart(w1)}${r.note ? `   ${r.note}` : ''}\n`);
}

for (const section of sections) {
  if (only && !only.includes(section.name)) continue;
  const t0 = performance.now();
  try {
    const rows = await section.run(ctx);
    printSection(section.title, rows, (performance.now() - t0) / 1000);
  } catch (err) {
    process.stdout.write(`\n${section.title}: failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
