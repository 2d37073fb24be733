/**
 * Validation of a report (from the form, IndexedDB or a file) with coded problems per field. Core returns codes
 * and parameters; the UI turns them into Czech or English sentences (i18n keys `problem.<code>`).
 */
import { kinks, polygon as turfPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import { DOMAINS, ENVIRONMENTS, FAILURES, isOneOf, OPERATOR_CHOICES, PERSISTENCE, REPORTER_ROLES, TECHNOLOGIES } from './enumerations.ts';
import { CAPTURE_METHODS, REPORT_SCHEMA_VERSION } from './report.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';
import { containsMarkup } from '../text/markup.ts';

export type ReportProblemCode =
  | 'report.notAnObject'
  | 'report.unsupportedSchemaVersion'
  | 'field.required'
  | 'field.wrongType'
  | 'field.unknownValue'
  | 'field.tooLong'
  | 'field.containsMarkup'
  | 'field.invalidDate'
  | 'field.invalidTime'
  | 'field.outOfRange'
  | 'field.invalidId'
  | 'field.duplicateId'
  | 'geometry.invalid'
  | 'geometry.unsupportedType'
  | 'geometry.tooFewPositions'
  | 'geometry.selfIntersects'
  | 'geometry.outsideCzechia'
  | 'geometry.lonLatSwapped'
  | 'geometry.projectedCoordinates'
  /** Not an error: the captured position is less accurate than the setting (field mode; see core/field). */
  | 'capture.inaccurate';

export interface ReportProblem {
  /** Where: a field path such as 'description', 'observations[0].date', 'geometry'. */
  path: string;
  code: ReportProblemCode;
  params?: Record<string, string | number>;
}

/** Limits: generous for people, small enough that a file cannot smuggle megabytes into a field. */
export const TEXT_LIMITS = { description: 2000, note: 1000, name: 200, contact: 200, castObce: 200 } as const;
export const MAX_OBSERVATIONS = 100;
export const MAX_MEASUREMENTS = 200;
export const MAX_POSITIONS = 5000;

/** Czechia's extent in degrees with a margin of ~3 km. */
export const CZECHIA_EXTENT = { west: 12.05, south: 48.5, east: 18.9, north: 51.1 } as const;

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

type Problems = ReportProblem[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkText(problems: Problems, path: string, value: unknown, limit: number, required: boolean): void {
  if (value === undefined || value === null || value === '') {
    if (required) problems.push({ path, code: 'field.required' });
    return;
  }
  if (typeof value !== 'string') return void problems.push({ path, code: 'field.wrongType', params: { expected: 'text' } });
  if (required && value.trim() === '') return void problems.push({ path, code: 'field.required' });
  if (value.length > limit) problems.push({ path, code: 'field.tooLong', params: { limit, length: value.length } });
  // The one markup rule of every importer (src/core/text/markup.ts).
  if (containsMarkup(value)) problems.push({ path, code: 'field.containsMarkup' });
}

function checkEnumList(problems: Problems, path: string, value: unknown, allowed: readonly string[], required: boolean): void {
  if (!Array.isArray(value))
    return void problems.push({ path, code: value === undefined && required ? 'field.required' : 'field.wrongType', params: { expected: 'list' } });
  if (required && value.length === 0) problems.push({ path, code: 'field.required' });
  value.forEach((item, i) => {
    if (!isOneOf(allowed, item)) problems.push({ path: `${path}[${i}]`, code: 'field.unknownValue', params: { value: String(item).slice(0, 40) } });
  });
}

function checkNumber(problems: Problems, path: string, value: unknown, min: number, max: number): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) return void problems.push({ path, code: 'field.wrongType', params: { expected: 'number' } });
  if (value < min || value > max) problems.push({ path, code: 'field.outOfRange', params: { min, max } });
}

function isValidDate(text: string): boolean {
  if (!DATE_PATTERN.test(text.slice(0, 10))) return false;
  const year = Number(text.slice(0, 4));
  if (year < INPUT_LIMITS.numbers.earliestYear || year > INPUT_LIMITS.numbers.latestYear) return false;
  const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text.slice(0, 10);
}

function checkDate(problems: Problems, path: string, value: unknown, withTime: boolean): void {
  const pattern = withTime ? DATE_TIME_PATTERN : DATE_PATTERN;
  if (typeof value !== 'string' || !pattern.test(value) || !isValidDate(value)) problems.push({ path, code: 'field.invalidDate' });
}

