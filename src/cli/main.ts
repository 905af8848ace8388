/**
 * The scsim command line. Thin: it parses arguments and calls the same functions the
 * library exports; each command lives in its own file.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { guarded } from './common.ts';
import { runCommand } from './run.ts';
import { schemaCommand } from './schema.ts';
import { validateCommand } from './validate.ts';

const setOption = {
  type: 'string',
  array: true,
  description: 'Override a scenario field: --set path=value (e.g. --set sites.dc-north.policy.s=120); repeatable',
} as const;

async function main(argv: string[]): Promise<number> {
  let code = 0;
  const exit = (c: number) => {
    code = c;
  };
  await yargs(argv)
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
          .option('quiet', { alias: 'q', type: 'boolean', description: 'No progress output' })
          .example('$0 run', 'Run the default bottler scenario')
          .example('$0 run scenarios/holiday-surge.yaml -n 50 --seed 7 --json', 'JSON results of 50 replications'),
      async (a) => exit(await guarded(() => runCommand(a))),
    )
    .command(
      'validate <file>',
      'Check a scenario file without running it (all problems at once, exit code 2 if any)',
      (y) => y.positional('file', { type: 'string', demandOption: true }).option('set', setOption),
      async (a) => exit(await guarded(() => validateCommand({ file: a.file, set: a.set }))),
    )
    .command(
      'schema',
      'Print the JSON Schema of scenario files (for editor autocompletion)',
      (y) => y,
      async () => {
        process.stdout.write(`${schemaCommand()}\n`);
      },
    )
    .demandCommand(1, 'Give a command; see scsim --help')
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`${y.help() ? '' : ''}scsim: ${msg}\nRun "scsim --help" for usage.\n`);
      exit(2);
    })
    .parseAsync();
  return code;
}

process.exitCode = await main(hideBin(process.argv));
