/**
 * Loading a scenario: read YAML/JSON (with positions), follow `extends`, apply patches
 * (`--set`, variants, options), validate against the schema and the reference checks, and
 * return a frozen `Scenario` — or throw ONE `ScenarioError` carrying every problem, each as
 * `file:line:col: path: message`.
 *
 * Field paths are dot-separated with numeric segments for list entries, both in messages and
 * in patches: `sites.dc-north.policy.s`, `lanes.2.transitTime`.
 *
 * `extends: base.yaml` (relative to the extending file; chains allowed, cycles reported):
 * mappings merge key by key, any other value (scalar, list) replaces, and `null` deletes the
 * key. The same rules apply to patches: a patch value replaces, `null` deletes.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import { ScenarioError, didYouMean, type ScenarioProblem } from './errors.ts';
import {
  MAX_YAML_DEPTH,
  YamlLimitError,
  describeValue,
  fromYaml,
  getPath,
  isMapping,
  locate,
  mergeOver,
  setInDocument,
  splitPath,
  type LocNode,
  type PatchOrigin,
  type PathSegment,
  type ScenarioDocument,
  type SourceLoc,
} from './document.ts';
import { findReferenceProblems } from './references.ts';
import { scenarioSchema, type Scenario } from './schema.ts';
import { issuesToProblems, positioned } from './zod-issues.ts';

export { getPath, setPath, locate, splitPath, joinPath } from './document.ts';
export type { LocNode, PatchOrigin, PathSegment, ScenarioDocument, SourceLoc } from './document.ts';

/** A patch (field path → new value; `null` deletes) and where it comes from. */
export interface Patch {
  patch: Record<string, unknown>;
  origin: PatchOrigin;
}

// ---------------------------------------------------------------------------------------
// Reading files

/** Why a file could not be read, in words. */
function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'this is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return (err as Error).message;
}

/** Largest scenario file [bytes]: the largest shipped one is ≈ 20 kB. */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;
/** Extensions a scenario file (and a file it extends) may have. */
const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Line and column (1-based) of byte `offset` in `bytes`. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) (line++, (start = i + 1));
  return { line, col: offset - start + 1 };
}

/** The file as text, or a problem: not a regular file, too large, not UTF-8, a NUL byte. */
function readText(abs: string, display: string, problems: ScenarioProblem[], referrer?: SourceLoc): string | undefined {
  const fail = (message: string, at = { line: 1, col: 1 }) => {
    if (referrer) problems.push({ ...referrer, path: 'extends', message: `the base scenario ${display}: ${message}` });
    else problems.push({ file: display, ...at, path: '', message });
    return undefined;
  };
  let bytes: Uint8Array;
  try {
    const st = fs.statSync(abs);
    if (st.isDirectory()) {
      if (referrer) problems.push({ ...referrer, path: 'extends', message: `cannot read the base scenario ${display}: this is a folder, not a file` });
      else problems.push({ file: display, line: 1, col: 1, path: '', message: 'cannot read the scenario file: this is a folder, not a file' });
      return undefined;
    }
    if (!st.isFile()) return fail('not a regular file (a device, pipe or socket is never read)');
    if (st.size > MAX_SCENARIO_BYTES) return fail(`${st.size.toLocaleString('en-US')} bytes; scenario files are at most ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} bytes`);
    bytes = fs.readFileSync(abs);
  } catch (err) {
    if (referrer) problems.push({ ...referrer, path: 'extends', message: `cannot read the base scenario ${display}: ${readFailure(err)}` });
    else problems.push({ file: display, line: 1, col: 1, path: '', message: `cannot read the scenario file: ${readFailure(err)}` });
    return undefined;
  }
  const nul = bytes.indexOf(0);
  // A referred file's position is not shown: its content is not ours to echo.
  if (nul >= 0) return fail('contains a NUL byte (not a text file)', bytePosition(bytes, nul));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let bad = 0;
    // The first offset where decoding fails: the longest valid prefix.
    for (let lo = 0, hi = bytes.length; lo < hi; ) {
      const mid = (lo + hi + 1) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid));
        lo = mid;
        bad = mid;
      } catch {
        hi = mid - 1;
      }
    }
    return fail('not valid UTF-8 text (save the file as UTF-8)', bytePosition(bytes, bad));
  }
}

