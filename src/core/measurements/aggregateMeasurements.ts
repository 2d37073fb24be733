/**
 * Measurements per H3 cell, operator and technology: count, median download and RSRP, and failures by the
 * FCC-style thresholds (settings; see evidence/evidenceMeter.ts): download below the limit (5 Mbit/s on 4G,
 * 7 Mbit/s on 5G per FCC), upload below 1 Mbit/s, or RSRP below −111 dBm.
 */
import { latLngToCell } from 'h3-js';
import { DEFAULT_H3_RESOLUTION } from '../aggregate/aggregateReports.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import { NO_OPERATOR, type MeasurementTable } from './measurementTable.ts';
import { MEASUREMENT_TECHNOLOGIES } from './nettestSchema.ts';
import { OPERATORS } from '../reports/enumerations.ts';

/** FCC 5G-NR download threshold, Mbit/s (the 4G one is EvidenceThresholds.maxDownloadMbps). */
export const FCC_5G_DOWNLOAD_MBPS = 7;

export interface MeasurementCell {
  cell: string;
  operator: string;
  technology: string;
  count: number;
  medianDownloadMbps: number | null;
  medianRsrpDbm: number | null;
  failures: number;
}

/** The median of a typed-array slice (sorted in place: the slice is scratch space). */
function median(values: Float32Array): number | null {
  if (values.length === 0) return null;
  values.sort();
  const middle = values.length >> 1;
  return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

export function isFailedMeasurement(table: MeasurementTable, i: number, thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS): boolean {
  const downloadMbps = table.downloadKbit[i]! / 1000;
  const limit = table.technologyAt(i) === '5g' ? FCC_5G_DOWNLOAD_MBPS : thresholds.maxDownloadMbps;
  const uploadMbps = table.uploadKbit[i]! / 1000;
  return (
    (Number.isFinite(downloadMbps) && downloadMbps < limit) ||
    (Number.isFinite(table.rsrpDbm[i]!) && table.rsrpDbm[i]! < thresholds.maxRsrpDbm) ||
    (Number.isFinite(uploadMbps) && uploadMbps < thresholds.maxUploadMbps)
  );
}

export function aggregateMeasurements(
  table: MeasurementTable,
  options: { resolution?: number; thresholds?: EvidenceThresholds } = {},
): MeasurementCell[] {
  const resolution = options.resolution ?? DEFAULT_H3_RESOLUTION;
  // Pass 1: each row's group (cell × operator × technology) and the group sizes. Rows are then laid out by group
  // in typed arrays (compressed rows), so a million rows make no per-group arrays.
  // Groups are keyed by numbers (cell number × operator × technology), not by concatenated strings: building and
  // hashing a string key for each of a million rows cost twice as much as H3 itself.
  // Groups live in parallel number arrays (no object per group until the result), and the result is ordered by a
  // numeric key (cell, then operator and technology by their codes) instead of comparing built strings.
  const cellNumber = new Map<string, number>();
  const cells: string[] = [];
  const groupIndex = new Map<number, number>();
  const groupCell: number[] = [];
  const groupOperator: number[] = [];
  const groupTechnology: number[] = [];
  const counts: number[] = [];
  const failures: number[] = [];
  const groupOf = new Int32Array(table.count);
  for (let i = 0; i < table.count; i++) {
    const cell = latLngToCell(table.lat[i]!, table.lon[i]!, resolution);
    let c = cellNumber.get(cell);
    if (c === undefined) {
      c = cells.length;
      cellNumber.set(cell, c);
      cells.push(cell);
    }
    const operator = table.operator[i]!;
    const technology = table.technology[i]!;
    const key = c * 4096 + operator * 16 + technology;
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = counts.length;
      groupIndex.set(key, g);
      groupCell.push(c);
      groupOperator.push(operator);
      groupTechnology.push(technology);
      counts.push(0);
      failures.push(0);
    }
    groupOf[i] = g;
    counts[g]!++;
    if (isFailedMeasurement(table, i, options.thresholds)) failures[g]!++;
  }
  const groupCount = counts.length;
  const start = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) start[g + 1] = start[g]! + counts[g]!;
  const downloads = new Float32Array(table.count);
  const rsrps = new Float32Array(table.count);
  const downloadFill = start.slice(0, groupCount);
  const rsrpFill = start.slice(0, groupCount);
  for (let i = 0; i < table.count; i++) {
    const g = groupOf[i]!;
    const download = table.downloadKbit[i]!;
    if (Number.isFinite(download)) downloads[downloadFill[g]!++] = download / 1000;
    const rsrp = table.rsrpDbm[i]!;
    if (Number.isFinite(rsrp)) rsrps[rsrpFill[g]!++] = rsrp;
  }
  // Order: cell id, then operator code, then technology code (as strings), by ranks computed once.
  const cellRank = new Int32Array(cells.length);
  cells
    .map((cell, k) => k)
    .sort((a, b) => (cells[a]! < cells[b]! ? -1 : cells[a]! > cells[b]! ? 1 : 0))
    .forEach((k, rank) => (cellRank[k] = rank));
  const operatorName = (k: number) => (k === NO_OPERATOR || k >= OPERATORS.length ? 'unknown' : OPERATORS[k]!.code);
  const operatorRank = new Int32Array(256);
  [...Array(256).keys()]
    .sort((a, b) => (operatorName(a) < operatorName(b) ? -1 : operatorName(a) > operatorName(b) ? 1 : a - b))
    .forEach((k, rank) => (operatorRank[k] = rank));
  const sortKey = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) sortKey[g] = (cellRank[groupCell[g]!]! * 256 + operatorRank[groupOperator[g]!]!) * 16 + groupTechnology[g]!;
  const order = Int32Array.from({ length: groupCount }, (_, g) => g).sort((a, b) => sortKey[a]! - sortKey[b]!);
  const result: MeasurementCell[] = new Array(groupCount);
  for (let k = 0; k < groupCount; k++) {
    const g = order[k]!;
    const download = median(downloads.subarray(start[g]!, downloadFill[g]!));
    result[k] = {
      cell: cells[groupCell[g]!]!,
      operator: operatorName(groupOperator[g]!),
      technology: MEASUREMENT_TECHNOLOGIES[groupTechnology[g]!]!,
      count: counts[g]!,
      medianDownloadMbps: download === null ? null : Math.round(download * 100) / 100,
      medianRsrpDbm: median(rsrps.subarray(start[g]!, rsrpFill[g]!)),
      failures: failures[g]!,
    };
  }
  return result;
}
