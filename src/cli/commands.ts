/**
 * The commands of src/cli/main.ts, each loaded when it runs. A command module brings the
 * scenario schema (zod), the YAML parser, the model and the worker pool; `scsim --help`,
 * `scsim --version` and a usage error need none of them, and with them loaded up front every
 * invocation paid for all (`npm run bench`, start-up). In the CLI bundle each is a chunk
 * (scripts/build.mjs).
 */
import type { CompareArgs } from './compare.ts';
import type { ImportArgs } from './import.ts';
import type { FrontierArgs } from './frontier.ts';
import type { MergeArgs } from './merge.ts';
import type { OptimizeArgs } from './optimize.ts';
import type { ReportArgs } from './report.ts';
import type { RunArgs } from './run.ts';
import type { SweepArgs } from './sweep.ts';
import type { ValidateArgs } from './validate.ts';
import type { ValidateTheoryArgs } from './validate-theory.ts';

export const runCommand = async (a: RunArgs) => (await import('./run.ts')).runCommand(a);
export const sweepCommand = async (a: SweepArgs) => (await import('./sweep.ts')).sweepCommand(a);
export const frontierCommand = async (a: FrontierArgs) => (await import('./frontier.ts')).frontierCommand(a);
export const compareCommand = async (a: CompareArgs) => (await import('./compare.ts')).compareCommand(a);
export const optimizeCommand = async (a: OptimizeArgs) => (await import('./optimize.ts')).optimizeCommand(a);
export const mergeCommand = async (a: MergeArgs) => (await import('./merge.ts')).mergeCommand(a);
export const reportCommand = async (a: ReportArgs) => (await import('./report.ts')).reportCommand(a);
export const validateCommand = async (a: ValidateArgs) => (await import('./validate.ts')).validateCommand(a);
export const validateTheoryCommand = async (a: ValidateTheoryArgs) => (await import('./validate-theory.ts')).validateTheoryCommand(a);
export const importCommand = async (a: ImportArgs) => (await import('./import.ts')).importCommand(a);
/** The JSON Schema text (async here: it is loaded with the scenario schema). */
export const schemaCommand = async () => (await import('./schema.ts')).schemaCommand();
