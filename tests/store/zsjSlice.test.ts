/**
 * The ZSJ layer in the store: loaded from the real RÚIAN sample (Mariánské Lázně, 19 ZSJ; read from ../shared at
 * test time), kept in IndexedDB for the next session, new reports get their ZSJ from it, existing ones are filled
 * in as one undoable edit, a typed ZSJ is never replaced, and bad files are refused with their reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pointOnFeature } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SHARED_GEODATA } from '../support/packs.ts';
import { newProfile, openLoadedTab, openTab, point, KARLOVY_VARY } from './reportsStoreKit.ts';

const SAMPLE = path.join(SHARED_GEODATA, 'zsj-ukazka', '554642-marianske-lazne', 'zakladni_sidelni_jednotky.geojson');

describe.skipIf(!existsSync(SAMPLE))('ZSJ layer in the store', () => {
  const text = existsSync(SAMPLE) ? readFileSync(SAMPLE, 'utf8') : '{}';
  const features = existsSync(SAMPLE) ? (JSON.parse(text) as { features: Array<Feature<Polygon, Record<string, unknown>>> }).features : [];
  const inside = (k: number) => pointOnFeature(features[k]!).geometry.coordinates as [number, number];
  const kodOf = (k: number) => String(features[k]!.properties.kod_zsj ?? features[k]!.properties.kod).padStart(6, '0');

  it('loads, survives a reload, gives new reports their ZSJ, and never replaces a typed one', async () => {
    const profile = newProfile();
    const tab = await openLoadedTab(profile);
    expect(await tab.getState().loadZsjLayer(text, 'zakladni_sidelni_jednotky.geojson')).toBe(true);
    expect(tab.getState().zsjLayer?.count).toBe(19);
    expect(tab.getState().zsjLayer?.outlines.features).toHaveLength(19);

    const created = await tab.getState().createReport(point(inside(0)), { description: 'Bez signálu u lázní' });
    if (!created.ok) throw new Error('refused');
    expect(tab.getState().reports[created.id]?.zsj).toMatchObject({ kod: kodOf(0), source: 'layer' });
    expect(tab.getState().reports[created.id]?.place?.obec.kod).toBe('554642');

    const typed = await tab
      .getState()
      .createReport(point(inside(1)), { description: 'Kód zadal starosta', zsj: { kod: '999999', nazev: null, source: 'typed' } });
    if (!typed.ok) throw new Error('refused');
    expect(tab.getState().reports[typed.id]?.zsj?.kod).toBe('999999');

    // Outside the layer (Karlovy Vary): no ZSJ.
    const outside = await tab.getState().createReport(point(KARLOVY_VARY), { description: 'Jinde' });
    if (!outside.ok) throw new Error('refused');
    expect(tab.getState().reports[outside.id]?.zsj).toBeNull();

    // A new session: the layer is read back from IndexedDB.
    const next = openTab(profile);
    await next.getState().restoreZsjLayer();
    expect(next.getState().zsjLayer?.count).toBe(19);
    expect(next.getState().zsjLayer?.name).toBe('zakladni_sidelni_jednotky.geojson');
    await next.getState().removeZsjLayer();
    const after = openTab(profile);
    await after.getState().restoreZsjLayer();
    expect(after.getState().zsjLayer).toBeNull();
  });

  it('fills in the ZSJ of reports made before the layer, as one edit that undo takes back', async () => {
    const profile = newProfile();
    const tab = await openLoadedTab(profile);
    const a = await tab.getState().createReport(point(inside(2)), { description: 'Před vrstvou A' });
    const b = await tab.getState().createReport(point(inside(3)), { description: 'Před vrstvou B' });
    const typed = await tab.getState().createReport(point(inside(4)), { description: 'Ručně', zsj: { kod: '123456', nazev: null, source: 'typed' } });
    if (!a.ok || !b.ok || !typed.ok) throw new Error('refused');
    expect(tab.getState().reports[a.id]?.zsj).toBeNull();
    await tab.getState().loadZsjLayer(text, 'zsj.geojson');
    expect(await tab.getState().fillZsjFromLayer()).toBe(2);
    expect(tab.getState().zsjNotice).toEqual({ code: 'zsj.filled', params: { count: 2 } });
    expect(tab.getState().reports[a.id]?.zsj?.kod).toBe(kodOf(2));
    expect(tab.getState().reports[b.id]?.zsj?.kod).toBe(kodOf(3));
    expect(tab.getState().reports[typed.id]?.zsj?.kod).toBe('123456');
    expect(await tab.getState().fillZsjFromLayer()).toBe(0); // nothing left to fill
    await tab.getState().undo();
    expect(tab.getState().reports[a.id]?.zsj).toBeNull();
    expect(tab.getState().reports[b.id]?.zsj).toBeNull();
  });

  it('offers ZSJ as choropleth units only with a layer loaded; removing the layer goes back to ORP and obce', async () => {
    const tab = await openLoadedTab(newProfile());
    tab.getState().setUnits('zsj');
    expect(tab.getState().units).toBe('admin');
    await tab.getState().loadZsjLayer(text, 'zsj.geojson');
    tab.getState().setUnits('zsj');
    expect(tab.getState().units).toBe('zsj');
    await tab.getState().removeZsjLayer();
    expect(tab.getState().units).toBe('admin');
    tab.getState().setUnits('h3');
    await tab.getState().loadZsjLayer(text, 'zsj.geojson');
    await tab.getState().removeZsjLayer();
    expect(tab.getState().units).toBe('h3');
  });

  it('refuses files that are not a ZSJ layer, with the reason, keeping the layer loaded before', async () => {
    const tab = await openLoadedTab(newProfile());
    await tab.getState().loadZsjLayer(text, 'zsj.geojson');
    expect(await tab.getState().loadZsjLayer('{"type":"Feature', 'rozbity.geojson')).toBe(false);
    expect(tab.getState().zsjNotice?.code).toBe('zsj.notJson');
    expect(await tab.getState().loadZsjLayer('{"type":"FeatureCollection","features":[]}', 'prazdny.geojson')).toBe(false);
    expect(tab.getState().zsjNotice?.code).toBe('zsj.noFeatures');
    const projected = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { kod_zsj: '12345' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-850000, -1050000],
                [-849000, -1050000],
                [-849000, -1049000],
                [-850000, -1050000],
              ],
            ],
          },
        },
      ],
    });
    expect(await tab.getState().loadZsjLayer(projected, 'sjtsk.geojson')).toBe(false);
    expect(tab.getState().zsjNotice?.code).toBe('zsj.projectedCoordinates');
    expect(tab.getState().zsjLayer?.name).toBe('zsj.geojson');
  });
});
