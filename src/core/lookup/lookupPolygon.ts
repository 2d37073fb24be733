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
  const touched = touchedObce(index, polygon, index.candidatesInBox(w, s, e, n));
  if (!touched.crosses && touched.obce.size === 1) {
    const [holder] = touched.obce;
    return { ok: true, ...apportion(new Map([[index.obce[holder!]!, total]]), total, 0) };
  }
  const areaByObec = new Map<ObecProperties, number>();
  for (const i of touched.obce) {
    const overlap = intersect(featureCollection([subject, feature(index.geometries[i]!)]));
    if (!overlap) continue;
    const overlapArea = area(overlap);
    if (overlapArea > 0) areaByObec.set(index.obce[i]!, overlapArea);
  }
  return { ok: true, ...apportion(areaByObec, total, 0) };
}

/**
 * The obce a polygon touches, found without clipping: those holding one of its vertices, those whose border one of
 * its edges crosses, and those lying wholly inside it (an enclave crosses nothing). Only these are clipped; when
 * no edge crosses a border and one obec holds every vertex, the whole area is that obec's (the common case).
 */
function touchedObce(index: ObecIndex, polygon: Polygon | MultiPolygon, candidates: readonly number[]): { obce: Set<number>; crosses: boolean } {
  const rings = polygon.type === 'Polygon' ? polygon.coordinates : polygon.coordinates.flat();
  const obce = new Set<number>();
  let crosses = false;
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k] as [number, number];
      const [bx, by] = ring[k + 1] as [number, number];
      const holder = index.findContaining(ax, ay);
      if (holder >= 0) obce.add(holder);
      for (const i of candidates) {
        crossings.length = 0;
        index.segmentCrossings(i, ax, ay, bx, by, crossings);
        if (crossings.length > 0) {
          crosses = true;
          obce.add(i);
        }
      }
    }
  }
  const subject = feature(polygon);
  for (const i of candidates) {
    if (!obce.has(i) && booleanPointInPolygon(index.firstVertex(i), subject)) obce.add(i);
  }
  return { obce, crosses };
}
