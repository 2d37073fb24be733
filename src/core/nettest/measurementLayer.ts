/**
 * What the map draws of the imported measurements: H3 cells (count, median download and RSRP, failures) for one
 * operator and technology or all of them, and, zoomed in, the single measurements in the visible box with their
 * NetTest class. The rows are grouped by H3 cell once per table and resolution (H3CellCache, cellRuns), so changing
 * a filter is one pass over those runs instead of re-indexing or re-hashing a million points. Pure.
 */
import type Flatbush from 'flatbush';
import { cellToBoundary } from 'h3-js';
import { medianOf } from '../math/median.ts';
import { OPERATORS, type OperatorCode } from '../reports/enumerations.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import { cellRuns, isFailedMeasurement, type CellRuns } from './aggregateMeasurements.ts';
import { tableOfColumns, uuidAt, type MeasurementColumns } from './measurementColumns.ts';
import { NO_OPERATOR } from './measurementTable.ts';
import { downloadClass, gsmSignalClass, MEASUREMENT_TECHNOLOGIES, rsrpClass, type MeasurementTechnology } from './nettestSchema.ts';

export interface MeasurementFilter {
  /** null: every operator. */
  operator: OperatorCode | null;
  /** null: every technology. */
  technology: MeasurementTechnology | null;
}

export interface MeasurementCellSummary {
  cell: string;
  count: number;
  failures: number;
  medianDownloadMbps: number | null;
  medianRsrpDbm: number | null;
  /** Closed outline, [lon, lat]. */
  boundary: Array<[number, number]>;
}

export interface MeasurementPoint {
  row: number;
  lon: number;
  lat: number;
  uuid: string;
  time: number;
  operator: OperatorCode | null;
  technology: MeasurementTechnology;
  downloadMbps: number | null;
  rsrpDbm: number | null;
  /** NetTest's class of the signal (RSRP, or RSSI on 2G), 1–4; null when not measured. */
  signalClass: 1 | 2 | 3 | 4 | null;
  downloadClass: 1 | 2 | 3 | 4 | null;
  failed: boolean;
}

/** The rows grouped by H3 cell at one resolution (cellRuns), computed once per table and resolution. */
export class H3CellCache {
  private readonly runs = new Map<number, CellRuns>();
  constructor(private readonly columns: MeasurementColumns) {}

  at(resolution: number): CellRuns {
    let runs = this.runs.get(resolution);
    if (!runs) {
      runs = cellRuns(this.columns.lat, this.columns.lon, this.columns.count, resolution);
      this.runs.set(resolution, runs);
    }
    return runs;
  }
}

function matches(columns: MeasurementColumns, i: number, filter: MeasurementFilter, operatorIndex: number, technologyIndex: number): boolean {
  if (filter.operator !== null && columns.operator[i] !== operatorIndex) return false;
  if (filter.technology !== null && columns.technology[i] !== technologyIndex) return false;
  return true;
}

/**
 * The hexagons for one operator and technology (or all), in the order of their ids: a pass over the cells' runs of
 * rows (no map of cell strings), medians selected on reused typed arrays.
 */
export function measurementCells(
  columns: MeasurementColumns,
  runs: CellRuns,
  filter: MeasurementFilter,
  thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS,
): MeasurementCellSummary[] {
  const table = tableOfColumns(columns);
  const operatorIndex = filter.operator === null ? -1 : OPERATORS.findIndex((o) => o.code === filter.operator);
  const technologyIndex = filter.technology === null ? -1 : MEASUREMENT_TECHNOLOGIES.indexOf(filter.technology);
  const { rows, starts, cells } = runs;
  let largest = 0;
  for (let r = 0; r < cells.length; r++) largest = Math.max(largest, starts[r + 1]! - starts[r]!);
  const downloads = new Float64Array(largest);
  const rsrps = new Float64Array(largest);
  const result: MeasurementCellSummary[] = [];
  for (let r = 0; r < cells.length; r++) {
    let count = 0;
    let failures = 0;
    let downloadCount = 0;
    let rsrpCount = 0;
    for (let k = starts[r]!, end = starts[r + 1]!; k < end; k++) {
      const i = rows[k]!;
      if (!matches(columns, i, filter, operatorIndex, technologyIndex)) continue;
      count++;
      if (isFailedMeasurement(table, i, thresholds)) failures++;
      const download = columns.downloadKbit[i]!;
      if (Number.isFinite(download)) downloads[downloadCount++] = download / 1000;
      const rsrp = columns.rsrpDbm[i]!;
      if (Number.isFinite(rsrp)) rsrps[rsrpCount++] = rsrp;
    }
    if (count === 0) continue;
    const cell = cells[r]!;
    const download = medianOf(downloads, downloadCount);
    const boundary = cellToBoundary(cell, true).map(([lon, lat]) => [lon!, lat!] as [number, number]);
    const first = boundary[0]!;
    const last = boundary.at(-1)!;
    if (first[0] !== last[0] || first[1] !== last[1]) boundary.push(first);
    result.push({
      cell,
      count,
      failures,
      medianDownloadMbps: download === null ? null : Math.round(download * 100) / 100,
      medianRsrpDbm: medianOf(rsrps, rsrpCount),
      boundary,
    });
  }
  return result;
}

