/**
 * The baseline of tests/bench/firstMap.bench.ts: the least a page needs to show the Karlovarský kraj's boundaries —
 * MapLibre (the same ES module build and separate worker the app uses), one background, and the kraj's obce, ORP
 * and kraj GeoJSON from the same pack files the app draws, fitted to the kraj's extent. Sets
 * `data-ready` on <html> (with the time) once all three are drawn and the map is idle.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

const KRAJ = 'CZ041';
const BBOX: [number, number, number, number] = [12.090671, 49.890511, 13.301793, 50.4592];
const files = { obce: 'obce.display.geojson', orp: 'orp.display.geojson', kraj: 'kraje.display.geojson' } as const;

const map = new MapLibreMap({
  container: 'map',
  bounds: BBOX,
  fitBoundsOptions: { padding: 20 },
  style: {
    version: 8,
    sources: Object.fromEntries(Object.entries(files).map(([id, file]) => [id, { type: 'geojson', data: `/packs/${KRAJ}/${file}` }])),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      { id: 'obce-fill', type: 'fill', source: 'obce', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.6 } },
      { id: 'obce-line', type: 'line', source: 'obce', paint: { 'line-color': '#8a8f98', 'line-width': 0.6 } },
      { id: 'orp-line', type: 'line', source: 'orp', paint: { 'line-color': '#4a5160', 'line-width': 1.4 } },
      { id: 'kraj-line', type: 'line', source: 'kraj', paint: { 'line-color': '#15304a', 'line-width': 2.5 } },
    ],
  },
});

map.on('idle', () => {
  if (Object.keys(files).every((id) => map.isSourceLoaded(id))) {
    document.documentElement.dataset.ready = String(performance.now());
  }
});
