import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapCanvas, mapRegion, openApp, saveScreenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the UI is Czech by default and switches to English and back', async () => {
  const { page } = await openApp(browser);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.getByRole('combobox', { name: 'Hledat obec' }).waitFor();
  expect(await page.getByRole('button', { name: 'Čeština' }).getAttribute('aria-pressed')).toBe('true');
  // The English catalogue is not part of the Czech first screen: it loads when chosen.
  const englishChunk = /\/assets\/en-[\w-]+\.js$/;
  expect(requested.filter((path) => englishChunk.test(path))).toEqual([]);

  await page.getByRole('button', { name: 'English' }).click();

  await page.getByRole('combobox', { name: 'Find a municipality' }).waitFor();
  expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await page.getByRole('combobox', { name: 'Find a municipality' }).waitFor();
  await page.getByRole('region', { name: 'Selected place' }).waitFor();
  await page.getByRole('complementary', { name: 'Place and map information' }).waitFor();
  // The base map choice sits on the map behind one button, in English too.
  await page.getByRole('button', { name: /^Base map: / }).click();
  await page.getByRole('group', { name: 'Base map' }).waitFor();
  await page.getByRole('button', { name: 'Close' }).first().click();
  await expect(mapCanvas(page).getAttribute('aria-label')).resolves.toBe('Map – Karlovarský kraj');
  expect(await mapRegion(page).getByRole('button', { name: 'Zoom in' }).count()).toBe(1);
  await saveScreenshot(page, '04-english');

  // The choice survives a reload.
  await page.reload();
  await page.getByRole('combobox', { name: 'Find a municipality' }).waitFor();

  await page.getByRole('button', { name: 'Čeština' }).click();
  await page.getByRole('combobox', { name: 'Hledat obec' }).waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('cs');
});
