import type { BBox } from './coordinates.ts';
import type { ReportGeometry } from '../reports/report.ts';

/** [west, south, east, north] of a list of [lon, lat] positions (a ring, a line). */
export function positionsBbox(positions: Iterable<ArrayLike<number>>): BBox {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const position of positions) {
    const lon = position[0] ?? NaN;
    const lat = position[1] ?? NaN;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}

/** [west, south, east, north] of a report's geometry (a point gives a box of no size). */
export function geometryBbox(geometry: ReportGeometry): BBox {
  return positionsBbox(
    geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates.flat(),
  );
}
