/** Shared helpers for the scenario tests: temp files and problem capture. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { ScenarioError, type ScenarioProblem } from '../src/scenario/errors.ts';

/** The minimal valid scenario (line numbers matter: tests point into it). */
export const BASE = `name: tiny
horizonDays: 100
products:
  widget: {unitCost: 8}
sites:
  supplier-a:
    type: supplier
    products: {widget: {price: 8}}
    leadTime: 3
  dc-north:
    type: dc
    source: supplier-a
    policy: {type: sS, s: 20, S: 60}
    stock:
      widget: {}
segments:
  retail:
    servedBy: dc-north
    product: widget
    ordersPerDay: 5
defaultLane: {}
`;

/** Temp dirs made by this test file, removed when it ends. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes files into a fresh temp dir (removed after the test file); returns the dir. */
export function writeFiles(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scsim-scenario-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Writes one scenario file and returns its path. */
export function writeScenario(text: string, name = 'scenario.yaml'): string {
  return path.join(writeFiles({ [name]: text }), name);
}

/** Replaces exactly one occurrence of `from` in BASE (fails loudly if absent). */
export function baseWith(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`BASE does not contain ${from}`);
  return BASE.replace(from, to);
}

/** Runs `fn`, expecting a ScenarioError; returns its problems. */
export function problemsOf(fn: () => unknown): ScenarioProblem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}
