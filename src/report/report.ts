/**
 * From inputs to a report: each experiment kind contributes its own sections (summary
 * sentences, charts, tables); the report puts every section's summary first, then all
 * charts, then all tables. A new experiment kind registers one function here.
 */
import { compareSection } from './sections/compare.ts';
import { optimizeSection } from './sections/optimize.ts';
import { placementFrontierSection, placementSection } from './sections/placement.ts';
import { pointsSection } from './sections/points.ts';
import { runSection } from './sections/run.ts';
import { transportCompareSections, transportRunSections } from './sections/transport.ts';
import { resultsKind, type ReportInputs } from './inputs.ts';
import { withCurrency, type Report, type ReportSection } from './model.ts';

type SectionBuilder = (inputs: ReportInputs) => ReportSection[];

/** Sections per experiment kind, in the order they appear. */
export const SECTIONS: Record<ReturnType<typeof resultsKind>, SectionBuilder> = {
  run: (inputs) => [runSection(inputs), ...transportRunSections(inputs)],
  compare: (inputs) => [compareSection(inputs), ...transportCompareSections(inputs)],
  frontier: (inputs) => [pointsSection(inputs)],
  sweep: (inputs) => [pointsSection(inputs)],
  optimize: (inputs) => [optimizeSection(inputs)],
  placement: (inputs) => [placementSection(inputs)],
  'placement-frontier': (inputs) => [placementFrontierSection(inputs)],
};

export function buildReport(inputs: ReportInputs): Report {
  return withCurrency(inputs.scenario?.currency, () => build(inputs));
}

function build(inputs: ReportInputs): Report {
  const kind = resultsKind(inputs.results);
  const sections = SECTIONS[kind](inputs);
  const ids = new Set<string>();
  for (const c of sections.flatMap((s) => s.charts)) {
    // Chart ids become file names: they are fixed words, never user text; keep them unique.
    if (!/^[a-z0-9-]+$/.test(c.id) || ids.has(c.id)) throw new Error(`report: bad or duplicate chart id "${c.id}"`);
    ids.add(c.id);
  }
  const own = (inputs.results as { description?: unknown }).description;
  const description = typeof own === 'string' ? own : inputs.scenario?.description;
  return {
    title: inputs.results.scenario,
    ...(inputs.scenario?.question ? { question: inputs.scenario.question } : {}),
    ...(description ? { description } : {}),
    facts: facts(inputs),
    summary: sections.flatMap((s) => s.summary),
    charts: sections.flatMap((s) => s.charts),
    tables: sections.flatMap((s) => s.tables),
  };
}

function facts(inputs: ReportInputs): string {
  const r = inputs.results as { replications?: unknown; seed?: unknown; horizonDays?: unknown; warmupDays?: unknown; confidence?: unknown };
  const kind = resultsKind(inputs.results);
  const parts: string[] = [{ run: 'Simulation run', compare: 'Comparison of options', frontier: 'Cost/service frontier', sweep: 'Parameter sweep', optimize: 'Policy optimisation', placement: 'Safety-stock placement', 'placement-frontier': 'Safety-stock placement frontier' }[kind]];
  if (typeof r.replications === 'number') parts.push(`${r.replications} replications`);
  if (typeof r.seed === 'number') parts.push(`master seed ${r.seed}`);
  // Placement results do not carry the run length; the scenario they ran (scenario.json) does.
  const run = kind === 'placement' || kind === 'placement-frontier' ? { horizonDays: r.horizonDays ?? inputs.scenario?.horizonDays, warmupDays: r.warmupDays ?? inputs.scenario?.warmupDays } : r;
  if (typeof run.horizonDays === 'number') parts.push(`${run.horizonDays}-day horizon`);
  if (typeof run.warmupDays === 'number' && run.warmupDays > 0) parts.push(`${run.warmupDays}-day warm-up excluded`);
  if (typeof r.confidence === 'number') parts.push(`${Math.round(r.confidence * 100)}% confidence intervals (Student t)`);
  if (inputs.scenario?.currency) parts.push(`money in ${inputs.scenario.currency}`);
  return `${parts.join(', ')}.`;
}
