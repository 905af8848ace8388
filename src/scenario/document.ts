/**
 * A scenario document: the plain JS value read from YAML/JSON files, plus where every part
 * of it came from, so any problem can be reported as `file:line:col`.
 *
 * Documents are immutable: merging (`extends`) and patching (`--set`, variants, options)
 * return new documents that share unchanged parts with the old one.
 *
 * Paths are arrays of segments; as text they are dot-separated (`sites.dc-north.policy.s`,
 * `lanes.2.transitTime`), numeric segments indexing lists.
 */
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

/** A position in a source: 1-based line and column. */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** Where a patch comes from (a `set:` entry, a `--set` argument) and how to name it in messages. */
export interface PatchOrigin extends SourceLoc {
  /** Ends messages about patched values: `(set by <label>)`, e.g. `--set horizonDays=30`. */
  readonly label: string;
}

/** The source of one node of the document tree. */
export interface LocNode {
  /** Where the value starts. */
  readonly at: SourceLoc;
  /** Where the key naming this value starts (absent for the root and list entries). */
  readonly key?: SourceLoc;
  /** Label of the patch that supplied this value, if it was patched. */
  readonly setBy?: string;
  /** Children by key (mappings) or index (lists); present exactly when the value is a collection. */
  readonly children?: ReadonlyMap<string, LocNode>;
}

/** A loaded scenario before validation: merged plain value plus the source of every node. */
export interface ScenarioDocument {
  /** The top-level file, as the user named it. */
  readonly file: string;
  /** The merged plain JS value (a mapping, when the file is sensible). */
  readonly value: unknown;
  /** Source positions, a tree parallel to `value`. */
  readonly locations: LocNode;
}

/** One step of a path: a mapping key or a list index. */
export type PathSegment = string | number;

/** Splits a dot-separated path (`lanes.2.transitTime`) into segments. */
export function splitPath(path: string): string[] {
  return path.split('.');
}

/** Joins path segments with dots, the path syntax used in every message and in `--set`. */
export function joinPath(path: readonly PathSegment[]): string {
  return path.map(String).join('.');
}

/** True for a plain mapping (not null, not a list). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own property safely (a key named `__proto__` stays data). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Shallow copy of a mapping, safe for any key. */
function copyMapping(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) put(out, k, v);
  return out;
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(obj: unknown, path: string | readonly PathSegment[]): unknown {
  const segs = typeof path === 'string' ? splitPath(path) : path;
  let cur = obj;
  for (const seg of segs) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isMapping(cur) && Object.prototype.hasOwnProperty.call(cur, String(seg))) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** Describes a value for a message: `text "abc"`, `a list`, `80`, `nothing`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `text ${JSON.stringify(v)}`;
  return String(v);
}

// ---------------------------------------------------------------------------------------
// From YAML

/** Deepest nesting of mappings and lists in a scenario file (the shipped ones reach 6). */
export const MAX_YAML_DEPTH = 64;
/**
 * Most values a scenario file may expand to, aliases included (the shipped ones have under
 * 2,000). Without a limit, a few lines of nested aliases expand to billions of values.
 */
export const MAX_YAML_NODES = 200_000;

/** A scenario file nested too deeply or expanding to too many values; `at` is where. */
export class YamlLimitError extends Error {
  constructor(
    message: string,
    readonly at: SourceLoc,
  ) {
    super(message);
  }
}

