/**
 * `scsim report RESULTS_DIR`: the chart report of a results folder (written by `run --out`,
 * and by sweep, compare and frontier): report.html (self-contained, offline), summary.md,
 * and every chart as .vl.json, .svg and .png. Written into RESULTS_DIR/report/ (the report sits
 * with the results it was made from, so two experiments never share a report folder), or
 * into --out, or reports/<--name>/; atomically (a failed report leaves nothing half-written).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeReport } from './lazy-report.ts';
import { EXIT, UsageError } from './common.ts';

export interface ReportArgs {
  /** Results folder: results.json, and replications.csv and scenario.json when present. */
  results: string;
  /** Report folder (replaced if it exists). */
  out?: string;
  /** Report folder name under reports/ (default: RESULTS_DIR/report/). */
  name?: string;
  quiet?: boolean;
}

export async function reportCommand(args: ReportArgs): Promise<number> {
  if (typeof args.results !== 'string' || args.results === '') throw new UsageError('give the results folder: scsim report RESULTS_DIR (as written by scsim run --out)');
  if (!existsSync(args.results) || !statSync(args.results).isDirectory())
    throw new UsageError(`${args.results}: not a folder (give the results folder written by scsim run --out)`);
  if (!existsSync(join(args.results, 'results.json')))
    throw new UsageError(`${args.results}: no results.json in this folder (give the results folder written by scsim run --out)`);
  if (args.out !== undefined && args.name !== undefined) throw new UsageError('give --out or --name, not both');
  if (args.name !== undefined && args.name.trim() === '') throw new UsageError('--name must not be empty');
  // The report folder is replaced as a whole: never let that be a folder of other files.
  if (args.out !== undefined && existsSync(args.out) && (!statSync(args.out).isDirectory() || (readdirSync(args.out).length > 0 && !existsSync(join(args.out, 'report.html')))))
    throw new UsageError(`--out ${args.out}: exists and is not a scsim report folder; give a new or empty folder, or a previous report's`);
  const out = args.out ?? (args.name === undefined ? join(args.results, 'report') : undefined);
  const replaced = out !== undefined && existsSync(join(out, 'report.html'));
  const written = await writeReport(args.results, { out, name: args.name });
  if (!args.quiet) {
    const shown = relative(process.cwd(), written.dir) || '.';
    process.stderr.write(
      `scsim: wrote the report to ${join(shown.startsWith('..') ? written.dir : shown, 'report.html')} (${written.files.length} files${replaced ? ', replacing the report that was there' : ''})\n`,
    );
  }
  return EXIT.ok;
}
