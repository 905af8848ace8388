/**
 * Reference checks of stock reserves (called from references.ts): a reserve protects units for
 * a priority some customer segment has. The shape of `reserve` (forPriority, exactly one of
 * units or daysOfDemand, non-negative numbers) is the schema's (allocation-schema.ts).
 */
import type { ReferenceProblem } from './references.ts';
import { type Obj, obj } from './raw-access.ts';

export function findAllocationProblems(root: Obj): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const priorities = new Set<number>();
  for (const seg of Object.values(obj(root.segments))) {
    const p = obj(seg).priority;
    priorities.add(typeof p === 'number' ? p : 1);
  }
  const known = [...priorities].sort((a, b) => a - b).join(', ');
  for (const [siteId, site] of Object.entries(obj(root.sites))) {
    for (const [product, stock] of Object.entries(obj(obj(site).stock))) {
      const p = obj(obj(stock).reserve).forPriority;
      if (typeof p === 'number' && Number.isInteger(p) && priorities.size > 0 && !priorities.has(p))
        problems.push({
          path: ['sites', siteId, 'stock', product, 'reserve', 'forPriority'],
          message: `no customer segment has priority ${p} (segment priorities: ${known}): give the priority of the segments the reserve is for`,
        });
    }
  }
  return problems;
}
