/**
 * Reports that may describe the same place as a new one, for "Není to stejné místo jako…?". Like is compared with
 * like, and only like is offered (opening the existing report discards the new one, so a road line must never be
 * given up for a point beside it):
 * - point ↔ point: the distance between them (within `radiusM`, default 300 m);
 * - line ↔ line: ALONG their length — the share of the shorter line that runs within LINE_TOLERANCE_M of the
 *   other (sampled every ≤ 25 m); offered from half of it on. Two lines that only cross or touch at one end are
 *   different stretches;
 * - area ↔ area: by overlap — the shared area as a share of the smaller area; offered from a quarter on.
 * Distances are on a local equirectangular projection (within 0.5 % at the few kilometres this is used for).
 */
import type { LineString, Polygon, Position } from 'geojson';
import type { Report, ReportGeometry } from './report.ts';
import { degreesAround, distanceM } from '../geo/localProjection.ts';
import { geometryDistanceM } from '../geo/geometryDistance.ts';
import { signedRingArea } from '../geo/ringArea.ts';

/** Default search radius in metres ("a few hundred metres") for points. */
export const NEARBY_RADIUS_M = 300;
/** A line's point lies "along" another line within this distance (two mappings of one road differ by tens of metres). */
export const LINE_TOLERANCE_M = 60;
/** Lines: at least this share of the shorter one runs along the other. */
export const MIN_LINE_SHARE = 0.5;
/** Areas: the shared area is at least this share of the smaller one. */
export const MIN_AREA_SHARE = 0.25;
/** Samples along a line: at most every this many metres, and at most MAX_SAMPLES of them. */
const SAMPLE_STEP_M = 25;
const MAX_SAMPLES = 400;
/** The overlap of two areas is measured on a grid of at most this many cells over the smaller one's box. */
const AREA_GRID = 64;

export interface NearbyReport {
  report: Report;
  /** Shortest distance between the two geometries in metres (0 when they touch or overlap). */
  distanceM: number;
  /** Lines: share of the shorter line along the other; areas: shared share of the smaller; points: null. */
  overlap: number | null;
}

function positionsOf(geometry: ReportGeometry): Position[] {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'LineString') return geometry.coordinates;
  return geometry.coordinates.flat();
}

function boxOf(geometry: ReportGeometry): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const [x, y] of positionsOf(geometry) as Array<[number, number]>) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** Shortest distance in metres between two report geometries (0 when they touch or one holds the other). */
export function distanceBetweenM(a: ReportGeometry, b: ReportGeometry): number {
  return geometryDistanceM(a, b);
}

function segmentLengthM(a: Position, b: Position): number {
  return distanceM(a, b);
}

export function lineLengthM(line: LineString): number {
  let length = 0;
  for (let i = 1; i < line.coordinates.length; i++) length += segmentLengthM(line.coordinates[i - 1]!, line.coordinates[i]!);
  return length;
}

/** Points along a line, evenly by length (both ends included). */
function samplesAlong(line: LineString): Position[] {
  const length = lineLengthM(line);
  const count = Math.min(MAX_SAMPLES, Math.max(2, Math.ceil(length / SAMPLE_STEP_M) + 1));
  const step = length / (count - 1);
  const samples: Position[] = [];
  let segment = 0;
  let walked = 0;
  for (let k = 0; k < count; k++) {
    const target = k * step;
    while (segment < line.coordinates.length - 2 && walked + segmentLengthM(line.coordinates[segment]!, line.coordinates[segment + 1]!) < target) {
      walked += segmentLengthM(line.coordinates[segment]!, line.coordinates[segment + 1]!);
      segment++;
    }
    const a = line.coordinates[segment]!;
    const b = line.coordinates[segment + 1] ?? a;
    const piece = segmentLengthM(a, b);
    const t = piece === 0 ? 0 : Math.min(1, Math.max(0, (target - walked) / piece));
    samples.push([a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t]);
  }
  return samples;
}

