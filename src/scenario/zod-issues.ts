/**
 * Turns zod validation issues into scenario problems a supply-chain analyst can act on:
 * positioned in the file, with the field path, what was found and what was expected.
 *
 * zod's default messages ("Invalid input: expected number, received string") are replaced by
 * our own; messages written in the schema (e.g. "s (80) must not exceed S (60)") are kept.
 */
import type { z } from 'zod';
import { closestName, didYouMean, listNames, type ScenarioProblem } from './errors.ts';
import { describeValue, getPath, isMapping, joinPath, locate, type PathSegment, type ScenarioDocument } from './document.ts';

type Issue = z.core.$ZodIssue;

/** A problem before it is positioned: the path, the message, and whether to point at the key. */
interface Finding {
  path: PathSegment[];
  message: string;
  /** Point at the key naming the field (unknown keys, invalid ids) rather than its value. */
  atKey?: boolean;
}

/** zod's built-in messages start like this; they are replaced by ours. */
const ZOD_DEFAULT = /^(Invalid input|Too small|Too big|Invalid option|Invalid string|Invalid number|Unrecognized key|Invalid key|Invalid element|Invalid discriminator|Invalid value)/;

/** Plain-words name of a type zod expected. */
function typeName(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? 'y' : 'ies'}`;
const quoteAll = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Unwraps optional/default/pipe/lazy wrappers and picks the union option matching `value`. */
function resolveSchema(schema: unknown, value: unknown): unknown {
  for (let guard = 0; guard < 50; guard++) {
    const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
    if (!def) return undefined;
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'prefault':
      case 'nullable':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        schema = def.innerType;
        break;
      case 'pipe':
        schema = def.in;
        break;
      case 'lazy':
        schema = (def.getter as () => unknown)();
        break;
      case 'union': {
        const options = def.options as unknown[];
        const disc = def.discriminator as string | undefined;
        const tag = disc !== undefined && isMapping(value) ? value[disc] : undefined;
        const byTag = options.find((o) => {
          const values = (o as { _zod?: { propValues?: Record<string, Set<unknown>> } })._zod?.propValues?.[disc ?? ''];
          return values?.has(tag) ?? false;
        });
        const objects = options.map((o) => resolveSchema(o, value)).filter((o) => keysOf(o) !== undefined);
        if (byTag) schema = byTag;
        else if (objects.length > 0) return objects[0];
        else return undefined;
        break;
      }
      default:
        return schema;
    }
  }
  return undefined;
}

/** The field names an object schema accepts, or undefined when it is not an object schema. */
function keysOf(schema: unknown): string[] | undefined {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

/** The field names accepted at `path` of `root`, for did-you-mean on unknown keys. */
export function knownKeysAt(root: unknown, value: unknown, path: readonly PathSegment[]): string[] {
  let schema = root;
  let v = value;
  for (const seg of path) {
    schema = resolveSchema(schema, v);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
    if (!def) return [];
    if (def.type === 'object') schema = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'record') schema = def.valueType;
    else if (def.type === 'array') schema = def.element;
    else return [];
    v = getPath(v, [seg]);
  }
  return keysOf(resolveSchema(schema, v)) ?? [];
}

/** Explains one issue (recursing into unions) as findings. */
function explain(issue: Issue, prefix: PathSegment[], doc: ScenarioDocument, schema: unknown, out: Finding[]): void {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const got = getPath(doc.value, path);
  const custom = !ZOD_DEFAULT.test(issue.message);
  const withGot = (m: string) => `${m} (got ${describeValue(got)})`;
  const push = (message: string, atKey = false): void => {
    out.push({ path, message, atKey });
  };
  switch (issue.code) {
    case 'invalid_type':
      if (path.length === 0) {
        const scenario = 'a scenario: a mapping with name, products, sites and segments';
        return push(got == null ? `the file is empty (expected ${scenario})` : `expected ${scenario}, got ${describeValue(got)}`);
      }
      if (got === undefined) push(`required field is missing (expected ${typeName(issue.expected)})`);
      else push(`expected ${typeName(issue.expected)}, got ${describeValue(got)}`);
      return;
    case 'too_small':
    case 'too_big': {
      if (custom) return push(withGot(issue.message));
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(got) ? got.length : 0;
        const need = issue.exact ? 'exactly' : small ? 'at least' : 'at most';
        return push(`needs ${need} ${plural(limit, 'entr')} (got ${n})`);
      }
      if (issue.origin === 'string') {
        return push(small && limit === 1 ? 'must not be empty' : `needs ${small ? 'at least' : 'at most'} ${limit} characters`);
      }
      const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return push(withGot(`must be ${op} ${limit}`));
    }
    case 'invalid_format':
      return push(withGot(custom ? issue.message : `does not match the pattern ${issue.pattern ?? issue.format}`));
    case 'not_multiple_of':
      return push(withGot(`must be a multiple of ${issue.divisor}`));
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, doc.value, path);
      for (const key of issue.keys) {
        out.push({ path: [...path, key], message: `unknown key ${JSON.stringify(key)}${didYouMean(key, known)}`, atKey: true });
      }
      return;
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const why = issue.issues.map((i) => i.message).join('; ');
      return push(`${JSON.stringify(String(key))} is not a valid id: ${ZOD_DEFAULT.test(why) ? 'ids use letters, digits, "-" and "_"' : why}`, true);
    }
    case 'invalid_value': {
      const guess = typeof got === 'string' ? closestName(got, issue.values.map(String)) : undefined;
      const hint = guess !== undefined ? `; did you mean ${JSON.stringify(guess)}?` : '';
      if (got === undefined) return push(`required field is missing (expected one of ${quoteAll(issue.values)})`);
      return push(`expected one of ${quoteAll(issue.values)} (got ${describeValue(got)}${hint})`);
    }
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && options !== undefined && issue.errors.length === 0) {
        const known = options.map(String);
        const field = String(path[path.length - 1] ?? issue.discriminator);
        if (got === undefined) return push(`required field is missing (expected one of: ${listNames(known)})`);
        return push(`unknown ${field} ${JSON.stringify(typeof got === 'string' ? got : describeValue(got))}${didYouMean(String(got), known)}`);
      }
      if (issue.inclusive === false) return push(custom ? issue.message : 'matches more than one alternative');
      // Branches that accepted the value's type and failed deeper explain the problem best.
      const matched = issue.errors.filter((list) => !list.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
      if (matched.length > 0) {
        const best = matched.reduce((a, b) => (b.length < a.length ? b : a));
        for (const sub of best) explain(sub, path, doc, schema, out);
        return;
      }
      const types = [...new Set(issue.errors.flat().filter((i) => i.code === 'invalid_type').map((i) => typeName((i as { expected: string }).expected)))];
      const expected = custom ? issue.message : `expected ${types.join(' or ')}`;
      if (got === undefined) return push(`required field is missing (${expected})`);
      return push(custom ? withGot(expected) : `${expected}, got ${describeValue(got)}`);
    }
    default:
      return push(issue.message);
  }
}

/** Converts zod issues to positioned problems (patched values end with `(set by …)`). */
export function issuesToProblems(issues: readonly Issue[], doc: ScenarioDocument, schema: unknown): ScenarioProblem[] {
  const findings: Finding[] = [];
  for (const issue of issues) explain(issue, [], doc, schema, findings);
  return findings.map((f) => positioned(doc, f.path, f.message, f.atKey));
}

/** Positions a message at `path` of the document, appending `(set by …)` for patched values. */
export function positioned(doc: ScenarioDocument, path: readonly PathSegment[], message: string, atKey = false): ScenarioProblem {
  const { loc, setBy } = locate(doc, path, atKey);
  const suffix = setBy !== undefined ? ` (set by ${setBy})` : '';
  return { file: loc.file, line: loc.line, col: loc.col, path: joinPath(path), message: message + suffix };
}
