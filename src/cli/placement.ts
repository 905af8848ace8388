/**
 * `scsim optimize --placement`: the guaranteed-service placement of safety stock (the method
 * is documented in src/experiment/placement-plan.ts) — the analytic plan per stock, then the
 * simulated service and inventory cost of the scenario's policies, uniform safety stock and
 * the placement, before and after scaling each plan to meet the target, with intervals.
 */
import type { PlacementResult } from '../experiment/placement-plan.ts';
import { levelText, meanPm } from './experiment-common.ts';
import { formatValue, table } from './format.ts';

const ARM: Record<PlacementResult['arms'][number]['name'], string> = {
  current: 'scenario’s policies',
  uniform: 'uniform (analytic)',
  placement: 'placement (analytic)',
  'uniform-corrected': 'uniform, corrected',
  'placement-corrected': 'placement, corrected',
};

/** The placement result for the terminal. */
export function formatPlacement(r: PlacementResult): string {
  const ci = levelText(r.confidence);
  const f = (x: number, d = 1) => x.toFixed(d);
  const out = [
    `${r.scenario}: safety-stock placement for ${formatValue(r.target, 'percent')} service (z = ${f(r.z, 3)}), guaranteed-service model`,
    `${r.replications} replications per simulated plan, seed ${r.seed}, common random numbers; ${r.evaluations} plans simulated`,
    '',
    'Analytic plan (days; units; T = own replenishment time, SI/S = committed service times in/out, NLT = SI + T − S;',
    'level = base-stock level, or the reorder point of an economic lot where orders have a fixed cost)',
  ];
  const rows = [['stock', 'T', 'demand/day', 'sd/day', 'SI', 'S', 'NLT', 'safety stock', 'level', 'uniform level']];
  for (const s of r.stocks)
    rows.push([s.stock, String(s.processingTime), f(s.demandMean), f(s.demandSd), String(s.SI), String(s.S), String(s.netLeadTime), f(s.safetyStock, 0), String(s.baseStock), String(s.uniformBaseStock)]);
  out.push(table(rows), '');
  const saving = 1 - r.analyticCost.placement / r.analyticCost.uniform;
  out.push(
    `Analytic safety-stock holding cost [money/day]: placement ${f(r.analyticCost.placement, 2)} vs uniform ${f(r.analyticCost.uniform, 2)} (${formatValue(saving, 'percent')} less)`,
    '',
    `Simulated (± ${ci} CI half-width; "vs uniform" is paired: corrected placement vs corrected uniform)`,
  );
  const sim = [['policies', 'k', 'fill rate', 'worst segment', 'target met', 'inventory cost', 'vs uniform']];
  for (const a of r.arms)
    sim.push([
      ARM[a.name],
      a.safetyFactor === null ? '-' : f(a.safetyFactor, 2),
      meanPm(a.fillRate, 'fillRate'),
      a.worstSegment ? `${a.worstSegment.segment} ${formatValue(a.worstSegment.fillRate.mean, 'percent')}` : 'n/a',
      a.metTarget ? 'yes' : 'no',
      meanPm(a.inventoryCost, 'inventoryCost'),
      a.costVsUniform ? meanPm(a.costVsUniform, 'inventoryCost') : '-',
    ]);
  out.push(table(sim), '');
  const pc = r.arms.find((a) => a.name === 'placement-corrected');
  const uc = r.arms.find((a) => a.name === 'uniform-corrected');
  const d = pc?.costVsUniform;
  if (d && d.mean !== null && uc?.inventoryCost.mean != null && pc!.metTarget && uc.metTarget) {
    const sure = d.ciHigh !== null && d.ciHigh < 0 ? 'cheaper' : d.ciLow !== null && d.ciLow > 0 ? 'dearer' : 'not distinguishable from uniform';
    out.push(
      `At equal service (every segment ≥ ${formatValue(r.target, 'percent')}): placement is ${sure}: ${meanPm(d, 'inventoryCost')} inventory cost over the run (${formatValue(d.mean / uc.inventoryCost.mean, 'percent')}).`,
    );
  } else out.push('A corrected plan missed the target even at the top of the scale (k = 4): no equal-service comparison.');
  out.push('k scales each plan’s safety stock (1 = analytic) to the smallest value on a 0.05 grid meeting the target in every segment.', '', `Method: ${r.method}.`);
  return out.join('\n');
}
