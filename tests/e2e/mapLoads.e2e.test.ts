import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapCanvas, mapRegion, openApp, pixelStats, saveScreenshot, waitForMapIdle } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the app opens on Karlovarský kraj with its boundaries drawn, offline', async () => {
  const { page, errors } = await openApp(browser);

  await expect(page.title()).resolves.toBe('Hluchá místa');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('cs');
  expect(await page.getByLabel('Kraj', { exact: true }).inputValue()).toBe('CZ041');
  await expect(mapCanvas(page).getAttribute('aria-label')).resolves.toBe('Mapa – Karlovarský kraj');

  // The 7 ORP of Karlovarský kraj are labelled on the map.
  const labels = await mapRegion(page).locator('.orp-label').allTextContents();
  expect(labels.sort()).toEqual(['Aš', 'Cheb', 'Karlovy Vary', 'Kraslice', 'Mariánské Lázně', 'Ostrov', 'Sokolov']);

  // The boundary attribution is always shown.
  await expect(mapRegion(page).getByText('© ČÚZK (RÚIAN)').isVisible()).resolves.toBe(true);

  await saveScreenshot(page, '01-app-karlovarsky-kraj');
  const canvasShot = await saveScreenshot(mapCanvas(page), '01-map-canvas');
  const stats = await pixelStats(page, canvasShot);
  // Background, other kraje, eight ORP tints, three kinds of boundary line and their antialiasing.
  expect(stats.distinctColours).toBeGreaterThan(20);
  expect(stats.dominantShare).toBeLessThan(0.6);

  expect(errors).toEqual([]);
});

test('on a phone the map comes first; the panels are one tap away on the bottom bar', async () => {
  const { page, errors } = await openApp(browser, { width: 390, height: 844 });
  const map = await mapRegion(page).boundingBox();
  expect(map!.height).toBeGreaterThan(300);
  // The panels (the sidebar) are behind "Seznam" in the bottom bar (tests/e2e/phoneLayout for the whole layout).
  expect(await page.getByRole('complementary').isVisible()).toBe(false);
  await page.getByRole('navigation', { name: 'Zobrazení' }).getByRole('button', { name: 'Seznam' }).click();
  expect(await page.getByRole('complementary').isVisible()).toBe(true);
  await page.getByRole('navigation', { name: 'Zobrazení' }).getByRole('button', { name: 'Mapa' }).click();
  await waitForMapIdle(page);
  await saveScreenshot(page, '01-app-phone');
  const stats = await pixelStats(page, await saveScreenshot(mapCanvas(page), '01-map-canvas-phone'));
  expect(stats.distinctColours).toBeGreaterThan(20);
  expect(stats.dominantShare).toBeLessThan(0.6);
  expect(errors).toEqual([]);
});
