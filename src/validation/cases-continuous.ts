/**
 * Validation cases for continuous review: base-stock with backorders and with lost sales,
 * (r,Q), the make-to-stock M/M/1 plant and the two-stage serial system. Each case reads its
 * parameters from its scenario file and states the closed form it is held to (formulas and
 * sources: continuous.ts and the scenario's header comment).
 */
import type { Scenario } from '../scenario/schema.ts';
import { type Check, kpiCheck } from './check.ts';
import { baseStockBackorders, baseStockLostSales, makeToStockMM1, rqBackorders, serialTwoStage } from './continuous.ts';
import { scenarioFile, type ValidationCase } from './case.ts';
import {
  laneTransit,
  param,
  policyOf,
  site,
  stockPolicy,
  supplierLeadTime,
  TheoryMismatchError,
  unitPoissonSegment,
  windowDays,
} from './params.ts';

/** Base-stock S of a continuously reviewed stock at `siteId`. */
function continuousBaseStock(s: Scenario, siteId: string): number {
  const p = policyOf(stockPolicy(s, siteId), 'base-stock', `sites.${siteId}.policy`);
  if (p.review) throw new TheoryMismatchError(`sites.${siteId}.policy.review: the theory needs continuous review`);
  return param(p.S, `sites.${siteId}.policy.S`);
}

