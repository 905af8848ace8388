/**
 * Every validation case, in the order `scsim validate-theory` prints them. The tests in
 * tests/validation/ iterate these same objects.
 */
import { scenarioFile, type ValidationCase } from './case.ts';
import { CONTINUOUS_CASES } from './cases-continuous.ts';
import { PERIODIC_CASES } from './cases-periodic.ts';
import { QUEUE_CASES } from './cases-queues.ts';
import { littleChecks } from './little.ts';

/** Little's law on every site of the shipped default scenario (scenarios/validation/little-default.yaml extends it). */
export const LITTLE_CASE: ValidationCase = {
  name: 'little-default',
  title: "Little's law on every site of the default scenario",
  file: scenarioFile('little-default.yaml'),
  checks: littleChecks,
};

export const CASES: readonly ValidationCase[] = [...CONTINUOUS_CASES, ...PERIODIC_CASES, ...QUEUE_CASES, LITTLE_CASE];

/** The case called `name`, or undefined. */
export function findCase(name: string): ValidationCase | undefined {
  return CASES.find((c) => c.name === name);
}
