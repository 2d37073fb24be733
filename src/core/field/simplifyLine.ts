/**
 * Simplifying a recorded or imported line with a tolerance in metres: Douglas–Peucker (Turf's simplify, high
 * quality) on a local equirectangular projection in metres around the line, so the tolerance means the same
 * everywhere in Czechia. The first and last positions are always kept.
 */
import { lineString, simplify } from '@turf/turf';
import { MAX_POSITIONS } from '../reports/validateReport.ts';

const METRES_PER_DEGREE_LAT = 111_320;

export function simplifyLine(coordinates: ReadonlyArray<readonly [number, number]>, toleranceM: number): Array<[number, number]> {
  if (coordinates.length <= 2) return coordinates.map(([lon, lat]) => [lon, lat]);
  const [lon0, lat0] = coordinates[0]!;
  const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((lat0 * Math.PI) / 180);
  const projected = coordinates.map(([lon, lat]) => [(lon - lon0) * metresPerDegreeLon, (lat - lat0) * METRES_PER_DEGREE_LAT]);
  let tolerance = toleranceM;
  let kept: number[][] = projected;
  // A very long track may still have more positions than a report may hold: the tolerance grows until it fits.
  for (;;) {
    kept = simplify(lineString(projected), { tolerance, highQuality: true, mutate: false }).geometry.coordinates;
    if (kept.length <= MAX_POSITIONS) break;
    tolerance *= 2;
  }
  return kept.map(([x, y]) => [round(lon0 + x! / metresPerDegreeLon), round(lat0 + y! / METRES_PER_DEGREE_LAT)]);
}

/** 7 decimals: ~1 cm, more than any phone knows. */
function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