/** Parses one YAML/JSON file; syntax errors become problems at the parser's line:col. */
function readYaml(
  abs: string,
  display: string,
  problems: ScenarioProblem[],
  referrer?: SourceLoc,
): { value: unknown; loc: LocNode } | undefined {
  const text = readText(abs, display, problems, referrer);
  if (text === undefined) return undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      // The parser recurses per level: thousands of levels exhaust the stack, which it reports as such.
      const message = /call stack/i.test(e.message) ? `nested too deeply to read (at most ${MAX_YAML_DEPTH} levels)` : `invalid YAML: ${e.message}`;
      problems.push({ file: display, line, col, path: '', message });
    }
    return undefined;
  }
  try {
    return fromYaml(doc, lineCounter, display);
  } catch (err) {
    if (!(err instanceof YamlLimitError)) throw err;
    problems.push({ ...err.at, path: '', message: err.message });
    return undefined;
  }
}

/** Reads `abs` and, recursively, the files it extends; returns the merged value. */
function readChain(
  abs: string,
  display: string,
  chain: { abs: string; display: string }[],
  problems: ScenarioProblem[],
  referrer?: SourceLoc,
): { value: unknown; loc: LocNode } | undefined {
  const own = readYaml(abs, display, problems, referrer);
  if (!own || !isMapping(own.value) || !Object.prototype.hasOwnProperty.call(own.value, 'extends')) return own;
  const { extends: ext, ...rest } = own.value;
  const extLoc = own.loc.children?.get('extends')?.at ?? own.loc.at;
  const children = new Map(own.loc.children);
  children.delete('extends');
  const child = { value: rest, loc: { ...own.loc, children } };
  if (typeof ext !== 'string' || ext.trim() === '') {
    problems.push({ ...extLoc, path: 'extends', message: `expected the path of a base scenario file, got ${describeValue(ext)}` });
    return child;
  }
  const baseAbs = nodePath.resolve(nodePath.dirname(abs), ext);
  const baseDisplay = nodePath.isAbsolute(ext) ? ext : nodePath.join(nodePath.dirname(display), ext);
  if (!SCENARIO_EXTENSIONS.includes(nodePath.extname(baseAbs).toLowerCase())) {
    problems.push({ ...extLoc, path: 'extends', message: `a base scenario is a ${SCENARIO_EXTENSIONS.join(', ')} file, got ${JSON.stringify(ext)}` });
    return child;
  }
  const here = [...chain, { abs, display }];
  const loop = here.findIndex((c) => c.abs === baseAbs);
  if (loop >= 0) {
    const names = [...here.slice(loop).map((c) => c.display), baseDisplay];
    problems.push({ ...extLoc, path: 'extends', message: `extends cycle: ${names.join(' → ')}` });
    return child;
  }
  const base = readChain(baseAbs, baseDisplay, here, problems, extLoc);
  if (base && !isMapping(base.value)) {
    // Say what is wrong without quoting the file: it may be anything the path points at.
    problems.push({ ...extLoc, path: 'extends', message: `the base scenario ${baseDisplay} is not a scenario (its top level is not a mapping of fields)` });
    return child;
  }
  return base ? mergeOver(base, child) : child;
}

/**
 * Reads a scenario file (YAML or JSON) and the files it `extends`, keeping the position of
 * every node. Throws a ScenarioError for a missing file, malformed YAML or a bad `extends`.
 */
export function loadScenarioDocument(file: string): ScenarioDocument {
  const problems: ScenarioProblem[] = [];
  const read = readChain(nodePath.resolve(file), file, [], problems);
  if (problems.length > 0 || !read) throw new ScenarioError(problems);
  return { file, value: read.value, locations: read.loc };
}

