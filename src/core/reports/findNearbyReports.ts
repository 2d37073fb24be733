/**
 * Reports near a geometry, for "Není to stejné místo jako…?" while a new report is placed. Distances are the
 * shortest between the two geometries (0 when they touch or one holds the other), on a local equirectangular
 * projection — within 0.5 % at the few hundred metres this is used for.
 */
import type { Position } from 'geojson';
import type { Report, ReportGeometry } from './report.ts';
import { degreesAround } from '../geo/localProjection.ts';
import { geometryDistanceM } from '../geo/geometryDistance.ts';

/** Default search radius in metres ("a few hundred metres"). */
export const NEARBY_RADIUS_M = 300;

function positionsOf(geometry: ReportGeometry): Position[] {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'LineString') return geometry.coordinates;
  return geometry.coordinates.flat();
}

function boxOf(geometry: ReportGeometry): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of positionsOf(geometry) as Array<[number, number]>) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** Shortest distance in metres between two report geometries (0 when they touch or one holds the other). */
export function distanceBetweenM(a: ReportGeometry, b: ReportGeometry): number {
  return geometryDistanceM(a, b);
}

/** Reports within radiusM of the geometry, nearest first. */
export function findNearbyReports(
  reports: readonly Report[],
  geometry: ReportGeometry,
  radiusM = NEARBY_RADIUS_M,
  excludeId?: string,
): Array<{ report: Report; distanceM: number }> {
  const [w, s, e, n] = boxOf(geometry);
  const { dLon: marginLon, dLat: marginLat } = degreesAround((s + n) / 2, radiusM);
  const found: Array<{ report: Report; distanceM: number }> = [];
  for (const report of reports) {
    if (report.id === excludeId) continue;
    const [rw, rs, re, rn] = boxOf(report.geometry);
    if (rw > e + marginLon || re < w - marginLon || rs > n + marginLat || rn < s - marginLat) continue;
    const distanceM = distanceBetweenM(geometry, report.geometry);
    if (distanceM <= radiusM) found.push({ report, distanceM: Math.round(distanceM) });
  }
  return found.sort((a, b) => a.distanceM - b.distanceM);
}
