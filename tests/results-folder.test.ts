/**
 * Results folders written as one unit (issue 21, item 4): a manifest written last, a folder
 * left half-written by a killed run (or holding files of two runs) refused by `scsim report`,
 * stale temporary files cleaned up, and `--out` naming a file refused before the run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST, checkResultsFolder, writeResultsFolder } from '../src/experiment/results-folder.ts';
import { loadReportInputs } from '../src/report/inputs.ts';
import { scsim } from './helpers/cli-process.ts';

const tmp = mkdtempSync(join(tmpdir(), 'scsim-results-folder-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SMALL = 'tests/fixtures/small-dc.yaml';

describe('writeResultsFolder', () => {
  it('writes the files, then a manifest naming each with its SHA-256; the previous run’s extra files go', () => {
    const dir = join(tmp, 'a');
    writeResultsFolder(dir, [['results.json', '{"scenario":"x"}\n'], ['sweep.csv', 'a\n1\n']]);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeResultsFolder(dir, [['results.json', '{"scenario":"y"}\n']]);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST, 'notes.txt', 'results.json']);
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    expect(m.state).toBe('complete');
    expect(Object.keys(m.files)).toEqual(['results.json']);
    expect(() => checkResultsFolder(dir)).not.toThrow();
  });

  it('refuses a folder whose files changed, went missing, or whose write was cut short', () => {
    const dir = join(tmp, 'b');
    writeResultsFolder(dir, [['results.json', '{"scenario":"x"}\n'], ['replications.csv', 'replication\n0\n']]);
    writeFileSync(join(dir, 'replications.csv'), 'replication\n0\n1\n'); // another run's file
    expect(() => checkResultsFolder(dir)).toThrow(/replications\.csv: changed since the run that wrote manifest\.json/);
    rmSync(join(dir, 'replications.csv'));
    expect(() => checkResultsFolder(dir)).toThrow(/replications\.csv: missing, but manifest\.json lists it/);
    // A run killed after it started replacing files leaves its "writing" manifest.
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    writeFileSync(join(dir, MANIFEST), JSON.stringify({ ...m, state: 'writing' }));
    expect(() => loadReportInputs(dir)).toThrow(/incomplete results folder \(the run writing it was stopped before it finished\)/);
  });

  it('removes temporary files of processes that are gone, keeps its own', () => {
    const dir = join(tmp, 'c');
    mkdirSync(dir, { recursive: true });
    const stale = '.999999999.1700000000000.abc.tmp'; // no such process
    writeFileSync(join(dir, stale), 'half');
    writeResultsFolder(dir, [['results.json', '{}\n']]);
    expect(existsSync(join(dir, stale))).toBe(false);
  });
});

describe('scsim run --out', () => {
  it('writes results.json, replications.csv, scenario.json and the manifest; scsim report refuses the folder once mixed', async () => {
    const dir = join(tmp, 'run');
    const r = await scsim(['run', SMALL, '-n', '3', '-w', '0', '-q', '--out', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST, 'replications.csv', 'replications.parquet', 'results.json', 'scenario.json']);
    const other = join(tmp, 'run-other');
    expect((await scsim(['run', SMALL, '-n', '4', '-w', '0', '-q', '--out', other])).code).toBe(0);
    writeFileSync(join(dir, 'replications.csv'), readFileSync(join(other, 'replications.csv')));
    const rep = await scsim(['report', dir, '-q', '--out', join(tmp, 'report')]);
    expect(rep.code).toBe(1);
    expect(rep.stderr).toMatch(/replications\.csv: changed since the run that wrote manifest\.json \(the folder's files do not belong together\)/);
  }, 120_000);

  it('naming a file fails before the run, exit 2', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const r = await scsim(['run', SMALL, '-n', '3', '-w', '0', '-q', '--out', file]);
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 2, stderr: `scsim: --out ${file}: is a file, not a folder\n`, stdout: '' });
  }, 60_000);
});
