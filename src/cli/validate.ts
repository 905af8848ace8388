/**
 * `scsim validate FILE [--set path=value ...]`: checks a scenario file and reports every
 * problem at once as `file:line:col: path: message` (exit code 2), or a one-line summary
 * (exit code 0). Variants and options declared in the scenario are checked too, so a typo in
 * one of their `set:` paths is caught before any experiment runs.
 */
import { ScenarioError, formatProblems, sortProblems, type ScenarioProblem } from '../scenario/errors.ts';
import { isMapping } from '../scenario/document.ts';
import {
  getPath,
  loadScenarioDocument,
  materialize,
  optionPatches,
  setArgPatches,
  variantPatches,
  type Patch,
  type ScenarioDocument,
} from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { warnAbout } from './warnings.ts';

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
function checkWhatIfs(doc: ScenarioDocument, variants: readonly string[], options: number, cli: Patch[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const runs = [...variants.map((name) => variantPatches(doc, name)), ...Array.from({ length: options }, (_, i) => optionPatches(doc, i))];
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

/** Each problem once: a variant built on a broken base repeats the base's problems. */
function distinct(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.file, p.line, p.col, p.path, p.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Loads a scenario exactly as `scsim validate` checks it: with the `--set` arguments, then every
 * variant and option on top of it (with them too). Throws one ScenarioError with every problem.
 * `scsim run` loads through here, so a scenario `validate` refuses never runs.
 */
export function loadValidatedScenario(file: string, sets: readonly string[] = [], whatIfs = true): { scenario: Scenario; doc: ScenarioDocument } {
  const cli = setArgPatches(sets);
  const doc = loadScenarioDocument(file);
  // The variants and options are checked even when the base has problems: every problem at once.
  const problems: ScenarioProblem[] = [];
  let scenario: Scenario | undefined;
  try {
    scenario = materialize(doc, cli);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    problems.push(...err.problems);
  }
  if (whatIfs) {
    const declared = getPath(doc.value, ['variants']);
    const variantNames = scenario ? Object.keys(scenario.variants) : isMapping(declared) ? Object.keys(declared) : [];
    const listed = getPath(doc.value, ['options']);
    const options = scenario ? scenario.options.length : Array.isArray(listed) ? listed.length : 0;
    if (variantNames.length + options > 0) problems.push(...checkWhatIfs(doc, variantNames, options, cli));
  }
  if (problems.length > 0 || !scenario) throw new ScenarioError(distinct(problems));
  return { scenario, doc };
}

/**
 * Validates a scenario. Prints `✔ FILE: valid (N sites, M segments, K products)` on stdout
 * and returns 0, or prints the problems on stderr (one per line, no stack trace) and returns 2.
 * Errors other than scenario problems are rethrown.
 */
export async function validateCommand(args: ValidateArgs): Promise<number> {
  try {
    const { scenario, doc } = loadValidatedScenario(args.file, args.set ?? [], args.variants !== false);
    const variants = Object.keys(scenario.variants).length;
    const options = scenario.options.length;
    const parts = [
      count(Object.keys(scenario.sites).length, 'site'),
      count(Object.keys(scenario.segments).length, 'segment'),
      count(Object.keys(scenario.products).length, 'product'),
    ];
    if (args.variants !== false && variants > 0) parts.push(count(variants, 'variant'));
    if (args.variants !== false && options > 0) parts.push(count(options, 'option'));
    const warnings = warnAbout(args.file, scenario, doc);
    if (warnings > 0) parts.push(count(warnings, 'warning'));
    process.stdout.write(`✔ ${args.file}: valid (${parts.join(', ')})\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const problems = sortProblems(err.problems);
    process.stderr.write(`${formatProblems(problems)}\n✖ ${args.file}: ${count(problems.length, 'problem')}\n`);
    return 2;
  }
}
