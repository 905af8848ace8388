/**
 * Start-up: the CPU a whole `scsim` process costs beyond an empty `node -e 0`, for commands
 * that do little (`--help`, `--version`) and for the smallest run (one replication of the
 * one-site model in the main thread). Targets: 0.25 s and 0.5 s of CPU more than an empty
 * node process. What dominates start-up is loading modules, which is why the report writer
 * (vega, vega-lite, d3, resvg) and the worker pool (piscina) load only when used
 * (src/cli/lazy-report.ts, scripts/build.mjs).
 *
 * CPU, not wall time: user + system time of the finished child, read from this process's
 * children totals in /proc/self/stat (10 ms ticks; wall time where there is no /proc). The
 * commands run interleaved, `node -e 0` beside them, so a slow spell of the machine hits all
 * of them alike; the figure is the median of the differences.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectFile } from '../../src/project-paths.ts';
import { BASE_STOCK_FILE, median, type Row, type Section } from '../lib.ts';

/** Clock ticks per second of /proc (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** User + system CPU [s] of this process's waited-for children so far, or undefined without /proc. */
function childrenCpu(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name in parentheses; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    return undefined;
  }
}

/** CPU [s] of one process running `args` (wall time where CPU cannot be read). */
function processCpu(args: string[]): number {
  const before = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  const after = childrenCpu();
  return before === undefined || after === undefined ? wall : after - before;
}

const SCSIM = projectFile('bin', 'scsim.js');

const COMMANDS: Array<{ measure: string; args: string[]; target: number }> = [
  { measure: 'scsim --help', args: [SCSIM, '--help'], target: 0.25 },
  { measure: 'scsim --version', args: [SCSIM, '--version'], target: 0.25 },
  { measure: 'scsim run -n 1 -w 0 (one site)', args: [SCSIM, 'run', BASE_STOCK_FILE, '-n', '1', '-w', '0', '-q'], target: 0.5 },
];

export const startup: Section = {
  name: 'startup',
  title: 'Start-up: CPU of a whole process beyond `node -e 0`',
  async run(ctx) {
    const runs = Math.max(7, ctx.runs);
    const empty: number[] = [];
    const excess: number[][] = COMMANDS.map(() => []);
    processCpu([SCSIM, '--version']); // untimed: builds dist/ if stale, warms the file cache
    for (let i = 0; i < runs; i++) {
      for (let c = 0; c < COMMANDS.length; c++) {
        const base = processCpu(['-e', '0']);
        empty.push(base);
        excess[c]!.push(processCpu(COMMANDS[c]!.args) - base);
      }
    }
    const rows: Row[] = [{ measure: 'node -e 0', value: `${median(empty).toFixed(2)} s`, note: `CPU; median of ${empty.length}` }];
    COMMANDS.forEach((cmd, c) => {
      const x = median(excess[c]!);
      rows.push({
        measure: cmd.measure,
        value: `+${x.toFixed(2)} s`,
        note: `target +${cmd.target} s: ${x <= cmd.target ? 'met' : 'NOT met'} (range ${Math.min(...excess[c]!).toFixed(2)}–${Math.max(...excess[c]!).toFixed(2)})`,
      });
    });
    return rows;
  },
};
