/**
 * The map of the printable summary for the council: the obec's outline and its reports, numbered as in the list,
 * as SVG path data in a fixed frame. Pure and offline (no tiles): an equirectangular projection around the
 * middle of the frame, which at the size of an obec (a few km) is within a fraction of a percent of a true map.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { METRES_PER_DEGREE } from '../geo/earth.ts';
import type { Report } from '../reports/report.ts';

export interface SummaryMapItem {
  id: string;
  /** 1-based, the report's row in the summary's list. */
  number: number;
  kind: 'point' | 'line' | 'area';
  /** SVG path data of a line or area (empty for a point). */
  d: string;
  /** Where the number is drawn (the point; a line's middle vertex; an area's first vertex average). */
  x: number;
  y: number;
}

export interface SummaryMap {
  width: number;
  height: number;
  /** SVG path data of the obec's outline ('' without one). */
  outline: string;
  items: SummaryMapItem[];
  /** Metres per SVG unit, for a scale bar. */
  metresPerUnit: number;
}

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Numbers are given in the order of `reports` (the summary's list). */
export function summaryMap(outline: Polygon | MultiPolygon | null, reports: readonly Report[], size = { width: 640, height: 420, padding: 18 }): SummaryMap {
  const positions: Position[] = [];
  if (outline) for (const ring of ringsOf(outline)) positions.push(...ring);
  for (const report of reports) {
    const g = report.geometry;
    if (g.type === 'Point') positions.push(g.coordinates);
    else if (g.type === 'LineString') positions.push(...g.coordinates);
    else for (const ring of g.coordinates) positions.push(...ring);
  }
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const [lon = 0, lat = 0] of positions) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  if (!Number.isFinite(west)) return { width: size.width, height: size.height, outline: '', items: [], metresPerUnit: 1 };
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // Metres of the box, at least 200 m so that a single point does not fill the frame.
  const spanX = Math.max((east - west) * kx * METRES_PER_DEGREE, 200);
  const spanY = Math.max((north - south) * METRES_PER_DEGREE, 200);
  const innerW = size.width - 2 * size.padding;
  const innerH = size.height - 2 * size.padding;
  const scale = Math.min(innerW / spanX, innerH / spanY); // units per metre
  const midLon = (west + east) / 2;
  const midLat = (south + north) / 2;
  const project = ([lon = 0, lat = 0]: Position): [number, number] => [
    round(size.width / 2 + (lon - midLon) * kx * METRES_PER_DEGREE * scale),
    round(size.height / 2 - (lat - midLat) * METRES_PER_DEGREE * scale),
  ];
  const path = (ring: Position[], close: boolean) =>
    ring.map((position, i) => `${i === 0 ? 'M' : 'L'}${project(position).join(' ')}`).join('') + (close ? 'Z' : '');
  const items = reports.map((report, index): SummaryMapItem => {
    const g = report.geometry;
    if (g.type === 'Point') {
      const [x, y] = project(g.coordinates);
      return { id: report.id, number: index + 1, kind: 'point', d: '', x, y };
    }
    if (g.type === 'LineString') {
      const [x, y] = project(g.coordinates[Math.floor(g.coordinates.length / 2)]!);
      return { id: report.id, number: index + 1, kind: 'line', d: path(g.coordinates, false), x, y };
    }
    const outer = g.coordinates[0] ?? [];
    const projected = outer.slice(0, -1).map(project);
    const x = projected.reduce((sum, p) => sum + p[0], 0) / Math.max(projected.length, 1);
    const y = projected.reduce((sum, p) => sum + p[1], 0) / Math.max(projected.length, 1);
    return { id: report.id, number: index + 1, kind: 'area', d: g.coordinates.map((ring) => path(ring, true)).join(''), x: round(x), y: round(y) };
  });
  return {
    width: size.width,
    height: size.height,
    outline: outline
      ? ringsOf(outline)
          .map((ring) => path(ring, true))
          .join('')
      : '',
    items,
    metresPerUnit: 1 / scale,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
