/**
 * terra-draw on the MapLibre map, in its own chunk: MapController loads it when a tool is first chosen or once the
 * kraj's boundaries are drawn and the map is idle, so that the drawing library never delays the first map.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { DrawingController, type DrawingCallbacks } from './DrawingController.ts';

export function createMapDrawing(map: MapLibreMap, callbacks: DrawingCallbacks): DrawingController {
  const adapter = new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7, prefixId: 'td' });
  return new DrawingController(adapter, callbacks);
}
