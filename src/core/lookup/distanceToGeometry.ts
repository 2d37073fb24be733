import type { MultiPolygon, Polygon } from 'geojson';
import { pointToLineDistance, lineString } from '@turf/turf';
import type { LonLat } from '../geo/coordinates.ts';

/** Distance in metres from a point to the nearest ring of a polygon (0 is not returned for inside points). */
export function distanceToGeometryM(point: LonLat, geometry: Polygon | MultiPolygon): number {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  let best = Infinity;
  for (const ring of rings) {
    const d = pointToLineDistance([point[0], point[1]], lineString(ring), { units: 'meters' });
    if (d < best) best = d;
  }
  return best;
}
