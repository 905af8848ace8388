/**
 * Validation cases for the order-processing back office as a queue: M/M/1, M/M/c (Erlang C)
 * and M/D/1 (Pollaczek–Khinchine). Formulas and sources: queues.ts.
 */
import { type Check, kpiCheck } from './check.ts';
import { scenarioFile, type ValidationCase } from './case.ts';
import { mg1, mmc, type QueueMeasures } from './queues.ts';
import { poissonSegment, serviceMoments, site, TheoryMismatchError } from './params.ts';

type Model = 'M/M/1' | 'M/M/c' | 'M/D/1';

function queueCase(name: string, model: Model): ValidationCase {
  return {
    name,
    title: `Order processing as an ${model} queue`,
    file: scenarioFile(`${name}.yaml`),
    checks(s) {
      const { lambda } = poissonSegment(s);
      const dc = site(s, 'dc');
      if (dc.type !== 'dc' || !dc.orderProcessing) throw new TheoryMismatchError('sites.dc.orderProcessing: missing');
      if (dc.orderDesk !== undefined) throw new TheoryMismatchError('sites.dc.orderDesk: the theory has the DC’s own back office');
      const op = dc.orderProcessing;
      const path = 'sites.dc.orderProcessing';
      for (const key of Object.keys(op))
        if (key !== 'servers' && key !== 'processingTime' && key !== 'costPerServerHour') // a cost does not change the queue
          throw new TheoryMismatchError(`${path}.${key}: the ${model} theory has no ${key}`);
      const service = serviceMoments(op.processingTime, `${path}.processingTime`);
      const c = op.servers;
      let t: QueueMeasures;
      if (model === 'M/D/1') {
        if (c !== 1 || service.variance !== 0) throw new TheoryMismatchError(`${path}: M/D/1 needs one server and a constant processing time`);
        t = mg1(lambda, service.mean, 0);
      } else {
        if (!service.exponential || (model === 'M/M/1' && c !== 1))
          throw new TheoryMismatchError(`${path}: ${model} needs ${model === 'M/M/1' ? 'one server and ' : ''}exponential processing`);
        t = mmc(lambda, service.mean, c);
      }
      const checks: Check[] = [
        kpiCheck('utilisation ρ', 'orderProcessingUtilisation', t.utilisation, 0.01),
        kpiCheck(model === 'M/M/c' ? 'P(wait) = Erlang C' : 'P(wait) = ρ', 'orderProcessingProbWait', t.probWait, 0.01),
        kpiCheck(model === 'M/D/1' ? 'mean wait Wq (P–K)' : 'mean wait Wq', 'orderProcessingWait', t.meanWait, 0.03),
        kpiCheck('mean queue Lq = λWq (Little)', 'orderProcessingQueue', lambda * t.meanWait, 0.03),
      ];
      return checks;
    },
  };
}

export const QUEUE_CASES: ValidationCase[] = [
  queueCase('mm1-order-processing', 'M/M/1'),
  queueCase('mmc-order-processing', 'M/M/c'),
  queueCase('md1-order-processing', 'M/D/1'),
];
