import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, test } from 'vitest';
import { BASEMAP_IDS, BASEMAPS, basemapLayer, basemapSource, type RasterBasemap } from '../../src/map/basemaps.ts';
import { buildMapStyle, FIRST_BOUNDARY_LAYER } from '../../src/map/mapStyle.ts';

describe('buildMapStyle', () => {
  test('is a valid MapLibre style that needs nothing from the web', () => {
    const style = buildMapStyle();
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  test('stays valid with every raster base map inserted below the boundaries', () => {
    for (const id of BASEMAP_IDS) {
      const basemap = BASEMAPS[id];
      if (basemap.id === 'none') continue;
      const style = buildMapStyle();
      const at = style.layers.findIndex((layer) => layer.id === FIRST_BOUNDARY_LAYER);
      style.sources.basemap = basemapSource(basemap as RasterBasemap);
      style.layers.splice(at, 0, basemapLayer());
      expect(validateStyleMin(style), id).toEqual([]);
    }
  });
});

describe('BASEMAPS', () => {
  test('every web base map has an https tile template and an attribution', () => {
    for (const id of BASEMAP_IDS) {
      const basemap = BASEMAPS[id];
      if (basemap.id === 'none') continue;
      expect(basemap.tiles.every((url) => url.startsWith('https://') && url.includes('{z}')), id).toBe(true);
      expect(basemap.attribution, id).toMatch(/©/);
    }
  });
});
