/**
 * The first screen's gate: what the mayor does not need to see the kraj's map (the outlines of the other kraje, the
 * lookup index, the drawing tools, the service worker's downloads, the lazily loaded parts) starts only once the
 * kraj's boundaries are drawn and the map is idle, so that on a weak signal it does not share the bandwidth with
 * what the first map waits for. The map controller opens the gate; if no map ever comes (no WebGL, its chunk lost),
 * the gate opens by itself after FIRST_SCREEN_FALLBACK_MS, so nothing waits for ever.
 */

export const FIRST_SCREEN_FALLBACK_MS = 20_000;

let open = false;
const waiting: Array<() => void> = [];
let fallback: ReturnType<typeof setTimeout> | null = null;

/** The first map is usable (or will not come): runs everything that waited, and from now on runs at once. */
export function openFirstScreenGate(): void {
  if (open) return;
  open = true;
  if (fallback !== null) clearTimeout(fallback);
  for (const run of waiting.splice(0)) run();
}

/** Runs `work` once the first screen is usable (at once when it already is). */
export function afterFirstScreen(work: () => void): void {
  if (open) return work();
  waiting.push(work);
  fallback ??= setTimeout(openFirstScreenGate, FIRST_SCREEN_FALLBACK_MS);
}

export function firstScreenDone(): boolean {
  return open;
}