// ---------------------------------------------------------------------------------------
// --set

/** Parses a `--set` value as YAML flow syntax: `120`, `true`, `{dist: normal, mean: 5, sd: 1}`, `abc`. */
function parseSetValue(text: string): { value: unknown } | { error: string } {
  if (text.trim() === '') return { value: '' };
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message };
  const top = doc.contents;
  // `a: b` or `- x` on the command line is meant as text, not a block collection.
  if ((isMap(top) || isSeq(top)) && !top.flow) return { value: text };
  return { value: doc.toJS() };
}

/** One `--set path=value` argument as a positioned patch (line = its position among the --set arguments). */
function parseSetArg(arg: string, index: number, problems: ScenarioProblem[]): Patch | undefined {
  const at = { file: '--set', line: index + 1, col: 1 };
  const eq = arg.indexOf('=');
  const key = eq > 0 ? arg.slice(0, eq).trim() : '';
  if (eq <= 0 || key === '') {
    problems.push({ ...at, path: '', message: `expected path=value (e.g. sites.dc-north.policy.s=120), got ${JSON.stringify(arg)}` });
    return undefined;
  }
  const parsed = parseSetValue(arg.slice(eq + 1));
  if ('error' in parsed) {
    problems.push({ ...at, path: key, message: `cannot read the value in ${JSON.stringify(arg)}: ${parsed.error}` });
    return undefined;
  }
  return { patch: { [key]: parsed.value }, origin: { ...at, label: `--set ${arg}` } };
}

/**
 * Parses `--set path=value` arguments into one patch (later arguments win). Values are YAML
 * flow syntax. Throws a ScenarioError (file `--set`) for an argument without `=`.
 */
export function parseSetArgs(sets: readonly string[]): Record<string, unknown> {
  const problems: ScenarioProblem[] = [];
  const out: Record<string, unknown> = {};
  sets.forEach((s, i) => Object.assign(out, parseSetArg(s, i, problems)?.patch));
  if (problems.length > 0) throw new ScenarioError(problems);
  return out;
}

/** `--set` arguments as patches, one per argument, each positioned at `--set:<n>:1`. */
export function setArgPatches(sets: readonly string[]): Patch[] {
  const problems: ScenarioProblem[] = [];
  const patches = sets.map((s, i) => parseSetArg(s, i, problems)).filter((p): p is Patch => p !== undefined);
  if (problems.length > 0) throw new ScenarioError(problems);
  return patches;
}

// ---------------------------------------------------------------------------------------
// Patches

/** Collections keyed by id whose entries a patch path can name: the word for one entry. */
const NAMED: Record<string, string> = { sites: 'site', segments: 'segment', products: 'product', orderDesks: 'order desk' };

/**
 * Why a patch path names an entry that does not exist, or undefined. A patch may add an entry
 * as a whole (`sites.dc-south: {…}`); a path into a missing one (`sites.dc-soth.policy.S`) is
 * a typo, and setting it would silently create an incomplete new entry.
 */
function unknownEntry(value: unknown, path: string): string | undefined {
  const segs = splitPath(path);
  const word = NAMED[String(segs[0])];
  if (word === undefined || segs.length < 3) return undefined;
  const entries = getPath(value, [segs[0]!]);
  if (!isMapping(entries) || Object.prototype.hasOwnProperty.call(entries, String(segs[1]))) return undefined;
  return `unknown ${word} "${String(segs[1])}"${didYouMean(String(segs[1]), Object.keys(entries))}; a patch adds a ${word} only as a whole (${String(segs[0])}.${String(segs[1])}: {…})`;
}

