/**
 * The report of a safety-stock placement (`optimize --placement`) and of its frontier
 * (`frontier --placement`). Answers "does holding safety stock where the guaranteed-service
 * model puts it cost less than the same safety factor at every stock, at the same service?":
 * the paired saving with its interval first, then each plan's service, the analytic plan per
 * stock, and the plans in the cost/service plane.
 *
 * Inventory cost (holding + ordering) is money over the measured period; the analytic
 * safety-stock holding cost of the model is money per day. The two are never mixed.
 */
import type { KpiStat } from '../../experiment/results.ts';
import { PLAN_LEGEND, costByTargetChart, planCostServiceChart, savingByTargetChart, type PlanName } from '../charts/placement.ts';
import type { IntervalStat, PlacementArmResult, PlacementFrontierResults, PlacementResults, ReportInputs, ScenarioContext } from '../inputs.ts';
import { clipped, fmt, fmtDiff, fmtInterval, fmtWithInterval, moneyUnit, pct, type ReportSection, type ReportTable } from '../model.ts';

const num = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** The negated interval: a cost difference (placement − uniform) as a saving (uniform − placement). */
const negated = (s: IntervalStat): IntervalStat => ({
  mean: num(s.mean) ? -s.mean : null,
  ciLow: num(s.ciHigh) ? -s.ciHigh : null,
  ciHigh: num(s.ciLow) ? -s.ciLow : null,
});

/** `over the 360 measured days`, when the scenario says how long the run was. */
function period(scenario: ScenarioContext | undefined): string {
  const h = scenario?.horizonDays;
  const w = scenario?.warmupDays ?? 0;
  return num(h) && num(w) && h > w ? `over the ${h - w} measured days` : 'over the measured period';
}

/** Money per day, with cents (the analytic costs are a few units of money a day). */
const perDay = (x: number | null | undefined) => (num(x) ? `${x.toFixed(2)} ${moneyUnit()}/day` : 'n/a');

/** A target as a short label, `95%`, `98.5%`. */
const shortPct = (x: number) => `${Number((x * 100).toFixed(1))}%`;

