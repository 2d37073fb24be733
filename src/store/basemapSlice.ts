/**
 * The base map: the kraj's configuration (basemap.json), whether the user chose one (else the default applies),
 * whether its tiles load (the map reports it), and storing the tiles of "Moje obec" for the field.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { EMPTY_BASEMAP_CONFIG, parseBasemapConfig, type BasemapConfig, type BasemapConfigProblem } from '../core/basemap/basemapConfig.ts';
import { planOfflineTiles, tileUrl, type TileId } from '../core/geo/tileCover.ts';
import { DEFAULT_BASEMAP, resolveBasemap, type RasterBasemap } from './basemapIds.ts';
import type { SliceCreator } from './appStore.ts';
import { loadedDisplayPack } from './packRepository.ts';
import { fetchTile, hasStoredTile, storeTile, tileCacheAvailable } from './tileCache.ts';

/** 'off': no base map chosen; 'loading': waiting for the first tiles; 'ok': tiles arrive; 'failed': fell back offline. */
export type BasemapStatus = 'off' | 'loading' | 'ok' | 'failed';

/** Zooms stored for the field: 12 (the obec and its neighbours) to 16 (single houses, ~2 m a pixel). */
export const FIELD_TILE_MIN_ZOOM = 12;
export const FIELD_TILE_MAX_ZOOM = 16;
/** More tiles than this (≈ 60–90 MB) and the deepest zoom is dropped. */
export const FIELD_TILE_MAX_TILES = 3000;

export type FieldTilesState =
  | { status: 'idle' }
  | { status: 'unavailable'; reason: 'noObec' | 'notAllowed' | 'noBasemap' | 'noCacheApi' | 'offline' }
  | { status: 'planned'; obecKod: string; basemapId: string; tiles: number; estimatedBytes: number; maxZoom: number; requestedMaxZoom: number }
  | { status: 'running'; obecKod: string; basemapId: string; tiles: number; done: number; failed: number; bytes: number }
  | { status: 'done'; obecKod: string; basemapId: string; tiles: number; done: number; failed: number; bytes: number; cancelled: boolean };

export interface BasemapSlice {
  /** The user picked the base map (else the kraj's or the built-in default applies). Persisted. */
  basemapChosen: boolean;
  basemapConfig: BasemapConfig;
  basemapConfigProblem: BasemapConfigProblem | null;
  basemapStatus: BasemapStatus;
  /** Bumped by "Zkusit znovu": the map adds the base map again. */
  basemapAttempt: number;
  fieldTiles: FieldTilesState;
  loadBasemapConfig(fetchConfig?: () => Promise<unknown>): Promise<void>;
  setBasemapStatus(status: BasemapStatus): void;
  retryBasemap(): void;
  planFieldTiles(): void;
  storeFieldTiles(): Promise<void>;
  cancelFieldTiles(): void;
  resetFieldTiles(): void;
}

const CONFIG_URL = 'basemap.json';
const CONFIG_STORAGE_KEY = 'hlucha-mista.basemapConfig';
const CONFIG_TIMEOUT_MS = 5_000;
/** Tiles fetched at once while storing: polite to the provider, quick enough on a phone. */
const PARALLEL_DOWNLOADS = 4;

