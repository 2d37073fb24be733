import type { Report, ReportGeometry } from './report.ts';
import { REPORT_SCHEMA_VERSION } from './report.ts';

/** The fields a report may leave unset, with their empty values. */
export type ReportDefaults = Pick<
  Report,
  | 'revision'
  | 'demo'
  | 'place'
  | 'castObce'
  | 'zsj'
  | 'domain'
  | 'technologies'
  | 'environments'
  | 'persistence'
  | 'observations'
  | 'affected'
  | 'measurements'
  | 'photo'
  | 'reporter'
  | 'capture'
>;

/**
 * The one list of a report's empty values: a new report starts from it, a migrated one is filled from it, and an
 * obec file's report that leaves a field out gets it (parseObecFile; the published JSON Schema documents the same).
 * Fresh lists and objects on every call.
 */
export function reportDefaults(): ReportDefaults {
  return {
    revision: 1,
    demo: false,
    place: null,
    castObce: null,
    zsj: null,
    domain: 'mobile',
    technologies: [],
    environments: [],
    persistence: null,
    observations: [],
    affected: { inhabitants: null, households: null },
    measurements: [],
    photo: null,
    reporter: null,
    capture: null,
  };
}

/** The order of a report's fields in every file the app writes (an obec file of new reports stays byte-stable). */
const REPORT_FIELD_ORDER = [
  'schemaVersion',
  'id',
  'revision',
  'createdAt',
  'updatedAt',
  'demo',
  'geometry',
  'place',
  'castObce',
  'zsj',
  'description',
  'domain',
  'failures',
  'operators',
  'technologies',
  'environments',
  'persistence',
  'observations',
  'affected',
  'measurements',
  'photo',
  'reporter',
  'origin',
  'capture',
] as const satisfies ReadonlyArray<keyof Report>;
// Every field of Report is in the order above (a compile error names the one missing).
const everyFieldOrdered: Exclude<keyof Report, (typeof REPORT_FIELD_ORDER)[number]> extends never ? true : never = true;
void everyFieldOrdered;

/** A report from its own fields and reportDefaults() for the rest, in the fields' usual order. */
export function completeReport(fields: Omit<Report, keyof ReportDefaults> & Partial<ReportDefaults>): Report {
  const filled: Record<string, unknown> = { ...reportDefaults(), ...fields };
  // An optional field left out (origin) stays out, as in the files written before.
  return Object.fromEntries(REPORT_FIELD_ORDER.filter((key) => filled[key] !== undefined).map((key) => [key, filled[key]])) as unknown as Report;
}

/** A new, empty report at a geometry. Id and time are parameters, so tests and demo data stay reproducible. */
export function createEmptyReport(geometry: ReportGeometry, options: { id: string; now: string; demo?: boolean }): Report {
  return completeReport({
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: options.id,
    createdAt: options.now,
    updatedAt: options.now,
    geometry,
    description: '',
    failures: [],
    operators: [],
    demo: options.demo ?? false,
  });
}

/** The next revision of a report after an edit: revision + 1 and a new updatedAt (never earlier than before). */
export function reviseReport(report: Report, changes: Partial<Report>, now: string): Report {
  return {
    ...report,
    ...changes,
    id: report.id,
    schemaVersion: REPORT_SCHEMA_VERSION,
    createdAt: report.createdAt,
    revision: report.revision + 1,
    updatedAt: now > report.updatedAt ? now : report.updatedAt,
  };
}
