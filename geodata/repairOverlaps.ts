/**
 * The shared obce outlines have a few slivers claimed by two or three neighbouring obce at once (at triple
 * junctions: e.g. a 0.46 ha triangle claimed by Luby, Nový Kostel and Krajková). Such overlaps make a point
 * lookup arbitrary and draw shading twice, so the build gives each overlap to the obec with the lowest kód
 * and cuts it from the others. Only these few obce change; every repair is listed in the pack manifest.
 */
import { area, bbox, difference, feature, featureCollection, intersect } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import type { ObecFeature } from './sources/boundarySource.ts';

export interface OverlapRepair {
  /** The obec that keeps the overlap. */
  keptBy: string;
  /** The obec it was cut from. */
  cutFrom: string;
  areaM2: number;
}

/** Overlaps smaller than this are floating-point noise along shared borders, not slivers. */
const MIN_OVERLAP_M2 = 1;

export function repairOverlaps(obce: readonly ObecFeature[]): { obce: ObecFeature[]; repairs: OverlapRepair[] } {
  const byKod = [...obce].sort((a, b) => a.properties.kod.localeCompare(b.properties.kod));
  const boxes = byKod.map((f) => bbox(f));
  const tree = new Flatbush(byKod.length);
  for (const [w, s, e, n] of boxes) tree.add(w!, s!, e!, n!);
  tree.finish();
  const geometries: Array<Polygon | MultiPolygon> = byKod.map((f) => f.geometry);
  const repairs: OverlapRepair[] = [];
  for (let j = 0; j < byKod.length; j++) {
    const [w, s, e, n] = boxes[j]!;
    for (const i of tree.search(w!, s!, e!, n!).sort((a, b) => a - b)) {
      if (i >= j) continue;
      const shared = intersect(featureCollection([feature(geometries[i]!), feature(geometries[j]!)]));
      if (!shared || area(shared) < MIN_OVERLAP_M2) continue;
      const rest = difference(featureCollection([feature(geometries[j]!), feature(geometries[i]!)]));
      if (!rest) continue;
      repairs.push({ keptBy: byKod[i]!.properties.kod, cutFrom: byKod[j]!.properties.kod, areaM2: Math.round(area(shared)) });
      // Not rounded: the cut's new vertices must stay on the neighbour's edges, or slivers come back.
      geometries[j] = rest.geometry;
    }
  }
  const repaired = new Map(byKod.map((f, k) => [f, geometries[k]!]));
  return {
    obce: obce.map((f) => (repaired.get(f) === f.geometry ? f : { ...f, geometry: repaired.get(f)! })),
    repairs,
  };
}
