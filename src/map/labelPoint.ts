/**
 * Where to put a label inside an area: the centre of mass of its largest part when that lies inside,
 * otherwise a point guaranteed to be on the surface. Pure; degrees in, degrees out.
 */
import { area, booleanPointInPolygon, centerOfMass, pointOnFeature, polygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export function labelPoint(geometry: Polygon | MultiPolygon): [lon: number, lat: number] {
  const parts: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let largest = polygon((parts[0] ?? []).map(closedRing));
  let largestArea = -1;
  for (const rings of parts) {
    const part = polygon(rings.map(closedRing));
    const partArea = area(part);
    if (partArea > largestArea) {
      largest = part;
      largestArea = partArea;
    }
  }
  const centre = centerOfMass(largest);
  const inside = booleanPointInPolygon(centre, largest) ? centre : pointOnFeature(largest);
  const [lon = 0, lat = 0] = inside.geometry.coordinates;
  return [lon, lat];
}

/** Tolerates rings whose last position does not repeat the first (turf would throw on them). */
function closedRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || (first[0] === last[0] && first[1] === last[1])) return ring;
  return [...ring, first];
}
