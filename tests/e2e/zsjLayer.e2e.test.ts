/**
 * The ZSJ layer end to end: in "Přehled kraje" the coordinator loads the real RÚIAN ZSJ sample of Mariánské Lázně
 * (read from ../shared at test time), sees what was loaded and the outlines on the map; reports dropped in before
 * get their ZSJ with "Doplnit ZSJ do hlášení" and the ZSJ table lists them; the ZSJ choropleth (disabled until
 * a layer is loaded) colours their ZSJ and hatches the rest, with its legend and tooltip; a broken file is refused with its
 * reason; after a reload the layer is still there. axe-core on the panel.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import { derivePlace } from '../../src/core/reports/derivePlace.ts';
import { ZsjIndex } from '../../src/core/zsj/zsjLayer.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { SHARED_GEODATA } from '../support/packs.ts';
import { pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { dropFiles, launchBrowser, mapCanvas, openApp, saveScreenshot, seriousAxeViolations, waitForMapIdle } from './browser.ts';

const SAMPLE = path.join(SHARED_GEODATA, 'zsj-ukazka', '554642-marianske-lazne', 'zakladni_sidelni_jednotky.geojson');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Two reports in one ZSJ of Mariánské Lázně, made without a ZSJ. */
function marianskeLazneFile(): { name: string; text: string } {
  const index = ObecIndex.fromCollection(readObce('CZ041'), { coverage: 'pack' });
  const reports = [
    [12.7011, 49.9646],
    [12.7015, 49.9648],
  ].map(([lon, lat], i) => {
    const geometry = { type: 'Point' as const, coordinates: [lon!, lat!] };
    const place = derivePlace(index, geometry);
    if (!place.ok) throw new Error('no place');
    return {
      ...createEmptyReport(geometry, { id: randomUUID(), now: `2026-10-0${i + 1}T08:00:00.000Z` }),
      place: place.place,
      description: `Mariánské Lázně, bez signálu ${i + 1}`,
      failures: ['noSignal' as const],
      operators: ['o2' as const],
    };
  });
  return {
    name: 'obec-554642.geojson',
    text: exportObecFile(reports, {
      obec: { kod: '554642', nazev: 'Mariánské Lázně' },
      signOff: null,
      exportedAt: '2026-11-20T09:00:00.000Z',
      appVersion: 'test',
    }),
  };
}

