import { pointOnFeature } from '@turf/turf';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ObceCollection } from '../../src/core/packs/packFormat.ts';
import { baseUrl, clickMapAt, launchBrowser, mapCanvas, openApp, saveScreenshot, waitForMapIdle, waitForPackShown } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const BOZI_DAR = '506486';

/** A point surely inside an obec as drawn (the display outline the person sees). */
async function interiorPoint(packId: string, kod: string): Promise<[number, number]> {
  const response = await fetch(new URL(`packs/${packId}/obce.display.geojson`, baseUrl()));
  const obce = (await response.json()) as ObceCollection;
  const feature = obce.features.find((f) => f.properties.kod === kod);
  if (!feature) throw new Error(`obec ${kod} is missing from the ${packId} pack`);
  const [lon = NaN, lat = NaN] = pointOnFeature(feature).geometry.coordinates;
  return [lon, lat];
}

function searchBox(page: Page) {
  return page.getByRole('combobox', { name: 'Hledat obec' });
}

test.each(['Boží Dar', 'Bozi Dar'])('searching "%s" suggests Boží Dar', async (query) => {
  const { page } = await openApp(browser);
  await searchBox(page).fill(query);
  const listbox = page.getByRole('listbox', { name: 'Hledat obec' });
  await listbox.waitFor();
  const options = listbox.getByRole('option');
  expect(await options.first().textContent()).toContain('Boží Dar');
  expect(await searchBox(page).getAttribute('aria-expanded')).toBe('true');
  await page.context().close();
});

test('choose Boží Dar with the keyboard, click it on the map, read obec, ORP and codes in the panel', async () => {
  const { page, errors } = await openApp(browser);
  const box = searchBox(page);
  await box.click();
  await page.keyboard.type('bozi dar');
  await page
    .getByRole('option', { name: /Boží Dar/ })
    .first()
    .waitFor();
  await page.keyboard.press('ArrowDown');
  expect(await box.getAttribute('aria-activedescendant')).toBeTruthy();
  expect(await page.getByRole('listbox').getByRole('option', { selected: true }).textContent()).toContain('Boží Dar');
  await page.keyboard.press('Enter');
  expect(await box.inputValue()).toBe('Boží Dar');
  expect(await box.getAttribute('aria-expanded')).toBe('false');

  await waitForMapIdle(page);
  await saveScreenshot(page, '02-search-flew-to-bozi-dar');
  // Zoomed in to the obec: obec names replace the ORP names (their label points are computed on the first zoom-in).
  await page.locator('.map-canvas[data-label-level="obec"]').waitFor({ state: 'attached' });
  await page.locator('.obec-label', { hasText: /^Boží Dar$/ }).waitFor({ state: 'attached' });

  const [lon, lat] = await interiorPoint('CZ041', BOZI_DAR);
  await clickMapAt(page, lon, lat);

  const panel = page.getByRole('region', { name: 'Vybrané místo' });
  await panel.getByText(BOZI_DAR).first().waitFor();
  const text = (await panel.textContent()) ?? '';
  expect(text).toContain('Boží Dar');
  expect(text).toContain(BOZI_DAR);
  expect(text).toContain('Ostrov');
  expect(text).toMatch(/kód ČSÚ\s*4106/);
  expect(text).toMatch(/kód RÚIAN\s*540/);
  expect(text).toContain('Karlovy Vary');
  expect(text).toContain('Karlovarský kraj');
  expect(text).toContain('EPSG:5514');
  expect(text).toMatch(/x = -8\d{5}\.\d{2},\s*y = -9\d{5}\.\d{2}/);
  await expect(panel.locator('[aria-live="polite"]').count()).resolves.toBe(1);

  await waitForMapIdle(page);
  await saveScreenshot(page, '02-place-bozi-dar');
  expect(errors).toEqual([]);
});

