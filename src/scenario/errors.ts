/**
 * Scenario problems as a user sees them: `file:line:col: path.to.field: what is wrong`.
 *
 * Every problem found while loading, patching or validating a scenario becomes one
 * `ScenarioProblem`; they are collected and thrown together as one `ScenarioError`, so the
 * user sees all of them at once (the CLI prints them with `formatProblems` and exits with 2).
 *
 * Paths are dot-separated field names with numeric segments for list entries, exactly as in
 * `--set` (e.g. `sites.dc-north.policy.s`, `lanes.2.transitTime`). The empty path is the
 * scenario as a whole.
 */

/** One thing wrong with a scenario, located in a file. */
export interface ScenarioProblem {
  /** File the problem is in, as the user named it (or `--set` for command-line overrides). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
  /** Dot-separated field path (`sites.dc-north.policy.s`, `lanes.2.transitTime`); '' for the whole file. */
  path: string;
  /** What is wrong, in words a supply-chain analyst understands (what was expected). */
  message: string;
}

/** Thrown when a scenario cannot be loaded; carries every problem found, sorted by position. */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];

  constructor(problems: ScenarioProblem[]) {
    const sorted = sortProblems(problems);
    super(formatProblems(sorted));
    this.name = 'ScenarioError';
    this.problems = sorted;
  }
}

/** Compares problems by file, then line, then column (then path and message, for a stable order). */
function compareProblems(a: ScenarioProblem, b: ScenarioProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.col !== b.col) return a.col - b.col;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Sorts problems by file, line, column and drops exact duplicates. Returns a new array. */
export function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const sorted = [...problems].sort(compareProblems);
  return sorted.filter((p, i) => i === 0 || compareProblems(sorted[i - 1]!, p) !== 0);
}

/** Formats one problem as `file:line:col: path: message` (no `path: ` for the whole file). */
export function formatProblem(p: ScenarioProblem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** Formats problems one per line, in the order given. */
export function formatProblems(problems: readonly ScenarioProblem[]): string {
  return problems.map(formatProblem).join('\n');
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment variant of
 * Damerau–Levenshtein): insertions, deletions, substitutions and swaps each cost 1.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name closest to `name` (case-insensitive edit distance), if it is close enough
 * to be a likely typo: distance ≤ max(2, ⌊length/3⌋). Ties go to the earlier known name.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(name.toLowerCase(), k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** At most this many known names are listed in a message. */
const MAX_LISTED = 30;

/** Lists names comma-separated, eliding after `MAX_LISTED`. */
export function listNames(known: readonly string[]): string {
  if (known.length <= MAX_LISTED) return known.join(', ');
  return `${known.slice(0, MAX_LISTED).join(', ')}, … (${known.length - MAX_LISTED} more)`;
}

/**
 * The suffix for a message about an unknown name: suggests the closest known one if it is a
 * likely typo and always lists the known ones, e.g.
 * ` (did you mean "dc-north"? known: dc-north, dc-south)`, ` (known: a, b)`, ` (none are defined)`.
 */
export function didYouMean(name: string, known: readonly string[]): string {
  if (known.length === 0) return ' (none are defined)';
  const guess = closestName(name, known);
  const list = `known: ${listNames(known)}`;
  return guess !== undefined ? ` (did you mean "${guess}"? ${list})` : ` (${list})`;
}
