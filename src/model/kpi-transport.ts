/**
 * Transport KPIs of a network with vehicles on some lane (transport.ts); a network without
 * has none of these entries, so its KPI vector is unchanged. Placed after the site values in
 * the KPI vector (layout in kpis.ts): the overall ones, then `lane.<from>-><to>.<kpi>`.
 * Over the measured window; a trip counts when it leaves.
 */
import type { KpiLayout } from './kpis.ts';
import { div } from './ratio.ts';
import type { Replication } from './replication.ts';
import type { TransportLaneDef } from './transport-def.ts';

export const TRANSPORT_KPIS = [
  'transportTrips', // vehicle trips, all lanes with vehicles
  'vehicleFill', // mean fill of those trips (fraction of capacity, the fullest dimension)
  'transportCostPerUnit', // [money/unit] transportCost (every lane, with vehicles or not) / units delivered to customers
  'dispatchWaitMean', // [days] unit-weighted wait at the dock for a vehicle, all lanes with vehicles
] as const;

export const LANE_KPIS = [
  'trips', // vehicle trips
  'units', // [units] carried
  'vehicleFill', // mean fill of its trips (fraction of capacity)
  'transportCost', // [money] trip costs + the lane's per-unit and per-shipment charges
  'transportCostPerUnit', // [money/unit] transportCost / units
  'dispatchWaitMean', // [days] unit-weighted wait at the dock
  'unitsWaiting', // [units] at the dock at the end of the run
] as const;

/** The KPI names of the transport block of a network whose lanes with vehicles are `lanes` (empty without). */
export function transportKpiNames(lanes: readonly TransportLaneDef[]): string[] {
  if (lanes.length === 0) return [];
  const names: string[] = [...TRANSPORT_KPIS];
  for (const l of lanes) for (const k of LANE_KPIS) names.push(`lane.${l.id}.${k}`);
  return names;
}

/** Writes the transport block at `layout.transportOffset` (nothing without vehicles). */
export function writeTransport(rep: Replication, layout: KpiLayout, out: Float64Array, transportCost: number, unitsDelivered: number): void {
  const t = rep.transport;
  if (t === null) return;
  let o = layout.transportOffset!;
  let trips = 0;
  let fill = 0;
  let units = 0;
  let wait = 0;
  const lanes = o + TRANSPORT_KPIS.length;
  t.lanes.forEach((l, i) => {
    trips += l.trips;
    fill += l.fillSum;
    units += l.units;
    wait += l.waitSum;
    const p = lanes + i * LANE_KPIS.length;
    out[p] = l.trips;
    out[p + 1] = l.units;
    out[p + 2] = div(l.fillSum, l.trips);
    out[p + 3] = l.cost;
    out[p + 4] = div(l.cost, l.units);
    out[p + 5] = div(l.waitSum, l.units);
    out[p + 6] = l.waitingUnits;
  });
  out[o++] = trips;
  out[o++] = div(fill, trips);
  out[o++] = div(transportCost, unitsDelivered);
  out[o] = div(wait, units);
}