test('a choice made before the části obce arrive stays chosen: their late arrival does not reopen the list', async () => {
  // The kraj's address points (části obce for the search) held back until after the choice, as on a slow link.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce', serviceWorkers: 'block' });
  const held: Route[] = [];
  await context.route('**/packs/CZ041/adresni-mista.json', (route) => void held.push(route));
  const { page, errors } = await openApp(browser, undefined, context);
  const box = searchBox(page);
  await box.click();
  await page.keyboard.type('bozi dar');
  await page
    .getByRole('option', { name: /Boží Dar/ })
    .first()
    .waitFor();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  expect(await box.inputValue()).toBe('Boží Dar');
  for (const route of held.splice(0)) await route.continue();
  // The části obce are loaded now (a search for one finds it), yet the chosen name's list stayed closed.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('adresni-mista.json')));
  await page.waitForTimeout(500);
  expect(await box.getAttribute('aria-expanded')).toBe('false');
  expect(await page.getByRole('listbox', { name: 'Hledat obec' }).isVisible()).toBe(false);
  await box.fill('krasna lipa');
  await page
    .getByRole('option', { name: /Krásná Lípa/ })
    .first()
    .waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('an option reached with the arrow keys stays highlighted when the části obce arrive and the list is computed again', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce', serviceWorkers: 'block' });
  const held: Route[] = [];
  await context.route('**/packs/CZ041/adresni-mista.json', (route) => void held.push(route));
  const { page, errors } = await openApp(browser, undefined, context);
  const box = searchBox(page);
  await box.click();
  await page.keyboard.type('bozi dar');
  await page
    .getByRole('option', { name: /Boží Dar/ })
    .first()
    .waitFor();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await page.keyboard.press('ArrowDown');
  const highlighted = await box.getAttribute('aria-activedescendant');
  expect(highlighted).toBeTruthy();
  for (const route of held.splice(0)) await route.continue();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('adresni-mista.json')));
  await page.waitForTimeout(500);
  // Still open, still on Boží Dar: Enter chooses what the person sees highlighted.
  expect(await box.getAttribute('aria-expanded')).toBe('true');
  const selected = page.getByRole('listbox').getByRole('option', { selected: true });
  expect(await selected.textContent()).toContain('Boží Dar');
  expect(await box.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
  await page.keyboard.press('Enter');
  expect(await box.inputValue()).toBe('Boží Dar');
  expect(errors).toEqual([]);
  await context.close();
});

test('a click outside Czechia says so', async () => {
  const { page } = await openApp(browser);
  // Germany, a few kilometres west of Aš.
  await clickMapAt(page, 12.02, 50.25);
  const panel = page.getByRole('region', { name: 'Vybrané místo' });
  await panel.getByText('Místo leží mimo Českou republiku.').waitFor();
  await saveScreenshot(page, '02-outside-czechia');
});

test('a click in the neighbouring kraj is looked up in the whole country and offers to switch there', async () => {
  const { page, errors } = await openApp(browser);
  // Klášterec nad Ohří (Ústecký kraj) borders Karlovarský kraj and is in view when the app opens.
  const [lon, lat] = await interiorPoint('CZ', '563129');
  // It lies under the base-map control in the top right corner: the map is dragged towards the middle first, as a
  // person would.
  const box = (await mapCanvas(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2 + 150, { steps: 8 });
  await page.mouse.up();
  await waitForMapIdle(page);
  await clickMapAt(page, lon, lat);
  const panel = page.getByRole('region', { name: 'Vybrané místo' });
  await panel.getByText('Klášterec nad Ohří').first().waitFor({ timeout: 30_000 });
  const text = (await panel.textContent()) ?? '';
  expect(text).toContain('563129');
  expect(text).toMatch(/Kadaň.*kód ČSÚ\s*4204.*kód RÚIAN\s*761/s);
  expect(text).toContain('Místo leží mimo zvolený kraj: Ústecký kraj.');

  await panel.getByRole('button', { name: 'Přepnout na Ústecký kraj' }).click();
  await waitForPackShown(page, 'CZ042');
  expect(await page.getByLabel('Kraj', { exact: true }).inputValue()).toBe('CZ042');
  expect(await panel.textContent()).not.toContain('mimo zvolený kraj');
  await saveScreenshot(page, '02-switched-to-ustecky-kraj');
  expect(errors).toEqual([]);
});
