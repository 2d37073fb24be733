/**
 * Which base map the user chose, as the store keeps it: the ids only (defined in core, src/core/basemap/basemapConfig.ts,
 * beside a kraj's basemap.json). Their tiles, attributions and MapLibre layers are the map's business
 * (src/map/basemaps.ts, which re-exports these).
 */
import { BASEMAP_IDS, type BasemapId, isBasemapId } from '../core/basemap/basemapConfig.ts';

export { BASEMAP_IDS, isBasemapId, type BasemapId };

/**
 * The built-in default: ČÚZK's base map. A build may set another one (VITE_DEFAULT_BASEMAP; the browser tests'
 * build, mode "e2e", sets "none" in .env.e2e so that no test depends on the web) and a kraj's basemap.json wins.
 */
const BUILD_DEFAULT: unknown = import.meta.env.VITE_DEFAULT_BASEMAP;
export const DEFAULT_BASEMAP: BasemapId = isBasemapId(BUILD_DEFAULT) && BUILD_DEFAULT !== 'kraj' ? BUILD_DEFAULT : 'cuzkZtm';
