/**
 * The scsim command line. Thin: it parses arguments and calls the same functions the
 * library exports; each command lives in its own file.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { guarded, overrideSets, UsageError } from './common.ts';
// Each command's module loads when the command runs (start-up: src/cli/commands.ts).
import {
  compareCommand,
  frontierCommand,
  mergeCommand,
  optimizeCommand,
  reportCommand,
  runCommand,
  schemaCommand,
  sweepCommand,
  validateCommand,
  validateTheoryCommand,
  importCommand,
} from './commands.ts';
import type { Argv } from 'yargs';
import { tuneJitForSimulation } from '../engine/jit-tuning.ts';
import { scsimVersion } from '../project-paths.ts';
import { exitQuietlyOnClosedPipe } from './output.ts';

tuneJitForSimulation();
exitQuietlyOnClosedPipe();

/** Options shared by sweep, frontier, compare and optimize (same meaning as in `run`). */
function experimentOptions<T>(y: Argv<T>) {
  return y
    .positional('scenario', { type: 'string', description: 'Scenario file (YAML or JSON); default: scenarios/bottler-17-plants.yaml' })
    .option('replications', { alias: 'n', type: 'number', description: 'Replications per alternative (default: the scenario’s)' })
    .option('seed', { alias: 's', type: 'number', description: 'Master seed, the same for every alternative (default: the scenario’s)' })
    .option('workers', { alias: 'w', type: 'number', description: 'Worker threads, one pool for the whole experiment; 0 runs in the main thread (default: the machine’s cores, started once the work is estimated to take over a second)' })
    .option('batch-size', batchSizeOption)
    .option('set', setOption)
    .option('horizon', { type: 'number', description: 'Override horizonDays [days]' })
    .option('warmup', { type: 'number', description: 'Override warmupDays [days]' })
    .option('confidence', { type: 'number', default: 0.95, description: 'Confidence level of the intervals' })
    .option('json', { type: 'boolean', description: 'Print the results as JSON' })
    .option('out', { alias: 'o', type: 'string', description: 'Also write results.json (and a CSV, where there is one) to this folder' })
    .option('quiet', { alias: 'q', type: 'boolean', description: 'No progress output' });
}

const batchSizeOption = { type: 'number', description: 'Replications per batch sent to a worker (default: about 8 batches per worker, at most 64)' } as const;

/** `--precision` and its companions, as in `run` (sweep and compare: every alternative alike). */
function precisionOptions<T>(y: Argv<T>) {
  return y
    .option('precision', { type: 'number', description: 'Add replications until the --kpi relative CI half-width is at most this in every alternative (0.01 = ±1%); instead of -n' })
    .option('kpi', { type: 'string', description: 'KPI watched by --precision, e.g. fillRate, segment.retail.otif (default: fillRate)' })
    .option('max-replications', { type: 'number', description: 'Cap of --precision per alternative (default: 1000)' });
}

const reportOption = {
  type: 'boolean',
  description: 'Also write the chart report: into DIR/report/ with --out DIR, else reports/<scenario file name>-<kind>/',
} as const;

const paramOption = {
  type: 'string',
  array: true,
  description:
    'Swept field: path=v1,v2,… or path=lo:hi:step; repeatable; replaces the scenario’s sweep: section. "variant=base,NAME" sweeps named variants; "*" in a path segment matches every key (sites.dc-*.policy.S)',
} as const;

const modeOption = { choices: ['grid', 'zip'] as const, description: 'grid: every combination (default); zip: the i-th values together' };

const quantilesOption = {
  type: 'string',
  description: 'Quantiles across replications to report for every KPI, comma-separated (default: 0.05,0.5,0.95)',
} as const;
const setOption = {
  type: 'string',
  array: true,
  description: 'Override a scenario field: --set path=value (e.g. --set sites.dc-north.policy.s=120); repeatable',
} as const;

/** `--shard` of run, sweep, frontier and compare (src/cli/shard.ts). */
const shardOption = {
  type: 'string',
  description:
    'Run only shard K of N (0-based: 0/4 … 3/4) and write a shard file to --out for "scsim merge"; "auto" reads the array index of a Kubernetes Indexed Job, AWS Batch or Slurm job array',
} as const;