/** Geometry checks with the coded reasons a file from elsewhere most often has. */
export function validateGeometry(geometry: unknown, path = 'geometry'): ReportProblem[] {
  const problems: Problems = [];
  if (!isRecord(geometry) || typeof geometry.type !== 'string' || !Array.isArray(geometry.coordinates)) {
    return [{ path, code: 'geometry.invalid' }];
  }
  let rings: unknown[][];
  if (geometry.type === 'Point') rings = [[geometry.coordinates]];
  else if (geometry.type === 'LineString') rings = [geometry.coordinates];
  else if (geometry.type === 'Polygon') rings = geometry.coordinates as unknown[][];
  else return [{ path, code: 'geometry.unsupportedType', params: { type: String(geometry.type).slice(0, 30) } }];
  if (!rings.every((ring) => Array.isArray(ring))) return [{ path, code: 'geometry.invalid' }];
  const positions = rings.flat();
  if (positions.length > MAX_POSITIONS) return [{ path, code: 'field.outOfRange', params: { min: 1, max: MAX_POSITIONS } }];
  for (const position of positions) {
    if (!Array.isArray(position) || position.length < 2 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return [{ path, code: 'geometry.invalid' }];
    }
  }
  if (geometry.type === 'LineString' && positions.length < 2) return [{ path, code: 'geometry.tooFewPositions', params: { min: 2 } }];
  if (geometry.type === 'Polygon') {
    for (const ring of rings as Position[][]) {
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
        return [{ path, code: 'geometry.tooFewPositions', params: { min: 4 } }];
      }
    }
  }
  const e = CZECHIA_EXTENT;
  const inside = (lon: number, lat: number) => lon >= e.west && lon <= e.east && lat >= e.south && lat <= e.north;
  for (const position of positions as number[][]) {
    const [a, b] = position as [number, number];
    if (inside(a, b)) continue;
    if (Math.abs(a) > 180 || Math.abs(b) > 90) problems.push({ path, code: 'geometry.projectedCoordinates', params: { x: a, y: b } });
    else if (inside(b, a)) problems.push({ path, code: 'geometry.lonLatSwapped', params: { lon: a, lat: b } });
    else problems.push({ path, code: 'geometry.outsideCzechia', params: { lon: a, lat: b } });
    return problems;
  }
  if (geometry.type === 'Polygon' && kinks(turfPolygon(geometry.coordinates as Position[][])).features.length > 0) {
    problems.push({ path, code: 'geometry.selfIntersects' });
  }
  return problems;
}

