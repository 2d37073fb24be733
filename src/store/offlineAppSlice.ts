/**
 * Stage 2 of the offline copy (config/offlineStages.ts): the service worker precaches the mayor's path (stage 1);
 * the rest of the app (region overview, package and letter, table import, NetTest, GPX) is put into the cache
 * OFFLINE_STAGE_2_CACHE here — after the first interaction (src/ui/field/serviceWorker.ts) or when asked
 * ("Připravit celou aplikaci pro offline"). The service worker serves that cache first (vite.config.ts). The list of
 * files is the build's, written into index.html, so it always matches the page.
 */
import type { SliceCreator } from './appStore.ts';

/** Must equal config/offlineStages.ts STAGE_2_CACHE (the service worker's runtime rule uses that name). */
export const OFFLINE_STAGE_2_CACHE = 'hlucha-mista-stage2';
const STAGE_2_ELEMENT_ID = 'offline-stage-2';
/** Files fetched at once: enough to fill a weak link, few enough not to starve what the user does meanwhile. */
const PARALLEL_DOWNLOADS = 2;

export interface OfflineStageFile {
  url: string;
  bytes: number;
}

export type OfflineAppState =
  | { status: 'unavailable' }
  | { status: 'idle'; files: number; bytes: number }
  | { status: 'loading'; files: number; bytes: number; doneBytes: number }
  | { status: 'ready'; files: number; bytes: number }
  | { status: 'failed'; files: number; bytes: number; missing: number };

export interface OfflineAppSlice {
  offlineApp: OfflineAppState;
  /** Reads what stage 2 holds (from the page) and what of it is already cached. */
  checkOfflineApp(): Promise<void>;
  /** Caches whatever of stage 2 is not cached yet; a second call while one runs waits for it. */
  prepareOfflineApp(): Promise<void>;
}

/** Stage 2 as the build listed it in index.html, with absolute URLs; null without the list (dev server, tests). */
export function readStage2List(): OfflineStageFile[] | null {
  if (typeof document === 'undefined') return null;
  const element = document.getElementById(STAGE_2_ELEMENT_ID);
  if (!element?.textContent) return null;
  try {
    const parsed = JSON.parse(element.textContent) as { base?: unknown; files?: unknown };
    if (!Array.isArray(parsed.files)) return null;
    return parsed.files.flatMap((file: { url?: unknown; bytes?: unknown }) =>
      typeof file.url === 'string' && typeof file.bytes === 'number' ? [{ url: new URL(file.url, document.baseURI).href, bytes: file.bytes }] : [],
    );
  } catch {
    return null;
  }
}

function cacheStorage(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

/** This build's stage-2 files, their bytes and the cache they go into; null where the page cannot keep them. */
async function openStage2(): Promise<{ files: OfflineStageFile[]; bytes: number; cache: Cache } | null> {
  const files = readStage2List();
  const storage = cacheStorage();
  if (!files || !storage) return null;
  return { files, bytes: files.reduce((sum, file) => sum + file.bytes, 0), cache: await storage.open(OFFLINE_STAGE_2_CACHE) };
}

let running: Promise<void> | null = null;

export const createOfflineAppSlice: SliceCreator<OfflineAppSlice> = (set, get) => ({
  offlineApp: { status: 'unavailable' },

  checkOfflineApp: async () => {
    const stage = await openStage2();
    if (!stage) {
      set({ offlineApp: { status: 'unavailable' } });
      return;
    }
    const { files, bytes, cache } = stage;
    const cached = await Promise.all(files.map((file) => cache.match(file.url, { ignoreVary: true }).then((response) => response !== undefined)));
    if (get().offlineApp.status === 'loading') return;
    set({ offlineApp: cached.every(Boolean) ? { status: 'ready', files: files.length, bytes } : { status: 'idle', files: files.length, bytes } });
  },

  prepareOfflineApp: () => {
    running ??= (async (): Promise<void> => {
      const stage = await openStage2();
      if (!stage) {
        set({ offlineApp: { status: 'unavailable' } });
        return;
      }
      const { files, bytes, cache } = stage;
      // Files of older versions (hashed names not in this build's list) go; the service worker's rule keeps the rest.
      const wanted = new Set(files.map((file) => file.url));
      for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
      let doneBytes = 0;
      let missing = 0;
      set({ offlineApp: { status: 'loading', files: files.length, bytes, doneBytes } });
      const queue = [...files];
      const worker = async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          try {
            if ((await cache.match(file.url, { ignoreVary: true })) === undefined) {
              const response = await fetch(file.url);
              if (!response.ok) throw new Error(`${response.status}`);
              await cache.put(file.url, response);
            }
          } catch {
            missing += 1; // weak signal: this file waits for the next attempt (or is kept when fetched online)
          }
          doneBytes += file.bytes;
          set({ offlineApp: { status: 'loading', files: files.length, bytes, doneBytes } });
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
      set({ offlineApp: missing === 0 ? { status: 'ready', files: files.length, bytes } : { status: 'failed', files: files.length, bytes, missing } });
    })().finally(() => {
      running = null;
    });
    return running ?? Promise.resolve();
  },
});
