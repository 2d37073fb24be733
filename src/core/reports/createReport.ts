import type { Report, ReportGeometry } from './report.ts';
import { REPORT_SCHEMA_VERSION } from './report.ts';

/** A new, empty report at a geometry. Id and time are parameters, so tests and demo data stay reproducible. */
export function createEmptyReport(geometry: ReportGeometry, options: { id: string; now: string; demo?: boolean }): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: options.id,
    revision: 1,
    createdAt: options.now,
    updatedAt: options.now,
    demo: options.demo ?? false,
    geometry,
    place: null,
    castObce: null,
    zsj: null,
    description: '',
    domain: 'mobile',
    failures: [],
    operators: [],
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
