/**
 * Simplifying a recorded or imported line with a tolerance in metres: Douglas–Peucker (Turf's simplify, high
 * quality) on a local equirectangular projection in metres around the line, so the tolerance means the same
 * everywhere in Czechia. The first and last positions are always kept.
 */
import { lineString, simplify } from '@turf/turf';
import { localPlane } from '../geo/localProjection.ts';
import { MAX_POSITIONS } from '../reports/validateReport.ts';

export function simplifyLine(coordinates: ReadonlyArray<readonly [number, number]>, toleranceM: number): Array<[number, number]> {
  if (coordinates.length <= 2) return coordinates.map(([lon, lat]) => [lon, lat]);
  const [lon0, lat0] = coordinates[0]!;
  const plane = localPlane(lon0, lat0);
  const projected = coordinates.map(([lon, lat]) => plane.toXY(lon, lat));
  let tolerance = toleranceM;
  let kept: number[][] = projected;
  // A very long track may still have more positions than a report may hold: the tolerance grows until it fits.
  for (;;) {
    kept = simplify(lineString(projected), { tolerance, highQuality: true, mutate: false }).geometry.coordinates;
    if (kept.length <= MAX_POSITIONS) break;
    tolerance *= 2;
  }
  return kept.map(([x, y]) => plane.toLonLat(x!, y!).map(round) as [number, number]);
}

/** 7 decimals: ~1 cm, more than any phone knows. */
function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
