import type { BBox } from '../../core/geo/coordinates.ts';
import type { ReportGeometry } from '../../core/reports/report.ts';

/** [west, south, east, north] of a report's geometry (a point gives a box of no size). */
export function geometryBbox(geometry: ReportGeometry): BBox {
  const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates.flat();
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lon = NaN, lat = NaN] of positions) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}
