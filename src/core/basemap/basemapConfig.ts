/**
 * A kraj's own base-map settings (`basemap.json` beside index.html, optional): which base map opens by default and,
 * optionally, the kraj's own tile server. Pure parsing with coded problems; the UI turns codes into sentences.
 *
 *   {"default": "kraj",
 *    "kraj": {"label": {"cs": "Mapa kraje", "en": "Regional map"},
 *             "tiles": ["https://mapy.kraj.example/tiles/{z}/{x}/{y}.png"],
 *             "attribution": "© Karlovarský kraj", "minzoom": 0, "maxzoom": 19, "tileSize": 256,
 *             "offlineAllowed": true}}
 *
 * `attribution` and `label` are plain text (escaped before they reach the map's attribution HTML).
 */

/** The base maps the app knows; 'kraj' exists only when the config names a tile server. */
export const BASEMAP_IDS = ['none', 'cuzkZtm', 'cuzkOrtofoto', 'osm', 'kraj'] as const;
export type BasemapId = (typeof BASEMAP_IDS)[number];

export function isBasemapId(value: unknown): value is BasemapId {
  return typeof value === 'string' && (BASEMAP_IDS as readonly string[]).includes(value);
}

export interface KrajBasemap {
  label: { cs: string; en: string };
  tiles: string[];
  attribution: string;
  minzoom: number;
  maxzoom: number;
  tileSize: 256 | 512;
  /** The provider's terms allow storing its tiles on the device for field use. */
  offlineAllowed: boolean;
}

export interface BasemapConfig {
  /** The base map shown until the user chooses one; null: the app's built-in default. */
  defaultId: BasemapId | null;
  kraj: KrajBasemap | null;
}

export type BasemapConfigProblem =
  | 'basemapConfig.notObject'
  | 'basemapConfig.unknownDefault'
  | 'basemapConfig.defaultWithoutKraj'
  | 'basemapConfig.badTiles'
  | 'basemapConfig.badLabel'
  | 'basemapConfig.badZoom';

export type BasemapConfigResult = { ok: true; config: BasemapConfig } | { ok: false; problem: BasemapConfigProblem };

export const EMPTY_BASEMAP_CONFIG: BasemapConfig = { defaultId: null, kraj: null };

const MAX_TEXT = 200;
const MAX_URL = 2000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Control characters out, whitespace collapsed, bounded: it is shown on the map.
  const text = value
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? null : text.slice(0, MAX_TEXT);
}

/** A tile URL template: http(s), with {z}, {x} and {y} ({-y} is not used by the services the app knows). */
export function isTileTemplate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL) return false;
  if (!/^https?:\/\/[^\s/]+\//.test(value)) return false;
  return value.includes('{z}') && value.includes('{x}') && value.includes('{y}');
}

function zoom(value: unknown, fallback: number): number | null {
  if (value === undefined) return fallback;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 22 ? value : null;
}

export function parseBasemapConfig(json: unknown): BasemapConfigResult {
  if (!isRecord(json)) return { ok: false, problem: 'basemapConfig.notObject' };
  let kraj: KrajBasemap | null = null;
  if (json.kraj !== undefined && json.kraj !== null) {
    const raw = json.kraj;
    if (!isRecord(raw)) return { ok: false, problem: 'basemapConfig.badTiles' };
    const tiles = raw.tiles;
    if (!Array.isArray(tiles) || tiles.length === 0 || tiles.length > 8 || !tiles.every(isTileTemplate)) {
      return { ok: false, problem: 'basemapConfig.badTiles' };
    }
    const labelRaw = raw.label;
    const cs = cleanText(isRecord(labelRaw) ? labelRaw.cs : labelRaw);
    const en = cleanText(isRecord(labelRaw) ? labelRaw.en : labelRaw) ?? cs;
    if (cs === null || en === null) return { ok: false, problem: 'basemapConfig.badLabel' };
    const minzoom = zoom(raw.minzoom, 0);
    const maxzoom = zoom(raw.maxzoom, 19);
    if (minzoom === null || maxzoom === null || minzoom > maxzoom) return { ok: false, problem: 'basemapConfig.badZoom' };
    kraj = {
      label: { cs, en },
      tiles: [...(tiles as string[])],
      attribution: cleanText(raw.attribution) ?? cs,
      minzoom,
      maxzoom,
      tileSize: raw.tileSize === 512 ? 512 : 256,
      offlineAllowed: raw.offlineAllowed === true,
    };
  }
  let defaultId: BasemapId | null = null;
  if (json.default !== undefined && json.default !== null) {
    if (!isBasemapId(json.default)) return { ok: false, problem: 'basemapConfig.unknownDefault' };
    if (json.default === 'kraj' && kraj === null) return { ok: false, problem: 'basemapConfig.defaultWithoutKraj' };
    defaultId = json.default;
  }
  return { ok: true, config: { defaultId, kraj } };
}
