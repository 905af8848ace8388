/**
 * How production jobs move: a finished-goods stock point orders a job; the job claims its
 * components from the plant's input stocks (as requests, backordered like any other), waits
 * until all are allocated, queues FIFO for a free line, and on completion is received into
 * the finished-goods stock.
 */
import { Ev } from './events.ts';
import { demand } from './fulfilment.ts';
import type { PlantState } from './production.ts';
import { receive } from './replenishment.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import type { StockPointState } from './stockpoint.ts';


/** Opens a production job of `q` units for replenishment order `order` of stock point sp. */
export function createJob(rep: Replication, sp: StockPointState, q: number, order: number): void {
  const j = rep.jobs.alloc(sp.def.index, q, order);
  const bom = rep.net.bom[sp.def.index]!;
  if (bom.length === 0) return jobReady(rep, j);
  rep.jobs.pending[j] = bom.length;
  for (const line of bom) {
    const c = line.componentStockPoint;
    const r = rep.requests.alloc(RequestKind.Component, j, c, q * line.quantityPerUnit, 1, rep.sim.now);
    demand(rep, rep.stockPoints[c]!, r);
  }
}

export function jobReady(rep: Replication, j: number): void {
  const plant = rep.plants[rep.net.stockPoints[rep.jobs.stockPoint[j]!]!.sourceIndex]!;
  plant.ready.push(j, 0);
  startJobs(rep, plant);
}

function startJobs(rep: Replication, plant: PlantState): void {
  const lines = plant.lineBusy;
  for (let k = 0; k < lines.length && plant.ready.size > 0; k++) {
    if (lines[k]) continue;
    const j = plant.ready.peekId();
    plant.ready.shift();
    plant.touch(rep.sim.now);
    plant.busy++;
    lines[k] = 1;
    const work = plant.duration(k, rep.jobs.quantity[j]!);
    // A plant down pauses the job: it resumes after the outage with the work it had left.
    const down = rep.disruptions === null ? null : rep.disruptions.plantDown[plant.def.index]!;
    if (down === null) rep.sim.schedule(work, Ev.JobDone, j, k);
    else rep.sim.scheduleAt(down.advance(rep.sim.now, work), Ev.JobDone, j, k);
  }
}

export function jobDone(rep: Replication, j: number, line: number): void {
  const spIndex = rep.jobs.stockPoint[j]!;
  const sp = rep.stockPoints[spIndex]!;
  const plant = rep.plants[sp.def.sourceIndex]!;
  const q = rep.jobs.quantity[j]!;
  plant.touch(rep.sim.now);
  plant.busy--;
  plant.lineBusy[line] = 0;
  plant.unitsProduced += q;
  const cost = sp.def.productionCostPerUnit * q;
  rep.costs.production += cost;
  rep.costs.variance += sp.def.productionVariancePerUnit * q; // this plant's cost vs standard (P&L costVariance)
  rep.finance.expense(rep.sim.now, cost);
  const order = rep.jobs.order[j]!;
  rep.jobs.release(j);
  receive(rep, sp, q, order, 2);
  startJobs(rep, plant);
}
