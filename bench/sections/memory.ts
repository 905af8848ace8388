/**
 * Peak memory (resident set, all threads) of 100,000 replications of the small base-stock model
 * with every core, measured in a fresh process so nothing else run by the benchmark counts.
 * Target: under 300 MiB (maxRSS / 1024², printed as MB). Results hold one KPI vector per
 * replication and nothing per event; `scsim run` summarises the weekly series as replications
 * finish (src/experiment/series-summary.ts), keeping ≈ 10% of their values for the exact band.
 */
import { type Row, runChild, type Section } from '../lib.ts';

export interface MemoryReport {
  replications: number;
  vectorLength: number;
  /** Series values per replication summarised instead of kept (series mode). */
  seriesPoints: number;
  seconds: number;
  peakRssMb: number;
}

async function child(mode: 'kpis' | 'series', replications: number, workers: number): Promise<MemoryReport> {
  return JSON.parse(await runChild('memory-child', [mode, String(replications), String(workers)])) as MemoryReport;
}

export const memory: Section = {
  name: 'memory',
  title: 'Peak memory, 100,000 replications (base-stock, 1 order/day, 1 year)',
  async run(ctx) {
    const rows: Row[] = [];
    const modes: Array<['kpis' | 'series', string]> = [['kpis', 'KPI vectors (sweeps, --precision)']];
    if (ctx.full) modes.push(['series', 'KPI vectors + series summary (scsim run)']);
    for (const [mode, what] of modes) {
      const r = await child(mode, 100_000, ctx.cores);
      rows.push({
        measure: `peak RSS, ${what}, ${ctx.cores} workers [MiB]`,
        value: r.peakRssMb.toFixed(0),
        note: `${r.vectorLength} values/replication kept${r.seriesPoints ? ` + ${r.seriesPoints} series values summarised` : ''}, ${r.seconds.toFixed(0)} s; target < 300 (${r.peakRssMb < 300 ? 'met' : 'NOT met'})`,
      });
    }
    if (!ctx.full) rows.push({ measure: 'peak RSS with time series', value: '—', note: '--full measures it' });
    return rows;
  },
};
