import { describe, expect, it } from 'vitest';
import { buildMapStyle } from '../../src/map/mapStyle.ts';
import { ROUTE_LAYER, ROUTE_SOURCE, routeFeatureCollection } from '../../src/map/routeLayers.ts';
import type { RouteRecording } from '../../src/store/fieldSlice.ts';

const sample = (lon: number, noSignal: boolean) => ({ lon, lat: 50.41, accuracyM: 8, at: '2026-11-25T10:00:00.000Z', noSignal });

function recording(changes: Partial<RouteRecording>): RouteRecording {
  return {
    status: 'recording',
    preset: 'outdoors',
    startedAt: '2026-11-25T10:00:00.000Z',
    noSignal: false,
    track: [],
    openStretch: [],
    lastPosition: null,
    savedReportIds: [],
    refused: 0,
    problem: null,
    ...changes,
  };
}

describe('route layers', () => {
  it('draw the track, the open stretch and the position; nothing without a route', () => {
    expect(routeFeatureCollection(null).features).toEqual([]);
    const track = [sample(12.92, false), sample(12.921, true), sample(12.922, true)];
    const features = routeFeatureCollection(
      recording({
        track,
        openStretch: track.slice(1),
        noSignal: true,
        lastPosition: { lon: 12.9225, lat: 50.41, accuracyM: 8, at: '2026-11-25T10:00:05.000Z' },
      }),
    ).features;
    expect(features.map((f) => [f.properties?.kind, f.geometry.type])).toEqual([
      ['track', 'LineString'],
      ['openStretch', 'LineString'],
      ['position', 'Point'],
    ]);
    // a single sample is not a line yet
    expect(routeFeatureCollection(recording({ track: [sample(12.92, false)] })).features).toEqual([]);
  });

  it('are part of the map style, above the reports', () => {
    const style = buildMapStyle();
    expect(style.sources[ROUTE_SOURCE]).toBeDefined();
    const ids = style.layers.map((layer) => layer.id);
    expect(ids.slice(-3)).toEqual([ROUTE_LAYER.track, ROUTE_LAYER.openStretch, ROUTE_LAYER.position]);
  });
});
