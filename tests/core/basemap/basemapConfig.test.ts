import { describe, expect, test } from 'vitest';
import { parseBasemapConfig } from '../../../src/core/basemap/basemapConfig.ts';

describe('parseBasemapConfig', () => {
  test('no settings: the built-in default and no kraj map', () => {
    expect(parseBasemapConfig({ default: null, kraj: null })).toEqual({ ok: true, config: { defaultId: null, kraj: null } });
    expect(parseBasemapConfig({})).toEqual({ ok: true, config: { defaultId: null, kraj: null } });
  });

  test("a kraj's own tile server as the default, text cleaned and bounded", () => {
    const result = parseBasemapConfig({
      default: 'kraj',
      kraj: {
        label: { cs: '  Mapa\u0007 kraje ', en: 'Regional map' },
        tiles: ['https://mapy.kraj.example/tiles/{z}/{x}/{y}.png'],
        attribution: '© Karlovarský kraj',
        maxzoom: 18,
        offlineAllowed: true,
      },
    });
    expect(result).toEqual({
      ok: true,
      config: {
        defaultId: 'kraj',
        kraj: {
          label: { cs: 'Mapa kraje', en: 'Regional map' },
          tiles: ['https://mapy.kraj.example/tiles/{z}/{x}/{y}.png'],
          attribution: '© Karlovarský kraj',
          minzoom: 0,
          maxzoom: 18,
          tileSize: 256,
          offlineAllowed: true,
        },
      },
    });
  });

  test('a plain-text label serves both languages; storing offline is off unless said', () => {
    const result = parseBasemapConfig({ kraj: { label: 'Mapa kraje', tiles: ['http://127.0.0.1:8080/{z}/{x}/{y}.png'] } });
    expect(result.ok && result.config.kraj?.label).toEqual({ cs: 'Mapa kraje', en: 'Mapa kraje' });
    expect(result.ok && result.config.kraj?.offlineAllowed).toBe(false);
  });

  test('bad settings are refused with a code', () => {
    expect(parseBasemapConfig([])).toEqual({ ok: false, problem: 'basemapConfig.notObject' });
    expect(parseBasemapConfig({ default: 'google' })).toEqual({ ok: false, problem: 'basemapConfig.unknownDefault' });
    expect(parseBasemapConfig({ default: 'kraj' })).toEqual({ ok: false, problem: 'basemapConfig.defaultWithoutKraj' });
    const label = 'Mapa';
    for (const tiles of [[], ['javascript:alert(1)/{z}/{x}/{y}'], ['https://x.example/tiles.png'], 'https://x.example/{z}/{x}/{y}.png']) {
      expect(parseBasemapConfig({ kraj: { label, tiles } }), JSON.stringify(tiles)).toEqual({ ok: false, problem: 'basemapConfig.badTiles' });
    }
    expect(parseBasemapConfig({ kraj: { label: ' ', tiles: ['https://x.example/{z}/{x}/{y}.png'] } })).toEqual({
      ok: false,
      problem: 'basemapConfig.badLabel',
    });
    expect(parseBasemapConfig({ kraj: { label, tiles: ['https://x.example/{z}/{x}/{y}.png'], minzoom: 12, maxzoom: 8 } })).toEqual({
      ok: false,
      problem: 'basemapConfig.badZoom',
    });
  });
});