test.skipIf(!existsSync(SAMPLE))('load a ZSJ layer, fill in the reports’ ZSJ, see them per ZSJ; it survives a reload', async () => {
  const { page, errors } = await openApp(browser);
  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  await dropFiles(page, [marianskeLazneFile()]);
  await page.getByRole('status').filter({ hasText: 'Importováno souborů: 1' }).waitFor({ timeout: 60_000 });

  const panel = page.getByRole('region', { name: 'Vrstva ZSJ' });
  await panel.getByText('Vrstva ZSJ není načtena.').waitFor();
  // No layer yet: the ZSJ units are offered but disabled, and say why.
  const zsjUnits = page.getByRole('radio', { name: 'ZSJ', exact: true });
  expect(await zsjUnits.isDisabled()).toBe(true);
  expect(await zsjUnits.getAttribute('aria-describedby')).toBeTruthy();
  expect(await page.locator(`#${await zsjUnits.getAttribute('aria-describedby')}`).textContent()).toContain('nejdřív načtěte vrstvu ZSJ');
  // A broken file first: refused with its reason, nothing loaded.
  await panel.getByLabel('Načíst vrstvu ZSJ (GeoJSON)').setInputFiles({
    name: 'rozbita.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kod_zsj":"1"},"geometry":{"type":"Polygon","coordinates":[[[-850000,-1050000],[-849000,-1050000],[-849000,-1049000],[-850000,-1050000]]]}}]}',
    ),
  });
  await panel.getByText('Souřadnice jsou v metrech (S-JTSK?)').waitFor();

  await panel.getByLabel('Načíst vrstvu ZSJ (GeoJSON)').setInputFiles(SAMPLE);
  await panel.getByText(/Načteno 19 ZSJ ze souboru zakladni_sidelni_jednotky\.geojson/).waitFor();
  await expect.poll(() => page.locator('.map-canvas').getAttribute('data-zsj-count'), { timeout: 30_000 }).toBe('19');

  await panel.getByRole('button', { name: 'Doplnit ZSJ do hlášení' }).click();
  await panel.getByText('ZSJ doplněna u 2 hlášení.').waitFor();
  const table = page.getByRole('table', { name: 'Hlášení, lokality a dotčení obyvatelé po základních sídelních jednotkách' });
  await table.waitFor({ timeout: 60_000 });
  // The ZSJ the layer holds the two reports in, found in Node with the same core.
  const layer = ZsjIndex.parse(JSON.parse(readFileSync(SAMPLE, 'utf8')));
  if (!layer.ok) throw new Error(layer.code);
  const expected = layer.index.find(12.7011, 49.9646)!;
  await expect.poll(async () => (await table.locator('tbody tr').first().textContent()) ?? '').toContain(`${expected.nazev}${expected.kod}2`);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Zoomed to Mariánské Lázně: the ZSJ outlines are drawn (look at the screenshot).
  await page.getByRole('combobox', { name: 'Hledat obec' }).fill('Mariánské Lázně');
  await page
    .getByRole('option', { name: /Mariánské Lázně/ })
    .first()
    .click();
  await waitForMapIdle(page);
  await saveScreenshot(page, '60-zsj-layer');

  // The ZSJ choropleth: the ZSJ of the two reports coloured, the other 18 hatched; the legend and the tooltip
  // say the same figures (reports, obce, reporters) as for an obec.
  expect(await zsjUnits.isDisabled()).toBe(false);
  await zsjUnits.check();
  const legend = page.getByRole('region', { name: 'Mapa ZSJ: počet hlášení' });
  await legend.waitFor();
  expect(await legend.getByRole('listitem').first().textContent()).toBe('2');
  expect(await legend.textContent()).toContain('bez hlášení (šrafováno) (18)');
  expect(await legend.textContent()).toContain('načtené vrstvy (19 ZSJ)');
  await expect.poll(() => page.locator('.map-canvas').getAttribute('data-choropleth-zsj')).toBe('1');
  expect(await page.locator('.map-canvas').getAttribute('data-choropleth-zsj-without')).toBe('18');
  await page.getByRole('button', { name: 'Přiblížit' }).click();
  await waitForMapIdle(page);
  await saveScreenshot(page, '61-zsj-choropleth');
  // The pointer over the ZSJ, a little away from the reports' own marks.
  const zsjFeature = layer.index.units.find((unit) => unit.kod === expected.kod)!;
  const polygons = (JSON.parse(readFileSync(SAMPLE, 'utf8')) as { features: Array<Feature<Polygon | MultiPolygon | null>> }).features.filter(
    (f): f is Feature<Polygon | MultiPolygon> => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  const sampleFeature = polygons[layer.index.units.indexOf(zsjFeature)]!;
  const [hoverLon, hoverLat] = pointOnFeature(sampleFeature).geometry.coordinates as [number, number];
  const at = await page.evaluate(([lon, lat]) => window.__hluchaMistaMap!.project(lon, lat), [hoverLon, hoverLat] as const);
  const box = (await mapCanvas(page).boundingBox())!;
  await page.mouse.move(box.x + at.x, box.y + at.y);
  const tooltip = page.locator('.obec-tooltip');
  await tooltip.getByText(`ZSJ ${expected.nazev}`).waitFor();
  expect(await tooltip.textContent()).toMatch(/2 hlášení na území 1 obce/);
  await saveScreenshot(page, '62-zsj-choropleth-tooltip');
  expect(await seriousAxeViolations(page)).toEqual([]);
  // English: the same legend in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('region', { name: 'ZSJ map: number of reports' }).waitFor();
  await page.getByRole('button', { name: 'Čeština' }).click();

  await page.reload();
  await waitForMapIdle(page);
  await page
    .getByRole('region', { name: 'Vrstva ZSJ' })
    .getByText(/Načteno 19 ZSJ/)
    .waitFor();
  // The ZSJ layer is among those the map adds a frame after its first idle (the kraj's boundaries come first):
  // after a reload on a busy machine that can take longer than expect.poll's default second.
  await expect.poll(() => page.locator('.map-canvas').getAttribute('data-zsj-count'), { timeout: 30_000 }).toBe('19');
  expect(errors).toEqual([]);
});
