/**
 * Point → obec (and ORP, POU, okres, kraj from the obec's own codes).
 * A point in no obec gets a coded result, never a guess: near an obec (a sliver along the simplified state
 * border) it is 'lookup.noObec' with the nearest obec as a hint; farther away it is outside the index's coverage.
 */
import type { LonLat } from '../geo/coordinates.ts';
import type { ObecIndex } from './obecIndex.ts';
import { describePlace, type PlaceDescription } from './placeDescription.ts';

export type PointLookupFailureCode = 'lookup.invalidCoordinates' | 'lookup.outsideCzechia' | 'lookup.outsidePack' | 'lookup.noObec';

export interface NearestObec {
  kod: string;
  nazev: string;
  distanceM: number;
}

export type PointLookup =
  | { ok: true; place: PlaceDescription }
  | { ok: false; code: PointLookupFailureCode; wgs84?: { lon: number; lat: number }; nearest?: NearestObec };

/**
 * How far outside every obec a point may lie and still count as "in Czechia, but on no obec" rather than
 * outside. The obce outlines are simplified (≈ 8 m quantisation, ~17 vertices an obec), so the state border
 * they draw can be a few hundred metres off the real one.
 */
export const NO_OBEC_TOLERANCE_M = 1_000;

/** Beyond this distance the nearest obec is no useful hint and is left out. */
export const NEAREST_HINT_MAX_M = 50_000;

export function lookupPoint(index: ObecIndex, point: LonLat): PointLookup {
  const [lon, lat] = point;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return { ok: false, code: 'lookup.invalidCoordinates' };
  }
  const found = index.findContaining(lon, lat);
  if (found >= 0) return { ok: true, place: describePlace(index.obce[found]!, point) };

  const wgs84 = { lon, lat };
  const nearest = nearestObec(index, point);
  if (nearest && nearest.distanceM <= NO_OBEC_TOLERANCE_M) return { ok: false, code: 'lookup.noObec', wgs84, nearest };
  return {
    ok: false,
    code: index.coverage === 'country' ? 'lookup.outsideCzechia' : 'lookup.outsidePack',
    wgs84,
    ...(nearest ? { nearest } : {}),
  };
}

/** The nearest obec within NEAREST_HINT_MAX_M of the point, by distance to its outline. */
export function nearestObec(index: ObecIndex, point: LonLat): NearestObec | undefined {
  const nearest = index.nearest(point[0], point[1], NEAREST_HINT_MAX_M);
  if (!nearest) return undefined;
  const obec = index.obce[nearest.index]!;
  return { kod: obec.kod, nazev: obec.nazev, distanceM: Math.round(nearest.distanceM) };
}
