/**
 * `scsim validate FILE [--set path=value ...]`: checks a scenario file and reports every
 * problem at once as `file:line:col: path: message` (exit code 2), or a one-line summary
 * (exit code 0). Variants and options declared in the scenario are checked too, so a typo in
 * one of their `set:` paths is caught before any experiment runs.
 */
import { ScenarioError, formatProblems, sortProblems, type ScenarioProblem } from '../scenario/errors.ts';
import {
  loadScenarioDocument,
  materialize,
  optionPatches,
  setArgPatches,
  variantPatches,
  type Patch,
  type ScenarioDocument,
} from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Arguments of `scsim validate`. */
export interface ValidateArgs {
  /** Scenario file (YAML or JSON). */
  file: string;
  /** `--set path=value` overrides. */
  set?: string[];
  /** Also materialize every variant and option (default true; false skips them). */
  variants?: boolean;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Materializes every variant and option of the scenario; returns their problems. */
function checkWhatIfs(doc: ScenarioDocument, scenario: Scenario, cli: Patch[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const runs = [
    ...Object.keys(scenario.variants).map((name) => variantPatches(doc, name)),
    ...scenario.options.map((_, i) => optionPatches(doc, i)),
  ];
  for (const patches of runs) {
    try {
      materialize(doc, [...patches, ...cli]);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      problems.push(...err.problems);
    }
  }
  return problems;
}

/**
 * Loads a scenario exactly as `scsim validate` checks it: with the `--set` arguments, then every
 * variant and option on top of it (with them too). Throws one ScenarioError with every problem.
 * `scsim run` loads through here, so a scenario `validate` refuses never runs.
 */
export function loadValidatedScenario(file: string, sets: readonly string[] = []): { scenario: Scenario; doc: ScenarioDocument } {
  const cli = setArgPatches(sets);
  const doc = loadScenarioDocument(file);
  const scenario = materialize(doc, cli);
  if (Object.keys(scenario.variants).length + scenario.options.length > 0) {
    const problems = checkWhatIfs(doc, scenario, cli);
    if (problems.length > 0) throw new ScenarioError(problems);
  }
  return { scenario, doc };
}

/**
 * Validates a scenario. Prints `✔ FILE: valid (N sites, M segments, K products)` on stdout
 * and returns 0, or prints the problems on stderr (one per line, no stack trace) and returns 2.
 * Errors other than scenario problems are rethrown.
 */
export async function validateCommand(args: ValidateArgs): Promise<number> {
  try {
    const scenario =
      args.variants === false
        ? materialize(loadScenarioDocument(args.file), setArgPatches(args.set ?? []))
        : loadValidatedScenario(args.file, args.set ?? []).scenario;
    const variants = Object.keys(scenario.variants).length;
    const options = scenario.options.length;
    const parts = [
      count(Object.keys(scenario.sites).length, 'site'),
      count(Object.keys(scenario.segments).length, 'segment'),
      count(Object.keys(scenario.products).length, 'product'),
    ];
    if (args.variants !== false && variants > 0) parts.push(count(variants, 'variant'));
    if (args.variants !== false && options > 0) parts.push(count(options, 'option'));
    process.stdout.write(`✔ ${args.file}: valid (${parts.join(', ')})\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const problems = sortProblems(err.problems);
    process.stderr.write(`${formatProblems(problems)}\n✖ ${args.file}: ${count(problems.length, 'problem')}\n`);
    return 2;
  }
}
