/**
 * The loaded ZSJ layer on the map (see store/zsjSlice.ts): thin dashed outlines under the obec boundaries, from
 * zoom 9, in both views. No labels: the offline map has no glyphs (names are in the report form and the package).
 */
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

export const ZSJ_SOURCE = 'zsj';
export const ZSJ_LINE_LAYER = 'zsj-line';

export function zsjSource(): SourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'kod' };
}

export function zsjLayers(): LayerSpecification[] {
  return [
    {
      id: ZSJ_LINE_LAYER,
      type: 'line',
      source: ZSJ_SOURCE,
      minzoom: 9,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#0f766e',
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 14, 1.6],
        'line-dasharray': [2, 1.5],
        'line-opacity': 0.85,
      },
    },
  ];
}
