/**
 * WGS84 coordinates as offices write them in tables: decimal degrees with a comma or a point ("50,2312"),
 * degrees-minutes-seconds with or without symbols ("50°13'52.3\"N", "50 13 52,3", "N 50° 13.872'"), with a
 * hemisphere letter (N/S/E/W) or the Czech "s. š." / "v. d.", and a latitude-longitude pair in one cell
 * ("50.2312, 14.5123", "50,2312; 14,5123", "50°13'52\"N 14°30'E"). Pure; returns a code when a cell is not a coordinate.
 */
import { CZECHIA_EXTENT } from '../reports/validateReport.ts';
import { parseCellNumber } from './parseCellNumber.ts';

export type CoordinateAxis = 'lat' | 'lon';

export type CoordinateProblemCode = 'value.notACoordinate' | 'value.notACoordinatePair';

export type DegreesResult = { ok: true; degrees: number } | { ok: false; code: 'value.notACoordinate' };

const HEMISPHERE_SIGN: Record<string, number> = { N: 1, S: -1, E: 1, W: -1 };
const CZECH_NORTH = /\s*s\s*\.?\s*š\s*\.?$/i;
const CZECH_EAST = /\s*v\s*\.?\s*d\s*\.?$/i;

/** One coordinate (latitude or longitude) in degrees; a hemisphere letter of the other axis is refused. */
export function parseDegrees(text: string, axis: CoordinateAxis): DegreesResult {
  const refused = { ok: false, code: 'value.notACoordinate' } as const;
  let value = text.trim();
  if (value === '') return refused;
  let sign = 1;
  let letter: string | null = null;
  if (CZECH_NORTH.test(value)) {
    letter = 'N';
    value = value.replace(CZECH_NORTH, '');
  } else if (CZECH_EAST.test(value)) {
    letter = 'E';
    value = value.replace(CZECH_EAST, '');
  } else {
    const match = /^([NSEW])\s*(.*)$/i.exec(value) ?? /^(.*?)\s*([NSEW])$/i.exec(value);
    if (match) {
      const [first, second] = [match[1]!, match[2]!];
      const isPrefix = /^[NSEW]$/i.test(first) && !/^[NSEW]$/i.test(second);
      letter = (isPrefix ? first : second).toUpperCase();
      value = isPrefix ? second : first;
    }
  }
  if (letter) {
    if ((axis === 'lat') !== (letter === 'N' || letter === 'S')) return refused;
    sign = HEMISPHERE_SIGN[letter]!;
  }
  // Plain decimal degrees (with a decimal comma, a sign) are the common case.
  if (!/[°'′"″\s:]/.test(value.trim())) {
    const number = parseCellNumber(value);
    if (number === null) return refused;
    return checkRange(sign * number, axis);
  }
  const negative = /^\s*[-−]/.test(value);
  const parts = value
    .replace(/^\s*[-−]/, '')
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/[°'′"″:]/g, ' ')
    .trim()
    .split(/\s+/);
  if (parts.length < 1 || parts.length > 3 || !parts.every((part) => /^\d+(\.\d+)?$/.test(part))) return refused;
  // Only the last part may have a fraction; minutes and seconds are below 60.
  if (parts.slice(0, -1).some((part) => part.includes('.'))) return refused;
  const [degrees, minutes = 0, seconds = 0] = parts.map(Number) as [number, number?, number?];
  if (minutes >= 60 || seconds >= 60) return refused;
  const total = (degrees + minutes / 60 + seconds / 3600) * (negative ? -1 : 1) * sign;
  return checkRange(total, axis);
}

function checkRange(degrees: number, axis: CoordinateAxis): DegreesResult {
  const limit = axis === 'lat' ? 90 : 180;
  return Number.isFinite(degrees) && Math.abs(degrees) <= limit ? { ok: true, degrees } : { ok: false, code: 'value.notACoordinate' };
}

export type LatLonResult = { ok: true; lat: number; lon: number } | { ok: false; code: 'value.notACoordinatePair' };

/** The two halves of a "lat, lon" cell, or null when it cannot be split. */
function splitPair(text: string): [string, string] | null {
  const value = text.trim();
  if (value.includes(';')) {
    const parts = value.split(';');
    return parts.length === 2 ? [parts[0]!, parts[1]!] : null;
  }
  // Hemisphere letters mark the halves: "50°13'52"N 14°30'E", "N 50° 13.872' E 14° 30.1'".
  const suffix = /^(.*?[NS])\s*,?\s+(.*[EW])$/i.exec(value) ?? /^(.*?[NS])\s*,\s*(.*[EW])$/i.exec(value);
  if (suffix && !/^[NS]$/i.test(suffix[1]!.trim())) return [suffix[1]!, suffix[2]!];
  const prefix = /^([NS].*?)\s*,?\s+([EW].*)$/i.exec(value);
  if (prefix) return [prefix[1]!, prefix[2]!];
  const commaSpace = value.split(/,\s+/);
  if (commaSpace.length === 2) return [commaSpace[0]!, commaSpace[1]!];
  const commas = value.split(',');
  if (commas.length === 2) return [commas[0]!, commas[1]!];
  const words = value.split(/\s+/);
  if (words.length === 2) return [words[0]!, words[1]!];
  return null;
}

function insideCzechia(lat: number, lon: number): boolean {
  const e = CZECHIA_EXTENT;
  return lon >= e.west && lon <= e.east && lat >= e.south && lat <= e.north;
}

/**
 * A latitude-longitude pair in one cell. A pair given as "lon, lat" that lies in Czechia only when read the other
 * way round is swapped (the two ranges do not overlap in Czechia, so this never misplaces a point).
 */
export function parseLatLonPair(text: string): LatLonResult {
  const halves = splitPair(text);
  if (!halves) return { ok: false, code: 'value.notACoordinatePair' };
  const lat = parseDegrees(halves[0], 'lat');
  const lon = parseDegrees(halves[1], 'lon');
  if (!lat.ok || !lon.ok) {
    // Maybe "lon, lat" with hemisphere letters ("14°30'E 50°13'N").
    const swappedLat = parseDegrees(halves[1], 'lat');
    const swappedLon = parseDegrees(halves[0], 'lon');
    if (swappedLat.ok && swappedLon.ok) return { ok: true, lat: swappedLat.degrees, lon: swappedLon.degrees };
    return { ok: false, code: 'value.notACoordinatePair' };
  }
  return orientedForCzechia(lat.degrees, lon.degrees);
}

/** lat/lon as given, or swapped when only the swapped reading lies in Czechia. */
export function orientedForCzechia(lat: number, lon: number): { ok: true; lat: number; lon: number } {
  if (!insideCzechia(lat, lon) && insideCzechia(lon, lat)) return { ok: true, lat: lon, lon: lat };
  return { ok: true, lat, lon };
}