/** Share (0…1) of line `a`'s length that runs within `toleranceM` of line `b`. */
export function shareAlong(a: LineString, b: LineString, toleranceM = LINE_TOLERANCE_M): number {
  const samples = samplesAlong(a);
  let near = 0;
  for (const position of samples) if (geometryDistanceM({ type: 'Point', coordinates: position }, b) <= toleranceM) near++;
  return near / samples.length;
}

/** The line-to-line likeness: the share of the SHORTER line that runs along the other. */
export function lineOverlap(a: LineString, b: LineString): number {
  const [shorter, longer] = lineLengthM(a) <= lineLengthM(b) ? [a, b] : [b, a];
  return shareAlong(shorter, longer);
}

function insideRings(rings: Position[][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]!,
        yi = ring[i]![1]!,
        xj = ring[j]![0]!,
        yj = ring[j]![1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Planar area in square degrees: only ever compared with another area at the same place. */
function polygonArea(polygon: Polygon): number {
  const [outer, ...holes] = polygon.coordinates;
  return Math.abs(signedRingArea(outer!)) - holes.reduce((sum, hole) => sum + Math.abs(signedRingArea(hole)), 0);
}

/**
 * The area-to-area likeness: the shared area as a share of the smaller area, measured on a grid of cell centres
 * over the smaller area's box (AREA_GRID² cells: within a few per cent, and no polygon clipping that could fail
 * on a self-touching ring).
 */
export function areaOverlap(a: Polygon, b: Polygon): number {
  const [smaller, larger] = polygonArea(a) <= polygonArea(b) ? [a, b] : [b, a];
  const [w, s, e, n] = boxOf(smaller);
  const [lw, ls, le, ln] = boxOf(larger);
  if (lw > e || le < w || ls > n || ln < s) return 0;
  let inSmaller = 0;
  let inBoth = 0;
  for (let i = 0; i < AREA_GRID; i++) {
    const x = w + ((i + 0.5) / AREA_GRID) * (e - w);
    for (let j = 0; j < AREA_GRID; j++) {
      const y = s + ((j + 0.5) / AREA_GRID) * (n - s);
      if (!insideRings(smaller.coordinates, x, y)) continue;
      inSmaller++;
      if (insideRings(larger.coordinates, x, y)) inBoth++;
    }
  }
  return inSmaller === 0 ? 0 : inBoth / inSmaller;
}

/** Reports of the same kind that may describe the same place, the likeliest first. */
export function findNearbyReports(reports: readonly Report[], geometry: ReportGeometry, radiusM = NEARBY_RADIUS_M, excludeId?: string): NearbyReport[] {
  const [w, s, e, n] = boxOf(geometry);
  // Lines and areas must touch or come within the line tolerance; points within the radius.
  const margin = geometry.type === 'Point' ? radiusM : LINE_TOLERANCE_M;
  const { dLon: marginLon, dLat: marginLat } = degreesAround((s + n) / 2, margin);
  const found: NearbyReport[] = [];
  for (const report of reports) {
    if (report.id === excludeId || report.geometry.type !== geometry.type) continue;
    const [rw, rs, re, rn] = boxOf(report.geometry);
    if (rw > e + marginLon || re < w - marginLon || rs > n + marginLat || rn < s - marginLat) continue;
    const distanceM = distanceBetweenM(geometry, report.geometry);
    if (geometry.type === 'Point') {
      if (distanceM <= radiusM) found.push({ report, distanceM: Math.round(distanceM), overlap: null });
    } else if (geometry.type === 'LineString' && report.geometry.type === 'LineString') {
      if (distanceM > LINE_TOLERANCE_M) continue;
      const overlap = lineOverlap(geometry, report.geometry);
      if (overlap >= MIN_LINE_SHARE) found.push({ report, distanceM: Math.round(distanceM), overlap });
    } else if (geometry.type === 'Polygon' && report.geometry.type === 'Polygon') {
      if (distanceM > 0) continue;
      const overlap = areaOverlap(geometry, report.geometry);
      if (overlap >= MIN_AREA_SHARE) found.push({ report, distanceM: 0, overlap });
    }
  }
  return found.sort((a, b) => (b.overlap ?? 0) - (a.overlap ?? 0) || a.distanceM - b.distanceM);
}