/** Reads a parsed YAML document into a plain value and its location tree. Throws YamlLimitError past the limits above. */
export function fromYaml(doc: Document, lc: LineCounter, file: string): { value: unknown; loc: LocNode } {
  const at = (offset: number | undefined): SourceLoc => {
    const p = lc.linePos(offset ?? 0);
    return { file, line: p.line, col: p.col };
  };
  const seen = new Set<YamlNode>();
  let nodes = 0;
  let depth = 0;
  const walk = (node: unknown, fallback: SourceLoc, key?: SourceLoc): { value: unknown; loc: LocNode } => {
    if (++nodes > MAX_YAML_NODES) {
      const where = at((node as { range?: number[] } | null)?.range?.[0]);
      throw new YamlLimitError(`more than ${MAX_YAML_NODES.toLocaleString('en-US')} values once aliases are expanded (aliases nested inside aliases?)`, where);
    }
    if (isMap(node) || isSeq(node)) {
      if (depth >= MAX_YAML_DEPTH) throw new YamlLimitError(`nested more than ${MAX_YAML_DEPTH} levels deep`, at(node.range?.[0]));
      depth++;
      try {
        return walkCollection(node, fallback, key);
      } finally {
        depth--;
      }
    }
    return walkLeaf(node, fallback, key);
  };
  const walkLeaf = (node: unknown, fallback: SourceLoc, key?: SourceLoc): { value: unknown; loc: LocNode } => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target || seen.has(target)) return { value: null, loc: { at: at(node.range?.[0]), key } };
      seen.add(target);
      const r = walk(target, fallback, key);
      seen.delete(target);
      return r;
    }
    if (isScalar(node)) {
      return { value: node.value ?? null, loc: { at: node.range ? at(node.range[0]) : fallback, key } };
    }
    return { value: null, loc: { at: fallback, key } };
  };
  const walkCollection = (node: unknown, fallback: SourceLoc, key?: SourceLoc): { value: unknown; loc: LocNode } => {
    if (isMap(node)) {
      const value: Record<string, unknown> = {};
      const children = new Map<string, LocNode>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        const name = isScalar(k) ? String(k.value) : k == null ? '' : String(k);
        const keyLoc = at(isScalar(k) || isMap(k) || isSeq(k) ? k.range?.[0] : undefined);
        const child = walk(pair.value, keyLoc, keyLoc);
        put(value, name, child.value);
        children.set(name, child.loc);
      }
      return { value, loc: { at: at(node.range?.[0]), key, children } };
    }
    if (isSeq(node)) {
      const value: unknown[] = [];
      const children = new Map<string, LocNode>();
      node.items.forEach((item, i) => {
        const child = walk(item, at(node.range?.[0]));
        value.push(child.value);
        children.set(String(i), child.loc);
      });
      return { value, loc: { at: at(node.range?.[0]), key, children } };
    }
    return { value: null, loc: { at: fallback, key } };
  };
  return walk(doc.contents, { file, line: 1, col: 1 });
}

/** The location tree for a value supplied by a patch: every node points at the origin. */
function locFor(value: unknown, origin: PatchOrigin): LocNode {
  const at: SourceLoc = { file: origin.file, line: origin.line, col: origin.col };
  if (Array.isArray(value) || isMapping(value)) {
    const children = new Map<string, LocNode>();
    for (const [k, v] of Object.entries(value)) children.set(k, locFor(v, origin));
    return { at, key: at, setBy: origin.label, children };
  }
  return { at, key: at, setBy: origin.label };
}

// ---------------------------------------------------------------------------------------
// Merging (extends)

/**
 * Merges `child` over `base`: mappings merge key by key, any other value replaces, and a
 * `null` in the child deletes the key. Returns new values; inputs are not modified.
 */
export function mergeOver(
  base: { value: unknown; loc: LocNode | undefined },
  child: { value: unknown; loc: LocNode },
): { value: unknown; loc: LocNode } {
  if (!isMapping(child.value)) return { value: child.value, loc: child.loc };
  const baseValue = isMapping(base.value) ? base.value : {};
  const baseKids = isMapping(base.value) ? base.loc?.children : undefined;
  const value = copyMapping(baseValue);
  const children = new Map(baseKids ?? []);
  for (const [k, v] of Object.entries(child.value)) {
    const childLoc = child.loc.children?.get(k) ?? child.loc;
    if (v === null) {
      delete value[k];
      children.delete(k);
      continue;
    }
    const has = Object.prototype.hasOwnProperty.call(baseValue, k);
    const merged = mergeOver({ value: has ? baseValue[k] : undefined, loc: baseKids?.get(k) }, { value: v, loc: childLoc });
    put(value, k, merged.value);
    children.set(k, merged.loc);
  }
  return { value, loc: { ...child.loc, children } };
}

// ---------------------------------------------------------------------------------------
// Patching (--set, variants, options)

/** Result of setting one path: the new value and locations, or why it could not be set. */
type SetResult = { ok: true; value: unknown; loc: LocNode } | { ok: false; reason: string };

/**
 * Sets `segs` under `value` to `newValue` (null deletes), copying along the path.
 * Missing intermediate mappings are created; numeric segments index lists (the index may be
 * the list's length, to append). `done` is the path walked so far, for messages.
 */
