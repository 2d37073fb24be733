/**
 * The one local projection of the project: an equirectangular plane around a latitude, on the mean sphere of
 * earth.ts (METRES_PER_DEGREE, the only earth constant). Within 0.5 % at the few kilometres it is used for
 * (clustering, nearby reports, radii, route simplification); beyond that use proj4 (sjtsk.ts).
 */
import { METRES_PER_DEGREE } from './earth.ts';

/** Metres in one degree of longitude at this latitude. */
export function metresPerDegreeLon(lat: number): number {
  return METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
}

/** The distance in metres between two [lon, lat] positions, on the plane at their mean latitude. */
export function distanceM(a: readonly [number, number] | readonly number[], b: readonly [number, number] | readonly number[]): number {
  const kx = metresPerDegreeLon((a[1]! + b[1]!) / 2);
  return Math.hypot((a[0]! - b[0]!) * kx, (a[1]! - b[1]!) * METRES_PER_DEGREE);
}

/** The plane around [lon0, lat0]: positions to metres east and north of it, and back. */
export interface LocalPlane {
  /** Metres per degree of longitude and of latitude. */
  kx: number;
  ky: number;
  toXY(lon: number, lat: number): [number, number];
  toLonLat(x: number, y: number): [number, number];
}

export function localPlane(lon0: number, lat0: number): LocalPlane {
  const kx = metresPerDegreeLon(lat0);
  const ky = METRES_PER_DEGREE;
  return {
    kx,
    ky,
    toXY: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * ky],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / ky],
  };
}

/** The degrees of longitude and latitude that `metres` span at this latitude (to widen a bounding box). */
export function degreesAround(lat: number, metres: number): { dLon: number; dLat: number } {
  return { dLon: metres / metresPerDegreeLon(lat), dLat: metres / METRES_PER_DEGREE };
}
