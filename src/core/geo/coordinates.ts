/**
 * Coordinate types that keep units apart: WGS84 degrees in GeoJSON order and S-JTSK metres
 * cannot be passed for each other (the brands exist only for the type checker).
 */
declare const wgs84Brand: unique symbol;
declare const sjtskBrand: unique symbol;

/** WGS84 (EPSG:4326) in GeoJSON order: [longitude, latitude] in degrees. */
export type LonLat = readonly [lon: number, lat: number] & { readonly [wgs84Brand]: true };

/** S-JTSK / Krovak East North (EPSG:5514): [x, y] in metres, both negative inside Czechia. */
export type Sjtsk = readonly [x: number, y: number] & { readonly [sjtskBrand]: true };

export function lonLat(lon: number, lat: number): LonLat {
  return [lon, lat] as unknown as LonLat;
}

export function sjtsk(x: number, y: number): Sjtsk {
  return [x, y] as unknown as Sjtsk;
}

/** Bounding box [west, south, east, north] in degrees. */
export type BBox = [west: number, south: number, east: number, north: number];
