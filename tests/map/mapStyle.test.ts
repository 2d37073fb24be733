import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, test } from 'vitest';
import { BASEMAP_IDS, basemapLayer, basemapSource, resolveBasemap } from '../../src/map/basemaps.ts';
import { parseBasemapConfig } from '../../src/core/basemap/basemapConfig.ts';
import { basemapBeforeId, buildMapStyle, FIRST_BOUNDARY_LAYER, LAYER, SOURCE, splitMapStyle } from '../../src/map/mapStyle.ts';
import { REPORTS_SOURCE } from '../../src/map/reportLayers.ts';

describe('buildMapStyle', () => {
  test('is a valid MapLibre style that needs nothing from the web', () => {
    const style = buildMapStyle();
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  test('stays valid with every raster base map inserted below the boundaries', () => {
    const parsed = parseBasemapConfig({ kraj: { label: 'Mapa kraje', tiles: ['https://mapy.kraj.example/{z}/{x}/{y}.png'] } });
    if (!parsed.ok) throw new Error(parsed.problem);
    for (const id of BASEMAP_IDS) {
      const basemap = resolveBasemap(id, parsed.config);
      if (!basemap) continue;
      const style = buildMapStyle();
      const at = style.layers.findIndex((layer) => layer.id === FIRST_BOUNDARY_LAYER);
      style.sources.basemap = basemapSource(basemap);
      style.layers.splice(at, 0, basemapLayer());
      expect(validateStyleMin(style), id).toEqual([]);
    }
  });
});

describe('splitMapStyle', () => {
  test('the first style draws the kraj and leaves the reports, the route and the other kraje for later', () => {
    const { first, later } = splitMapStyle();
    expect(validateStyleMin(first)).toEqual([]);
    const firstIds = first.layers.map((layer) => layer.id);
    for (const id of [LAYER.background, LAYER.obceFill, LAYER.obceLine, LAYER.orpLine, LAYER.krajCasing, LAYER.krajLine]) expect(firstIds).toContain(id);
    expect(Object.keys(first.sources)).not.toContain(REPORTS_SOURCE);
    expect(Object.keys(later.sources)).toEqual(expect.arrayContaining([REPORTS_SOURCE, SOURCE.contextKraje]));
    expect(later.layers.map(({ layer }) => layer.id)).toEqual(expect.arrayContaining([LAYER.contextKrajeFill, LAYER.obceHoverFill]));
  });

  test('adding the later layers below their beforeId gives the full style, in its order', () => {
    const full = buildMapStyle();
    const { first, later } = splitMapStyle(full);
    const ids = first.layers.map((layer) => layer.id);
    for (const { layer, beforeId } of later.layers) {
      if (beforeId === undefined) ids.push(layer.id);
      else ids.splice(ids.indexOf(beforeId), 0, layer.id);
    }
    expect(ids).toEqual(full.layers.map((layer) => layer.id));
    expect(Object.keys({ ...first.sources, ...later.sources }).sort()).toEqual(Object.keys(full.sources).sort());
  });

  test('a base map goes below the other kraje once they are there, below the obce before', () => {
    expect(basemapBeforeId(() => true)).toBe(FIRST_BOUNDARY_LAYER);
    expect(basemapBeforeId((id) => id !== LAYER.contextKrajeFill)).toBe(LAYER.obceFill);
  });
});

describe('BASEMAPS', () => {
  test('every web base map has an https tile template and an attribution', () => {
    for (const id of BASEMAP_IDS) {
      const basemap = resolveBasemap(id, { defaultId: null, kraj: null });
      if (!basemap) continue;
      expect(
        basemap.tiles.every((url) => url.startsWith('https://') && url.includes('{z}')),
        id,
      ).toBe(true);
      expect(basemap.attribution, id).toMatch(/©/);
    }
  });
});

describe('resolveBasemap', () => {
  test("the kraj's own server is offered only when configured, its attribution escaped, tiles through the app's protocol", () => {
    expect(resolveBasemap('kraj', { defaultId: null, kraj: null })).toBeNull();
    expect(resolveBasemap('none', { defaultId: null, kraj: null })).toBeNull();
    const parsed = parseBasemapConfig({
      kraj: { label: { cs: 'Mapa kraje', en: 'Regional map' }, tiles: ['https://mapy.kraj.example/{z}/{x}/{y}.png'], attribution: '<b>© Kraj</b>' },
    });
    if (!parsed.ok) throw new Error(parsed.problem);
    const kraj = resolveBasemap('kraj', parsed.config)!;
    expect(kraj.attribution).toBe('&#60;b&#62;© Kraj&#60;/b&#62;');
    expect(kraj.offlineAllowed).toBe(false);
    expect(basemapSource(kraj).tiles).toEqual(['hmtile+https://mapy.kraj.example/{z}/{x}/{y}.png']);
  });

  test('only ČÚZK allows storing tiles for the field; OpenStreetMap does not', () => {
    const none = { defaultId: null, kraj: null };
    expect(resolveBasemap('cuzkZtm', none)!.offlineAllowed).toBe(true);
    expect(resolveBasemap('cuzkOrtofoto', none)!.offlineAllowed).toBe(true);
    expect(resolveBasemap('osm', none)!.offlineAllowed).toBe(false);
  });
});
