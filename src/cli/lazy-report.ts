/**
 * The report writer (src/report/write.ts), loaded only when a report is written. It brings in
 * vega, vega-lite, d3 and resvg, ≈ 0.3 s of CPU to load: paid by `--report` and `scsim report`,
 * not by every command (`npm run bench`, start-up section). In the CLI bundle it is a separate
 * chunk (scripts/build.mjs).
 */
import type { ReportInputs } from '../report/inputs.ts';
import type { WriteReportOptions, WrittenReport } from '../report/write.ts';

/** As `writeReport` of src/report/write.ts. */
export async function writeReport(resultsDir: string, opts?: WriteReportOptions): Promise<WrittenReport> {
  return (await import('../report/write.ts')).writeReport(resultsDir, opts);
}

/** As `writeReportFrom` of src/report/write.ts. */
export async function writeReportFrom(inputs: ReportInputs, opts?: WriteReportOptions): Promise<WrittenReport> {
  return (await import('../report/write.ts')).writeReportFrom(inputs, opts);
}
