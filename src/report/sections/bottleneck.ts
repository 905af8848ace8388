/**
 * Where the bottleneck sits, from the signals that show one: how long orders wait for a
 * resource and how long its queue grows, not only how busy it is on average over the year.
 * A back office busy 75% of a year can still be the bottleneck when a surge makes orders queue
 * for days: yearly utilisation hides peaks, waits do not.
 *
 * Resources: each site's order desk (back-office order processing) with its mean wait and
 * utilisation, the network's peak order queue, and each plant's production lines with their
 * utilisation. A stock point is the constraint only when stock-outs actually cost service.
 */
import type { RunResults } from '../inputs.ts';
import { fmt } from '../model.ts';

/** Utilisation from which a resource is called the bottleneck on its own. */
export const BOTTLENECK_UTILISATION = 0.85;
/** Share of the customer lead time spent waiting at an order desk from which the desk is the bottleneck. */
export const BOTTLENECK_WAIT_SHARE = 0.25;
/** Shortest mean wait that can make an order desk the bottleneck [days] (two hours). */
export const BOTTLENECK_MIN_WAIT_DAYS = 2 / 24;
/** Fill rate below which inventory is called the weak point. */
export const WEAK_FILL_RATE = 0.98;

const num = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

interface Desk {
  site: string;
  wait: number;
  utilisation: number | null;
}

/** The bottleneck in one sentence, naming the resource and the numbers that make it one. */
export function bottleneckSentence(doc: RunResults): string {
  const lead = doc.kpis.customerLeadTimeMean?.mean;
  const peak = doc.kpis.orderProcessingPeakQueue?.mean;
  const desks: Desk[] = [];
  let busiestLine: { site: string; value: number } | undefined;
  let busiestDesk: { site: string; value: number } | undefined;
  let weakest: { site: string; value: number } | undefined;
  for (const [site, k] of Object.entries(doc.bySite)) {
    const wait = k.orderProcessingWait?.mean;
    const u = k.orderProcessingUtilisation?.mean;
    if (num(wait)) desks.push({ site, wait, utilisation: num(u) ? u : null });
    if (num(u) && (!busiestDesk || u > busiestDesk.value)) busiestDesk = { site, value: u };
    const p = k.productionUtilisation?.mean;
    if (num(p) && (!busiestLine || p > busiestLine.value)) busiestLine = { site, value: p };
    const f = k.fillRate?.mean;
    if (num(f) && (!weakest || f < weakest.value)) weakest = { site, value: f };
  }
  const slowest = desks.sort((a, b) => b.wait - a.wait)[0];
  const weak = weakest && weakest.value < WEAK_FILL_RATE ? `the lowest fill rate of any site is at ${weakest.site} (${fmt(weakest.value, 'percent')})` : '';
  const peakText = num(peak) && peak >= 1 ? `, and up to ${fmt(peak, 'units')} orders queued at once` : '';
  const deskIsBottleneck =
    slowest &&
    slowest.wait >= BOTTLENECK_MIN_WAIT_DAYS &&
    ((num(lead) && lead > 0 && slowest.wait >= BOTTLENECK_WAIT_SHARE * lead) || (slowest.utilisation ?? 0) >= BOTTLENECK_UTILISATION);
  if (slowest && deskIsBottleneck) {
    const share = num(lead) && lead > 0 ? ` (${fmt(Math.min(1, slowest.wait / lead), 'percent')} of the ${fmt(lead, 'days')} mean customer lead time)` : '';
    const util =
      slowest.utilisation !== null
        ? slowest.utilisation < BOTTLENECK_UTILISATION
          ? `; its clerks are busy only ${fmt(slowest.utilisation, 'percent')} of the time on average, so the queue builds in peaks, not all year`
          : `; its clerks are busy ${fmt(slowest.utilisation, 'percent')} of the time`
        : '';
    return `Bottleneck: the order desk (back-office order processing) at ${slowest.site} — orders wait ${fmt(slowest.wait, 'days')} on average for a clerk${share}${peakText}${util}${weak ? `. Also, ${weak}` : ''}.`;
  }
  const busiest = [
    ...(busiestLine ? [{ ...busiestLine, what: 'production lines' }] : []),
    ...(busiestDesk ? [{ ...busiestDesk, what: 'order desk' }] : []),
  ].sort((a, b) => b.value - a.value)[0];
  if (busiest && busiest.value >= BOTTLENECK_UTILISATION)
    return `Bottleneck: the ${busiest.what} at ${busiest.site}, busy ${fmt(busiest.value, 'percent')} of the time (the highest utilisation in the network)${weak ? `; ${weak}` : ''}.`;
  const calm = busiest
    ? `No resource is a bottleneck: the busiest is the ${busiest.what} at ${busiest.site} (${fmt(busiest.value, 'percent')} busy)` +
      (slowest ? ` and orders wait ${fmt(slowest.wait, 'days')} on average at the slowest order desk (${slowest.site})` : '')
    : 'The network has no capacity-limited resource';
  if (weak) return `${calm}; the weak point is inventory: ${weak}.`;
  const otif = doc.kpis.otif?.mean;
  const fill = doc.kpis.fillRate?.mean;
  if (num(otif) && num(fill) && fill - otif > 0.05)
    return `${calm}; stock is there (fill rate ${fmt(fill, 'percent')}) but OTIF is ${fmt(otif, 'percent')}: orders arrive late — compare transit times with the promised delivery times.`;
  return `${calm}, and stock-outs are rare (no site below ${fmt(WEAK_FILL_RATE, 'percent')} fill rate).`;
}
