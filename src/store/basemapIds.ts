/**
 * Which base map the user chose, as the store keeps it: the ids only. Their tiles, attributions and MapLibre
 * layers are the map's business (src/map/basemaps.ts, which re-exports these).
 */
export const BASEMAP_IDS = ['none', 'osm', 'cuzkOrtofoto', 'cuzkZtm'] as const;
export type BasemapId = (typeof BASEMAP_IDS)[number];
export const DEFAULT_BASEMAP: BasemapId = 'none';

export function isBasemapId(value: unknown): value is BasemapId {
  return typeof value === 'string' && (BASEMAP_IDS as readonly string[]).includes(value);
}
