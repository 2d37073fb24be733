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
  zoom(): number;
  /** Moves the map's centre (under the keyboard crosshair) to [lon, lat] at once, as arrow keys would. */
  centreOn(lon: number, lat: number): void;
  /** Moves and zooms at once. */
  jumpTo(lon: number, lat: number, zoom: number): void;
  /** The features drawn by `layers` now (once each): pixel position and longitude/latitude of a point (NaN for shapes), properties. */
  rendered(layers: string[]): Array<{ x: number; y: number; lon: number; lat: number; properties: Record<string, unknown> }>;
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
    zoom: () => map.getZoom(),
    centreOn: (lon, lat) => map.jumpTo({ center: [lon, lat] }),
    jumpTo: (lon, lat, zoom) => map.jumpTo({ center: [lon, lat], zoom }),
    rendered: (layers) => {
      const seen = new Set<string>();
      const found: ReturnType<MapTestHook['rendered']> = [];
      for (const feature of map.queryRenderedFeatures({ layers: layers.filter((layer) => map.getLayer(layer)) })) {
        const key = `${feature.layer.id}:${String(feature.properties.cluster_id ?? feature.properties.id ?? feature.id)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // A line or an area has no one position: NaN (the properties still say what is drawn).
        const [lon = NaN, lat = NaN] = feature.geometry.type === 'Point' ? feature.geometry.coordinates : [];
        const { x, y } = Number.isFinite(lon) ? map.project([lon, lat]) : { x: NaN, y: NaN };
        found.push({ x, y, lon, lat, properties: { ...feature.properties } });
      }
      return found;
    },
  };
  return () => {
    delete window.__hluchaMistaMap;
  };
}
