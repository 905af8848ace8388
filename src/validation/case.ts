/**
 * A validation case: a scenario file run by the normal engine, and the checks that hold its
 * results to theory. The CLI (`scsim validate-theory`) and the tests (tests/validation/) run
 * the same case objects, so there is one definition of each case.
 */
import type { Network } from '../model/network.ts';
import { projectFile } from '../project-paths.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Check } from './check.ts';

export interface ValidationCase {
  /** Short id, e.g. `base-stock-backorders` (also the scenario file's base name). */
  name: string;
  /** One line: the theory case. */
  title: string;
  /** Absolute path of the scenario file; replications and seed come from it. */
  file: string;
  /** The checks, with theoretical values computed from the scenario's own parameters. */
  checks(scenario: Scenario, net: Network): Check[];
}

/** Absolute path of a file in scenarios/validation/. */
export function scenarioFile(name: string): string {
  return projectFile('scenarios', 'validation', name);
}
