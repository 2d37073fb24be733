/**
 * WGS84 ⇄ S-JTSK / Krovak East North (EPSG:5514) with the 7-parameter datum shift (EPSG:1623, ~1 m).
 * The 3-parameter variant (towgs84=589,76,480) that some sites default to is ~6 m off and is not used.
 */
import proj4 from 'proj4';
import { lonLat, sjtsk, type LonLat, type Sjtsk } from './coordinates.ts';

export const SJTSK_PROJ4 =
  '+proj=krovak +lat_0=49.5 +lon_0=24.83333333333333 +alpha=30.28813972222222 +k=0.9999 +x_0=0 +y_0=0 ' +
  '+ellps=bessel +towgs84=570.8,85.7,462.8,4.998,1.587,5.261,3.56 +units=m +no_defs';

const converter = proj4('EPSG:4326', SJTSK_PROJ4);

export function wgs84ToSjtsk(point: LonLat): Sjtsk {
  const [x, y] = converter.forward([point[0], point[1]]);
  return sjtsk(x as number, y as number);
}

export function sjtskToWgs84(point: Sjtsk): LonLat {
  const [lon, lat] = converter.inverse([point[0], point[1]]);
  return lonLat(lon as number, lat as number);
}

/**
 * The extent of Czechia in EPSG:5514 with a margin of a few kilometres: x (easting, negative) and y (northing,
 * negative). The westernmost point reaches x ≈ −904,600 and the northernmost y ≈ −935,200 (Lobendava).
 */
export const SJTSK_CZECHIA_EXTENT = { minX: -910_000, maxX: -425_000, minY: -1_235_000, maxY: -930_000 } as const;

export type SjtskConvention =
  /** EPSG:5514 as given: [x, y], both negative. */
  | 'epsg5514'
  /** Positive Y, X of EPSG:5513 style (RÚIAN CSV, surveyors) given as [Y, X]: x₅₅₁₄ = −Y, y₅₅₁₄ = −X. */
  | 'epsg5513'
  /** EPSG:5514 with the axes swapped: [y, x]. */
  | 'epsg5514Swapped'
  /** EPSG:5513 with the axes swapped: [X, Y]. */
  | 'epsg5513Swapped';

export type SjtskInterpretation =
  | { ok: true; value: Sjtsk; convention: SjtskConvention }
  | { ok: false; code: 'sjtsk.notANumber' | 'sjtsk.outsideCzechia' | 'sjtsk.mixedSigns'; params: { first: number; second: number } };

function insideExtent(x: number, y: number): boolean {
  const e = SJTSK_CZECHIA_EXTENT;
  return x >= e.minX && x <= e.maxX && y >= e.minY && y <= e.maxY;
}

/**
 * Interpret a pair of S-JTSK numbers from a user or a file. EPSG:5514 (negative x, y) is taken as is;
 * the positive EPSG:5513 style and swapped axes are recognised because the two axes' ranges inside
 * Czechia do not overlap (|x| 425–910 km, |y| 930–1235 km). Anything else is refused with a code.
 */
export function interpretSjtskPair(first: number, second: number): SjtskInterpretation {
  const params = { first, second };
  if (!Number.isFinite(first) || !Number.isFinite(second)) return { ok: false, code: 'sjtsk.notANumber', params };
  if (Math.sign(first) !== Math.sign(second)) return { ok: false, code: 'sjtsk.mixedSigns', params };
  const candidates: Array<[SjtskConvention, number, number]> =
    first < 0
      ? [
          ['epsg5514', first, second],
          ['epsg5514Swapped', second, first],
        ]
      : [
          ['epsg5513', -first, -second],
          ['epsg5513Swapped', -second, -first],
        ];
  for (const [convention, x, y] of candidates) {
    if (insideExtent(x, y)) return { ok: true, value: sjtsk(x, y), convention };
  }
  return { ok: false, code: 'sjtsk.outsideCzechia', params };
}