/** Whole units, grouped: `4,884`. */
const whole = (x: number | null | undefined) => (num(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');

/** A share in words, `11.7%`. */
const share = (x: number | null | undefined) => (num(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');

/** Whether a paired difference is below zero, above zero, or neither, at the interval's level. */
function sign(d: IntervalStat | null | undefined): 'below' | 'above' | 'unclear' {
  if (!d) return 'unclear';
  if (num(d.ciHigh) && d.ciHigh < 0) return 'below';
  if (num(d.ciLow) && d.ciLow > 0) return 'above';
  return 'unclear';
}

const ARM_TEXT: Record<PlacementArmResult['name'], string> = {
  current: 'scenario’s policies',
  uniform: 'uniform safety stock (analytic)',
  placement: 'placement (analytic)',
  'uniform-corrected': 'uniform safety stock, corrected',
  'placement-corrected': 'placement, corrected',
};

const planOf = (name: PlacementArmResult['name']): PlanName => (name === 'current' ? 'current' : name.startsWith('uniform') ? 'uniform' : 'placement');

/** `fill rate 96.74% (95% CI …), worst segment retail-south 95.31% (…)`. */
function serviceText(a: PlacementArmResult, level: number): string {
  const worst = a.worstSegment ? `, worst segment ${a.worstSegment.segment} ${fmtWithInterval(clipped('fillRate', a.worstSegment.fillRate), 'percent', level)}` : '';
  return `fill rate ${fmtWithInterval(clipped('fillRate', a.fillRate), 'percent', level)}${worst}`;
}

export function placementSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as PlacementResults;
  const level = doc.confidence ?? 0.95;
  const arm = (name: PlacementArmResult['name']) => doc.arms.find((a) => a.name === name);
  const over = period(inputs.scenario);
  const target = fmt(doc.target, 'percent');
  const summary: string[] = [];
  const uc = arm('uniform-corrected');
  const pc = arm('placement-corrected');
  if (uc && pc && uc.metTarget && pc.metTarget && pc.costVsUniform && num(pc.costVsUniform.mean)) {
    const saving = negated(pc.costVsUniform);
    const costs = `the placement costs ${fmt(pc.inventoryCost.mean, 'money')} of inventory ${over} against ${fmt(uc.inventoryCost.mean, 'money')} with uniform safety stock`;
    const relative = num(uc.inventoryCost.mean) && uc.inventoryCost.mean > 0 ? saving.mean! / uc.inventoryCost.mean : null;
    const verdict = {
      below: `: a paired saving of ${fmtWithInterval(saving, 'money', level)}, ${share(relative)} of uniform’s inventory cost.`,
      above: `: the placement costs more, by ${fmtWithInterval(pc.costVsUniform, 'money', level, true)} (paired).`,
      unclear: `; the paired difference, ${fmtWithInterval(pc.costVsUniform, 'money', level, true)}, is not distinguishable from zero at ${pct(level)} confidence.`,
    }[sign(pc.costVsUniform)];
    summary.push(`At the same service target — every segment’s fill rate at least ${target} with either plan — ${costs}${verdict}`);
    summary.push(
      `Service of the two plans at that cost: placement ${serviceText(pc, level)}; uniform safety stock ${serviceText(uc, level)}. ` +
        `To get there each plan’s safety stock was scaled by the smallest factor k on a 0.05 grid meeting the target in every segment (on the means): k = ${pc.safetyFactor?.toFixed(2) ?? 'n/a'} for the placement, ${uc.safetyFactor?.toFixed(2) ?? 'n/a'} for uniform.`,
    );
  } else {
    const missed = [uc, pc].filter((a): a is PlacementArmResult => !!a && !a.metTarget).map((a) => (a.name === 'placement-corrected' ? 'the placement' : 'uniform safety stock'));
    summary.push(
      `No comparison at equal service: ${missed.length > 0 ? `even at 4 × its analytic safety stock, ${missed.join(' and ')} does not bring every segment to ${target}` : 'a corrected plan is missing from the results'}.`,
    );
  }
  const u = arm('uniform');
  const p = arm('placement');
  const analyticSaving = doc.analyticCost.uniform > 0 ? 1 - doc.analyticCost.placement / doc.analyticCost.uniform : null;
  summary.push(
    `The analytic plan (guaranteed-service model, z = ${doc.z.toFixed(3)} for ${target}) costs ${perDay(doc.analyticCost.placement)} of safety-stock holding against ${perDay(doc.analyticCost.uniform)} for uniform safety stock (${share(analyticSaving)} less)${placementWords(doc)}`,
  );
  if (u && p)
    summary.push(
      `Simulated as planned (k = 1): uniform safety stock ${serviceText(u, level)}; placement ${serviceText(p, level)}` +
        ` — ${u.metTarget && p.metTarget ? 'both meet' : u.metTarget || p.metTarget ? `only ${u.metTarget ? 'uniform' : 'the placement'} meets` : 'neither meets'} the target in every segment` +
        (p.costVsUniform && num(p.costVsUniform.mean) ? `; the placement’s inventory cost differs from uniform’s by ${fmtWithInterval(p.costVsUniform, 'money', level, true)}, paired.` : '.'),
    );
  const cur = arm('current');
  if (cur)
    summary.push(
      `The scenario’s own policies: ${serviceText(cur, level)}, inventory cost ${fmtWithInterval(clipped('inventoryCost', cur.inventoryCost), 'money', level)}; they ${cur.metTarget ? 'meet' : 'miss'} the target in ${cur.metTarget ? 'every segment' : 'at least one segment'}.`,
    );
  summary.push(
    `Each plan was simulated on the same ${doc.replications ?? '?'} replications (common random numbers; ${doc.evaluations ?? '?'} plans in all), so the differences are paired.`,
  );
  const points = doc.arms.map((a) => ({
    plan: planOf(a.name),
    text: a.safetyFactor === null ? '' : `k = ${a.safetyFactor.toFixed(2)}`,
    cost: clipped('inventoryCost', a.inventoryCost)!,
    service: a.fillRate,
  }));
  return {
    summary,
    charts: [
      {
        id: 'placement-cost-service',
        title: 'Inventory cost against fill rate, per plan',
        caption:
          `One point per simulated plan with ${pct(level)} confidence intervals; inventory cost (holding + ordering) ${over}. ` +
          'Each line joins one plan at two scales of its safety stock: k = 1 as the model planned it, and the smallest k meeting the target in every segment. ' +
          'A line further left gives the same service for less. The dashed red line is the target (overall fill rate; the correction asks it of every segment). ' +
          'Each plan’s cost interval spans the spread between futures; the paired saving in the summary compares the plans on the same futures and is much narrower.',
        spec: planCostServiceChart(points, { serviceTarget: doc.target }),
      },
    ],
    tables: [stocksTable(doc), armsTable(doc, level)],
  };
}

/** Where the placement differs from uniform safety stock, in words: pass-through stocks and stocks covering more than their own time. */
function placementWords(doc: PlacementResults): string {
  const through = doc.stocks.filter((s) => s.processingTime > 0 && s.netLeadTime === 0);
  const more = doc.stocks.filter((s) => s.netLeadTime > s.processingTime);
  const parts: string[] = [];
  if (through.length > 0) parts.push(`${through.map((s) => s.stock).join(', ')} hold${through.length === 1 ? 's' : ''} no safety stock and pass${through.length === 1 ? 'es' : ''} on ${through.length === 1 ? 'its' : 'their'} replenishment time`);
  if (more.length > 0) parts.push(`${more.map((s) => `${s.stock} covers ${s.netLeadTime} days instead of its own ${s.processingTime}`).join(', ')}`);
  return parts.length > 0 ? `: ${parts.join('; ')}.` : '.';
}

function stocksTable(doc: PlacementResults): ReportTable {
  return {
    title: 'The analytic plan per stock',
    columns: ['Stock', 'T [days]', 'demand [units/day]', 'σ [units/√day]', 'SI [days]', 'S [days]', 'net lead time [days]', 'safety stock [units]', 'level [units]', 'uniform level [units]', `holding [${moneyUnit()}/unit-day]`],
    rows: doc.stocks.map((s) => [
      s.stock,
      String(s.processingTime),
      num(s.demandMean) ? s.demandMean.toFixed(1) : 'n/a',
      num(s.demandSd) ? s.demandSd.toFixed(1) : 'n/a',
      String(s.SI),
      String(s.S),
      String(s.netLeadTime),
      whole(s.safetyStock),
      whole(s.baseStock),
      whole(s.uniformBaseStock),
      num(s.holdingCost) ? s.holdingCost.toPrecision(2) : 'n/a',
    ]),
    note:
      'T: the stock’s own replenishment time (rounded). SI and S: committed service times in (from its supplier stock) and out (to its customers, 0 when they are served from stock). ' +
      'Net lead time = SI + T − S: the time its safety stock covers. Level: the base-stock level (or the reorder point of an economic lot where orders have a fixed cost) at k = 1; uniform: every stock covers its own T.',
  };
}

function armsTable(doc: PlacementResults, level: number): ReportTable {
  const ci = `${pct(level)} CI`;
  return {
    title: 'Plans simulated',
    columns: ['Plan', 'k', `analytic SS cost [${moneyUnit()}/day]`, 'fill rate', ci, 'worst segment', 'target met', 'inventory cost', ci, 'vs uniform (paired)', ci],
    rows: doc.arms.map((a) => [
      ARM_TEXT[a.name] ?? a.name,
      a.safetyFactor === null ? '–' : a.safetyFactor.toFixed(2),
      num(a.analyticCost) ? a.analyticCost.toFixed(2) : '–',
      fmt(a.fillRate.mean, 'percent'),
      fmtInterval(a.fillRate, 'percent'),
      a.worstSegment ? `${a.worstSegment.segment} ${fmt(a.worstSegment.fillRate.mean, 'percent')}` : 'n/a',
      a.metTarget ? 'yes' : 'no',
      fmt(a.inventoryCost.mean, 'money'),
      fmtInterval(clipped('inventoryCost', a.inventoryCost), 'money'),
      a.costVsUniform ? fmtDiff(a.costVsUniform.mean, 'money') : '–',
      a.costVsUniform ? fmtInterval(a.costVsUniform, 'money', true) : '–',
    ]),
    note:
      'Target met: every segment’s mean fill rate reaches the target. k scales the plan’s safety stock (1 = analytic). ' +
      'Vs uniform: inventory cost minus uniform’s on the same replications (the analytic plans and the scenario’s policies against analytic uniform, the corrected placement against corrected uniform).',
  };
}

const targetText = (t: number | null) => (t === null ? '–' : fmt(t, 'percent'));

export function placementFrontierSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as PlacementFrontierResults;
  const level = doc.confidence ?? 0.95;
  const over = period(inputs.scenario);
  const at = (plan: PlanName, t: number) => doc.points.find((p) => p.plan === plan && p.target === t);
  const rows = doc.savings.map((s) => {
    const uniform = at('uniform', s.target)?.inventoryCost.mean;
    const saving = negated(s.cost);
    return { ...s, saving, relative: num(uniform) && uniform > 0 && num(saving.mean) ? saving.mean / uniform : null };
  });
  const summary: string[] = [];
  const cheaper = rows.filter((r) => sign(r.cost) === 'below');
  if (rows.length > 0 && cheaper.length === rows.length) {
    const [first, last] = [rows[0]!, rows[rows.length - 1]!];
    const rel = rows.map((r) => r.relative).filter(num);
    summary.push(
      `At every one of the ${rows.length} service targets the placement costs less inventory than uniform safety stock made for the same target: ` +
        (rows.length === 1
          ? `a paired saving of ${fmtWithInterval(first.saving, 'money', level)} at ${fmt(first.target, 'percent')}`
          : `a paired saving of ${fmtWithInterval(first.saving, 'money', level)} at ${fmt(first.target, 'percent')} up to ${fmtWithInterval(last.saving, 'money', level)} at ${fmt(last.target, 'percent')}`) +
        ` ${over}` +
        (rel.length > 0 ? `, ${share(Math.min(...rel))}${rel.length > 1 ? ` to ${share(Math.max(...rel))}` : ''} of uniform’s inventory cost.` : '.'),
    );
  } else {
    const list = (rs: typeof rows) => rs.map((r) => `${fmt(r.target, 'percent')} (${fmtWithInterval(r.saving, 'money', level)})`).join(', ');
    const dearer = rows.filter((r) => sign(r.cost) === 'above');
    const unclear = rows.filter((r) => sign(r.cost) === 'unclear');
    const parts = [
      cheaper.length > 0 ? `cheaper at ${list(cheaper)}` : '',
      dearer.length > 0 ? `dearer at ${list(dearer)}` : '',
      unclear.length > 0 ? `not distinguishable at ${pct(level)} confidence at ${list(unclear)}` : '',
    ].filter((x) => x !== '');
    summary.push(`Against uniform safety stock made for the same target, the placement is ${parts.join('; ')} (paired savings in inventory cost ${over}).`);
  }
  const fr = rows.map((r) => r.fillRate);
  const means = fr.map((d) => d.mean).filter(num);
  const apart = rows.filter((r) => sign(r.fillRate) !== 'unclear');
  if (means.length > 0)
    summary.push(
      `The fill rates are paired too: placement − uniform lies between ${fmtDiff(Math.min(...means), 'percent')} and ${fmtDiff(Math.max(...means), 'percent')} across the targets; ` +
        (apart.length === 0
          ? `every interval includes zero: no difference in service is detectable with ${doc.replications ?? 'these'} replications (widest interval ±${(Math.max(...fr.map((d) => (num(d.ciHigh) && num(d.ciLow) ? (d.ciHigh - d.ciLow) / 2 : 0))) * 100).toFixed(2)} pp).`
          : `at ${apart.map((r) => `${fmt(r.target, 'percent')} (${fmtWithInterval(r.fillRate, 'percent', level, true)})`).join(', ')} the difference is not zero at ${pct(level)} confidence.`),
    );
  const planned = doc.points.filter((p) => p.target !== null && num(p.fillRate.mean));
  const short = planned.map((p) => p.target! - p.fillRate.mean!);
  if (short.length > 0 && Math.max(...short) > 0)
    summary.push(
      `Simulated fill rates fall short of the targets the plans were made for by up to ${(Math.max(...short) * 100).toFixed(2)} pp: the model’s target bounds demand per stage, it is not a fill rate. ` +
        'scsim optimize --placement scales a plan until it meets a target.',
    );
  const cur = doc.points.find((p) => p.plan === 'current');
  if (cur && num(cur.inventoryCost.mean) && num(cur.fillRate.mean)) {
    const better = doc.points
      .filter((p) => p.plan === 'placement' && num(p.inventoryCost.mean) && num(p.fillRate.mean) && p.inventoryCost.mean! <= cur.inventoryCost.mean! && p.fillRate.mean! >= cur.fillRate.mean!)
      .sort((a, b) => a.inventoryCost.mean! - b.inventoryCost.mean!)[0];
    summary.push(
      `The scenario’s own policies: inventory cost ${fmtWithInterval(clipped('inventoryCost', cur.inventoryCost), 'money', level)} at a fill rate of ${fmtWithInterval(clipped('fillRate', cur.fillRate), 'percent', level)}` +
        (better
          ? `; the placement made for ${fmt(better.target, 'percent')} serves at least as well (${fmt(better.fillRate.mean, 'percent')}) for ${fmt(cur.inventoryCost.mean! - better.inventoryCost.mean!, 'money')} less, on the means.`
          : '.'),
    );
  }
  const efficient = doc.points.filter((p) => p.efficient);
  if (efficient.length > 0)
    summary.push(
      `Efficient points (no other point is cheaper and better served, on the means): ${efficient.map((p) => (p.target === null ? PLAN_LEGEND.current : `${PLAN_LEGEND[p.plan]} at ${fmt(p.target, 'percent')}`)).join(', ')}. ` +
        `All ${doc.points.length} points were simulated on the same ${doc.replications ?? '?'} replications (common random numbers).`,
    );
  return {
    summary,
    charts: [
      {
        id: 'placement-frontier',
        title: 'Inventory cost against fill rate, per plan',
        caption:
          `One point per plan and service target (the label), with ${pct(level)} confidence intervals; inventory cost (holding + ordering) ${over}. ` +
          'A line further left gives the same fill rate for less.',
        spec: planCostServiceChart(
          doc.points.map((p) => ({ plan: p.plan, text: p.target === null ? '' : shortPct(p.target), cost: clipped('inventoryCost', p.inventoryCost)!, service: p.fillRate })),
        ),
      },
      {
        id: 'cost-by-target',
        title: 'Inventory cost per service target',
        caption: `Inventory cost of each plan made for a target, with ${pct(level)} confidence intervals; the dashed line is the scenario’s own policies, which do not depend on the target.`,
        spec: costByTargetChart(doc.points.map((p) => ({ plan: p.plan, target: p.target, cost: clipped('inventoryCost', p.inventoryCost)! }))),
      },
      {
        id: 'saving-by-target',
        title: 'Saving of the placement against uniform safety stock, per target',
        caption: `Uniform’s inventory cost minus the placement’s on the same replications (paired), with ${pct(level)} confidence intervals; above the dashed zero line the placement is cheaper. The label is the saving as a share of uniform’s inventory cost.`,
        spec: savingByTargetChart(rows.map((r) => ({ target: r.target, saving: r.saving, text: share(r.relative) }))),
      },
    ],
    tables: [frontierPointsTable(doc, level), savingsTable(rows, level, at)],
  };
}

function frontierPointsTable(doc: PlacementFrontierResults, level: number): ReportTable {
  const ci = `${pct(level)} CI`;
  return {
    title: 'Plans simulated',
    columns: ['Plan', 'target', `analytic SS cost [${moneyUnit()}/day]`, 'fill rate', ci, 'worst segment', 'inventory cost', ci, 'efficient'],
    rows: doc.points.map((p) => [
      PLAN_LEGEND[p.plan] ?? p.plan,
      targetText(p.target),
      num(p.analyticCost) ? p.analyticCost.toFixed(2) : '–',
      fmt(p.fillRate.mean, 'percent'),
      fmtInterval(p.fillRate, 'percent'),
      fmt(p.worstSegmentFillRate, 'percent'),
      fmt(p.inventoryCost.mean, 'money'),
      fmtInterval(clipped('inventoryCost', p.inventoryCost), 'money'),
      p.efficient ? 'yes' : 'no',
    ]),
    note: 'Target: the service level the plan was made for (z = Φ⁻¹(target)); worst segment: the lowest mean segment fill rate. Efficient: no other point is cheaper and better served (on the means).',
  };
}

function savingsTable(
  rows: Array<{ target: number; saving: IntervalStat; relative: number | null; fillRate: KpiStat }>,
  level: number,
  at: (plan: PlanName, t: number) => { inventoryCost: KpiStat } | undefined,
): ReportTable {
  const ci = `${pct(level)} CI`;
  return {
    title: 'Placement against uniform safety stock, per target',
    columns: ['Target', 'uniform inventory cost', 'placement inventory cost', 'saving', ci, 'share of uniform', 'fill rate, placement − uniform', ci],
    rows: rows.map((r) => [
      fmt(r.target, 'percent'),
      fmt(at('uniform', r.target)?.inventoryCost.mean, 'money'),
      fmt(at('placement', r.target)?.inventoryCost.mean, 'money'),
      fmt(r.saving.mean, 'money'),
      fmtInterval(r.saving, 'money'),
      share(r.relative),
      fmtDiff(r.fillRate.mean, 'percent'),
      fmtInterval(r.fillRate, 'percent', true),
    ]),
    note: 'Saving: uniform’s inventory cost minus the placement’s on the same replications (paired); positive means the placement is cheaper.',
  };
}
