/**
 * Measurements per H3 cell, operator and technology: count, median download and RSRP, and failures by the
 * FCC-style thresholds (settings; see evidence/evidenceMeter.ts): download below the limit (5 Mbit/s on 4G,
 * 7 Mbit/s on 5G per FCC) or RSRP below −111 dBm.
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

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

export function isFailedMeasurement(table: MeasurementTable, i: number, thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS): boolean {
  const downloadMbps = table.downloadKbit[i]! / 1000;
  const limit = table.technologyAt(i) === '5g' ? FCC_5G_DOWNLOAD_MBPS : thresholds.maxDownloadMbps;
  return (Number.isFinite(downloadMbps) && downloadMbps < limit) || (Number.isFinite(table.rsrpDbm[i]!) && table.rsrpDbm[i]! < thresholds.maxRsrpDbm);
}

export function aggregateMeasurements(
  table: MeasurementTable,
  options: { resolution?: number; thresholds?: EvidenceThresholds } = {},
): MeasurementCell[] {
  const resolution = options.resolution ?? DEFAULT_H3_RESOLUTION;
  const groups = new Map<string, { cell: string; operator: string; technology: string; downloads: number[]; rsrps: number[]; count: number; failures: number }>();
  for (let i = 0; i < table.count; i++) {
    const cell = latLngToCell(table.lat[i]!, table.lon[i]!, resolution);
    const operator = table.operatorAt(i) ?? 'unknown';
    const technology = table.technologyAt(i);
    const key = `${cell}|${operator}|${technology}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { cell, operator, technology, downloads: [], rsrps: [], count: 0, failures: 0 }));
    group.count++;
    const download = table.downloadKbit[i]!;
    if (Number.isFinite(download)) group.downloads.push(download / 1000);
    const rsrp = table.rsrpDbm[i]!;
    if (Number.isFinite(rsrp)) group.rsrps.push(rsrp);
    if (isFailedMeasurement(table, i, options.thresholds)) group.failures++;
  }
  return [...groups.values()]
    .map(({ downloads, rsrps, ...g }) => {
      const download = median(downloads);
      return { ...g, medianDownloadMbps: download === null ? null : Math.round(download * 100) / 100, medianRsrpDbm: median(rsrps) };
    })
    .sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : `${a.operator}|${a.technology}` < `${b.operator}|${b.technology}` ? -1 : 1));
}
