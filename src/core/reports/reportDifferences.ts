/**
 * Which of a report's fields differ between two copies of it (same id), in the order a person reads a report:
 * for an import conflict (same revision, other content) the stored copy beside the file's. Derived and bookkeeping
 * fields (place, revision, timestamps, schema version) are not content and are left out.
 */
import { canonicalJson } from '../text/canonicalJson.ts';
import type { Report } from './report.ts';

export const COMPARED_REPORT_FIELDS = [
  'description',
  'geometry',
  'domain',
  'failures',
  'operators',
  'technologies',
  'environments',
  'persistence',
  'observations',
  'affected',
  'measurements',
  'castObce',
  'zsj',
  'photo',
  'reporter',
  'capture',
  'demo',
] as const satisfies ReadonlyArray<keyof Report>;

export type ComparedReportField = (typeof COMPARED_REPORT_FIELDS)[number];

export function reportDifferences(stored: Report, incoming: Report): ComparedReportField[] {
  return COMPARED_REPORT_FIELDS.filter((field) => canonicalJson(stored[field] ?? null) !== canonicalJson(incoming[field] ?? null));
}
