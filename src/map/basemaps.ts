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
import type { Language, MessageKey } from '../i18n/translate.ts';
import type { BasemapConfig } from '../core/basemap/basemapConfig.ts';
import type { BasemapId } from '../store/basemapIds.ts';

export { BASEMAP_IDS, DEFAULT_BASEMAP, isBasemapId, type BasemapId } from '../store/basemapIds.ts';

/** Always shown: the boundaries come from RÚIAN (ČÚZK) under CC BY 4.0. */
export const BOUNDARY_ATTRIBUTION =
  '<a href="https://cuzk.gov.cz/ruian/" target="_blank" rel="noopener">© ČÚZK (RÚIAN)</a>, ' +
  '<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener">CC BY 4.0</a>';

export interface RasterBasemap {
  id: Exclude<BasemapId, 'none'>;
  labelKey: MessageKey;
  /** The kraj's own base map carries its label as text (from basemap.json). */
  label?: { cs: string; en: string };
  /** The provider's terms allow storing its tiles on the device ("Připravit mapu obce pro terén"). */
  offlineAllowed: boolean;
  /** A typical tile's size in bytes, for the estimate shown before storing (measured on Czech tiles). */
  averageTileBytes: number;
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

export const BASEMAPS: Readonly<Record<Exclude<BasemapId, 'kraj'>, Basemap>> = {
  none: { id: 'none', labelKey: 'basemap.none' },
  osm: {
    id: 'osm',
    labelKey: 'basemap.osm',
    tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
    tileSize: 256,
    minzoom: 0,
    maxzoom: 19,
    // The tile usage policy forbids bulk downloading and offline prefetching of tile.openstreetmap.org.
    offlineAllowed: false,
    averageTileBytes: 25_000,
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
    // ČÚZK's view services are open data (CC BY 4.0, since 1 July 2023); a few hundred tiles of one obec are fine.
    offlineAllowed: true,
    averageTileBytes: 30_000,
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
    offlineAllowed: true,
    averageTileBytes: 22_000,
    attribution: CUZK_ATTRIBUTION,
    bounds: CZECHIA_BOUNDS,
  },
};

/** The base maps offered: the built-in ones and, when the kraj configured one, its own (first after "none"). */
export function offeredBasemaps(config: BasemapConfig): BasemapId[] {
  return config.kraj ? ['kraj', 'cuzkZtm', 'cuzkOrtofoto', 'osm', 'none'] : ['cuzkZtm', 'cuzkOrtofoto', 'osm', 'none'];
}

/** The definition of a base map, or null for "none" and for 'kraj' without a configured server. */
export function resolveBasemap(id: BasemapId, config: BasemapConfig): RasterBasemap | null {
  if (id === 'kraj') {
    const kraj = config.kraj;
    if (!kraj) return null;
    return {
      id: 'kraj',
      labelKey: 'basemap.kraj',
      label: kraj.label,
      tiles: kraj.tiles,
      tileSize: kraj.tileSize,
      minzoom: kraj.minzoom,
      maxzoom: kraj.maxzoom,
      offlineAllowed: kraj.offlineAllowed,
      averageTileBytes: 25_000,
      attribution: escapeHtml(kraj.attribution),
    };
  }
  const basemap = BASEMAPS[id];
  return basemap.id === 'none' ? null : basemap;
}

export function basemapLabel(basemap: RasterBasemap | null, language: Language, translateKey: (key: MessageKey) => string): string {
  if (basemap?.label) return basemap.label[language];
  return translateKey(basemap?.labelKey ?? 'basemapControl.offlineMap');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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
