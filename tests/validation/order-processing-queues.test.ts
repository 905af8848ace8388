/**
 * The order-processing back office against queueing theory (99.9% Student-t intervals of the
 * replications; expected values computed here from the scenario files' parameters —
 * src/validation/cases-queues.ts):
 *
 * - M/M/1: ρ = λE[S], P(wait) = ρ, Wq = ρE[S]/(1 − ρ), Lq = λWq.
 * - M/M/c: P(wait) = Erlang C = cB/(c − a(1 − B)), B = Erlang B(c, a), Wq = C·E[S]/(c − a).
 * - M/D/1: Wq = ρE[S]/(2(1 − ρ)) (Pollaczek–Khinchine), P(wait) = ρ.
 * Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory (4th ed.); Kleinrock (1975).
 */
import { describe, expect, it } from 'vitest';
import { QUEUE_CASES } from '../../src/validation/cases-queues.ts';
import { runAndCollect } from './helpers.ts';

describe('order processing agrees with queueing theory', () => {
  for (const c of QUEUE_CASES)
    it(`${c.name}: ${c.title}`, async () => {
      const { problems } = await runAndCollect(c);
      expect(problems).toEqual([]);
    });
});
