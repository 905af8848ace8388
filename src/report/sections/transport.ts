/**
 * Transport with vehicles (a scenario whose lanes have `vehicles:`): trips, how full the
 * vehicles leave, what a unit's transport costs and how long shipments wait at the dock. A
 * sentence and a per-lane table for a run; one row per alternative for a comparison. Nothing
 * for results without vehicles.
 */
import type { KpiStat } from '../../experiment/results.ts';
import type { CompareResults, ReportInputs, RunResults } from '../inputs.ts';
import { fmt, fmtWithInterval, moneyUnit, type ReportSection, type ReportTable } from '../model.ts';
import { has } from './families.ts';

/** Money per unit, to the cent: `0.47 EUR` (fmt rounds money to whole units). */
const perUnit = (s: KpiStat | undefined): string => (typeof s?.mean === 'number' && Number.isFinite(s.mean) ? `${s.mean.toFixed(2)} ${moneyUnit()}` : 'n/a');

/** Trips per 1,000 units delivered to customers. */
function tripsPerThousand(k: Record<string, KpiStat | undefined>): string {
  const trips = k.transportTrips?.mean;
  const units = k.unitsDelivered?.mean;
  return typeof trips === 'number' && typeof units === 'number' && units > 0 ? ((1000 * trips) / units).toFixed(2) : 'n/a';
}

const COLUMNS = ['trips', 'units', 'vehicle fill', 'transport cost', 'cost per unit', 'wait at dock'];

/** A lane's (or a network's) row: trips, units, fill, cost, cost per unit, wait. */
function laneRow(k: Record<string, KpiStat | undefined>): string[] {
  return [
    fmt(k.trips?.mean, 'units'),
    fmt(k.units?.mean, 'units'),
    fmt(k.vehicleFill?.mean, 'percent'),
    fmt(k.transportCost?.mean, 'money'),
    perUnit(k.transportCostPerUnit),
    fmt(k.dispatchWaitMean?.mean, 'days'),
  ];
}

/** The transport part of a run's report; empty without vehicles. */
export function transportRunSections(inputs: ReportInputs): ReportSection[] {
  const doc = inputs.results as RunResults;
  const k = doc.kpis;
  const lanes = doc.byLane ?? {};
  if (!has(k.transportTrips) || Object.keys(lanes).length === 0) return [];
  const level = doc.confidence;
  const summary = [
    `Transport: ${fmt(k.transportTrips.mean, 'units')} vehicle trips left ${fmt(k.vehicleFill?.mean, 'percent')} full on average;` +
      ` shipments waited ${fmtWithInterval(k.dispatchWaitMean, 'days', level)} at the dock for a vehicle (part of the lead times),` +
      ` and transport cost ${perUnit(k.transportCostPerUnit)} per unit delivered to customers.`,
  ];
  const table: ReportTable = {
    title: 'Transport: lanes with vehicles',
    columns: ['Lane', ...COLUMNS],
    rows: Object.entries(lanes).map(([id, l]) => [id.replace('->', ' → '), ...laneRow(l)]),
    note: 'Means across replications. Vehicle fill: share of capacity used per trip (the fullest of units, weight, volume). Transport cost: trips plus the lane’s per-unit and per-shipment charges. Wait at dock: unit-weighted, from reaching the dock to leaving on a vehicle.',
  };
  return [{ summary, charts: [], tables: [table] }];
}

/** The transport part of a comparison's report: base and options side by side; empty without vehicles. */
export function transportCompareSections(inputs: ReportInputs): ReportSection[] {
  const doc = inputs.results as CompareResults;
  const rows: string[][] = [];
  const add = (name: string, k: Record<string, KpiStat> | undefined) => {
    if (!k || !has(k.transportTrips)) return;
    rows.push([
      name,
      fmt(k.transportTrips.mean, 'units'),
      tripsPerThousand(k),
      fmt(k.vehicleFill?.mean, 'percent'),
      fmt(k.dispatchWaitMean?.mean, 'days'),
      fmt(k.transportCost?.mean, 'money'),
      perUnit(k.transportCostPerUnit),
      fmt(k.unitsDelivered?.mean, 'units'),
    ]);
  };
  add(doc.base === 'base' ? 'base' : `${doc.base} (base)`, doc.baseResults?.kpis);
  for (const o of doc.options) add(o.name, o.results?.kpis);
  if (rows.length === 0) return [];
  return [
    {
      summary: [],
      charts: [],
      tables: [
        {
          title: 'Transport: trips and vehicle fill',
          columns: ['Alternative', 'trips', 'per 1,000 units delivered', 'vehicle fill', 'wait at dock', 'transport cost', 'per unit delivered', 'units delivered'],
          rows,
          note: 'Means across replications, over the lanes with vehicles (transport cost and cost per unit: every lane). Fewer, fuller trips per unit delivered are freight consolidation.',
        },
      ],
    },
  ];
}
