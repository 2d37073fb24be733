/**
 * A tiny window hook for the browser tests (installed only in builds with mode "e2e"): it lets a test
 * click where a known place is drawn, as a person who sees the map would.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapTestHook {
  /** Pixel position of [lon, lat] relative to the map's canvas. */
  project(lon: number, lat: number): { x: number; y: number };
  /** True when the camera is still and everything visible has rendered. */
  isIdle(): boolean;
}

declare global {
  interface Window {
    __hluchaMistaMap?: MapTestHook;
  }
}

export function installTestHook(map: MapLibreMap): () => void {
  if (import.meta.env.MODE !== 'e2e') return () => undefined;
  window.__hluchaMistaMap = {
    project: (lon, lat) => {
      const { x, y } = map.project([lon, lat]);
      return { x, y };
    },
    isIdle: () => map.loaded() && !map.isMoving(),
  };
  return () => {
    delete window.__hluchaMistaMap;
  };
}
