/**
 * Which measurements are evidence for which locality: a measurement belongs to a locality when its position,
 * within its own location accuracy plus a margin (a setting), reaches one of the locality's reports — a reported
 * point, a line, or an area (inside, or near its edge). Measurements whose accuracy is worse than a limit are never
 * attached: a fix good to 3 km says nothing about a place. One measurement may support several localities.
 *
 * A packed Hilbert R-tree (flatbush) over the measurement points is built once per table and reused for every
 * analysis; each report then asks it for the box its geometry covers, grown by the largest reach, and checks the
 * few candidates exactly (local metres). Pure.
 */
import { geometryBbox } from '../geo/geometryBbox.ts';
import Flatbush from 'flatbush';
import { METRES_PER_DEGREE } from '../geo/earth.ts';
import { metresPerDegreeLon } from '../geo/localProjection.ts';
import type { ReportGeometry } from '../reports/report.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import { isFailedMeasurement } from './aggregateMeasurements.ts';
import { tableOfColumns, type MeasurementColumns } from './measurementColumns.ts';

import { DEFAULT_MEASUREMENT_MARGIN_M } from './measurementDefaults.ts';

export { DEFAULT_MEASUREMENT_MARGIN_M };
/** Measurements with a worse location accuracy than this (metres) are not attached to any locality. */
export const MAX_ATTACH_ACCURACY_M = 500;

export interface AttachOptions {
  marginM?: number;
  maxAccuracyM?: number;
}

export interface LocalityGeometries {
  id: string;
  geometries: readonly ReportGeometry[];
}

/** The R-tree over the measurements' points (null for an empty table). Build once per table. */
export function indexMeasurements(columns: MeasurementColumns): Flatbush | null {
  if (columns.count === 0) return null;
  const index = new Flatbush(columns.count);
  for (let i = 0; i < columns.count; i++) index.add(columns.lon[i]!, columns.lat[i]!);
  index.finish();
  return index;
}

/** Squared distance (m²) from point p to segment ab, all in local metres. */
function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  let t = length === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / length;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}

function insideRing(lon: number, lat: number, ring: ReadonlyArray<readonly number[]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > lat !== yj! > lat && lon < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** Distance in metres from (lon, lat) to the geometry (0 inside an area). */
export function distanceToGeometryM(lon: number, lat: number, geometry: ReportGeometry): number {
  const kx = metresPerDegreeLon(lat);
  const ky = METRES_PER_DEGREE;
  const px = lon * kx;
  const py = lat * ky;
  if (geometry.type === 'Point') {
    const [x, y] = geometry.coordinates;
    return Math.hypot(px - x! * kx, py - y! * ky);
  }
  const rings = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  if (geometry.type === 'Polygon') {
    const [outer, ...holes] = geometry.coordinates;
    if (outer && insideRing(lon, lat, outer) && !holes.some((hole) => insideRing(lon, lat, hole))) return 0;
  }
  let best = Number.POSITIVE_INFINITY;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1]!;
      const b = ring[i]!;
      best = Math.min(best, segmentDistanceSquared(px, py, a[0]! * kx, a[1]! * ky, b[0]! * kx, b[1]! * ky));
    }
    if (ring.length === 1) best = Math.min(best, (px - ring[0]![0]! * kx) ** 2 + (py - ring[0]![1]! * ky) ** 2);
  }
  return Math.sqrt(best);
}

/**
 * For each locality, the rows of the measurements attached to it (ascending). A row is attached when its distance
 * to one of the locality's geometries is at most its location accuracy (unknown: 0) plus the margin.
 */
export function attachMeasurements(
  columns: MeasurementColumns,
  index: Flatbush | null,
  localities: readonly LocalityGeometries[],
  options: AttachOptions = {},
): Map<string, Int32Array> {
  const marginM = options.marginM ?? DEFAULT_MEASUREMENT_MARGIN_M;
  const maxAccuracyM = options.maxAccuracyM ?? MAX_ATTACH_ACCURACY_M;
  const result = new Map<string, Int32Array>();
  const reachOf = (i: number): number => {
    const accuracy = columns.accuracyM[i]!;
    return (Number.isFinite(accuracy) && accuracy > 0 ? accuracy : 0) + marginM;
  };
  const greatestReachM = maxAccuracyM + marginM;
  for (const locality of localities) {
    const rows = new Set<number>();
    if (index) {
      for (const geometry of locality.geometries) {
        const [minX, minY, maxX, maxY] = geometryBbox(geometry);
        const dLat = greatestReachM / METRES_PER_DEGREE;
        const dLon = greatestReachM / (METRES_PER_DEGREE * Math.cos((((minY + maxY) / 2) * Math.PI) / 180));
        const candidates = index.search(minX - dLon, minY - dLat, maxX + dLon, maxY + dLat);
        for (const i of candidates) {
          if (rows.has(i)) continue;
          const accuracy = columns.accuracyM[i]!;
          if (Number.isFinite(accuracy) && accuracy > maxAccuracyM) continue;
          if (distanceToGeometryM(columns.lon[i]!, columns.lat[i]!, geometry) <= reachOf(i)) rows.add(i);
        }
      }
    }
    result.set(locality.id, Int32Array.from([...rows].sort((a, b) => a - b)));
  }
  return result;
}

/** What the evidence meter needs from a locality's attached measurements: how many are valid (recent), how many failed. */
export interface AttachedEvidence {
  measurements: number;
  failed: number;
}

export function attachedEvidence(
  columns: MeasurementColumns,
  rows: ArrayLike<number>,
  now: string,
  thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS,
): AttachedEvidence {
  const table = tableOfColumns(columns);
  const nowMs = Date.parse(now);
  const oldest = nowMs - thresholds.validForDays * 86_400_000;
  let measurements = 0;
  let failed = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const time = columns.time[i]!;
    if (!(time >= oldest)) continue;
    measurements++;
    if (isFailedMeasurement(table, i, thresholds)) failed++;
  }
  return { measurements, failed };
}
