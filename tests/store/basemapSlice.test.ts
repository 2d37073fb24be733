import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store/appStore.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const KRAJ_CONFIG = { default: 'kraj', kraj: { label: 'Mapa kraje', tiles: ['https://mapy.kraj.example/{z}/{x}/{y}.png'] } };

describe('basemap slice', () => {
  it("the kraj's default applies until the user chooses; the choice survives a reload and a new config", async () => {
    const settingsStorage = memoryStorage();
    const store = createAppStore({ settingsStorage });
    expect(store.getState().basemapChosen).toBe(false);
    await store.getState().loadBasemapConfig(async () => KRAJ_CONFIG);
    expect(store.getState().basemap).toBe('kraj');
    expect(store.getState().basemapConfig.kraj?.label.cs).toBe('Mapa kraje');

    store.getState().setBasemap('cuzkOrtofoto');
    const again = createAppStore({ settingsStorage });
    await again.getState().loadBasemapConfig(async () => KRAJ_CONFIG);
    expect(again.getState().basemap).toBe('cuzkOrtofoto');
  });

  it('a stored "none" without a choice (the old default) gives way to the default', async () => {
    const settingsStorage = memoryStorage();
    settingsStorage.setItem('hlucha-mista.settings', JSON.stringify({ state: { basemap: 'none' }, version: 1 }));
    const store = createAppStore({ settingsStorage });
    await store.getState().loadBasemapConfig(async () => ({ default: null, kraj: null }));
    expect(store.getState().basemap).toBe('cuzkZtm');
  });

  it('a bad config is named by its code and the built-in default is used; no file or no network: the default', async () => {
    const store = createAppStore({ settingsStorage: memoryStorage() });
    await store.getState().loadBasemapConfig(async () => ({ default: 'kraj' }));
    expect(store.getState().basemapConfigProblem).toBe('basemapConfig.defaultWithoutKraj');
    expect(store.getState().basemap).toBe('cuzkZtm');
    const offline = createAppStore({ settingsStorage: memoryStorage() });
    await offline.getState().loadBasemapConfig(() => Promise.reject(new Error('offline')));
    expect(offline.getState().basemap).toBe('cuzkZtm');
    expect(offline.getState().basemapConfigProblem).toBeNull();
  });

  it('a chosen kraj map that the config no longer offers falls back to the default', async () => {
    const settingsStorage = memoryStorage();
    const store = createAppStore({ settingsStorage });
    await store.getState().loadBasemapConfig(async () => KRAJ_CONFIG);
    store.getState().setBasemap('kraj');
    const later = createAppStore({ settingsStorage });
    await later.getState().loadBasemapConfig(async () => null);
    expect(later.getState().basemap).toBe('cuzkZtm');
  });

  it('storing tiles needs "Moje obec" and a provider that allows it', () => {
    const store = createAppStore({ settingsStorage: memoryStorage() });
    store.getState().planFieldTiles();
    expect(store.getState().fieldTiles).toEqual({ status: 'unavailable', reason: 'noObec' });
  });
});
