/**
 * Measurements per H3 cell, operator and technology: count, median download and RSRP, and failures by the
 * FCC-style thresholds (settings; see evidence/evidenceMeter.ts): download below the limit (5 Mbit/s on 4G,
 * 7 Mbit/s on 5G per FCC), upload below 1 Mbit/s, or RSRP below −111 dBm.
 */
import { latLngToCell } from 'h3-js';
import { DEFAULT_H3_RESOLUTION } from '../aggregate/aggregateReports.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import type { MeasurementTable } from './measurementTable.ts';

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
  const cellNumber = new Map<string, number>();
  const groupIndex = new Map<number, number>();
  const groups: Array<{ cell: string; operator: string; technology: string; count: number; failures: number }> = [];
  const groupOf = new Int32Array(table.count);
  for (let i = 0; i < table.count; i++) {
    const cell = latLngToCell(table.lat[i]!, table.lon[i]!, resolution);
    let c = cellNumber.get(cell);
    if (c === undefined) cellNumber.set(cell, (c = cellNumber.size));
    const key = c * 4096 + table.operator[i]! * 16 + table.technology[i]!;
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groups.length;
      groupIndex.set(key, g);
      groups.push({ cell, operator: table.operatorAt(i) ?? 'unknown', technology: table.technologyAt(i), count: 0, failures: 0 });
    }
    groupOf[i] = g;
    groups[g]!.count++;
    if (isFailedMeasurement(table, i, options.thresholds)) groups[g]!.failures++;
  }
  const start = new Int32Array(groups.length + 1);
  groups.forEach((group, g) => (start[g + 1] = start[g]! + group.count));
  const downloads = new Float32Array(table.count);
  const rsrps = new Float32Array(table.count);
  const downloadFill = start.slice(0, groups.length);
  const downloadEnd = new Int32Array(groups.length);
  const rsrpFill = start.slice(0, groups.length);
  for (let i = 0; i < table.count; i++) {
    const g = groupOf[i]!;
    const download = table.downloadKbit[i]!;
    if (Number.isFinite(download)) downloads[downloadFill[g]!++] = download / 1000;
    const rsrp = table.rsrpDbm[i]!;
    if (Number.isFinite(rsrp)) rsrps[rsrpFill[g]!++] = rsrp;
  }
  downloadEnd.set(downloadFill);
  return groups
    .map((group, g) => {
      const download = median(downloads.subarray(start[g]!, downloadEnd[g]!));
      return {
        cell: group.cell,
        operator: group.operator,
        technology: group.technology,
        count: group.count,
        medianDownloadMbps: download === null ? null : Math.round(download * 100) / 100,
        medianRsrpDbm: median(rsrps.subarray(start[g]!, rsrpFill[g]!)),
        failures: group.failures,
      };
    })
    .sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : `${a.operator}|${a.technology}` < `${b.operator}|${b.technology}` ? -1 : 1));
}
