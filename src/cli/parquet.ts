/**
 * replications.parquet: the per-replication KPIs of replications.csv as a typed Parquet file
 * a notebook reads directly (pandas.read_parquet, polars, DuckDB, Arrow), written with
 * hyparquet-writer (pure JavaScript). Columns: `replication` INT32, then one DOUBLE per KPI
 * (the names and order of replications.csv); a KPI undefined in a replication (NaN, an empty
 * CSV cell) is null. Uncompressed and without statistics timestamps, so identical results
 * give identical bytes.
 */
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import type { ReplicationVectors } from '../experiment/results.ts';

/** The Parquet bytes of the per-replication KPIs; `first` numbers the first replication. */
export function replicationsParquet(v: ReplicationVectors, first = 0): Uint8Array {
  const { layout } = v;
  const ids = new Int32Array(v.count);
  for (let i = 0; i < v.count; i++) ids[i] = first + i;
  const columnData: ColumnSource[] = [{ name: 'replication', data: ids, type: 'INT32', nullable: false }];
  for (let k = 0; k < layout.kpiCount; k++) {
    const data = new Array<number | null>(v.count);
    for (let i = 0; i < v.count; i++) {
      const x = v.data[i * layout.length + k]!;
      data[i] = Number.isNaN(x) ? null : x;
    }
    columnData.push({ name: layout.names[k]!, data, type: 'DOUBLE', nullable: true });
  }
  return new Uint8Array(parquetWriteBuffer({ columnData, codec: 'UNCOMPRESSED', createdBy: 'scsim' }));
}
