/**
 * The base map's tiles go through this MapLibre protocol ("hmtile+https://…"): a tile stored on the device
 * ("Připravit mapu obce pro terén") is served from there, else it is fetched with a timeout — and with no network
 * at all it fails at once, without a request. Every result is reported to the listeners, so the map can tell
 * "the base map loads" from "the base map does not load" and fall back to the offline map with a message.
 */
import { addProtocol, removeProtocol } from 'maplibre-gl';
import { fetchTile, readStoredTile } from '../store/tileCache.ts';
import { TILE_PROTOCOL_PREFIX } from './basemaps.ts';

export type TileResult = { ok: true; url: string; stored: boolean } | { ok: false; url: string; aborted: boolean; reason: string };
type Listener = (result: TileResult) => void;

const listeners = new Set<Listener>();
let installed = 0;

function report(result: TileResult): void {
  for (const listener of listeners) listener(result);
}

async function loadTile(url: string, abort: AbortController): Promise<{ data: ArrayBuffer }> {
  const stored = await readStoredTile(url);
  if (stored) {
    report({ ok: true, url, stored: true });
    return { data: stored };
  }
  try {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new Error('tiles.offline');
    const { bytes } = await fetchTile(url, abort.signal);
    report({ ok: true, url, stored: false });
    return { data: bytes };
  } catch (error) {
    // A tile MapLibre no longer wants (the map moved on) is not a failure of the service.
    report({ ok: false, url, aborted: abort.signal.aborted, reason: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** Registers the protocol (once per page, however many maps) and a listener; returns the uninstaller. */
export function installTileProtocol(listener: Listener): () => void {
  if (installed === 0) {
    for (const scheme of ['http', 'https']) {
      addProtocol(`${TILE_PROTOCOL_PREFIX}${scheme}`, (params, abort) => loadTile(params.url.slice(TILE_PROTOCOL_PREFIX.length), abort));
    }
  }
  installed++;
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    installed--;
    if (installed === 0) for (const scheme of ['http', 'https']) removeProtocol(`${TILE_PROTOCOL_PREFIX}${scheme}`);
  };
}