/** The `limit` hexagons with the most failed measurements (then the most measurements, then by id). */
export function worstCells(cells: readonly MeasurementCellSummary[], limit: number): MeasurementCellSummary[] {
  return [...cells].sort((a, b) => b.failures - a.failures || b.count - a.count || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0)).slice(0, limit);
}

/** One row as the map's point and the locality panel's table show it. */
export function measurementPoint(columns: MeasurementColumns, i: number, thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS): MeasurementPoint {
  const technology = MEASUREMENT_TECHNOLOGIES[columns.technology[i]!]!;
  const download = columns.downloadKbit[i]!;
  const rsrp = columns.rsrpDbm[i]!;
  const signal = columns.signalDbm[i]!;
  const operator = columns.operator[i]!;
  return {
    row: i,
    lon: columns.lon[i]!,
    lat: columns.lat[i]!,
    uuid: uuidAt(columns, i),
    time: columns.time[i]!,
    operator: operator === NO_OPERATOR ? null : OPERATORS[operator]!.code,
    technology,
    downloadMbps: Number.isFinite(download) ? Math.round(download / 10) / 100 : null,
    rsrpDbm: Number.isFinite(rsrp) ? rsrp : null,
    signalClass: Number.isFinite(rsrp) ? rsrpClass(rsrp) : technology === '2g' && Number.isFinite(signal) ? gsmSignalClass(signal) : null,
    downloadClass: Number.isFinite(download) ? downloadClass(download / 1000) : null,
    failed: isFailedMeasurement(tableOfColumns(columns), i, thresholds),
  };
}

/** A box's measurements are thinned over this many columns × rows of bins, so the points shown cover the view. */
export const POINT_SPREAD_BINS = 32;

/**
 * The measurements in a box (west, south, east, north) passing the filter, at most `limit`, in row order. When more
 * pass, they are taken evenly over the box: the box is cut into POINT_SPREAD_BINS² bins and each bin gives one
 * measurement per round (its failed ones first, then by row) until the limit is reached, so a dense town centre
 * cannot crowd out the sparse roads where the failures are. Deterministic.
 */
export function measurementPointsIn(
  columns: MeasurementColumns,
  index: Flatbush | null,
  bbox: [number, number, number, number],
  filter: MeasurementFilter,
  limit: number,
  thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS,
): { points: MeasurementPoint[]; total: number } {
  if (!index) return { points: [], total: 0 };
  const operatorIndex = filter.operator === null ? -1 : OPERATORS.findIndex((o) => o.code === filter.operator);
  const technologyIndex = filter.technology === null ? -1 : MEASUREMENT_TECHNOLOGIES.indexOf(filter.technology);
  const rows = index.search(...bbox).filter((i) => matches(columns, i, filter, operatorIndex, technologyIndex));
  const chosen = rows.length <= limit ? rows : spreadOver(columns, rows, bbox, limit, thresholds);
  return { points: chosen.sort((a, b) => a - b).map((i) => measurementPoint(columns, i, thresholds)), total: rows.length };
}

function spreadOver(
  columns: MeasurementColumns,
  rows: readonly number[],
  bbox: [number, number, number, number],
  limit: number,
  thresholds: EvidenceThresholds,
): number[] {
  const [west, south, east, north] = bbox;
  const table = tableOfColumns(columns);
  const binOf = (value: number, low: number, high: number) =>
    Math.min(POINT_SPREAD_BINS - 1, Math.max(0, Math.floor(((value - low) / (high - low || 1)) * POINT_SPREAD_BINS)));
  const order = rows.map((row) => ({
    row,
    bin: binOf(columns.lat[row]!, south, north) * POINT_SPREAD_BINS + binOf(columns.lon[row]!, west, east),
    failed: isFailedMeasurement(table, row, thresholds) ? 0 : 1,
    round: 0,
  }));
  order.sort((a, b) => a.bin - b.bin || a.failed - b.failed || a.row - b.row);
  for (let k = 1; k < order.length; k++) if (order[k]!.bin === order[k - 1]!.bin) order[k]!.round = order[k - 1]!.round + 1;
  order.sort((a, b) => a.round - b.round || a.bin - b.bin);
  return order.slice(0, limit).map((entry) => entry.row);
}
