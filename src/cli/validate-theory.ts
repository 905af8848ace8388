/**
 * `scsim validate-theory`: runs the validation cases of scenarios/validation/ with the normal
 * engine and holds each result to its closed form (src/validation/). Prints, per check, the
 * theoretical value, the simulated mean with its confidence interval and PASS / FAIL / WIDE;
 * exit code 1 when any check FAILs. WIDE means the interval is wider than the precision the
 * case promises (e.g. after a small --replications): inconclusive, not a failure.
 */
import { ExperimentRunner } from '../experiment/runner.ts';
import type { CheckResult } from '../validation/check.ts';
import { CASES } from '../validation/cases.ts';
import { TheoryMismatchError } from '../validation/params.ts';
import { type CaseResult, runCase } from '../validation/run.ts';
import { loadScenario } from '../scenario/load.ts';
import { EXIT, UsageError } from './common.ts';
import { checkCommonNumbers } from './option-values.ts';
import { toJson } from './output.ts';
import { createProgress } from './progress.ts';

export interface ValidateTheoryArgs {
  /** Replications per case (default: each scenario's). */
  replications?: number;
  /** Master seed for every case (default: each scenario's). */
  seed?: number;
  /** Run only these cases (names as listed by --list). */
  case?: string[];
  /** Worker threads (default 0: in this thread). */
  workers?: number;
  json?: boolean;
  quiet?: boolean;
  /** Print the cases and exit. */
  list?: boolean;
}

export async function validateTheoryCommand(args: ValidateTheoryArgs): Promise<number> {
  checkCommonNumbers(args, 2);
  if (args.list) {
    process.stdout.write(`${table([['Case', 'Theory', 'Scenario'], ...CASES.map((c) => [c.name, c.title, relative(c.file)])], 3)}\n`);
    return EXIT.ok;
  }
  const wanted = args.case ?? [];
  for (const name of wanted)
    if (!CASES.some((c) => c.name === name))
      throw new UsageError(`unknown case "${name}"; the cases are: ${CASES.map((c) => c.name).join(', ')}`);
  const cases = wanted.length > 0 ? CASES.filter((c) => wanted.includes(c.name)) : CASES;
  const counts = cases.map((c) => args.replications ?? loadScenario(c.file).replications);
  const total = counts.reduce((a, b) => a + b, 0);
  const progress = createProgress({ total, quiet: args.quiet });
  const runner = new ExperimentRunner({ workers: args.workers ?? 0 });
  const results: CaseResult[] = [];
  let before = 0;
  try {
    for (const [i, c] of cases.entries()) {
      try {
        results.push(
          await runCase(c, {
            replications: args.replications,
            seed: args.seed,
            runner,
            onProgress: (done) => progress.update(before + done),
          }),
        );
      } catch (err) {
        // A case whose scenario no longer fits its theory is a broken case, not a user error.
        if (err instanceof TheoryMismatchError) throw new Error(`case ${c.name}: ${err.message}`);
        throw err;
      }
      before += counts[i]!;
    }
  } finally {
    progress.stop();
    await runner.close();
  }
  const checks = results.flatMap((r) => r.checks);
  const tally = { pass: 0, fail: 0, wide: 0 };
  for (const ch of checks) tally[ch.status === 'PASS' ? 'pass' : ch.status === 'FAIL' ? 'fail' : 'wide']++;
  const passed = tally.fail === 0;
  if (args.json) process.stdout.write(toJson({ confidence: results[0]?.confidence, passed, counts: tally, cases: results }));
  else process.stdout.write(`${formatValidation(results, tally)}\n`);
  return passed ? EXIT.ok : EXIT.failure;
}

/** Pads columns to equal width: the first `left` columns left-aligned (text), the rest right-aligned (numbers). */
function table(rows: string[][], left = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c < left ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

function relative(file: string): string {
  const i = file.lastIndexOf('/scenarios/');
  return i >= 0 ? file.slice(i + 1) : file;
}

/** A number for the table: 4 significant digits, thousands without decimals. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a >= 10_000) return Math.round(x).toLocaleString('en-US');
  if (a === 0) return '0';
  if (a < 1e-3) return x.toExponential(2);
  return x.toPrecision(4);
}

function row(caseName: string, ch: CheckResult): string[] {
  const rel = Number.isFinite(ch.relativeHalfWidth) ? `±${(ch.relativeHalfWidth * 100).toFixed(2)}%` : 'n/a';
  return [
    caseName,
    ch.quantity,
    ch.kpi,
    formatNumber(ch.theory),
    formatNumber(ch.simulated),
    `[${formatNumber(ch.ciLow)}, ${formatNumber(ch.ciHigh)}]`,
    rel,
    ch.status,
    ch.allowance > 0 ? `±${formatNumber(ch.allowance)}` : '',
  ];
}

/** The terminal report: one table of every check, then the tally. */
export function formatValidation(results: CaseResult[], tally: { pass: number; fail: number; wide: number }): string {
  const level = results[0] ? `${(results[0].confidence * 100).toFixed(1)}% CI` : 'CI';
  const rows = [['Case', 'Check', 'KPI', 'Theory', 'Simulated', level, 'CI/theory', 'Result', 'Allowance']];
  for (const r of results) r.checks.forEach((ch, i) => rows.push(row(i === 0 ? r.name : '', ch)));
  const out = [table(rows, 3), ''];
  for (const r of results)
    out.push(`${r.name}: ${r.title} — ${r.replications} replications, seed ${r.seed}, ${r.horizonDays} days (${r.warmupDays} warm-up)`);
  out.push('');
  out.push(`${tally.pass + tally.fail + tally.wide} checks: ${tally.pass} PASS, ${tally.fail} FAIL, ${tally.wide} WIDE`);
  out.push('PASS: |simulated − theory| within the CI half-width (plus the allowance, where a bounded systematic term exists:');
  out.push('      Little’s law over a finite window); WIDE: agrees, but the CI is wider than the case’s precision target (inconclusive).');
  return out.join('\n');
}
