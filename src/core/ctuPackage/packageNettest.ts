/**
 * Imported NetTest measurements in the ČTÚ package: the measurements attached to each locality (see
 * measurements/attachMeasurements.ts) become rows of mereni.csv, listed by open_test_uuid so ČTÚ can look each one
 * up in its own open data, and count in the locality's evidence level. Only mobile rows of a locality gather
 * measurements (NetTest measures mobile networks). Pure.
 */
import { assessEvidence, DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import { lonLat } from '../geo/coordinates.ts';
import { wgs84ToSjtsk } from '../geo/sjtsk.ts';
import { attachedEvidence } from '../nettest/attachMeasurements.ts';
import type { MeasurementColumns } from '../nettest/measurementColumns.ts';
import { measurementPoint } from '../nettest/measurementLayer.ts';
import { toExcelCsv, type CsvColumn } from './excelCsv.ts';
import type { PackageLocality } from './packageLocalities.ts';
import type { Label } from './packageTables.ts';

export const MEASUREMENTS_FILE_NAME = 'mereni.csv';

/** One attached measurement as mereni.csv lists it. */
export interface AttachedMeasurementRow {
  uuid: string;
  /** ISO date-time, UTC. */
  time: string;
  operator: string | null;
  technology: string;
  downloadMbps: number | null;
  uploadMbps: number | null;
  pingMs: number | null;
  rsrpDbm: number | null;
  lon: number;
  lat: number;
  x: number;
  y: number;
  accuracyM: number | null;
  /** NetTest's classes (1–4): of the signal (RSRP, RSSI on 2G) and of the download. */
  signalClass: number | null;
  downloadClass: number | null;
  /** Below the failure thresholds (RSRP, download, upload; see evidenceMeter.ts). */
  failed: boolean;
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function attachedMeasurementRow(
  columns: MeasurementColumns,
  i: number,
  thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS,
): AttachedMeasurementRow {
  const point = measurementPoint(columns, i, thresholds);
  const [x, y] = wgs84ToSjtsk(lonLat(point.lon, point.lat));
  return {
    uuid: point.uuid,
    time: new Date(point.time).toISOString().replace('.000Z', 'Z'),
    operator: point.operator,
    technology: point.technology,
    downloadMbps: point.downloadMbps,
    uploadMbps: Number.isFinite(columns.uploadKbit[i]!) ? Math.round(columns.uploadKbit[i]! / 10) / 100 : null,
    pingMs: finite(columns.pingMs[i]!),
    rsrpDbm: point.rsrpDbm,
    lon: Math.round(point.lon * 1e6) / 1e6,
    lat: Math.round(point.lat * 1e6) / 1e6,
    x: Math.round(x * 100) / 100,
    y: Math.round(y * 100) / 100,
    accuracyM: finite(columns.accuracyM[i]!),
    signalClass: point.signalClass,
    downloadClass: point.downloadClass,
    failed: point.failed,
  };
}

/**
 * The localities with their attached measurements (mobile rows only; newest first) and the evidence level that
 * counts them. `rowsOf(localityId)`: the rows of `columns` attached to that locality.
 */
export function withAttachedMeasurements(
  localities: readonly PackageLocality[],
  columns: MeasurementColumns,
  rowsOf: (localityId: string) => ArrayLike<number> | undefined,
  now: string,
  thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS,
): PackageLocality[] {
  return localities.map((locality) => {
    const rows = locality.domain === 'mobile' ? rowsOf(locality.localityId) : undefined;
    if (!rows || rows.length === 0) return locality;
    const measurements = Array.from(rows, (i) => attachedMeasurementRow(columns, i, thresholds)).sort((a, b) =>
      a.time < b.time ? 1 : a.time > b.time ? -1 : a.uuid < b.uuid ? -1 : 1,
    );
    return { ...locality, measurements, evidence: assessEvidence(locality.reports, now, thresholds, attachedEvidence(columns, rows, now, thresholds)) };
  });
}

export function measurementColumns(label: Label): Array<CsvColumn<{ localityId: string; row: AttachedMeasurementRow }>> {
  return [
    { header: 'ID lokality', kind: 'text', value: (r) => r.localityId },
    { header: 'open_test_uuid', kind: 'text', value: (r) => r.row.uuid },
    { header: 'Čas (UTC)', kind: 'date', value: (r) => r.row.time.slice(0, 19).replace('T', ' ') },
    { header: 'Operátor', kind: 'text', value: (r) => (r.row.operator ? label(`enum.operator.${r.row.operator}`) : '') },
    { header: 'Technologie', kind: 'text', value: (r) => r.row.technology.toUpperCase() },
    { header: 'Stahování (Mbit/s)', kind: 'number', decimals: 2, value: (r) => r.row.downloadMbps },
    { header: 'Odesílání (Mbit/s)', kind: 'number', decimals: 2, value: (r) => r.row.uploadMbps },
    { header: 'Ping (ms)', kind: 'number', decimals: 1, value: (r) => r.row.pingMs },
    { header: 'RSRP (dBm)', kind: 'number', decimals: 0, value: (r) => r.row.rsrpDbm },
    { header: 'Zeměpisná délka (WGS84)', kind: 'number', decimals: 6, value: (r) => r.row.lon },
    { header: 'Zeměpisná šířka (WGS84)', kind: 'number', decimals: 6, value: (r) => r.row.lat },
    { header: 'X (S-JTSK, EPSG:5514)', kind: 'number', decimals: 2, value: (r) => r.row.x },
    { header: 'Y (S-JTSK, EPSG:5514)', kind: 'number', decimals: 2, value: (r) => r.row.y },
    { header: 'Přesnost polohy (m)', kind: 'number', decimals: 1, value: (r) => r.row.accuracyM },
    { header: 'Třída NetTest signál (1–4)', kind: 'integer', value: (r) => r.row.signalClass },
    { header: 'Třída NetTest stahování (1–4)', kind: 'integer', value: (r) => r.row.downloadClass },
    { header: 'Pod prahem selhání', kind: 'text', value: (r) => r.row.failed },
  ];
}

/** mereni.csv: one row per attached measurement (a measurement near two localities has a row for each). */
export function buildMeasurementsCsv(localities: readonly PackageLocality[], label: Label): string {
  const rows = localities.flatMap((l) => (l.measurements ?? []).map((row) => ({ localityId: l.id, row })));
  return toExcelCsv(measurementColumns(label), rows);
}
