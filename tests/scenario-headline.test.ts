/**
 * The scenario fields a report answers with: `question:`, `headline:` (KPI ids, checked
 * against the scenario's KPIs with file:line:col, all problems at once) and `currency:`.
 */
import { describe, expect, it } from 'vitest';
import { openScenario } from '../src/experiment/variants.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { BASE, problemsOf, writeScenario } from './scenario-helpers.ts';

describe('question, headline and currency', () => {
  it('are read as written', () => {
    const s = loadScenario(writeScenario(`${BASE}question: Is the DC big enough?\nheadline: [fillRate, segment.retail.otif]\ncurrency: EUR\n`));
    expect(s.question).toBe('Is the DC big enough?');
    expect(s.headline).toEqual(['fillRate', 'segment.retail.otif']);
    expect(s.currency).toBe('EUR');
  });

  it('names every headline entry that is not a KPI of the scenario, at its line', () => {
    const file = writeScenario(`${BASE}headline: [fillRate, fillrat, segment.nowhere.otif]\n`);
    const problems = problemsOf(() => openScenario(file));
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['headline.1', 22],
      ['headline.2', 22],
    ]);
    expect(problems[0]!.message).toMatch(/unknown KPI "fillrat".*fillRate/);
  });

  it('wants a currency as an ISO 4217 code', () => {
    const problems = problemsOf(() => loadScenario(writeScenario(`${BASE}currency: euros\n`)));
    expect(problems.map((p) => p.path)).toEqual(['currency']);
    expect(problems[0]!.message).toContain('three-letter ISO 4217 code');
  });
});