function setIn(
  value: unknown,
  loc: LocNode,
  segs: readonly string[],
  newValue: unknown,
  origin: PatchOrigin,
  done: string[],
): SetResult {
  const [seg, ...rest] = segs as [string, ...string[]];
  const here = done.length ? done.join('.') : 'the scenario';
  const last = rest.length === 0;
  if (Array.isArray(value)) {
    const n = value.length;
    const idx = /^\d+$/.test(seg) ? Number(seg) : NaN;
    if (!(idx >= 0 && idx <= n) || (idx === n && !last)) {
      const range = n === 0 ? 'it is empty' : `entries 0–${n - 1}`;
      return { ok: false, reason: `${here} is a list with ${n} entr${n === 1 ? 'y' : 'ies'} (${range}); "${seg}" is not one of them` };
    }
    const out = [...value];
    const children = new Map(loc.children ?? []);
    if (last && newValue === null) {
      if (idx < n) out.splice(idx, 1);
      const renumbered = new Map<string, LocNode>();
      out.forEach((_, i) => renumbered.set(String(i), children.get(String(i < idx ? i : i + 1))!));
      return { ok: true, value: out, loc: { ...loc, children: renumbered } };
    }
    const r = last
      ? { ok: true as const, value: newValue, loc: locFor(newValue, origin) }
      : setIn(out[idx], children.get(seg) ?? locFor(undefined, origin), rest, newValue, origin, [...done, seg]);
    if (!r.ok) return r;
    out[idx] = r.value;
    children.set(String(idx), r.loc);
    return { ok: true, value: out, loc: { ...loc, children } };
  }
  if (value !== undefined && value !== null && !isMapping(value)) {
    return { ok: false, reason: `${here} is ${describeValue(value)}, not a mapping, so it has no field "${seg}"` };
  }
  const created = !isMapping(value);
  const obj = isMapping(value) ? copyMapping(value) : {};
  const kids = new Map(created ? [] : loc.children ?? []);
  const has = Object.prototype.hasOwnProperty.call(obj, seg);
  if (last && newValue === null) {
    if (created) return { ok: true, value, loc };
    delete obj[seg];
    kids.delete(seg);
    return { ok: true, value: obj, loc: { ...loc, children: kids } };
  }
  const r = last
    ? { ok: true as const, value: newValue, loc: locFor(newValue, origin) }
    : setIn(has ? obj[seg] : undefined, kids.get(seg) ?? locFor(undefined, origin), rest, newValue, origin, [...done, seg]);
  if (!r.ok) return r;
  if (r.value === undefined) return { ok: true, value, loc };
  put(obj, seg, r.value);
  kids.set(seg, r.loc);
  const base = created ? locFor({}, origin) : loc;
  return { ok: true, value: obj, loc: { ...base, key: loc.key ?? base.key, children: kids } };
}

/**
 * Applies one path assignment to a document, returning a new document, or the reason the
 * path cannot be set (it runs through a scalar, or indexes past the end of a list).
 */
export function setInDocument(
  doc: ScenarioDocument,
  path: string,
  newValue: unknown,
  origin: PatchOrigin,
): { doc: ScenarioDocument } | { reason: string } {
  const segs = splitPath(path);
  if (path === '' || segs.some((s) => s === '')) return { reason: `"${path}" is not a field path (use names separated by dots, e.g. sites.dc-north.policy.s)` };
  const r = setIn(doc.value, doc.locations, segs, newValue, origin, []);
  if (!r.ok) return { reason: r.reason };
  return { doc: { file: doc.file, value: r.value, locations: r.loc } };
}

/**
 * Pure helper: a copy of `obj` with `path` (dot-separated or segments) set to `value`;
 * `null` deletes. Throws an Error naming the path when it runs through a scalar.
 */
export function setPath<T>(obj: T, path: string | readonly PathSegment[], value: unknown): T {
  const text = typeof path === 'string' ? path : joinPath(path);
  const origin: PatchOrigin = { file: '', line: 1, col: 1, label: '' };
  const r = setInDocument({ file: '', value: obj, locations: { at: origin } }, text, value, origin);
  if ('reason' in r) throw new Error(`cannot set ${text}: ${r.reason}`);
  return r.doc.value as T;
}

// ---------------------------------------------------------------------------------------
// Locating

/** Where to report a problem at `path`, and the patch that supplied the value there, if any. */
export interface Located {
  readonly loc: SourceLoc;
  readonly setBy?: string;
}

/**
 * Finds the deepest existing node on `path` and returns its position: the key that names it
 * when it is a collection (or when `preferKey`), else the value itself.
 */
export function locate(doc: ScenarioDocument, path: readonly PathSegment[], preferKey = false): Located {
  let node = doc.locations;
  let exact = true;
  for (const seg of path) {
    const next = node.children?.get(String(seg));
    if (!next) {
      exact = false;
      break;
    }
    node = next;
  }
  const useKey = node.key !== undefined && (node.children !== undefined || (preferKey && exact));
  return { loc: useKey ? node.key! : node.at, setBy: node.setBy };
}
