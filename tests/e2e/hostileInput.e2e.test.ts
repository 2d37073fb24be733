/**
 * Hostile input in the browser (issue 18): a GPX whose names carry script payloads is imported by drag-and-drop and
 * nothing in it becomes HTML — no global flag set, no dialog opened, no <img> from the file in the page; a ZSJ layer
 * with null/junk geometries and one nested 100,000 deep are refused through the picker with their Czech sentence;
 * the app stays usable and no page error is thrown.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { deepJson } from '../support/hostileFiles.ts';
import { dropFiles, launchBrowser, openApp } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAYLOAD = '&lt;img src=x onerror="window.__pwned=1;alert(1)"&gt;';
const GPX = `<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
<wpt lat="50.41" lon="12.92"><name>${PAYLOAD}</name></wpt>
<wpt lat="50.40" lon="12.90"><name>&lt;script&gt;window.__pwned=2&lt;/script&gt;Parkoviště</name></wpt>
</gpx>`;

test('files never become HTML; broken ZSJ layers are refused with a sentence; the app stays usable', { timeout: 240_000 }, async () => {
  const { page, errors } = await openApp(browser);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await dropFiles(page, [{ name: 'trasa.gpx', text: GPX }]);
  await page.getByText('Ze souboru trasa.gpx vznikla hlášení: 2').waitFor({ timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(await page.locator('img[src="x"], script:not([src])').filter({ hasText: /pwned/ }).count()).toBe(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);

  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  const panel = page.getByRole('region', { name: 'Vrstva ZSJ' });
  const picker = panel.getByLabel('Načíst vrstvu ZSJ (GeoJSON)');
  await picker.setInputFiles({
    name: 'nulove.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from('{"type":"FeatureCollection","features":[null,{"type":"Feature","geometry":null}]}'),
  });
  await panel.getByText('Soubor neobsahuje žádné polygony ZSJ.').waitFor();
  await picker.setInputFiles({ name: 'hluboka.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(deepJson(100_000)) });
  await panel.getByText(/příliš hluboko vnořená data/).waitFor();
  await picker.setInputFiles({ name: 'archiv.geojson', mimeType: 'application/geo+json', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]) });
  await panel.getByText(/je archiv ZIP/).waitFor();
  await panel.getByText('Vrstva ZSJ není načtena.').waitFor();
  // Still usable: switching back to the reports works, nothing threw.
  await page
    .getByRole('group', { name: 'Pohled' })
    .getByRole('button', { name: /Hlášení/ })
    .first()
    .click();
  expect(errors).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
