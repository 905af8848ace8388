/**
 * `scsim report RESULTS_DIR` and `scsim run --report`: where reports go, what a report folder
 * holds, that a folder is replaced whole (never half-written, never a folder of other files),
 * and the messages and exit codes of bad arguments.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { guarded } from '../src/cli/common.ts';
import { reportCommand } from '../src/cli/report.ts';
import { slug, writeReport, writeReportFrom } from '../src/report/write.ts';
import type { ReportInputs } from '../src/report/inputs.ts';
import { compareFixture, runFixture, writeResultsFolder, type RunFixture } from './report-helpers.ts';

const BIN = fileURLToPath(new URL('../bin/scsim.js', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));

let err = '';
let fixture: RunFixture;
let root: string;

beforeAll(async () => {
  fixture = await runFixture();
});

beforeEach(() => {
  err = '';
  root = mkdtempSync(join(tmpdir(), 'scsim-report-cli-'));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});

afterEach(() => vi.restoreAllMocks());

describe('slug', () => {
  it('makes a folder name of a scenario name', () => {
    expect(slug('Bottler with seventeen plants')).toBe('bottler-with-seventeen-plants');
    expect(slug('Café: SCM vs. CRM (2026)')).toBe('cafe-scm-vs-crm-2026');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('<>')).toBe('report');
  });
});

describe('writeReport', () => {
  it('writes the HTML page, the Markdown summary and every chart as .vl.json, .svg and .png', async () => {
    const { dir, files } = await writeReport(fixture.dir, { out: join(root, 'r') });
    const charts = ['segment-service', 'cost-breakdown', 'cash-cycle', 'back-office', 'service-over-time', 'on-hand', 'cash', 'kpi-distributions'];
    expect(files.sort()).toEqual(['report.html', 'summary.md', ...charts.flatMap((c) => [`${c}.vl.json`, `${c}.svg`, `${c}.png`])].sort());
    expect(readdirSync(dir).sort()).toEqual(files.sort());
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('## Summary');
    expect(md).toContain('![Cost breakdown](cost-breakdown.png)');
    expect(md).toContain('| KPI | mean | 95% CI | p05 | p95 |');
    const spec = JSON.parse(readFileSync(join(dir, 'cost-breakdown.vl.json'), 'utf8'));
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    // The KPI distributions come from replications.csv: one histogram value per replication.
    const dist = JSON.parse(readFileSync(join(dir, 'kpi-distributions.vl.json'), 'utf8'));
    expect(dist.concat[0].layer[0].data.values).toHaveLength(fixture.doc.replications);
  });

  it('defaults to reports/<slug of the scenario name>/, or --name', async () => {
    const a = await writeReportFrom({ results: compareFixture() }, { reportsDir: join(root, 'reports') });
    expect(a.dir).toBe(join(root, 'reports', 'bottler-scm-vs-crm'));
    const b = await writeReportFrom({ results: compareFixture() }, { reportsDir: join(root, 'reports'), name: 'Base case' });
    expect(b.dir).toBe(join(root, 'reports', 'base-case'));
  });

  it('replaces a previous report whole, and leaves no temporary folder', async () => {
    const out = join(root, 'r');
    await writeReportFrom({ results: compareFixture() }, { out });
    writeFileSync(join(out, 'stale-chart.png'), 'from an older report');
    await writeReportFrom({ results: compareFixture() }, { out });
    // The old folder's files do not linger among the new ones.
    expect(existsSync(join(out, 'stale-chart.png'))).toBe(false);
    expect(existsSync(join(out, 'options-compared.png'))).toBe(true);
    expect(readdirSync(root)).toEqual(['r']);
  });

  it('leaves the previous report untouched when the new one fails', async () => {
    const out = join(root, 'r');
    await writeReportFrom({ results: compareFixture() }, { out });
    const before = readFileSync(join(out, 'report.html'), 'utf8');
    const bad = { results: { kind: 'bogus', scenario: 'x' } } as unknown as ReportInputs;
    await expect(writeReportFrom(bad, { out })).rejects.toThrow(/unknown experiment kind/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(before);
    expect(readdirSync(root)).toEqual(['r']);
  });

  it('never replaces a folder that is not a report', async () => {
    const out = join(root, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    await expect(writeReport(fixture.dir, { out })).rejects.toThrow(/refusing to replace .*mine: it exists and is not a scsim report folder/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });
});

describe('reportCommand', () => {
  it('says where the report went', async () => {
    const out = join(root, 'r');
    const results = writeResultsFolder(mkdtempSync(join(root, 'results-')), compareFixture());
    expect(await guarded(() => reportCommand({ results, out }))).toBe(0);
    expect(err).toBe(`scsim: wrote the report to ${join(out, 'report.html')} (11 files)\n`);
    err = '';
    expect(await guarded(() => reportCommand({ results, out }))).toBe(0);
    expect(err).toBe(`scsim: wrote the report to ${join(out, 'report.html')} (11 files, replacing the report that was there)\n`);
  });

  it('rejects bad arguments with one line and exit code 2', async () => {
    const cases: Array<[Parameters<typeof reportCommand>[0], string]> = [
      [{ results: join(root, 'nope') }, 'nope: not a folder (give the results folder written by scsim run --out)'],
      [{ results: root }, 'no results.json in this folder'],
      [{ results: fixture.dir, out: join(root, 'x'), name: 'y' }, 'give --out or --name, not both'],
      [{ results: fixture.dir, name: ' ' }, '--name must not be empty'],
      [{ results: fixture.dir, out: fixture.dir }, 'exists and is not a scsim report folder'],
    ];
    for (const [args, message] of cases) {
      err = '';
      expect(await guarded(() => reportCommand(args))).toBe(2);
      expect(err).toContain(message);
      expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('the scsim binary', () => {
  it('scsim report RESULTS_DIR writes RESULTS_DIR/report/, beside the results it was made from', () => {
    const results = writeResultsFolder(mkdtempSync(join(root, 'results-')), compareFixture());
    const r = spawnSync(process.execPath, [BIN, 'report', results], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe(`scsim: wrote the report to ${join(relative(root, results), 'report', 'report.html')} (11 files)\n`);
    expect(r.status).toBe(0);
    expect(existsSync(join(results, 'report', 'report.html'))).toBe(true);
  });

  it('scsim run --report writes reports/<scenario file name>/ without --out, DIR/report/ with it', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', '-n', '2', '--horizon', '60', '--warmup', '5', '-w', '0', '-q', '--report'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const dir = join(root, 'reports', 'bottler-17-plants');
    expect(readdirSync(dir)).toContain('report.html');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('Over 2 replications of 60 days');
    const out = spawnSync(process.execPath, [BIN, 'run', '-n', '2', '--horizon', '60', '--warmup', '5', '-w', '0', '--out', 'res', '--report'], { cwd: root, encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stderr).toContain(`scsim: wrote the report to ${join(root, 'res', 'report', 'report.html')}\n`);
    expect(readdirSync(join(root, 'res')).sort()).toEqual(['manifest.json', 'replications.csv', 'replications.parquet', 'report', 'results.json', 'scenario.json']);
  });

  it('a comparison without --out gets a folder of its own: it never lands on the run’s report', () => {
    const r = spawnSync(process.execPath, [BIN, 'compare', join(SCENARIOS, 'holiday-surge.yaml'), '--variants', '--only', 'more-clerks', '-n', '2', '--horizon', '60', '--warmup', '5', '-w', '0', '--report'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`scsim: wrote the report to ${join(root, 'reports', 'holiday-surge-compare', 'report.html')}\n`);
    const again = spawnSync(process.execPath, [BIN, 'compare', join(SCENARIOS, 'holiday-surge.yaml'), '--variants', '--only', 'more-clerks', '-n', '2', '--horizon', '60', '--warmup', '5', '-w', '0', '--report'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(again.stderr).toContain('(replacing the report that was there)');
  });
});
