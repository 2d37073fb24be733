/**
 * The base maps the user can put under the boundaries: ONE place for their endpoints and attributions.
 *
 * Online, the default is ČÚZK's base map (ZTM); when its tiles do not load, the map falls back to the offline map
 * (boundaries, RÚIAN address points and část obce names, no web resource: see mapStyle.ts, addressLayers.ts).
 * A kraj may add its own tile server and choose the default in `basemap.json` (src/core/basemap/basemapConfig.ts).
 * The others are public raster services in Web Mercator (EPSG:3857) that MapLibre loads as XYZ tiles:
 * - OpenStreetMap's standard tiles (tile usage policy: https://operations.osmfoundation.org/policies/tiles/).
 * - ČÚZK's public view services on ags.cuzk.cz (ArcGIS Server, cached Web Mercator services ORTOFOTO_WM and
 *   ZTM_WM; REST tile URLs are /tile/{level}/{row}/{col}, i.e. {z}/{y}/{x}). ČÚZK offers the same data as OGC
 *   WMTS at geoportal.cuzk.cz (WMTS_ORTOFOTO, WMTS_ZM, matrix set "wgs84:pseudomercator:epsg:3857") and as WMS
 *   (…/MapServer/WMSServer with bbox={bbox-epsg-3857}); swap the `tiles` template here if one of them suits better.
 */
import type { LayerSpecification, RasterSourceSpecification } from 'maplibre-gl';
import type { RasterBasemap } from '../store/basemapIds.ts';

// The catalogue (ids, endpoints, attributions, labels) is plain data the store needs too (offline tiles): it lives in
// src/store/basemapIds.ts; the MapLibre source and layer are built here.
export {
  BASEMAP_IDS,
  BASEMAPS,
  basemapLabel,
  DEFAULT_BASEMAP,
  isBasemapId,
  offeredBasemaps,
  resolveBasemap,
  type Basemap,
  type BasemapId,
  type NoBasemap,
  type RasterBasemap,
} from '../store/basemapIds.ts';

/** Always shown: the boundaries come from RÚIAN (ČÚZK) under CC BY 4.0. */
export const BOUNDARY_ATTRIBUTION =
  '<a href="https://cuzk.gov.cz/ruian/" target="_blank" rel="noopener">© ČÚZK (RÚIAN)</a>, ' +
  '<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener">CC BY 4.0</a>';

export const BASEMAP_SOURCE_ID = 'basemap';
export const BASEMAP_LAYER_ID = 'basemap';

/** Tiles go through the app's own protocol (tileProtocol.ts): stored tiles first, then the network, with a timeout. */
export const TILE_PROTOCOL_PREFIX = 'hmtile+';

export function basemapSource(basemap: RasterBasemap): RasterSourceSpecification {
  return {
    type: 'raster',
    tiles: basemap.tiles.map((template) => TILE_PROTOCOL_PREFIX + template),
    tileSize: basemap.tileSize,
    minzoom: basemap.minzoom,
    maxzoom: basemap.maxzoom,
    attribution: basemap.attribution,
    ...(basemap.bounds ? { bounds: basemap.bounds } : {}),
  };
}

export function basemapLayer(): LayerSpecification {
  return { id: BASEMAP_LAYER_ID, type: 'raster', source: BASEMAP_SOURCE_ID, paint: { 'raster-fade-duration': 150 } };
}
