/**
 * Writing a report folder: report.html, summary.md, and per chart a .vl.json spec, an .svg
 * and a .png. Everything is rendered in memory first, written into a temporary sibling
 * folder, and only then renamed into place, so a failure never leaves a half-written report
 * (and a previous report of the same name stays intact until the new one is complete).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findChartFonts } from './fonts.ts';
import { renderHtml } from './html.ts';
import { loadReportInputs, type ReportInputs } from './inputs.ts';
import { renderMarkdown } from './markdown.ts';
import { buildReport } from './report.ts';
import { renderPng, renderSvg } from './render.ts';

export interface WriteReportOptions {
  /** Folder to write the report into (replaced if it exists). Default: `<reportsDir>/<name>`. */
  out?: string;
  /** Report folder name under reportsDir; default: a slug of the scenario name. */
  name?: string;
  /** Parent folder of named reports; default `reports` in the working directory. */
  reportsDir?: string;
}

export interface WrittenReport {
  /** Absolute path of the report folder. */
  dir: string;
  /** File names written, relative to `dir`. */
  files: string[];
}

/** `Bottler with seventeen plants` → `bottler-with-seventeen-plants`. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'report';
}

/** Reads a results folder (as written by `scsim run --out`) and writes its report. */
export async function writeReport(resultsDir: string, opts: WriteReportOptions = {}): Promise<WrittenReport> {
  return writeReportFrom(loadReportInputs(resultsDir), opts);
}

/** Writes the report of inputs already in memory. */
export async function writeReportFrom(inputs: ReportInputs, opts: WriteReportOptions = {}): Promise<WrittenReport> {
  const dir = resolve(opts.out ?? join(opts.reportsDir ?? 'reports', slug(opts.name ?? inputs.results.scenario)));
  refuseForeignFolder(dir); // before the work, and again just before the swap
  const files = await renderReportFiles(inputs);
  commitFolder(dir, files);
  return { dir, files: [...files.keys()] };
}

/** Every file of the report, rendered in memory: name → content. */
export async function renderReportFiles(inputs: ReportInputs): Promise<Map<string, string | Uint8Array>> {
  const fonts = findChartFonts(); // before any work: no fonts, no PNGs, say so now
  const report = buildReport(inputs);
  const files = new Map<string, string | Uint8Array>();
  files.set('report.html', renderHtml(report));
  files.set('summary.md', renderMarkdown(report));
  for (const chart of report.charts) {
    files.set(`${chart.id}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    const svg = await renderSvg(chart.spec);
    files.set(`${chart.id}.svg`, svg);
    files.set(`${chart.id}.png`, renderPng(svg, fonts));
  }
  return files;
}

/** Replacing a folder deletes it: only ever a previous report (or an empty folder), never a folder of other files. */
function refuseForeignFolder(dir: string): void {
  if (existsSync(dir) && (!statSync(dir).isDirectory() || (readdirSync(dir).length > 0 && !existsSync(join(dir, 'report.html')))))
    throw new Error(`refusing to replace ${dir}: it exists and is not a scsim report folder (no report.html); choose another folder`);
}

/** Writes the files into a temporary sibling of `dir`, then swaps it into place. */
function commitFolder(dir: string, files: Map<string, string | Uint8Array>): void {
  refuseForeignFolder(dir);
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const tmp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  try {
    mkdirSync(tmp);
    for (const [name, content] of files) writeFileSync(join(tmp, name), content);
    if (existsSync(dir)) renameSync(dir, old);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if (existsSync(old)) renameSync(old, dir); // put the previous report back
      throw err;
    }
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`cannot write the report to ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  rmSync(old, { recursive: true, force: true });
}