const blockSizeOption = {
  type: 'number',
  description: 'Replications per block handed to shards (with --shard; default 50)',
} as const;

/**
 * Parses with two changes to how yargs does help:
 * - no help pre-rendering: before it runs a command, yargs renders that command's whole help
 *   text and keeps it in case the command asks for it (scsim never does); wrapping it costs
 *   ≈ 0.1 s of CPU per command (`npm run bench`, start-up). `--help` still renders it.
 * - examples on lines of their own: yargs puts an example's command in a column of half the
 *   width and breaks it mid-word (`…targetServi` / `ceLevel=…`), so a copied command fails.
 *   Each example is its description as a comment, then the command on a full-width line.
 */
async function withScsimHelp(parse: () => ReturnType<Argv['parseAsync']>): Promise<unknown> {
  type Proto = { getInternalMethods?: () => unknown; example?: (cmd: unknown, description?: string) => unknown };
  const proto = Object.getPrototypeOf(yargs()) as Proto;
  const { getInternalMethods, example } = proto;
  if (typeof getInternalMethods !== 'function' || typeof example !== 'function') return await parse();
  proto.getInternalMethods = function (this: unknown) {
    const methods = getInternalMethods.call(this) as { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
    const usage = methods.getUsageInstance?.();
    if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
    return methods;
  };
  proto.example = function (this: unknown, cmd: unknown, description?: string) {
    if (typeof cmd !== 'string' || !description) return example.call(this, cmd, description);
    example.call(this, `# ${description}`, '');
    return example.call(this, cmd, '');
  };
  try {
    return await parse();
  } finally {
    Object.assign(proto, { getInternalMethods, example });
  }
}

async function main(argv: string[]): Promise<number> {
  let code = 0;
  const exit = (c: number) => {
    code = c;
  };
  const parser = () =>
    yargs(argv)
    .scriptName('scsim')
    .usage('$0 <command> [options]\n\nDiscrete-event simulation and what-if planning for supply chains.')
    .command(
      'run [scenario]',
      'Run Monte Carlo replications of a scenario and report KPIs with confidence intervals',
      (y) =>
        y
          .positional('scenario', { type: 'string', description: 'Scenario file (YAML or JSON); default: scenarios/bottler-17-plants.yaml' })
          .option('replications', { alias: 'n', type: 'number', description: 'Number of replications (default: the scenario’s)' })
          .option('seed', { alias: 's', type: 'number', description: 'Master seed (default: the scenario’s)' })
          .option('json', { type: 'boolean', description: 'Print the results as JSON' })
          .option('set', setOption)
          .option('horizon', { type: 'number', description: 'Override horizonDays [days]' })
          .option('warmup', { type: 'number', description: 'Override warmupDays [days]' })
          .option('confidence', { type: 'number', default: 0.95, description: 'Confidence level of the intervals' })
          .option('quantiles', quantilesOption)
          .option('quiet', { alias: 'q', type: 'boolean', description: 'No progress output' })
          .option('workers', { alias: 'w', type: 'number', description: 'Worker threads; 0 runs in the main thread (default: the machine’s cores, started once the run is estimated to take over a second)' })
          .option('batch-size', batchSizeOption)
          .option('precision', { type: 'number', description: 'Add replications until the --kpi relative CI half-width is at most this (0.01 = ±1%)' })
          .option('kpi', { type: 'string', description: 'KPI watched by --precision, e.g. fillRate, site.dc-iberia.fillRate (default: fillRate)' })
          .option('max-replications', { type: 'number', description: 'Cap of --precision (default: 1000)' })
          .option('out', { alias: 'o', type: 'string', description: 'Also write results.json, replications.csv and scenario.json (as run) to this folder' })
          .option('shard', shardOption)
          .option('block-size', blockSizeOption)
          .option('report', { type: 'boolean', description: 'Also write the chart report: into DIR/report/ with --out DIR, else reports/<scenario file name>/' })
          .example('$0 run', 'Run the default bottler scenario')
          .example('$0 run scenarios/holiday-surge.yaml -n 50 --seed 7 --json', 'JSON results of 50 replications')
          .example('$0 run --precision 0.005 --kpi fillRate --out results/base', 'Replicate until the fill rate is known within ±0.5%, save the results'),
      async (a) => exit(await guarded(() => runCommand(a))),
    )
    .command(
      'sweep [scenario]',
      'Run the Monte Carlo at every point of a parameter grid, on common random numbers; KPIs with intervals per point',
      (y) =>
        precisionOptions(experimentOptions(y))
          .option('param', paramOption)
          .option('mode', modeOption)
          .option('report', reportOption)
          .option('kpis', { type: 'string', array: true, description: 'KPI columns of the table, comma-separated (default: fillRate,otif,inventoryCost,logisticsCost,totalCost,operatingProfit)' })
          .option('shard', shardOption)
          .option('block-size', blockSizeOption)
          .example('$0 sweep scenarios/dc-consolidation.yaml', 'The sweep declared in the file (its sweep: section)')
          .example('$0 sweep --param "sites.dc-*.policy.targetServiceLevel=0.9,0.95,0.98" -n 10', 'Three DC service targets on the default scenario')
          .example('$0 sweep my.yaml --param variant=base,three-dcs --param sites.dc-north.policy.s=80:160:40 --out results/sweep', 'Variants × reorder points; results.json and sweep.csv'),
      async (a) => exit(await guarded(() => sweepCommand({ ...a, param: a.param, mode: a.mode, kpis: a.kpis }))),
    )
    .command(
      'frontier [scenario]',
      'Sweep inventory levers and report the cost vs service Pareto frontier, with intervals and the dominated points marked',
      (y) =>
        experimentOptions(y)
          .option('param', paramOption)
          .option('mode', modeOption)
          .option('cost-kpi', { type: 'string', description: 'Cost axis, lower is better (default: frontier.costKpi, else inventoryCost = holding + ordering)' })
          .option('report', reportOption)
          .option('service-kpi', { type: 'string', description: 'Service axis, higher is better, e.g. fillRate, otif, segment.<id>.otif (default: frontier.serviceKpi, else fillRate)' })
          .option('shard', shardOption)
          .option('block-size', blockSizeOption)
          .option('placement', { type: 'boolean', description: 'Frontier of safety-stock placements: the guaranteed-service plan re-solved at each --targets level, beside uniform safety stock' })
          .option('targets', { type: 'string', description: 'With --placement: service targets, comma-separated (default 0.8,0.85,0.9,0.95,0.98,0.99)' })
          .example('$0 frontier scenarios/dc-consolidation.yaml', 'Six vs three DCs across safety-stock targets')
          .example('$0 frontier --param "sites.dc-*.policy.targetServiceLevel=0.8:0.99:0.03" --service-kpi otif -n 10', 'Frontier of the default network against OTIF'),
      async (a) => exit(await guarded(() => frontierCommand({ ...a, param: a.param, mode: a.mode, costKpi: a.costKpi, serviceKpi: a.serviceKpi, placement: a.placement, targets: a.targets }))),
    )
    .command(
      'compare [scenario]',
      'Compare investment options with the base on common random numbers: paired differences, NPV with its interval, share of wins, ranking',
      (y) =>
        precisionOptions(experimentOptions(y))
          .option('only', { type: 'string', array: true, description: 'Compare only these options (comma-separated or repeated)' })
          .option('variants', { type: 'boolean', description: 'Also compare the scenario’s named variants (no investment cost)' })
          .option('report', reportOption)
          .option('shard', shardOption)
          .option('block-size', blockSizeOption)
          .example('$0 compare scenarios/scm-vs-crm.yaml', 'SCM vs CRM options on the bottler network')
          .example('$0 compare scenarios/scm-vs-crm.yaml --only demand-visibility,extra-line-capacity -n 40 --out results/cmp', 'Two options, 40 replications, results.json'),
      async (a) => exit(await guarded(() => compareCommand({ ...a, only: a.only, variants: a.variants }))),
    )
    .command(
      'optimize [scenario]',
      'Find the cheapest policy parameters that meet a service target, by simulation on common random numbers',
      (y) =>
        experimentOptions(y)
          .option('report', reportOption)
          .option('lever', { type: 'string', array: true, description: 'Lever: path=lo:hi[:step] or path=v1,v2,…; repeatable; replaces optimize.levers ("*" matches every key in a segment)' })
          .option('target', { type: 'number', description: 'Service target, e.g. 0.95 (default: optimize.target)' })
          .option('service-kpi', { choices: ['fillRate', 'otif'] as const, description: 'KPI of the constraint (default: optimize.serviceKpi, else fillRate)' })
          .option('per', { choices: ['overall', 'segment'] as const, description: 'Constrain the overall KPI or every segment’s (default: optimize.per, else segment)' })
          .option('cost-kpi', { type: 'string', description: 'Cost to minimise (default: optimize.costKpi, else inventoryCost)' })
          .option('verify', { choices: ['mean', 'ciLow'] as const, description: 'Constraint met by the mean, or by the CI lower bound (default: optimize.verify, else mean)' })
          .option('max-evaluations', { type: 'number', description: 'Most points to simulate (default 200)' })
          .option('constraint', { type: 'string', array: true, description: 'More constraints on any KPI: KPI>=value or KPI<=value, e.g. site.dc-north.fillRate>=0.9; repeatable' })
          .option('confirm', { type: 'number', description: 'Re-run the chosen point on this many fresh replications (not used by the search) and report its interval' })
          .option('placement', { type: 'boolean', description: 'Where to hold safety stock: guaranteed-service placement per stock, simulated beside uniform safety stock (takes --target)' })
          .option('method', { choices: ['auto', 'grid'] as const, description: 'auto: bisection then exchanges (grid/pattern fallback if service is not monotone); grid: every point of the lever grid (at most 5000, or --max-evaluations), shardable (default: auto)' })
          .option('shard', { ...shardOption, description: `With --method grid: ${shardOption.description}` })
          .option('block-size', blockSizeOption)
          .example('$0 optimize tests/fixtures/whatif-basestock.yaml', 'The optimize: section of a file (smallest S with fill rate ≥ 93%)')
          .example('$0 optimize scenarios/safety-stock-placement.yaml --placement', 'Where to hold safety stock for 95% service, verified by simulation')
          .example('$0 optimize --lever "sites.dc-*.policy.targetServiceLevel=0.8:0.99:0.01" --target 0.97 --per overall -n 10', 'One safety factor for every DC of the default network'),
      async (a) =>
        exit(
          await guarded(() =>
            optimizeCommand({ ...a, lever: a.lever, target: a.target, serviceKpi: a.serviceKpi, per: a.per, costKpi: a.costKpi, verify: a.verify, maxEvaluations: a.maxEvaluations, constraint: a.constraint, confirm: a.confirm, placement: a.placement, method: a.method }),
          ),
        ),
    )
    .command(
      'merge <shards..>',
      'Combine the shard files of a sharded run, sweep, frontier, compare or optimize --method grid (--shard) into the results a single machine writes',
      (y) =>
        y
          .positional('shards', { type: 'string', array: true, demandOption: true, description: 'Shard files, or folders of *.bin shard files' })
          .option('out', { alias: 'o', type: 'string', description: 'Results folder: results.json, replications.csv, scenario.json (as run --out)' })
          .option('json', { type: 'boolean', description: 'Print results.json to stdout' })
          .option('quiet', { alias: 'q', type: 'boolean', description: 'No summary line on stderr' })
          .option('report', { type: 'boolean', description: 'Also write the chart report of the results folder (as scsim report DIR)' })
          .option('quantiles', quantilesOption)
          .example('$0 merge shards/*.bin --out results/base', 'Merge every shard of a run')
          .example('$0 merge shards/ --json', 'Merge the shards in a folder, print the results'),
      async (a) => exit(await guarded(() => mergeCommand({ shards: a.shards, out: a.out, json: a.json, quiet: a.quiet, report: a.report, quantiles: a.quantiles }))),
    )
    .command(
      'report <results>',
      'Write the chart report of a results folder: report.html (self-contained, offline), summary.md, charts as SVG, PNG and vega-lite JSON',
      (y) =>
        y
          .positional('results', { type: 'string', demandOption: true, description: 'Results folder (results.json; replications.csv and scenario.json when present)' })
          .option('out', { alias: 'o', type: 'string', description: 'Report folder (default: RESULTS_DIR/report/); replaced if it exists' })
          .option('name', { type: 'string', description: 'Write the report into reports/<name>/ instead' })
          .option('quiet', { alias: 'q', type: 'boolean', description: 'No summary line on stderr' })
          .example('$0 run --out results/base && $0 report results/base', 'Run the default scenario, then chart it into results/base/report/'),
      async (a) => exit(await guarded(() => reportCommand({ results: a.results, out: a.out, name: a.name, quiet: a.quiet }))),
    )
    .command(
      'validate-theory',
      'Run the validation cases (scenarios/validation/) and hold the simulator to closed forms from theory: PASS/FAIL per check, exit 1 on any FAIL',
      (y) =>
        y
          .option('replications', { alias: 'n', type: 'number', description: 'Replications per case (default: each case scenario’s)' })
          .option('seed', { alias: 's', type: 'number', description: 'Master seed for every case (default: each case scenario’s)' })
          .option('case', { type: 'string', array: true, description: 'Run only this case (repeatable; see --list)' })
          .option('list', { type: 'boolean', description: 'List the cases and exit' })
          .option('workers', { alias: 'w', type: 'number', description: 'Worker threads; 0 runs in the main thread (default: 0)' })
          .option('json', { type: 'boolean', description: 'Print the results as JSON' })
          .option('quiet', { alias: 'q', type: 'boolean', description: 'No progress output' })
          .example('$0 validate-theory', 'Run every case (about a minute)')
          .example('$0 validate-theory --case newsvendor --case mm1-order-processing --json', 'Two cases, as JSON'),
      async (a) =>
        exit(
          await guarded(() =>
            validateTheoryCommand({
              replications: a.replications,
              seed: a.seed,
              case: a.case,
              list: a.list,
              workers: a.workers,
              json: a.json,
              quiet: a.quiet,
            }),
          ),
        ),
    )
    .command(
      'validate <file>',
      'Check a scenario file without running it (all problems at once, exit code 2 if any)',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true })
          .option('set', setOption)
          .option('horizon', { type: 'number', description: 'Override horizonDays [days]' })
          .option('warmup', { type: 'number', description: 'Override warmupDays [days]' }),
      async (a) => exit(await guarded(() => validateCommand({ file: a.file, set: overrideSets(a) }))),
    )
    .command(
      'import <dir>',
      'Build a commented scenario file from a folder of CSV tables (sites, products, BOMs, policies, lanes, segments; demand fitted from dated order lines)',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, description: 'Folder of CSV tables (see README, "From CSV extracts to a scenario")' })
          .option('out', { alias: 'o', type: 'string', demandOption: true, description: 'Scenario file to write (YAML); not written if any table has a problem' })
          .option('name', { type: 'string', description: 'Scenario name (default: the folder name)' })
          .option('horizon', { type: 'number', description: 'horizonDays of the scenario [days] (default 365)' })
          .option('warmup', { type: 'number', description: 'warmupDays of the scenario [days] (default 60)' })
          .option('replications', { alias: 'n', type: 'number', description: 'Default replications of the scenario (default 20)' })
          .option('quiet', { alias: 'q', type: 'boolean', description: 'No summary on stderr' })
          .example('$0 import scenarios/data/acme --out acme.yaml', 'Import the example tables, then: scsim run acme.yaml'),
      async (a) =>
        exit(
          await guarded(() =>
            importCommand({ dir: a.dir, out: a.out, name: a.name, horizonDays: a.horizon, warmupDays: a.warmup, replications: a.replications, quiet: a.quiet }),
          ),
        ),
    )
    .command(
      'schema',
      'Print the JSON Schema of scenario files (for editor autocompletion)',
      (y) => y,
      async () => {
        process.stdout.write(`${await schemaCommand()}\n`);
      },
    )
    .demandCommand(1, 'Give a command; see scsim --help')
    .strict()
    .help()
    .alias('h', 'help')
    .version('version', 'Show the scsim version', scsimVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      // Throwing stops yargs from running the command; main() turns it into exit code 2.
      if (err) throw err;
      throw new UsageError(msg);
    })
    .parseAsync();
  try {
    await withScsimHelp(parser);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`scsim: ${err.message}\nRun "scsim --help" for usage.\n`);
    return 2;
  }
  return code;
}

process.exitCode = await main(hideBin(process.argv));
