/**
 * What field mode turns into reports: one GPS position ("Tady není signál"), a stretch of a recorded route, a GPX
 * track, route or waypoint. Each becomes the geometry, the fields the person would otherwise type (environment,
 * the observation's date and time) and the capture (method, time, accuracy). The form is completed later.
 */
import type { EnvironmentCode } from '../reports/enumerations.ts';
import type { Observation, PositionCapture, ReportGeometry } from '../reports/report.ts';
import { TEXT_LIMITS } from '../reports/validateReport.ts';
import type { GpxLine, GpxWaypoint } from '../gpx/gpx.ts';
import { GPX_SIMPLIFY_TOLERANCE_M, ROUTE_PRESETS, type FieldPreset } from './fieldSettings.ts';
import type { RouteStretch } from './routeSampling.ts';
import { simplifyLine } from './simplifyLine.ts';
import { withoutControlCharacters } from '../limits/boundedInput.ts';
import { containsMarkup } from '../text/markup.ts';

export interface FieldReportDraft {
  geometry: ReportGeometry;
  fields: { environments: EnvironmentCode[]; observations: Observation[]; description?: string };
  capture: PositionCapture;
}

/** The observation (date and local time of day) of a moment, in the Czech time zone the reports are about. */
export function observationAt(iso: string, timeZone = 'Europe/Prague'): Observation {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}`, note: '' };
}

/** One position of the device, as "Tady není signál" takes it. */
export function draftFromPosition(position: { lon: number; lat: number; accuracyM: number; at: string }, preset: FieldPreset): FieldReportDraft {
  return {
    geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
    fields: { environments: [preset], observations: [observationAt(position.at)] },
    capture: { method: 'gps', capturedAt: position.at, accuracyM: position.accuracyM },
  };
}

/** A recorded stretch without signal: a simplified line (tolerance of the preset), or a point when it did not move. */
export function draftFromStretch(stretch: RouteStretch, preset: FieldPreset): FieldReportDraft {
  const coordinates = stretch.coordinates.length >= 2 ? simplifyLine(stretch.coordinates, ROUTE_PRESETS[preset].simplifyToleranceM) : stretch.coordinates;
  return {
    geometry: coordinates.length >= 2 ? { type: 'LineString', coordinates } : { type: 'Point', coordinates: coordinates[0]! },
    fields: { environments: [preset], observations: [observationAt(stretch.startedAt)] },
    capture: { method: 'route', capturedAt: stretch.startedAt, accuracyM: stretch.worstAccuracyM },
  };
}

/** A name with markup is not taken (the rule of every importer, src/core/text/markup.ts); control characters are dropped. */
function nameAsDescription(name: string | null): { description?: string } {
  if (!name) return {};
  const clean = withoutControlCharacters(name).trim();
  return clean && !containsMarkup(clean) ? { description: clean.slice(0, TEXT_LIMITS.description) } : {};
}

/** A GPX track or route: a simplified line (GPX_SIMPLIFY_TOLERANCE_M); its name becomes the description to edit. */
export function draftFromGpxLine(line: GpxLine, importedAt: string): FieldReportDraft {
  const at = line.startedAt ?? importedAt;
  return {
    geometry: { type: 'LineString', coordinates: simplifyLine(line.coordinates, GPX_SIMPLIFY_TOLERANCE_M) },
    fields: { environments: [], observations: line.startedAt ? [observationAt(line.startedAt)] : [], ...nameAsDescription(line.name) },
    capture: { method: 'gpx', capturedAt: at, accuracyM: null },
  };
}

export function draftFromGpxWaypoint(waypoint: GpxWaypoint, importedAt: string): FieldReportDraft {
  return {
    geometry: { type: 'Point', coordinates: waypoint.coordinates },
    fields: { environments: [], observations: waypoint.time ? [observationAt(waypoint.time)] : [], ...nameAsDescription(waypoint.name) },
    capture: { method: 'gpx', capturedAt: waypoint.time ?? importedAt, accuracyM: null },
  };
}
