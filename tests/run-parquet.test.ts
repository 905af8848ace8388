/**
 * replications.parquet beside replications.csv: typed columns (replication INT32, one DOUBLE
 * per KPI), read back with hyparquet, value for value equal to the CSV; NaN as null.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { captureOutput } from './helpers/capture.ts';
import { replicationsParquet } from '../src/cli/parquet.ts';
import { runCommand } from '../src/cli/run.ts';

const SMALL = fileURLToPath(new URL('./fixtures/small-dc.yaml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'scsim-parquet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
captureOutput();

const bufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('replications.parquet', () => {
  it('run --out writes it; read back, it equals replications.csv column for column, with types', async () => {
    const dir = join(tmp, 'run');
    expect(await runCommand({ scenario: SMALL, seed: 5, replications: 6, horizon: 120, workers: 0, quiet: true, out: dir })).toBe(0);
    const file = bufferOf(readFileSync(join(dir, 'replications.parquet')));
    const [header, ...rows] = readFileSync(join(dir, 'replications.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(6);
    const leaves = meta.schema.slice(1);
    expect(leaves.map((s) => s.name)).toEqual(header);
    expect(leaves[0]).toMatchObject({ type: 'INT32', repetition_type: 'REQUIRED' });
    for (const s of leaves.slice(1)) expect(s).toMatchObject({ type: 'DOUBLE', repetition_type: 'OPTIONAL' });
    const records = await parquetReadObjects({ file });
    expect(records).toHaveLength(6);
    records.forEach((rec, i) => {
      header!.forEach((name, k) => {
        const cell = rows[i]![k]!;
        expect(rec[name]).toBe(cell === '' ? null : Number(cell));
      });
    });
  });

  it('a KPI undefined in a replication (NaN) is null, and the bytes depend only on the values', async () => {
    const layout = { names: ['fillRate', 'otif'], kpiCount: 2, length: 2 } as never;
    const v = { layout, count: 3, data: new Float64Array([0.9, 0.8, Number.NaN, 0.7, 1, 0.95]) };
    const bytes = replicationsParquet(v, 10);
    expect(replicationsParquet(v, 10)).toEqual(bytes);
    const records = await parquetReadObjects({ file: bufferOf(bytes) });
    expect(records).toEqual([
      { replication: 10, fillRate: 0.9, otif: 0.8 },
      { replication: 11, fillRate: null, otif: 0.7 },
      { replication: 12, fillRate: 1, otif: 0.95 },
    ]);
  });
});