async function fetchConfigFile(): Promise<unknown> {
  const response = await fetch(new URL(CONFIG_URL, document.baseURI), { signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS), cache: 'no-cache' });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`basemap.json ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  // A server that answers every path with index.html has no config.
  if (!type.includes('json')) return null;
  return response.json();
}

function rememberedConfig(): BasemapConfig | null {
  try {
    const text = localStorage.getItem(CONFIG_STORAGE_KEY);
    if (!text) return null;
    const parsed = parseBasemapConfig(JSON.parse(text));
    return parsed.ok ? parsed.config : null;
  } catch {
    return null;
  }
}

let fieldAbort: AbortController | null = null;

export const createBasemapSlice: SliceCreator<BasemapSlice> = (set, get) => ({
  basemapChosen: false,
  basemapConfig: EMPTY_BASEMAP_CONFIG,
  basemapConfigProblem: null,
  basemapStatus: 'off',
  basemapAttempt: 0,
  fieldTiles: { status: 'idle' },

  loadBasemapConfig: async (fetchConfig = fetchConfigFile) => {
    let config: BasemapConfig | null = null;
    let json: unknown = undefined;
    try {
      json = await fetchConfig();
    } catch {
      // No network or a stalled request: the configuration last seen (offline use), else the built-in default.
      config = rememberedConfig();
    }
    if (json !== undefined && json !== null) {
      const parsed = parseBasemapConfig(json);
      if (parsed.ok) {
        config = parsed.config;
        try {
          localStorage.setItem(CONFIG_STORAGE_KEY, JSON.stringify(json));
        } catch {
          // remembering is a convenience
        }
      } else set({ basemapConfigProblem: parsed.problem });
    }
    const basemapConfig = config ?? EMPTY_BASEMAP_CONFIG;
    const state = get();
    const keep = state.basemapChosen && (state.basemap !== 'kraj' || basemapConfig.kraj !== null);
    set({ basemapConfig, ...(keep ? {} : { basemap: basemapConfig.defaultId ?? DEFAULT_BASEMAP }) });
  },

  setBasemapStatus: (basemapStatus) => {
    if (get().basemapStatus !== basemapStatus) set({ basemapStatus });
  },

  retryBasemap: () => set((state) => ({ basemapAttempt: state.basemapAttempt + 1, basemapStatus: 'loading' })),

  planFieldTiles: () => {
    const state = get();
    const basemap = resolveBasemap(state.basemap, state.basemapConfig);
    const planned = planFor(state.myObecKod, state.krajId, basemap);
    set({
      fieldTiles: planned.status === 'planned' || state.online || planned.status === 'unavailable' ? planned : { status: 'unavailable', reason: 'offline' },
    });
  },

  storeFieldTiles: async () => {
    const state = get();
    const basemap = resolveBasemap(state.basemap, state.basemapConfig);
    if (!state.myObecKod || !basemap) return;
    const area = obecArea(state.krajId, state.myObecKod);
    if (!area || !basemap.offlineAllowed) return;
    const plan = planOfflineTiles(area, { minZoom: FIELD_TILE_MIN_ZOOM, maxZoom: FIELD_TILE_MAX_ZOOM, maxTiles: FIELD_TILE_MAX_TILES });
    fieldAbort?.abort();
    const abort = new AbortController();
    fieldAbort = abort;
    const base = { obecKod: state.myObecKod, basemapId: basemap.id, tiles: plan.tiles.length };
    let done = 0;
    let failed = 0;
    let bytes = 0;
    set({ fieldTiles: { status: 'running', ...base, done, failed, bytes } });
    const queue: TileId[] = [...plan.tiles];
    const template = basemap.tiles[0]!;
    let lastUpdate = 0;
    const worker = async () => {
      for (let tile = queue.shift(); tile && !abort.signal.aborted; tile = queue.shift()) {
        const url = tileUrl(template, tile);
        try {
          if (!(await hasStoredTile(url))) {
            const fetched = await fetchTile(url, abort.signal);
            await storeTile(url, fetched.bytes, fetched.contentType);
            bytes += fetched.bytes.byteLength;
          }
        } catch {
          if (!abort.signal.aborted) failed++;
        }
        done++;
        const now = Date.now();
        if (now - lastUpdate > 150 || done === base.tiles) {
          lastUpdate = now;
          set({ fieldTiles: { status: 'running', ...base, done, failed, bytes } });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
    if (fieldAbort === abort) fieldAbort = null;
    set({ fieldTiles: { status: 'done', ...base, done, failed, bytes, cancelled: abort.signal.aborted } });
  },

  cancelFieldTiles: () => {
    fieldAbort?.abort();
  },

  resetFieldTiles: () => set({ fieldTiles: { status: 'idle' } }),
});

function obecArea(krajId: string, kod: string): Polygon | MultiPolygon | null {
  return loadedDisplayPack(krajId)?.obce.features.find((feature) => feature.properties.kod === kod)?.geometry ?? null;
}

function planFor(myObecKod: string | null, krajId: string, basemap: RasterBasemap | null): FieldTilesState {
  if (!myObecKod) return { status: 'unavailable', reason: 'noObec' };
  if (!basemap) return { status: 'unavailable', reason: 'noBasemap' };
  if (!basemap.offlineAllowed) return { status: 'unavailable', reason: 'notAllowed' };
  if (!tileCacheAvailable()) return { status: 'unavailable', reason: 'noCacheApi' };
  const area = obecArea(krajId, myObecKod);
  if (!area) return { status: 'unavailable', reason: 'noObec' };
  const plan = planOfflineTiles(area, { minZoom: FIELD_TILE_MIN_ZOOM, maxZoom: FIELD_TILE_MAX_ZOOM, maxTiles: FIELD_TILE_MAX_TILES });
  return {
    status: 'planned',
    obecKod: myObecKod,
    basemapId: basemap.id,
    tiles: plan.tiles.length,
    estimatedBytes: plan.tiles.length * basemap.averageTileBytes,
    maxZoom: plan.maxZoom,
    requestedMaxZoom: plan.requestedMaxZoom,
  };
}
