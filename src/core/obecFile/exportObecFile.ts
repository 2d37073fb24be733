import type { Report } from '../reports/report.ts';
import { OBEC_FILE_FORMAT, OBEC_FILE_SCHEMA_VERSION, type ObecFileHeader, type ObecFileSignOff, type ReportFeature } from './obecFileFormat.ts';

export interface ExportHeaderInput {
  obec: { kod: string; nazev: string } | null;
  signOff: ObecFileSignOff | null;
  /** A parameter, so the same data gives the same file. */
  exportedAt: string;
  appVersion: string;
}

export function reportToFeature(report: Report): ReportFeature {
  const { geometry, ...properties } = report;
  return { type: 'Feature', id: report.id, geometry, properties };
}

/**
 * The obec file as text: deterministic (reports ordered by creation time, then id), one feature a line so that
 * two versions diff line by line, UTF-8 JSON that any GeoJSON reader opens.
 */
export function exportObecFile(reports: readonly Report[], input: ExportHeaderInput): string {
  const header: ObecFileHeader = {
    format: OBEC_FILE_FORMAT,
    schemaVersion: OBEC_FILE_SCHEMA_VERSION,
    exportedAt: input.exportedAt,
    app: { name: 'hlucha-mista', version: input.appVersion },
    obec: input.obec,
    signOff: input.signOff,
  };
  const ordered = [...reports].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const features = ordered.map((report) => JSON.stringify(reportToFeature(report)));
  return `{"type":"FeatureCollection","hluchaMista":${JSON.stringify(header)},"features":[\n${features.join(',\n')}\n]}\n`;
}
