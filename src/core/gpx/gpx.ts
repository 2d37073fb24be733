/**
 * Reading GPX (GPS Exchange Format 1.0/1.1, as Garmin, OsmAnd, Strava, Locus… write it): tracks (trk/trkseg/trkpt)
 * and routes (rte/rtept) become lines, one per track segment or route; waypoints (wpt) become points. Namespaces and
 * extensions are ignored; elevation is dropped (reports are 2D). Parsing is @xmldom/xmldom (runs in the browser, a
 * worker and Node, where there is no DOMParser) and @tmcw/togeojson's GPX conversion.
 * Expected failures are coded values (`gpx.*`), never thrown.
 */
import { gpx as gpxToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Position } from 'geojson';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';

/** Larger files are refused before parsing (a day's 1-second track is ~10 MB). */
export const GPX_MAX_CHARS = INPUT_LIMITS.fileBytes.gpx;

export type GpxProblemCode =
  /** Not well-formed XML (broken, cut off, not a text file). */
  | 'gpx.notXml'
  /** Well-formed XML, but its root element is not <gpx>. */
  | 'gpx.notGpx'
  /** A GPX file without any track, route or waypoint with coordinates. */
  | 'gpx.empty'
  | 'gpx.tooLarge'
  /** A DOCTYPE or entity declaration: entities are never expanded (INPUT_LIMITS.xml). */
  | 'gpx.xmlEntities'
  /** More points than INPUT_LIMITS.gpx allows in one track or the file. */
  | 'gpx.tooManyPoints'
  /** NUL bytes: not a text file. */
  | 'gpx.binary';

export interface GpxLine {
  kind: 'track' | 'route';
  /** The track's or route's <name> (text from the file: show as text only). */
  name: string | null;
  coordinates: Array<[number, number]>;
  /** ISO time of the first point that has one, or null. */
  startedAt: string | null;
}

export interface GpxWaypoint {
  name: string | null;
  coordinates: [number, number];
  time: string | null;
}

export type GpxParseResult =
  | { ok: true; lines: GpxLine[]; waypoints: GpxWaypoint[] }
  | { ok: false; code: GpxProblemCode; params?: Record<string, string | number> };

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

function twoD(position: Position): [number, number] {
  return [position[0]!, position[1]!];
}

function firstTime(times: unknown): string | null {
  // togeojson: an array of times for one segment, an array of arrays for several.
  if (!Array.isArray(times)) return null;
  for (const entry of times) {
    const candidate = Array.isArray(entry) ? firstTime(entry) : isoTime(entry);
    if (candidate) return candidate;
  }
  return null;
}

export function parseGpx(source: string): GpxParseResult {
  if (source.length > GPX_MAX_CHARS) return { ok: false, code: 'gpx.tooLarge', params: { limitMb: GPX_MAX_CHARS / 1024 / 1024 } };
  if (source.includes('\u0000')) return { ok: false, code: 'gpx.binary' };
  if (/<!(DOCTYPE|ENTITY)/i.test(source)) return { ok: false, code: 'gpx.xmlEntities' };
  // Points counted before the DOM is built: the DOM of a million points is far larger than the text.
  const points = (source.match(/<(\w+:)?(trkpt|rtept|wpt)\b/g) ?? []).length;
  if (points > INPUT_LIMITS.gpx.points) return { ok: false, code: 'gpx.tooManyPoints', params: { limit: INPUT_LIMITS.gpx.points } };
  let document: ReturnType<DOMParser['parseFromString']>;
  let errors = 0;
  try {
    document = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') errors++;
      },
    }).parseFromString(source.replace(/^\uFEFF/, ''), 'text/xml');
  } catch {
    return { ok: false, code: 'gpx.notXml' };
  }
  const root = document.documentElement;
  if (errors > 0 || !root) return { ok: false, code: 'gpx.notXml' };
  if (root.localName !== 'gpx') return { ok: false, code: 'gpx.notGpx', params: { root: (root.localName ?? root.nodeName).slice(0, 40) } };

  const lines: GpxLine[] = [];
  const waypoints: GpxWaypoint[] = [];
  let collection: ReturnType<typeof gpxToGeoJson>;
  try {
    collection = gpxToGeoJson(document);
  } catch {
    return { ok: false, code: 'gpx.notGpx', params: { root: 'gpx' } };
  }
  for (const feature of collection.features as Feature[]) {
    const properties = feature.properties ?? {};
    const geometry = feature.geometry;
    if (!geometry) continue;
    const name = text(properties.name);
    const kind = properties._gpxType === 'rte' ? 'route' : 'track';
    if (geometry.type === 'LineString') {
      lines.push({ kind, name, coordinates: geometry.coordinates.map(twoD), startedAt: firstTime(properties.coordinateProperties?.times) });
    } else if (geometry.type === 'MultiLineString') {
      const times = properties.coordinateProperties?.times as unknown[] | undefined;
      geometry.coordinates.forEach((segment, index) => {
        lines.push({ kind, name, coordinates: segment.map(twoD), startedAt: firstTime(times?.[index] !== undefined ? [times[index]] : undefined) });
      });
    } else if (geometry.type === 'Point') {
      waypoints.push({ name, coordinates: twoD(geometry.coordinates), time: isoTime(properties.time) });
    }
  }
  if (lines.length === 0 && waypoints.length === 0) return { ok: false, code: 'gpx.empty' };
  if (lines.some((line) => line.coordinates.length > INPUT_LIMITS.gpx.pointsPerTrack))
    return { ok: false, code: 'gpx.tooManyPoints', params: { limit: INPUT_LIMITS.gpx.pointsPerTrack } };
  return { ok: true, lines, waypoints };
}
