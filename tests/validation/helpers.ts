/**
 * Shared by the validation tests: run a case (in this thread, the scenario's replications and
 * seed) and list every check that did not PASS, with its numbers, so a failure says exactly
 * which closed form the engine missed and by how much.
 */
import { CONFIDENCE } from '../../src/validation/check.ts';
import type { ValidationCase } from '../../src/validation/case.ts';
import { type CaseResult, runCase } from '../../src/validation/run.ts';

export { CONFIDENCE };

/** Runs `c` and returns the result and the description of each check that is not PASS. */
export async function runAndCollect(c: ValidationCase): Promise<{ result: CaseResult; problems: string[] }> {
  const result = await runCase(c);
  const problems = result.checks
    .filter((ch) => ch.status !== 'PASS')
    .map(
      (ch) =>
        `${c.name}: ${ch.quantity} [${ch.kpi}] ${ch.status}: theory ${ch.theory}, simulated ${ch.simulated} ` +
        `(${(CONFIDENCE * 100).toFixed(1)}% CI [${ch.ciLow}, ${ch.ciHigh}], ±${(ch.relativeHalfWidth * 100).toFixed(2)}% ` +
        `of theory, precision target ±${(ch.precision * 100).toFixed(1)}%, allowance ${ch.allowance}, n = ${ch.n})`,
    );
  return { result, problems };
}
