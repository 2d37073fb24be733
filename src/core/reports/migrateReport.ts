/**
 * Reports of older schema versions are brought to the current one on the way in (IndexedDB, obec files).
 *
 * Version 1 (the prototype's format, points only):
 *   { schemaVersion: 1, id, created, point: [lon, lat], description, operator: 'T-Mobile'|'O2'|'Vodafone'|'vsichni',
 *     failure: 'zadny-signal'|'volani'|'data'|'pomala-data', since?: free text, inhabitants?: number,
 *     reporterName?, reporterContact? }
 * Version 2: as 3 without `capture` (it becomes null: a v2 report was drawn or imported, not captured in the field).
 */
import type { FailureCode, OperatorChoice } from './enumerations.ts';
import { completeReport } from './createReport.ts';
import { REPORT_SCHEMA_VERSION, type Report } from './report.ts';

export type MigrationResult =
  | { ok: true; report: unknown; fromVersion: number }
  | { ok: false; code: 'report.unsupportedSchemaVersion'; params: { found: string; expected: number } };

const V1_OPERATORS: Record<string, OperatorChoice> = { 'T-Mobile': 'tmobile', O2: 'o2', Vodafone: 'vodafone', vsichni: 'all' };
const V1_FAILURES: Record<string, FailureCode> = { 'zadny-signal': 'noSignal', volani: 'callsFail', data: 'noData', 'pomala-data': 'slowData' };

function migrateV1(v1: Record<string, unknown>): Record<string, unknown> {
  const created = typeof v1.created === 'string' ? v1.created : '1970-01-01T00:00:00.000Z';
  const since = typeof v1.since === 'string' && v1.since.trim() !== '' ? v1.since.trim() : null;
  const operator = typeof v1.operator === 'string' ? V1_OPERATORS[v1.operator] : undefined;
  const failure = typeof v1.failure === 'string' ? V1_FAILURES[v1.failure] : undefined;
  const migrated: Report = completeReport({
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: String(v1.id ?? ''),
    revision: typeof v1.revision === 'number' ? v1.revision : 1,
    createdAt: created,
    updatedAt: created,
    geometry: { type: 'Point', coordinates: Array.isArray(v1.point) ? (v1.point as number[]) : [] } as Report['geometry'],
    // The free-text "since" had no field of its own: it is kept in the description, not lost.
    description: [typeof v1.description === 'string' ? v1.description : '', since ? `(od: ${since})` : ''].filter(Boolean).join(' '),
    failures: failure ? [failure] : [],
    operators: operator ? [operator] : [],
    affected: { inhabitants: typeof v1.inhabitants === 'number' ? v1.inhabitants : null, households: null },
    reporter:
      typeof v1.reporterName === 'string' && v1.reporterName.trim() !== ''
        ? { name: v1.reporterName, role: 'jiny', contact: typeof v1.reporterContact === 'string' ? v1.reporterContact : '' }
        : null,
  });
  return migrated as unknown as Record<string, unknown>;
}

/** Version 2 → 3: the field capture is new (a file may already carry it: it is kept and validated). */
function migrateV2(v2: Record<string, unknown>): Record<string, unknown> {
  return { ...v2, schemaVersion: REPORT_SCHEMA_VERSION, capture: v2.capture ?? null };
}

/** Brings a stored or imported report to the current schema; unknown or newer versions are refused with a code. */
export function migrateReport(raw: unknown): MigrationResult {
  const record = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const version = record?.schemaVersion;
  if (version === REPORT_SCHEMA_VERSION) return { ok: true, report: raw, fromVersion: REPORT_SCHEMA_VERSION };
  if (version === 2 && record) return { ok: true, report: migrateV2(record), fromVersion: 2 };
  if (version === 1 && record) return { ok: true, report: migrateV1(record), fromVersion: 1 };
  return { ok: false, code: 'report.unsupportedSchemaVersion', params: { found: String(version), expected: REPORT_SCHEMA_VERSION } };
}
