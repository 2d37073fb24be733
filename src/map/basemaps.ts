/**
 * The base maps the user can put under the boundaries: ONE place for their endpoints and attributions.
 *
 * The app must work offline, so the default is 'none' (no web tiles: a plain background, see mapStyle.ts).
 * The others are public raster services in Web Mercator (EPSG:3857) that MapLibre loads as XYZ tiles:
 * - OpenStreetMap's standard tiles (tile usage policy: https://operations.osmfoundation.org/policies/tiles/).
 * - ČÚZK's public view services on ags.cuzk.cz (ArcGIS Server, cached Web Mercator services ORTOFOTO_WM and
 *   ZTM_WM; REST tile URLs are /tile/{level}/{row}/{col}, i.e. {z}/{y}/{x}). ČÚZK offers the same data as OGC
 *   WMTS at geoportal.cuzk.cz (WMTS_ORTOFOTO, WMTS_ZM, matrix set "wgs84:pseudomercator:epsg:3857") and as WMS
 *   (…/MapServer/WMSServer with bbox={bbox-epsg-3857}); swap the `tiles` template here if one of them suits better.
 */
import type { LayerSpecification, RasterSourceSpecification } from 'maplibre-gl';
import type { MessageKey } from '../i18n/translate.ts';
import type { BasemapId } from '../store/basemapIds.ts';

export { BASEMAP_IDS, DEFAULT_BASEMAP, isBasemapId, type BasemapId } from '../store/basemapIds.ts';

/** Always shown: the boundaries come from RÚIAN (ČÚZK) under CC BY 4.0. */
export const BOUNDARY_ATTRIBUTION =
  '<a href="https://cuzk.gov.cz/ruian/" target="_blank" rel="noopener">© ČÚZK (RÚIAN)</a>, ' +
  '<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener">CC BY 4.0</a>';

export interface RasterBasemap {
  id: Exclude<BasemapId, 'none'>;
  labelKey: MessageKey;
  tiles: string[];
  tileSize: number;
  minzoom: number;
  maxzoom: number;
  /** HTML shown in the map's attribution control while the base map is on. */
  attribution: string;
  /** Bounds of the service in degrees [west, south, east, north], so no tiles are requested outside it. */
  bounds?: [number, number, number, number];
}

export interface NoBasemap {
  id: 'none';
  labelKey: MessageKey;
}

export type Basemap = NoBasemap | RasterBasemap;

const CUZK_ATTRIBUTION = '<a href="https://cuzk.gov.cz/" target="_blank" rel="noopener">© ČÚZK</a>';
/** The area ČÚZK's services cover (Czechia with a margin). */
const CZECHIA_BOUNDS: [number, number, number, number] = [11.8, 48.4, 19.1, 51.2];

export const BASEMAPS: Readonly<Record<BasemapId, Basemap>> = {
  none: { id: 'none', labelKey: 'basemap.none' },
  osm: {
    id: 'osm',
    labelKey: 'basemap.osm',
    tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
    tileSize: 256,
    minzoom: 0,
    maxzoom: 19,
    attribution:
      '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a>',
  },
  cuzkOrtofoto: {
    id: 'cuzkOrtofoto',
    labelKey: 'basemap.cuzkOrtofoto',
    tiles: ['https://ags.cuzk.cz/arcgis1/rest/services/ORTOFOTO_WM/MapServer/tile/{z}/{y}/{x}'],
    tileSize: 256,
    minzoom: 6,
    maxzoom: 19,
    attribution: CUZK_ATTRIBUTION,
    bounds: CZECHIA_BOUNDS,
  },
  cuzkZtm: {
    id: 'cuzkZtm',
    labelKey: 'basemap.cuzkZtm',
    tiles: ['https://ags.cuzk.cz/arcgis1/rest/services/ZTM_WM/MapServer/tile/{z}/{y}/{x}'],
    tileSize: 256,
    minzoom: 6,
    maxzoom: 19,
    attribution: CUZK_ATTRIBUTION,
    bounds: CZECHIA_BOUNDS,
  },
};

export const BASEMAP_SOURCE_ID = 'basemap';
export const BASEMAP_LAYER_ID = 'basemap';

export function basemapSource(basemap: RasterBasemap): RasterSourceSpecification {
  return {
    type: 'raster',
    tiles: basemap.tiles,
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
