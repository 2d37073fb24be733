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

/** Chooses a base map and waits for its first tile request (the test context refuses every web request). */
async function chooseBasemap(page: Page, name: string, tileUrl: RegExp): Promise<void> {
  await Promise.all([
    page.waitForRequest((request) => tileUrl.test(request.url()), { timeout: 10_000 }),
    page.getByRole('radio', { name }).check(),
  ]);
  await waitForMapIdle(page);
}

test('base maps request their tile services and credit them; boundaries stay drawn offline', async () => {
  const { page, errors } = await openApp(browser);
  const attribution = mapRegion(page).locator('.maplibregl-ctrl-attrib');

  await chooseBasemap(
    page,
    'Ortofoto ČÚZK',
    /^https:\/\/ags\.cuzk\.cz\/arcgis1\/rest\/services\/ORTOFOTO_WM\/MapServer\/tile\/\d+\/\d+\/\d+$/,
  );
  expect(await attribution.textContent()).toContain('© ČÚZK');
  expect(await attribution.textContent()).toContain('© ČÚZK (RÚIAN), CC BY 4.0');
  // The tiles cannot load here, yet the boundaries must still be on the map.
  const stats = await pixelStats(page, await saveScreenshot(mapCanvas(page), '06-basemap-ortofoto-offline'));
  expect(stats.distinctColours).toBeGreaterThan(8);

  await chooseBasemap(
    page,
    'Základní mapa ČÚZK',
    /^https:\/\/ags\.cuzk\.cz\/arcgis1\/rest\/services\/ZTM_WM\/MapServer\/tile\/\d+\/\d+\/\d+$/,
  );

  await chooseBasemap(page, 'OpenStreetMap', /^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/);
  expect(await attribution.textContent()).toContain('© OpenStreetMap contributors');

  await page.getByRole('radio', { name: 'Bez podkladu (offline)' }).check();
  await waitForMapIdle(page);
  expect(await attribution.textContent()).not.toContain('OpenStreetMap');
  expect(await attribution.textContent()).toContain('© ČÚZK (RÚIAN), CC BY 4.0');
  // Refused tiles are expected offline; nothing else may be reported as an error.
  expect(errors.filter((error) => !error.includes('net::ERR_FAILED'))).toEqual([]);
});
