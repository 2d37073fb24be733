import { bbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BBox } from '../core/geo/coordinates.ts';

/** [west, south, east, north] of an area feature. */
export function bboxOf(feature: Feature<Polygon | MultiPolygon>): BBox {
  const [west, south, east, north] = bbox(feature);
  return [west, south, east, north];
}
