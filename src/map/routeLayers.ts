/**
 * Pure builders for the route being recorded in field mode: the kept samples as a thin dashed line (where the
 * person went) and the open stretch without signal as a thick red dashed line (what will become a report).
 * Finished stretches are reports and drawn by the reports' layers.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { RouteRecording } from '../store/fieldSlice.ts';

export const ROUTE_SOURCE = 'field-route';

export const ROUTE_LAYER = {
  track: 'field-route-track',
  openStretch: 'field-route-open-stretch',
  position: 'field-route-position',
} as const;

export function routeFeatureCollection(route: RouteRecording | null): FeatureCollection {
  if (!route) return { type: 'FeatureCollection', features: [] };
  const line = (kind: string, samples: RouteRecording['track']) =>
    samples.length >= 2
      ? [{ type: 'Feature' as const, properties: { kind }, geometry: { type: 'LineString' as const, coordinates: samples.map((s) => [s.lon, s.lat]) } }]
      : [];
  const position = route.lastPosition
    ? [
        {
          type: 'Feature' as const,
          properties: { kind: 'position' },
          geometry: { type: 'Point' as const, coordinates: [route.lastPosition.lon, route.lastPosition.lat] },
        },
      ]
    : [];
  return { type: 'FeatureCollection', features: [...line('track', route.track), ...line('openStretch', route.openStretch), ...position] };
}

export function routeLayers(): LayerSpecification[] {
  return [
    {
      id: ROUTE_LAYER.track,
      type: 'line',
      source: ROUTE_SOURCE,
      filter: ['==', ['get', 'kind'], 'track'],
      paint: { 'line-color': '#15304a', 'line-width': 2, 'line-dasharray': [2, 2] },
    },
    {
      id: ROUTE_LAYER.openStretch,
      type: 'line',
      source: ROUTE_SOURCE,
      filter: ['==', ['get', 'kind'], 'openStretch'],
      paint: { 'line-color': '#b42318', 'line-width': 5, 'line-dasharray': [1.5, 1] },
    },
    {
      id: ROUTE_LAYER.position,
      type: 'circle',
      source: ROUTE_SOURCE,
      filter: ['==', ['get', 'kind'], 'position'],
      paint: { 'circle-radius': 7, 'circle-color': '#1d4ed8', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
  ];
}