/** Applies a patch, collecting problems for paths that cannot be set. */
function patchInto(doc: ScenarioDocument, patch: Record<string, unknown>, origin: PatchOrigin, problems: ScenarioProblem[]): ScenarioDocument {
  let cur = doc;
  for (const [path, value] of Object.entries(patch)) {
    const unknown = unknownEntry(cur.value, path);
    if (unknown !== undefined) {
      problems.push({ file: origin.file, line: origin.line, col: origin.col, path, message: `${unknown} (set by ${origin.label})` });
      continue;
    }
    const r = setInDocument(cur, path, value, origin);
    if ('doc' in r) cur = r.doc;
    else problems.push({ file: origin.file, line: origin.line, col: origin.col, path, message: `cannot set ${path}: ${r.reason} (set by ${origin.label})` });
  }
  return cur;
}

/**
 * Returns a new document with each dotted path of `patch` set (`null` deletes; missing
 * mappings are created; numeric segments index lists). Patched nodes are positioned at
 * `origin`, and messages about them end with `(set by <label>)`. Throws a ScenarioError when
 * a path runs through a scalar or past the end of a list. Never modifies `doc`.
 */
export function applyPatch(doc: ScenarioDocument, patch: Record<string, unknown>, origin: PatchOrigin): ScenarioDocument {
  const problems: ScenarioProblem[] = [];
  const out = patchInto(doc, patch, origin, problems);
  if (problems.length > 0) throw new ScenarioError(problems);
  return out;
}

/**
 * The entries of a `set:` mapping in the document (a variant's or an option's) as patches,
 * one per entry, each positioned at its key in the file and labelled `label`.
 */
export function setPatches(doc: ScenarioDocument, setPath: readonly PathSegment[], label: string): Patch[] {
  const set = getPath(doc.value, setPath);
  if (!isMapping(set)) return [];
  return Object.entries(set).map(([k, v]) => ({
    patch: { [k]: v },
    origin: { ...locate(doc, [...setPath, k], true).loc, label },
  }));
}

/** The patches of variant `name` (from `variants.<name>.set`). */
export function variantPatches(doc: ScenarioDocument, name: string): Patch[] {
  return setPatches(doc, ['variants', name, 'set'], `variant "${name}"`);
}

/** The patches of the option at `index` (from `options.<index>.set`). */
export function optionPatches(doc: ScenarioDocument, index: number): Patch[] {
  const name = getPath(doc.value, ['options', index, 'name']);
  return setPatches(doc, ['options', index, 'set'], `option "${typeof name === 'string' ? name : index}"`);
}

// ---------------------------------------------------------------------------------------
// Validation

/** Freezes a value and everything it contains. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Applies `patches` in order, validates the result against the schema and the reference
 * checks, and returns a deeply frozen Scenario. Throws ONE ScenarioError with every problem
 * (patch paths, schema issues, unknown ids, network checks), sorted by file, line, column.
 */
export function materialize(doc: ScenarioDocument, patches: readonly Patch[] = []): Scenario {
  const problems: ScenarioProblem[] = [];
  let cur = doc;
  for (const { patch, origin } of patches) cur = patchInto(cur, patch, origin, problems);
  const parsed = scenarioSchema.safeParse(cur.value);
  if (!parsed.success) {
    problems.push(...issuesToProblems(parsed.error.issues, cur, scenarioSchema));
    // Unknown ids are reported too, so the user sees everything in one go.
    for (const p of findReferenceProblems(cur.value, false)) problems.push(positioned(cur, p.path, p.message));
  } else {
    for (const p of findReferenceProblems(parsed.data, true)) problems.push(positioned(cur, p.path, p.message));
  }
  if (problems.length > 0 || !parsed.success) throw new ScenarioError(problems);
  return deepFreeze(parsed.data);
}

/**
 * Loads, patches with `--set` arguments (`path=value`) and validates a scenario file.
 * Throws one ScenarioError with every problem found.
 */
export function loadScenario(file: string, sets: readonly string[] = []): Scenario {
  const problems: ScenarioProblem[] = [];
  let patches: Patch[] = [];
  let doc: ScenarioDocument | undefined;
  try {
    patches = setArgPatches(sets);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    problems.push(...err.problems);
  }
  try {
    doc = loadScenarioDocument(file);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0 || !doc) throw new ScenarioError(problems);
  return materialize(doc, patches);
}
