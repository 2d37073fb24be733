import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapCanvas, openApp, saveScreenshot, seriousAxeViolations } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('axe-core finds no serious or critical WCAG 2.1 A/AA violations', async () => {
  const { page } = await openApp(browser);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // With suggestions open and a place selected, too.
  await page.getByRole('combobox', { name: 'Hledat obec' }).fill('kar');
  await page.getByRole('listbox').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'English' }).click();
  await mapCanvas(page).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Selected place' }).getByText('EPSG:5514').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test('the page has landmarks and every control is reachable by keyboard with a visible focus', async () => {
  const { page } = await openApp(browser);
  expect(await page.getByRole('banner').count()).toBe(1);
  expect(await page.getByRole('main').count()).toBe(1);
  expect(await page.getByRole('complementary').count()).toBe(1);

  // Tab from the top: the skip link comes first and leads to the map.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Přeskočit na mapu' });
  expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  expect(await mapCanvas(page).evaluate((element) => element === document.activeElement)).toBe(true);
  const outline = await page.locator('.map-area').evaluate((element) => getComputedStyle(element, '::after').borderTopWidth);
  expect(outline).toBe('3px');
  await saveScreenshot(page, '05-map-keyboard-focus');

  // Enter on the focused map describes the place under the centre cross.
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Vybrané místo' }).getByText('EPSG:5514').waitFor();

  // The region switcher shows a focus ring.
  await page.getByLabel('Kraj', { exact: true }).focus();
  const ring = await page.getByLabel('Kraj', { exact: true }).evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(ring).toBe('solid');
});