const baseStockBackordersCase: ValidationCase = {
  name: 'base-stock-backorders',
  title: 'Base-stock, Poisson demand, deterministic lead time, backorders',
  file: scenarioFile('base-stock-backorders.yaml'),
  checks(s) {
    const { lambda } = unitPoissonSegment(s);
    const t = baseStockBackorders(lambda, supplierLeadTime(s, 'dc'), continuousBaseStock(s, 'dc'));
    return [
      kpiCheck('fill rate P(X ≤ S−1)', 'fillRate', t.fillRate, 0.01),
      kpiCheck('E[on-hand]', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('E[backorders]', 'avgBackorders', t.backorders, 0.1),
      { quantity: 'P(on-hand = 0)', kpi: '1 − readyRate', simulated: (r) => 1 - r.kpi('readyRate'), theory: 1 - t.readyRate, precision: 0.1 },
      kpiCheck('mean wait E[B]/λ (Little)', 'customerLeadTimeMean', t.meanWait, 0.1),
      kpiCheck('E[on order] = λL', 'avgOnOrder', t.onOrder, 0.01),
    ];
  },
};

const baseStockLostSalesCase: ValidationCase = {
  name: 'base-stock-lost-sales',
  title: 'Base-stock, Poisson demand, lost sales (Erlang loss)',
  file: scenarioFile('base-stock-lost-sales.yaml'),
  checks(s) {
    const { lambda } = unitPoissonSegment(s);
    const t = baseStockLostSales(lambda, supplierLeadTime(s, 'dc'), continuousBaseStock(s, 'dc'));
    return [
      kpiCheck('lost fraction B(S, λL)', 'lostSalesFraction', t.lostFraction, 0.05),
      kpiCheck('fill rate 1 − B', 'fillRate', t.fillRate, 0.01),
      kpiCheck('ready rate 1 − B', 'readyRate', t.readyRate, 0.01),
      kpiCheck('E[on-hand] S − λL(1−B)', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('E[on order] λL(1−B)', 'avgOnOrder', t.onOrder, 0.01),
    ];
  },
};

const rqCase: ValidationCase = {
  name: 'rq-continuous',
  title: '(r,Q) continuous review, Poisson demand, backorders',
  file: scenarioFile('rq-continuous.yaml'),
  checks(s) {
    const { lambda } = unitPoissonSegment(s);
    const p = policyOf(stockPolicy(s, 'dc'), 'rQ', 'sites.dc.policy');
    if (p.review) throw new TheoryMismatchError('sites.dc.policy.review: the theory needs continuous review');
    const t = rqBackorders(lambda, supplierLeadTime(s, 'dc'), param(p.r, 'sites.dc.policy.r'), param(p.Q, 'sites.dc.policy.Q'));
    const T = windowDays(s);
    return [
      kpiCheck('fill rate', 'fillRate', t.fillRate, 0.01),
      kpiCheck('E[on-hand]', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('E[backorders]', 'avgBackorders', t.backorders, 0.1),
      kpiCheck('ready rate', 'readyRate', t.readyRate, 0.01),
      {
        quantity: 'orders per day λ/Q',
        kpi: 'site.dc.ordersPlaced / window',
        simulated: (r) => r.kpi('site.dc.ordersPlaced') / T,
        theory: t.ordersPerDay,
        precision: 0.01,
      },
    ];
  },
};

const makeToStockCase: ValidationCase = {
  name: 'mts-plant-mm1',
  title: 'Make-to-stock plant as an M/M/1 queue, base-stock finished goods',
  file: scenarioFile('mts-plant-mm1.yaml'),
  checks(s) {
    const { lambda } = unitPoissonSegment(s);
    const plant = site(s, 'plant');
    if (plant.type !== 'plant') throw new TheoryMismatchError('sites.plant: expected a plant');
    const line = plant.lines[0];
    if (plant.lines.length !== 1 || !line || line.count !== 1 || line.processingTime === undefined)
      throw new TheoryMismatchError('sites.plant.lines: the theory needs one line with a processingTime');
    const pt = line.processingTime;
    if (typeof pt === 'number' || pt.dist !== 'exponential')
      throw new TheoryMismatchError('sites.plant.lines[0].processingTime: the theory needs an exponential unit time');
    const t = makeToStockMM1(lambda, pt.mean, continuousBaseStock(s, 'plant'));
    return [
      kpiCheck('fill rate 1 − ρ^S', 'fillRate', t.fillRate, 0.01),
      kpiCheck('E[backorders] ρ^(S+1)/(1−ρ)', 'avgBackorders', t.backorders, 0.1),
      kpiCheck('E[on-hand]', 'avgOnHand', t.onHand, 0.02),
      kpiCheck('utilisation ρ', 'productionUtilisation', t.utilisation, 0.01),
    ];
  },
};

const serialCase: ValidationCase = {
  name: 'serial-two-stage',
  title: 'Two-stage serial system supplier → central DC → store, base-stock at both',
  file: scenarioFile('serial-two-stage.yaml'),
  checks(s) {
    const { lambda } = unitPoissonSegment(s);
    const store = site(s, 'store');
    if (store.type !== 'dc' || (Object.values(store.stock)[0]?.source ?? store.source) !== 'central')
      throw new TheoryMismatchError('sites.store: the theory needs the store supplied by central');
    const t = serialTwoStage(
      lambda,
      supplierLeadTime(s, 'central'),
      continuousBaseStock(s, 'central'),
      laneTransit(s, 'central', 'store'),
      continuousBaseStock(s, 'store'),
    );
    const checks: Check[] = [
      kpiCheck('store fill rate P(O₂ ≤ S₂−1)', 'site.store.fillRate', t.downstream.fillRate, 0.01),
      kpiCheck('store E[on-hand]', 'site.store.avgOnHand', t.downstream.onHand, 0.02),
      kpiCheck('store E[backorders]', 'site.store.avgBackorders', t.downstream.backorders, 0.1),
      kpiCheck('store E[on order] = E[B₁] + λL₂', 'site.store.avgOnOrder', t.downstream.onOrder, 0.01),
      kpiCheck('store lead time L₂ + E[B₁]/λ', 'site.store.replenishmentLeadTime', t.downstreamLeadTime, 0.01),
      kpiCheck('central fill rate P(D₁ ≤ S₁−1)', 'site.central.fillRate', t.upstream.fillRate, 0.01),
      kpiCheck('central E[on-hand]', 'site.central.avgOnHand', t.upstream.onHand, 0.03),
      kpiCheck('central E[backorders B₁]', 'site.central.avgBackorders', t.upstream.backorders, 0.05),
    ];
    // The customer-facing KPIs are the store's: check the overall ones agree too.
    checks.push(kpiCheck('customer fill rate (overall)', 'fillRate', t.downstream.fillRate, 0.01));
    return checks;
  },
};

export const CONTINUOUS_CASES: ValidationCase[] = [
  baseStockBackordersCase,
  baseStockLostSalesCase,
  rqCase,
  makeToStockCase,
  serialCase,
];
