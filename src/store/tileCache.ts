/**
 * Base-map tiles stored on the device for field use ("Připravit mapu obce pro terén"), in the Cache API under
 * one cache name; the map's tile protocol (src/map/tileProtocol.ts) reads them before the network. Only tiles of
 * providers whose terms allow it are ever written here (see basemaps.ts, `offlineAllowed`).
 */
export const TILE_CACHE_NAME = 'hlucha-mista-tiles';

function cacheStorage(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

/** A stored tile's bytes, or null (not stored, or no Cache API in this browser). */
export async function readStoredTile(url: string): Promise<ArrayBuffer | null> {
  const storage = cacheStorage();
  if (!storage) return null;
  try {
    const cache = await storage.open(TILE_CACHE_NAME);
    const response = await cache.match(url);
    return response ? await response.arrayBuffer() : null;
  } catch {
    return null;
  }
}

export async function storeTile(url: string, bytes: ArrayBuffer, contentType: string): Promise<void> {
  const storage = cacheStorage();
  if (!storage) throw new Error('tiles.noCacheApi');
  const cache = await storage.open(TILE_CACHE_NAME);
  await cache.put(url, new Response(bytes, { headers: { 'content-type': contentType, 'content-length': String(bytes.byteLength) } }));
}

export async function hasStoredTile(url: string): Promise<boolean> {
  const storage = cacheStorage();
  if (!storage) return false;
  const cache = await storage.open(TILE_CACHE_NAME);
  return (await cache.match(url)) !== undefined;
}

export async function clearStoredTiles(): Promise<void> {
  await cacheStorage()?.delete(TILE_CACHE_NAME);
}

export function tileCacheAvailable(): boolean {
  return cacheStorage() !== null;
}

/** How long one tile may take before it counts as failed (a weak signal often stalls rather than fails). */
export const TILE_TIMEOUT_MS = 12_000;

/** Fetches a tile from the network with a timeout; throws on a network error, a timeout or a non-image answer. */
export async function fetchTile(url: string, signal?: AbortSignal): Promise<{ bytes: ArrayBuffer; contentType: string }> {
  const timeout = AbortSignal.timeout(TILE_TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const response = await fetch(url, { signal: combined, mode: 'cors', credentials: 'omit' });
  if (!response.ok) throw new Error(`tiles.http${response.status}`);
  const contentType = response.headers.get('content-type') ?? 'image/png';
  if (!contentType.startsWith('image/')) throw new Error('tiles.notImage');
  return { bytes: await response.arrayBuffer(), contentType };
}
