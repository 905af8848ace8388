/**
 * Sanity warnings (src/scenario/warnings.ts, src/model/offered-load.ts) positioned in the
 * scenario file and printed on stderr as `file:line:col: path: warning: …`, once per command.
 * They never change the exit code.
 */
import { reserveWarnings } from '../model/allocation.ts';
import { buildNetwork } from '../model/network.ts';
import { offeredLoadWarnings } from '../model/offered-load.ts';
import { transportLoadWarnings } from '../model/transport-load.ts';
import { type ScenarioProblem, formatProblem, sortProblems } from '../scenario/errors.ts';
import { loadScenarioDocument, type ScenarioDocument } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scenarioWarnings } from '../scenario/warnings.ts';
import { positioned } from '../scenario/zod-issues.ts';

/** Every warning of a valid scenario, positioned in `doc` and sorted by place. */
export function collectWarnings(doc: ScenarioDocument, scenario: Scenario): ScenarioProblem[] {
  const net = buildNetwork(scenario);
  const found = [...scenarioWarnings(scenario), ...offeredLoadWarnings(net), ...reserveWarnings(net), ...transportLoadWarnings(net)];
  return sortProblems(found.map((w) => positioned(doc, w.path, w.message)));
}

/** The warnings as printed: one line each, `file:line:col: path: warning: message`. */
export function formatWarnings(warnings: readonly ScenarioProblem[]): string {
  return warnings.map((w) => formatProblem({ ...w, message: `warning: ${w.message}` })).join('\n');
}

/** Prints the warnings of `scenario` (loaded from `file`) on stderr; returns how many there were. */
export function warnAbout(file: string, scenario: Scenario, doc?: ScenarioDocument): number {
  const warnings = collectWarnings(doc ?? loadScenarioDocument(file), scenario);
  if (warnings.length > 0) process.stderr.write(`${formatWarnings(warnings)}\n`);
  return warnings.length;
}
