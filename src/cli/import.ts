/**
 * `scsim import DIR --out scenario.yaml`: builds a commented scenario file from a folder of
 * CSV tables (src/import/). Every problem of every table is printed at once as
 * `file.csv:line:column: column: what is wrong` (exit 2), and then no file is written.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importFolder, type ImportOptions } from '../import/import.ts';
import { writeFileAtomic } from './output.ts';
import { UsageError } from './common.ts';

/** Arguments of `scsim import`. */
export interface ImportArgs extends ImportOptions {
  /** Folder of CSV tables. */
  dir: string;
  /** Scenario file to write. */
  out: string;
  quiet?: boolean;
}

export async function importCommand(args: ImportArgs): Promise<number> {
  if (!args.out) throw new UsageError('import needs --out FILE (the scenario file to write)');
  if (!existsSync(args.dir) || !statSync(args.dir).isDirectory()) throw new UsageError(`import: no folder ${args.dir}`);
  const result = importFolder(args.dir, args, args.out);
  writeFileAtomic(args.out, result.yaml);
  if (!args.quiet) {
    const s = result.scenario;
    const lines = [`✔ ${args.out}: ${Object.keys(s.sites).length} sites, ${Object.keys(s.products).length} products, ${Object.keys(s.segments).length} segments, ${s.lanes.length} lanes`];
    for (const [id, fit] of result.demand) {
      const f = fit.forecast ? `, forecastErrorCv ${fit.forecast.forecastErrorCv.toFixed(3)}` : '';
      lines.push(`  ${id}: ${fit.rate.ordersPerDay.toFixed(2)} orders/day, amplitude ${fit.rate.amplitude.toFixed(2)} peak day ${Math.round(fit.rate.peakDay)}, size ${fit.size.best.name} (KS ${fit.size.ks.toFixed(3)})${f}`);
    }
    lines.push(`Next: scsim validate ${args.out} && scsim run ${args.out} --out ${join('results', 'imported')}`);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  return 0;
}
