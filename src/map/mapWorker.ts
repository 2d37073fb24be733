/**
 * MapLibre's worker script (~150 KB gzip), which the map needs before it can cut the kraj's boundaries into tiles.
 * MapLibre asks for it only when the map is created: after the entry has run and React has rendered, ~0.5 s in which
 * the line stood idle on a weak signal (tests/bench/firstMap.bench.ts). The entry asks for it at once instead, into
 * the HTTP cache (hashed assets are cached for good), while the map's chunk is still arriving; the worker MapLibre
 * starts then comes from the cache, or joins the download under way.
 */
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

export const MAP_WORKER_URL: string = workerUrl;

/** Starts the worker's download (nothing when it cannot: the map asks again, as it would have anyway). */
export function prefetchMapWorker(): void {
  if (typeof fetch !== 'function') return;
  void fetch(MAP_WORKER_URL)
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
}
