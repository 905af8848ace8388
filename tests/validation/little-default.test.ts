/**
 * Little's law L = λW on every plant and DC of the shipped default scenario (Little 1961;
 * Stidham 1974): pipeline (avgOnOrder vs receiptRate × replenishmentLeadTime) and backorders
 * (avgBackorders vs backorderRate × backorderDelay + abandoned units × patience / T). The
 * tolerance is the 99.9% interval of the per-replication difference plus the window-boundary
 * allowance peak × L × W / T derived in src/validation/little.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { LITTLE_CASE } from '../../src/validation/cases.ts';
import { runAndCollect } from './helpers.ts';

describe("Little's law", () => {
  it('holds on every site of the default scenario', async () => {
    const { result, problems } = await runAndCollect(LITTLE_CASE);
    // Two checks (pipeline, backorders) per open plant and DC.
    const sites = Object.values(loadScenario(LITTLE_CASE.file).sites).filter((x) => x.open && x.type !== 'supplier');
    expect(result.checks.length).toBe(2 * sites.length);
    expect(problems).toEqual([]);
  });
});
