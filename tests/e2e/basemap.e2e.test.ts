import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapCanvas, mapRegion, openApp, pixelStats, saveScreenshot, waitForMapIdle } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Chooses a base map in the control on the map and waits for its first tile request (the test context refuses
 * every web request), then for the map to give it up: the message names it and the offline map is drawn.
 */
async function chooseBasemap(page: Page, name: string, tileUrl: RegExp): Promise<void> {
  const button = mapRegion(page).getByRole('button', { name: /^Podkladová mapa:/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await Promise.all([page.waitForRequest((request) => tileUrl.test(request.url()), { timeout: 10_000 }), mapRegion(page).getByRole('radio', { name }).check()]);
  await page.locator('.map-canvas[data-basemap-status="failed"][data-basemap="none"]').waitFor({ state: 'attached', timeout: 30_000 });
  await mapRegion(page).getByText(`Podkladová mapa „${name}“ se nenačítá. Zobrazuji mapu offline`, { exact: false }).waitFor();
  await waitForMapIdle(page);
}

test('base maps request their tile services; when they do not load, the map says so and the boundaries stay drawn', async () => {
  const { page, errors } = await openApp(browser);
  const attribution = mapRegion(page).locator('.maplibregl-ctrl-attrib');

  await chooseBasemap(page, 'Ortofoto ČÚZK', /^https:\/\/ags\.cuzk\.cz\/arcgis1\/rest\/services\/ORTOFOTO_WM\/MapServer\/tile\/\d+\/\d+\/\d+$/);
  expect(await attribution.textContent()).toContain('© ČÚZK (RÚIAN), CC BY 4.0');
  // The tiles cannot load here, yet the boundaries must still be on the map.
  const stats = await pixelStats(page, await saveScreenshot(mapCanvas(page), '06-basemap-ortofoto-offline'));
  expect(stats.distinctColours).toBeGreaterThan(8);

  await chooseBasemap(page, 'Základní mapa ČÚZK', /^https:\/\/ags\.cuzk\.cz\/arcgis1\/rest\/services\/ZTM_WM\/MapServer\/tile\/\d+\/\d+\/\d+$/);

  await chooseBasemap(page, 'OpenStreetMap', /^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/);

  await mapRegion(page).getByRole('radio', { name: 'Bez podkladu (mapa offline)' }).check();
  await page.locator('.map-canvas[data-basemap-status="off"]').waitFor({ state: 'attached' });
  await waitForMapIdle(page);
  expect(
    await mapRegion(page)
      .getByText(/se nenačítá/)
      .count(),
  ).toBe(0);
  expect(await attribution.textContent()).not.toContain('OpenStreetMap');
  expect(await attribution.textContent()).toContain('© ČÚZK (RÚIAN), CC BY 4.0');
  // Refused tiles are expected offline; nothing else may be reported as an error.
  expect(errors.filter((error) => !error.includes('net::ERR_FAILED'))).toEqual([]);
});
