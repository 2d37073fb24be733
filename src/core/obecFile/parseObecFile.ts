/**
 * Reading an obec file (from any tool: this app, a municipal GIS, a script). The file as a whole is refused with
 * a code when it is not one (then nothing is imported); otherwise every feature is migrated and validated on its
 * own, and the invalid ones are listed with their problems while the valid ones come through.
 */
import { parseJsonBounded } from '../limits/boundedInput.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';
import { reportDefaults } from '../reports/createReport.ts';
import { migrateReport } from '../reports/migrateReport.ts';
import type { Report } from '../reports/report.ts';
import { validateReport, type ReportProblem } from '../reports/validateReport.ts';
import {
  OBEC_FILE_FORMAT,
  OBEC_FILE_MAX_BYTES,
  OBEC_FILE_SCHEMA_VERSION,
  SIGN_OFF_CONTACT_MAX,
  type ObecFileHeader,
  type ObecFileProblemCode,
  type RejectedFeature,
} from './obecFileFormat.ts';

export type ParsedObecFile =
  | { ok: false; fileProblem: { code: ObecFileProblemCode; params?: Record<string, string | number> } }
  | { ok: true; header: ObecFileHeader; reports: Report[]; rejected: RejectedFeature[]; migrated: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseObecFile(text: string): ParsedObecFile {
  // String length counts UTF-16 units: a fair, cheap bound before parsing anything.
  if (text.length > OBEC_FILE_MAX_BYTES) {
    return { ok: false, fileProblem: { code: 'file.tooLarge', params: { limitMb: OBEC_FILE_MAX_BYTES / 1024 / 1024 } } };
  }
  // Depth checked before JSON.parse (src/core/limits): a million nested arrays never reach the validators.
  const json = parseJsonBounded(text);
  if (!json.ok)
    return {
      ok: false,
      fileProblem: json.code === 'tooDeep' ? { code: 'file.tooDeep', params: { limit: INPUT_LIMITS.json.depth } } : { code: 'file.notJson' },
    };
  const data = json.value;
  if (!isRecord(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    return { ok: false, fileProblem: { code: 'file.notGeoJson' } };
  }
  const header = data.hluchaMista;
  if (!isRecord(header) || header.format !== OBEC_FILE_FORMAT || typeof header.schemaVersion !== 'number') {
    return { ok: false, fileProblem: { code: 'file.notObecFile' } };
  }
  if (header.schemaVersion > OBEC_FILE_SCHEMA_VERSION) {
    return { ok: false, fileProblem: { code: 'file.newerSchema', params: { found: header.schemaVersion, supported: OBEC_FILE_SCHEMA_VERSION } } };
  }

  const reports: Report[] = [];
  const rejected: RejectedFeature[] = [];
  const seen = new Set<string>();
  let migrated = 0;
  data.features.forEach((feature: unknown, featureIndex: number) => {
    if (!isRecord(feature) || feature.type !== 'Feature' || !isRecord(feature.properties)) {
      rejected.push({ featureIndex, id: null, problems: [{ path: '', code: 'report.notAnObject' }] });
      return;
    }
    const raw: Record<string, unknown> = { ...feature.properties, geometry: feature.geometry };
    if (raw.id === undefined && typeof feature.id === 'string') raw.id = feature.id;
    if (raw.schemaVersion === undefined) raw.schemaVersion = header.schemaVersion;
    const id = typeof raw.id === 'string' ? raw.id : null;
    const migration = migrateReport(raw);
    if (!migration.ok) {
      rejected.push({ featureIndex, id, problems: [{ path: 'schemaVersion', code: migration.code, params: migration.params }] });
      return;
    }
    const problems: ReportProblem[] = validateReport(withDefaults(migration.report));
    if (id !== null && seen.has(id)) problems.push({ path: 'id', code: 'field.duplicateId' });
    if (problems.length > 0) {
      rejected.push({ featureIndex, id, problems });
      return;
    }
    if (migration.fromVersion !== OBEC_FILE_SCHEMA_VERSION) migrated++;
    seen.add(id!);
    reports.push(normalizeReport(withDefaults(migration.report) as Report));
  });

  const obec = isRecord(header.obec) && typeof header.obec.kod === 'string' ? { kod: header.obec.kod, nazev: String(header.obec.nazev ?? '') } : null;
  const contact =
    isRecord(header.signOff) && typeof header.signOff.contact === 'string'
      ? header.signOff.contact
          .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
          .trim()
          .slice(0, SIGN_OFF_CONTACT_MAX)
      : '';
  const signOff = isRecord(header.signOff)
    ? {
        name: String(header.signOff.name ?? ''),
        function: String(header.signOff.function ?? ''),
        date: String(header.signOff.date ?? ''),
        ...(contact ? { contact } : {}),
      }
    : null;
  return {
    ok: true,
    header: {
      format: OBEC_FILE_FORMAT,
      schemaVersion: header.schemaVersion,
      exportedAt: typeof header.exportedAt === 'string' ? header.exportedAt : '',
      app: { name: 'hlucha-mista', version: isRecord(header.app) ? String(header.app.version ?? '') : '' },
      obec,
      signOff,
    },
    reports,
    rejected,
    migrated,
  };
}

/**
 * Optional fields another tool may leave out get their empty values (documented in the JSON Schema);
 * required ones (id, createdAt, geometry, description, failures, operators) stay missing and are reported.
 */
function withDefaults(report: unknown): unknown {
  if (!isRecord(report)) return report;
  const defaults: Record<string, unknown> = { ...reportDefaults() };
  const filled: Record<string, unknown> = { ...report };
  for (const [key, value] of Object.entries(defaults)) if (filled[key] === undefined) filled[key] = value;
  if (filled.updatedAt === undefined) filled.updatedAt = filled.createdAt;
  if (isRecord(filled.affected)) filled.affected = { inhabitants: null, households: null, ...filled.affected };
  // Inside lists and objects too: what the schema lets a tool leave out is unknown (null) or empty, not an error.
  const fillItems = (list: unknown, itemDefaults: Record<string, unknown>) =>
    Array.isArray(list)
      ? list.map((item) =>
          isRecord(item)
            ? {
                ...item,
                ...Object.fromEntries(
                  Object.entries(itemDefaults).filter(([key]) => item[key] === undefined || (item[key] === null && itemDefaults[key] !== null)),
                ),
              }
            : item,
        )
      : list;
  filled.observations = fillItems(filled.observations, { time: null, note: '' });
  filled.measurements = fillItems(filled.measurements, {
    operator: null,
    technology: null,
    rsrpDbm: null,
    downloadMbps: null,
    uploadMbps: null,
    openTestUuid: null,
  });
  if (isRecord(filled.reporter) && (filled.reporter.contact === undefined || filled.reporter.contact === null))
    filled.reporter = { ...filled.reporter, contact: '' };
  if (isRecord(filled.castObce) && filled.castObce.kod === undefined) filled.castObce = { ...filled.castObce, kod: null };
  return filled;
}

/**
 * Keep only the fields of the schema (a file may carry extra properties of its own) and the place as derived data
 * (it is recomputed from the boundaries before saving).
 */
function normalizeReport(report: Report): Report {
  return {
    schemaVersion: report.schemaVersion,
    id: report.id,
    revision: report.revision,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    demo: report.demo,
    geometry: report.geometry,
    place: report.place ?? null,
    castObce: report.castObce ?? null,
    zsj: report.zsj ?? null,
    description: report.description,
    domain: report.domain,
    failures: report.failures,
    operators: report.operators,
    technologies: report.technologies,
    environments: report.environments,
    persistence: report.persistence ?? null,
    observations: report.observations,
    affected: report.affected,
    measurements: report.measurements,
    photo: report.photo ?? null,
    reporter: report.reporter ?? null,
    ...(report.origin ? { origin: report.origin } : {}),
    capture: report.capture ?? null,
  };
}
