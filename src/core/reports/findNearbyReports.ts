/**
 * Reports near a geometry, for "Není to stejné místo jako…?" while a new report is placed. Distances are the
 * shortest between the two geometries (0 when they touch or one holds the other), on a local equirectangular
 * projection — within 0.5 % at the few hundred metres this is used for.
 */
import { booleanIntersects, feature } from '@turf/turf';
import type { Position } from 'geojson';
import type { Report, ReportGeometry } from './report.ts';
import { METRES_PER_DEGREE } from '../geo/earth.ts';

/** Default search radius in metres ("a few hundred metres"). */
export const NEARBY_RADIUS_M = 300;

function positionsOf(geometry: ReportGeometry): Position[] {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'LineString') return geometry.coordinates;
  return geometry.coordinates.flat();
}

function segmentsOf(geometry: ReportGeometry): Array<[Position, Position]> {
  const paths = geometry.type === 'Point' ? [] : geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  return paths.flatMap((path) => path.slice(1).map((p, i) => [path[i]!, p] as [Position, Position]));
}

function boxOf(geometry: ReportGeometry): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of positionsOf(geometry) as Array<[number, number]>) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** Shortest distance in metres between two report geometries. */
export function distanceBetweenM(a: ReportGeometry, b: ReportGeometry): number {
  const [lon0, lat0] = positionsOf(a)[0] as [number, number];
  const kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  const project = (p: Position): [number, number] => [(p[0]! - lon0) * kx, (p[1]! - lat0) * METRES_PER_DEGREE];
  const pointToSegment = (p: [number, number], [s0, s1]: [[number, number], [number, number]]) => {
    const dx = s1[0] - s0[0];
    const dy = s1[1] - s0[1];
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - s0[0]) * dx + (p[1] - s0[1]) * dy) / lengthSquared));
    return Math.hypot(p[0] - s0[0] - t * dx, p[1] - s0[1] - t * dy);
  };
  const pointToGeometry = (p: [number, number], g: ReportGeometry) => {
    const segments = segmentsOf(g);
    if (segments.length === 0) {
      const q = project(positionsOf(g)[0]!);
      return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }
    let best = Infinity;
    for (const [s0, s1] of segments) best = Math.min(best, pointToSegment(p, [project(s0), project(s1)]));
    return best;
  };
  if (a.type !== 'Point' || b.type !== 'Point') {
    if (booleanIntersects(feature(a), feature(b))) return 0;
  }
  let best = Infinity;
  for (const p of positionsOf(a)) best = Math.min(best, pointToGeometry(project(p), b));
  for (const p of positionsOf(b)) best = Math.min(best, pointToGeometry(project(p), a));
  return best;
}

/** Reports within radiusM of the geometry, nearest first. */
export function findNearbyReports(
  reports: readonly Report[],
  geometry: ReportGeometry,
  radiusM = NEARBY_RADIUS_M,
  excludeId?: string,
): Array<{ report: Report; distanceM: number }> {
  const [w, s, e, n] = boxOf(geometry);
  const marginLat = radiusM / METRES_PER_DEGREE;
  const marginLon = radiusM / (METRES_PER_DEGREE * Math.cos((((s + n) / 2) * Math.PI) / 180));
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
