/**
 * `scsim run`: Monte Carlo replications of one scenario; a KPI table, or JSON.
 */
import { resultsDocument, type ResultsDocument } from '../experiment/results.ts';
import { runReplications } from '../experiment/runner.ts';
import { loadScenario } from '../scenario/load.ts';
import { DEFAULT_SCENARIO, EXIT, overrideSets } from './common.ts';
import { formatResults } from './format.ts';
import { toJson } from './output.ts';

export interface RunArgs {
  scenario?: string;
  replications?: number;
  seed?: number;
  json?: boolean;
  set?: string[];
  horizon?: number;
  warmup?: number;
  confidence?: number;
  quiet?: boolean;
}

export async function runCommand(args: RunArgs): Promise<number> {
  const file = args.scenario ?? DEFAULT_SCENARIO;
  const scenario = loadScenario(file, overrideSets(args));
  const replications = args.replications ?? scenario.replications;
  const seed = args.seed ?? scenario.seed;
  const confidence = args.confidence ?? 0.95;
  const vectors = await runReplications(scenario, { replications, seed });
  const doc: ResultsDocument = resultsDocument(
    {
      scenario: scenario.name,
      description: scenario.description,
      seed,
      horizonDays: scenario.horizonDays,
      warmupDays: scenario.warmupDays,
      confidence,
    },
    vectors,
  );
  process.stdout.write(args.json ? toJson(doc) : `${formatResults(doc)}\n`);
  return EXIT.ok;
}
