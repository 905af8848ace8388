/**
 * What-if experiments on all cores, one worker pool each: the shipped SCM-vs-CRM comparison
 * (base + 5 options on common random numbers, the scenario's 20 replications each) and the
 * DC-consolidation frontier (10 sweep points × 10 replications). Without --full the comparison
 * is timed at 4 replications per alternative and scaled to 20 (pool start-up excluded; the
 * work grows linearly with replications); --full times the real thing.
 */
import { compare } from '../../src/experiment/compare.ts';
import { frontier } from '../../src/experiment/frontier.ts';
import { ExperimentRunner } from '../../src/experiment/runner.ts';
import { openScenario } from '../../src/experiment/variants.ts';
import { projectFile } from '../../src/project-paths.ts';
import { medianTime, type Row, type Section } from '../lib.ts';

const SCM_VS_CRM = projectFile('scenarios', 'scm-vs-crm.yaml');
const DC = projectFile('scenarios', 'dc-consolidation.yaml');

export const whatif: Section = {
  name: 'whatif',
  title: 'What-if experiments (all workers, one pool per experiment)',
  async run(ctx) {
    const rows: Row[] = [];
    const runner = new ExperimentRunner({ workers: ctx.cores });
    try {
      const replications = openScenario(SCM_VS_CRM).base.replications;
      const alternatives = 1 + openScenario(SCM_VS_CRM).base.options.length;
      await compare(SCM_VS_CRM, { runner, replications: 2 }); // pool start-up and JIT warm-up
      const timed = ctx.full ? replications : 4;
      const { seconds } = await medianTime(ctx.full ? 1 : ctx.runs, () => compare(SCM_VS_CRM, { runner, replications: timed }));
      rows.push({
        measure: `scsim compare scm-vs-crm.yaml (${alternatives} × ${replications} replications) [s]`,
        value: ((seconds * replications) / timed).toFixed(1),
        note: ctx.full ? 'measured once (--full), warm pool' : `estimated from ${timed} replications per alternative (--full measures it)`,
      });
      const f = await medianTime(ctx.runs, () => frontier(DC, { runner }));
      const { points, replications: n } = f.value;
      rows.push({ measure: `scsim frontier dc-consolidation.yaml (${points.length} points × ${n} replications) [s]`, value: f.seconds.toFixed(1), note: 'warm pool' });
    } finally {
      await runner.close();
    }
    return rows;
  },
};
