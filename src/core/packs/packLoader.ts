/**
 * The one loader of boundary-pack files, for every runtime that has `fetch` (the page, the workers, Node): one
 * file of one pack as JSON, with coded failures (`pack.notFound`, `pack.loadFailed`) and a stall limit. Used by
 * the store's packRepository (the map, the lookup) and by the analysis and NetTest workers, which build their own
 * ObecIndex from the same files.
 */
import type { PackFileName } from './packFormat.ts';

export type PackErrorCode = 'pack.notFound' | 'pack.loadFailed';

/** An expected failure: the pack is missing or unreadable. */
export class PackLoadError extends Error {
  constructor(
    readonly code: PackErrorCode,
    readonly url: string,
  ) {
    super(`${code}: ${url}`);
    this.name = 'PackLoadError';
  }
}

/**
 * A request on a weak signal may stall for ever (a dead spot is where this app is used). A pack request that has
 * received nothing for this long — no answer, or no more bytes of its body — is given up as `pack.loadFailed`, so
 * the page says what is missing and offers to try again instead of loading for ever. Measured from the last byte,
 * not from the start: the country's lookup geometry (1.5 MB gzip) takes a minute on a slow 2G link and still arrives.
 */
export const PACK_STALL_MS = 15_000;

/** One pack file as JSON. `packsUrl` is where the packs are served (the app's `${BASE_URL}packs`). */
export async function fetchPackFile<T>(packsUrl: string, packId: string, file: PackFileName | 'manifest.json', stallMs = PACK_STALL_MS): Promise<T> {
  const url = `${packsUrl}/${packId}/${file}`;
  const controller = new AbortController();
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };
  alive();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch {
      throw new PackLoadError('pack.loadFailed', url);
    }
    if (response.status === 404) throw new PackLoadError('pack.notFound', url);
    if (!response.ok) throw new PackLoadError('pack.loadFailed', url);
    let text: string;
    try {
      text = await readText(response, alive);
    } catch {
      throw new PackLoadError('pack.loadFailed', url);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      // A dev server answers a missing file with index.html: treat unreadable JSON as a missing pack.
      throw new PackLoadError(stalled ? 'pack.loadFailed' : 'pack.notFound', url);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, calling `progress` at every chunk (the stall timer starts again). */
async function readText(response: Response, progress: () => void): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    progress();
    text += decoder.decode(value, { stream: true });
  }
}
