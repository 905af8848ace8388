/**
 * One CSV table of an import folder, read with csv-parse, and typed access to its cells that
 * collects every problem as `file.csv:line:column: column-name: what is wrong` instead of
 * stopping at the first. Line is the file's 1-based line of the record (the header is line 1),
 * column the 1-based field number (the spreadsheet column), so a planner finds the cell.
 *
 * The dialect: comma-separated, first row the column names (exactly as documented: `S` and `s`
 * differ; surrounding spaces ignored), double quotes around fields that hold commas, `#` starts a comment line,
 * empty lines skipped, an empty cell means "not given".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ScenarioProblem } from '../scenario/errors.ts';

/** Problems found so far, shared by every table of one import. */
export type Problems = ScenarioProblem[];

/** Column declaration: the name, and whether every row must fill it. */
export interface ColumnSpec {
  name: string;
  required?: boolean;
}

/** One data row: its line and a reader for its cells. */
export class Row {
  constructor(
    readonly table: Table,
    /** 1-based line of the record in the file. */
    readonly line: number,
    private readonly cells: readonly string[],
  ) {}

  /** The cell's text ('' when the column is absent or the cell empty). */
  text(column: string): string {
    const i = this.table.index.get(column);
    return i === undefined ? '' : (this.cells[i] ?? '').trim();
  }

  /** True when the cell holds something. */
  has(column: string): boolean {
    return this.text(column) !== '';
  }

  /** Records a problem at this row's cell of `column`. */
  problem(column: string, message: string): void {
    const i = this.table.index.get(column);
    this.table.problems.push({ file: this.table.file, line: this.line, col: i === undefined ? 1 : i + 1, path: column, message });
  }

  /** A required text cell (an id, a date); undefined (and a problem) when empty. */
  need(column: string): string | undefined {
    const t = this.text(column);
    if (t === '') this.problem(column, 'must not be empty');
    return t === '' ? undefined : t;
  }

  /** An id: letters, digits, "-" and "_" (the scenario's id rule). */
  id(column: string, required = true): string | undefined {
    const t = this.text(column);
    if (t === '') {
      if (required) this.problem(column, 'must not be empty');
      return undefined;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(t)) {
      this.problem(column, `"${t}" is not an id (letters, digits, "-" and "_", starting with a letter or digit)`);
      return undefined;
    }
    return t;
  }

  /**
   * A number, checked against bounds; undefined when empty (a problem if required) or wrong.
   * `integer` demands a whole number.
   */
  num(column: string, opts: { required?: boolean; min?: number; gt?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const t = this.text(column);
    if (t === '') {
      if (opts.required) this.problem(column, 'must not be empty (a number)');
      return undefined;
    }
    const x = Number(t);
    const bounds = [
      opts.gt !== undefined ? `> ${opts.gt}` : opts.min !== undefined ? `≥ ${opts.min}` : '',
      opts.max !== undefined ? `≤ ${opts.max}` : '',
    ].filter(Boolean).join(' and ');
    const want = `${opts.integer ? 'a whole number' : 'a number'}${bounds ? ` ${bounds}` : ''}`;
    const bad =
      !Number.isFinite(x) ||
      (opts.integer && !Number.isInteger(x)) ||
      (opts.min !== undefined && x < opts.min) ||
      (opts.gt !== undefined && !(x > opts.gt)) ||
      (opts.max !== undefined && x > opts.max);
    if (bad) {
      this.problem(column, `must be ${want}, got "${t}"`);
      return undefined;
    }
    return x;
  }

  /** One of a fixed set of words; undefined when empty or not one of them. */
  oneOf<T extends string>(column: string, choices: readonly T[], required = false): T | undefined {
    const t = this.text(column);
    if (t === '') {
      if (required) this.problem(column, `must not be empty (one of ${choices.join(', ')})`);
      return undefined;
    }
    if (!(choices as readonly string[]).includes(t)) {
      this.problem(column, `must be one of ${choices.join(', ')}, got "${t}"`);
      return undefined;
    }
    return t as T;
  }

  /** yes/no, true/false, 1/0. */
  bool(column: string): boolean | undefined {
    const t = this.text(column).toLowerCase();
    if (t === '') return undefined;
    if (['yes', 'true', '1'].includes(t)) return true;
    if (['no', 'false', '0'].includes(t)) return false;
    this.problem(column, `must be yes or no, got "${this.text(column)}"`);
    return undefined;
  }
}

/** A parsed CSV table: its file name (as reported), column index and rows. */
export class Table {
  readonly index = new Map<string, number>();
  readonly rows: Row[] = [];
  /** Line of the header row. */
  headerLine = 1;

  constructor(
    /** File name as reported in problems (relative to the import folder). */
    readonly file: string,
    readonly problems: Problems,
  ) {}

  /** A problem about the whole table (line 1, column 1). */
  problem(message: string, line = this.headerLine, col = 1, path = ''): void {
    this.problems.push({ file: this.file, line, col, path, message });
  }
}

/**
 * Reads `dir/name` if it exists (undefined otherwise, with a problem when `required`). Checks
 * the header against `columns`: a missing required column, an unknown column (with the known
 * ones listed) and a repeated column are problems; so is a row with more fields than the header.
 */
export function readTable(dir: string, name: string, columns: readonly ColumnSpec[], problems: Problems, required: boolean): Table | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) {
    if (required) problems.push({ file: name, line: 1, col: 1, path: '', message: `missing: the import needs ${name} in ${dir}` });
    return undefined;
  }
  const table = new Table(name, problems);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(readFileSync(path, 'utf8'), {
      info: true,
      bom: true,
      comment: '#',
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) table.problem(`not valid CSV: ${err.message.replace(/ at line \d+/, '')}`, (err as { lines?: number }).lines ?? 1);
        return undefined;
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    table.problem(`not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
    return table;
  }
  const head = records.shift();
  if (!head) {
    table.problem('empty: the first row must name the columns');
    return table;
  }
  table.headerLine = head.info.lines;
  const known = new Set(columns.map((c) => c.name));
  head.record.forEach((raw, i) => {
    const name = raw.trim();
    if (table.index.has(name)) table.problem(`column "${name}" appears twice`, table.headerLine, i + 1);
    else if (!known.has(name)) table.problem(`unknown column "${raw.trim()}"; the columns are: ${columns.map((c) => c.name).join(', ')}`, table.headerLine, i + 1);
    else table.index.set(name, i);
  });
  for (const c of columns) if (c.required && !table.index.has(c.name)) table.problem(`missing column "${c.name}"`);
  const width = head.record.length;
  for (const { record, info } of records) {
    if (record.length > width && record.slice(width).some((c) => c.trim() !== '')) {
      table.problem(`${record.length} fields but the header names ${width}`, info.lines, width + 1);
      continue;
    }
    table.rows.push(new Row(table, info.lines, record));
  }
  return table;
}

/** Reports ids defined twice in `rows` (by `column`); returns the first row of each id. */
export function uniqueIds(rows: readonly Row[], column: string): Map<string, Row> {
  const seen = new Map<string, Row>();
  for (const row of rows) {
    const id = row.id(column);
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first) row.problem(column, `"${id}" is already defined on line ${first.line}`);
    else seen.set(id, row);
  }
  return seen;
}
