/**
 * Polygon → the obce (and ORP, okresy, kraje) it covers, with the area in each: Turf's intersection with
 * every obec whose box meets the polygon's box, geodesic area (Turf) in square metres.
 * A self-intersecting polygon is refused with a code instead of giving a wrong area.
 */
import { area, bbox, booleanPointInPolygon, feature, featureCollection, intersect, kinks } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { ObecProperties } from '../units/adminUnits.ts';
import { apportion, type Apportioned } from './apportion.ts';
import type { ObecIndex } from './obecIndex.ts';

export type PolygonLookup =
  | ({ ok: true } & Apportioned)
  | { ok: false; code: 'geometry.selfIntersects' | 'geometry.tooFewPositions' | 'geometry.invalidCoordinates'; params?: { at: number[][] } };

export function lookupPolygon(index: ObecIndex, polygon: Polygon | MultiPolygon): PolygonLookup {
  const rings = polygon.type === 'Polygon' ? polygon.coordinates : polygon.coordinates.flat();
  if (rings.length === 0 || rings.some((ring) => ring.length < 4)) return { ok: false, code: 'geometry.tooFewPositions' };
  if (rings.some((ring) => ring.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1])))) {
    return { ok: false, code: 'geometry.invalidCoordinates' };
  }
  const selfIntersections = kinks(feature(polygon)).features;
  if (selfIntersections.length > 0) {
    return { ok: false, code: 'geometry.selfIntersects', params: { at: selfIntersections.slice(0, 5).map((f) => f.geometry.coordinates) } };
  }
  const subject = feature(polygon);
  const total = area(subject);
  const [w, s, e, n] = bbox(subject);
  const candidates = index.candidatesInBox(w, s, e, n);
  const holder = whollyInsideOneObec(index, polygon, candidates);
  if (holder >= 0) return { ok: true, ...apportion(new Map([[index.obce[holder]!, total]]), total, 0) };
  const areaByObec = new Map<ObecProperties, number>();
  for (const i of candidates) {
    const overlap = intersect(featureCollection([subject, feature(index.geometries[i]!)]));
    if (!overlap) continue;
    const overlapArea = area(overlap);
    if (overlapArea > 0) areaByObec.set(index.obce[i]!, overlapArea);
  }
  return { ok: true, ...apportion(areaByObec, total, 0) };
}

/**
 * The common case, without polygon clipping: no edge of the polygon crosses an obec border, its vertices all lie
 * in one obec, and no other obec lies inside it (an enclave would cross nothing). Returns that obec, or -1.
 */
function whollyInsideOneObec(index: ObecIndex, polygon: Polygon | MultiPolygon, candidates: readonly number[]): number {
  const rings = polygon.type === 'Polygon' ? polygon.coordinates : polygon.coordinates.flat();
  const first = rings[0]![0]!;
  const holder = index.findContaining(first[0]!, first[1]!);
  if (holder < 0) return -1;
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k] as [number, number];
      const [bx, by] = ring[k + 1] as [number, number];
      for (const i of candidates) {
        index.segmentCrossings(i, ax, ay, bx, by, crossings);
        if (crossings.length > 0) return -1;
      }
      if (index.findContaining(bx, by) !== holder) return -1;
    }
  }
  const subject = feature(polygon);
  for (const i of candidates) {
    if (i === holder) continue;
    const vertex = index.firstVertex(i);
    if (booleanPointInPolygon(vertex, subject)) return -1;
  }
  return holder;
}