/** All problems of a report in the current schema. An empty list means valid. */
export function validateReport(report: unknown): ReportProblem[] {
  if (!isRecord(report)) return [{ path: '', code: 'report.notAnObject' }];
  const problems: Problems = [];
  const r = report;
  if (r.schemaVersion !== REPORT_SCHEMA_VERSION) {
    problems.push({
      path: 'schemaVersion',
      code: 'report.unsupportedSchemaVersion',
      params: { found: String(r.schemaVersion), expected: REPORT_SCHEMA_VERSION },
    });
  }
  if (typeof r.id !== 'string' || !ID_PATTERN.test(r.id)) problems.push({ path: 'id', code: 'field.invalidId' });
  // Bounded (src/core/limits): a revision of 1e308 would make every later edit "older" than the stored one.
  if (typeof r.revision !== 'number' || !Number.isInteger(r.revision) || r.revision < 1 || r.revision > INPUT_LIMITS.numbers.revision) {
    problems.push({ path: 'revision', code: 'field.outOfRange', params: { min: 1, max: INPUT_LIMITS.numbers.revision } });
  }
  checkDate(problems, 'createdAt', r.createdAt, true);
  checkDate(problems, 'updatedAt', r.updatedAt, true);
  if (typeof r.demo !== 'boolean') problems.push({ path: 'demo', code: 'field.wrongType', params: { expected: 'boolean' } });
  problems.push(...validateGeometry(r.geometry));

  checkText(problems, 'description', r.description, TEXT_LIMITS.description, true);
  if (!isOneOf(DOMAINS, r.domain)) problems.push({ path: 'domain', code: r.domain === undefined ? 'field.required' : 'field.unknownValue' });
  checkEnumList(problems, 'failures', r.failures, FAILURES, true);
  checkEnumList(problems, 'operators', r.operators, OPERATOR_CHOICES, true);
  checkEnumList(problems, 'technologies', r.technologies, TECHNOLOGIES, false);
  checkEnumList(problems, 'environments', r.environments, ENVIRONMENTS, false);
  if (r.persistence !== null && !isOneOf(PERSISTENCE, r.persistence)) problems.push({ path: 'persistence', code: 'field.unknownValue' });

  if (r.castObce !== null) {
    if (!isRecord(r.castObce)) problems.push({ path: 'castObce', code: 'field.wrongType' });
    else {
      checkText(problems, 'castObce.nazev', r.castObce.nazev, TEXT_LIMITS.castObce, true);
      if (r.castObce.kod !== undefined && r.castObce.kod !== null && typeof r.castObce.kod !== 'string')
        problems.push({ path: 'castObce.kod', code: 'field.wrongType', params: { expected: 'text' } });
    }
  }
  if (r.zsj !== null) {
    if (!isRecord(r.zsj) || typeof r.zsj.kod !== 'string' || !/^\d{6,7}$/.test(r.zsj.kod))
      problems.push({ path: 'zsj.kod', code: 'field.invalidId', params: { expected: '6–7 digits' } });
    else if (r.zsj.nazev !== null) checkText(problems, 'zsj.nazev', r.zsj.nazev, TEXT_LIMITS.castObce, false);
  }

  if (!Array.isArray(r.observations)) problems.push({ path: 'observations', code: 'field.wrongType', params: { expected: 'list' } });
  else {
    if (r.observations.length > MAX_OBSERVATIONS) problems.push({ path: 'observations', code: 'field.outOfRange', params: { min: 0, max: MAX_OBSERVATIONS } });
    r.observations.slice(0, MAX_OBSERVATIONS).forEach((o, i) => {
      if (!isRecord(o)) return void problems.push({ path: `observations[${i}]`, code: 'field.wrongType' });
      checkDate(problems, `observations[${i}].date`, o.date, false);
      if (o.time !== null && (typeof o.time !== 'string' || !TIME_PATTERN.test(o.time)))
        problems.push({ path: `observations[${i}].time`, code: 'field.invalidTime' });
      checkText(problems, `observations[${i}].note`, o.note, TEXT_LIMITS.note, false);
    });
  }

  if (!isRecord(r.affected)) problems.push({ path: 'affected', code: 'field.wrongType' });
  else {
    checkNumber(problems, 'affected.inhabitants', r.affected.inhabitants, 0, 1_400_000);
    checkNumber(problems, 'affected.households', r.affected.households, 0, 700_000);
  }

  if (!Array.isArray(r.measurements)) problems.push({ path: 'measurements', code: 'field.wrongType', params: { expected: 'list' } });
  else {
    if (r.measurements.length > MAX_MEASUREMENTS) problems.push({ path: 'measurements', code: 'field.outOfRange', params: { min: 0, max: MAX_MEASUREMENTS } });
    r.measurements.slice(0, MAX_MEASUREMENTS).forEach((m, i) => {
      if (!isRecord(m)) return void problems.push({ path: `measurements[${i}]`, code: 'field.wrongType' });
      checkDate(problems, `measurements[${i}].takenAt`, m.takenAt, true);
      if (m.operator !== null && !isOneOf(OPERATOR_CHOICES, m.operator)) problems.push({ path: `measurements[${i}].operator`, code: 'field.unknownValue' });
      if (m.technology !== null && !isOneOf(TECHNOLOGIES, m.technology)) problems.push({ path: `measurements[${i}].technology`, code: 'field.unknownValue' });
      checkNumber(problems, `measurements[${i}].rsrpDbm`, m.rsrpDbm, -160, -30);
      checkNumber(problems, `measurements[${i}].downloadMbps`, m.downloadMbps, 0, 10_000);
      checkNumber(problems, `measurements[${i}].uploadMbps`, m.uploadMbps, 0, 10_000);
      if (m.openTestUuid !== null && (typeof m.openTestUuid !== 'string' || !/^[0-9a-zA-Z-]{8,40}$/.test(m.openTestUuid))) {
        problems.push({ path: `measurements[${i}].openTestUuid`, code: 'field.invalidId' });
      }
    });
  }

  if (r.photo !== null) {
    if (!isRecord(r.photo) || !['image/jpeg', 'image/png', 'image/webp'].includes(String(r.photo.mimeType))) {
      problems.push({ path: 'photo', code: 'field.unknownValue' });
    } else if (
      r.photo.dataUrl !== undefined &&
      (typeof r.photo.dataUrl !== 'string' || !r.photo.dataUrl.startsWith(`data:${String(r.photo.mimeType)};base64,`))
    ) {
      problems.push({ path: 'photo.dataUrl', code: 'field.wrongType' });
    }
  }

  if (r.capture !== null) {
    if (!isRecord(r.capture)) problems.push({ path: 'capture', code: 'field.wrongType' });
    else {
      if (!isOneOf(CAPTURE_METHODS, r.capture.method)) problems.push({ path: 'capture.method', code: 'field.unknownValue' });
      checkDate(problems, 'capture.capturedAt', r.capture.capturedAt, true);
      checkNumber(problems, 'capture.accuracyM', r.capture.accuracyM, 0, 100_000);
    }
  }

  if (r.reporter !== null) {
    if (!isRecord(r.reporter)) problems.push({ path: 'reporter', code: 'field.wrongType' });
    else {
      checkText(problems, 'reporter.name', r.reporter.name, TEXT_LIMITS.name, true);
      if (!isOneOf(REPORTER_ROLES, r.reporter.role)) problems.push({ path: 'reporter.role', code: 'field.unknownValue' });
      checkText(problems, 'reporter.contact', r.reporter.contact, TEXT_LIMITS.contact, false);
    }
  }
  if (r.origin !== undefined && r.origin !== null) {
    if (!isRecord(r.origin) || r.origin.kind !== 'table') problems.push({ path: 'origin', code: 'field.unknownValue' });
    else {
      checkText(problems, 'origin.file', r.origin.file, TEXT_LIMITS.name, true);
      checkNumber(problems, 'origin.row', r.origin.row, 1, Number.MAX_SAFE_INTEGER);
    }
  }
  return problems;
}
