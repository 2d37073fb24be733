/**
 * Which base map the user chose, as the store keeps it, and the catalogue of base maps (endpoints, attributions,
 * labels: ONE place for them; plain data, also for storing a field's tiles). The ids (defined in core, src/core/basemap/basemapConfig.ts,
 * beside a kraj's basemap.json). Their tiles, attributions and MapLibre layers are the map's business
 * (src/map/basemaps.ts, which re-exports these).
 */
import { BASEMAP_IDS, type BasemapConfig, type BasemapId, isBasemapId } from '../core/basemap/basemapConfig.ts';
import type { Language, MessageKey } from '../i18n/translate.ts';

export { BASEMAP_IDS, isBasemapId, type BasemapId };

/**
 * The built-in default: ČÚZK's base map. A build may set another one (VITE_DEFAULT_BASEMAP; the browser tests'
 * build, mode "e2e", sets "none" in .env.e2e so that no test depends on the web) and a kraj's basemap.json wins.
 */
const BUILD_DEFAULT: unknown = import.meta.env.VITE_DEFAULT_BASEMAP;
export const DEFAULT_BASEMAP: BasemapId = isBasemapId(BUILD_DEFAULT) && BUILD_DEFAULT !== 'kraj' ? BUILD_DEFAULT : 'cuzkZtm';

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
    attribution: '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a>',
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
