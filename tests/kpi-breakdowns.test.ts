/**
 * Breakdowns: per customer-facing site, OTIF, customer lead time (mean, p95) and lost sales of
 * the segments it serves; per segment, the cycle service level and ready rate of the stocks
 * that serve it. Checked against the segment-level and site-level KPIs they must reduce to.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { loadScenario } from '../src/scenario/load.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.yaml`, import.meta.url));

/** KPIs of replication 0 of a scenario file, by name. */
function kpis(file: string, sets: string[] = []): (name: string) => number {
  const net = buildNetwork(loadScenario(file, sets));
  const rep = new Replication(net);
  rep.run(5, 0);
  const layout = kpiLayout(net);
  const out = new Float64Array(layout.length);
  collectKpis(rep, layout, out);
  return (name) => {
    const i = layout.names.indexOf(name);
    if (i < 0) throw new Error(`unknown KPI ${name}`);
    return out[i]!;
  };
}

describe('per-site customer service', () => {
  it('a site serving one segment reports that segment’s OTIF, lead times and lost sales', () => {
    const k = kpis(fixture('whatif-two-dcs'), ['sites.dc-west.policy.targetServiceLevel=0.3']);
    for (const [site, seg] of [['dc-east', 'east-retail'], ['dc-west', 'west-retail']]) {
      for (const name of ['otif', 'customerLeadTimeMean', 'customerLeadTimeP95', 'lostSalesUnits', 'lostSalesFraction'])
        expect(k(`site.${site}.${name}`), `${site} ${name}`).toBe(k(`segment.${seg}.${name}`));
    }
    expect(k('segment.west-retail.lostSalesUnits')).toBeGreaterThan(0); // a lost-sales segment that loses
  });

  it('a site that serves no customer reports no customer service (NaN)', () => {
    const k = kpis(fixture('foundation-network'));
    for (const name of ['otif', 'customerLeadTimeMean', 'customerLeadTimeP95', 'lostSalesUnits', 'lostSalesFraction'])
      expect(k(`site.plant.${name}`), name).toBeNaN();
    expect(k('site.dc-east.otif')).toBeGreaterThan(0);
  });

  it('a site serving two segments pools them', () => {
    const k = kpis(fixture('whatif-two-dcs'), ['sites.dc-west.open=false', 'segments.west-retail.servedBy=dc-east']);
    const [a, b] = [k('segment.east-retail.otif'), k('segment.west-retail.otif')];
    expect(k('site.dc-east.otif')).toBeGreaterThanOrEqual(Math.min(a, b));
    expect(k('site.dc-east.otif')).toBeLessThanOrEqual(Math.max(a, b));
    expect(k('site.dc-east.lostSalesUnits')).toBe(k('segment.west-retail.lostSalesUnits') + k('segment.east-retail.lostSalesUnits'));
    expect(k('site.dc-east.lostSalesFraction')).toBeCloseTo(k('lostSalesFraction'), 12); // the only customer-facing site
    expect(k('site.dc-east.customerLeadTimeP95')).toBe(k('customerLeadTimeP95'));
    expect(k('site.dc-east.customerLeadTimeMean')).toBeCloseTo(k('customerLeadTimeMean'), 12);
  });
});

describe('per-segment stock service', () => {
  it('a one-product segment reports its stock’s cycle service level and ready rate', () => {
    const k = kpis(fixture('whatif-two-dcs'));
    expect(k('segment.east-retail.cycleServiceLevel')).toBe(k('site.dc-east.cycleServiceLevel'));
    expect(k('segment.east-retail.readyRate')).toBeCloseTo(k('site.dc-east.readyRate'), 12);
    expect(k('segment.east-retail.cycleServiceLevel')).toBeLessThan(1); // stock-outs happen
  });

  it('a 50/50 product mix pools the cycles of both stocks and averages their ready rates', () => {
    // dc-a stocks exactly the two products of shops-a, mixed 50/50.
    const k = kpis(fixture('crn-shared-supplier'), ['sites.dc-a.policy.s=5']);
    expect(k('segment.shops-a.cycleServiceLevel')).toBe(k('site.dc-a.cycleServiceLevel'));
    expect(k('segment.shops-a.readyRate')).toBeCloseTo(k('site.dc-a.readyRate'), 12);
    expect(k('segment.shops-a.readyRate')).toBeLessThan(1);
  });
});
