/**
 * Web Mercator (EPSG:3857) XYZ tiles: which tiles cover an area, for storing a base map of one obec on the device.
 * A tile is taken when its square touches the area (not merely its bounding box), so a long thin obec does not
 * pull in a whole rectangle of forest.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { geometryDistanceM } from './geometryDistance.ts';

export interface TileId {
  z: number;
  x: number;
  y: number;
}

const MAX_LAT = 85.0511287798;

export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const clampedLat = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (clampedLat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** [west, south, east, north] of a tile in degrees. */
export function tileBounds({ z, x, y }: TileId): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

function boundsOf(area: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const rings = area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring as Array<[number, number]>) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  }
  return [w, s, e, n];
}

/** The tiles of zoom z whose square touches the area, in row order. */
export function tilesCovering(area: Polygon | MultiPolygon, z: number): TileId[] {
  const [w, s, e, n] = boundsOf(area);
  if (!Number.isFinite(w)) return [];
  const min = tileOf(w, n, z);
  const max = tileOf(e, s, z);
  const parts: Polygon[] = area.type === 'Polygon' ? [area] : area.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  const tiles: TileId[] = [];
  for (let y = min.y; y <= max.y; y++) {
    for (let x = min.x; x <= max.x; x++) {
      const [tw, ts, te, tn] = tileBounds({ z, x, y });
      const square: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [tw, ts],
            [te, ts],
            [te, tn],
            [tw, tn],
            [tw, ts],
          ],
        ],
      };
      if (parts.some((part) => geometryDistanceM(square, part) === 0)) tiles.push({ z, x, y });
    }
  }
  return tiles;
}

export interface OfflineTilePlan {
  tiles: TileId[];
  minZoom: number;
  /** The deepest zoom kept: lower than asked when the area would need more than maxTiles. */
  maxZoom: number;
  /** The deepest zoom asked for. */
  requestedMaxZoom: number;
}

/**
 * The tiles of zooms minZoom…maxZoom over the area; the deepest zooms are dropped, one at a time, until at most
 * maxTiles remain (a large obec then gets less detail rather than hundreds of megabytes).
 */
export function planOfflineTiles(area: Polygon | MultiPolygon, options: { minZoom: number; maxZoom: number; maxTiles: number }): OfflineTilePlan {
  const perZoom: TileId[][] = [];
  let total = 0;
  let deepest = options.minZoom - 1;
  for (let z = options.minZoom; z <= options.maxZoom; z++) {
    const tiles = tilesCovering(area, z);
    if (total + tiles.length > options.maxTiles) break;
    perZoom.push(tiles);
    total += tiles.length;
    deepest = z;
  }
  return { tiles: perZoom.flat(), minZoom: options.minZoom, maxZoom: deepest, requestedMaxZoom: options.maxZoom };
}

/** The tile's URL from an XYZ template ({z}/{x}/{y}). */
export function tileUrl(template: string, { z, x, y }: TileId): string {
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}
