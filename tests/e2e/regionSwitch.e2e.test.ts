import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapCanvas, mapRegion, openApp, pixelStats, saveScreenshot, waitForPackShown } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('switching to Liberecký kraj loads its pack and shows its 10 ORP', async () => {
  const { page, errors } = await openApp(browser);
  const switcher = page.getByLabel('Kraj', { exact: true });
  const options = await switcher.locator('option').allTextContents();
  expect(options).toHaveLength(14);

  await switcher.focus();
  await switcher.selectOption({ label: 'Liberecký kraj' });
  await waitForPackShown(page, 'CZ051');

  const labels = await mapRegion(page).locator('.orp-label').allTextContents();
  expect(labels).toHaveLength(10);
  expect(labels).toEqual(expect.arrayContaining(['Liberec', 'Jablonec nad Nisou', 'Semily', 'Turnov', 'Česká Lípa']));
  await expect(mapCanvas(page).getAttribute('aria-label')).resolves.toBe('Mapa – Liberecký kraj');
  const summary = page.getByRole('region', { name: 'Liberecký kraj', exact: true });
  expect(await summary.textContent()).toContain('215 obcí, 10 ORP');

  await saveScreenshot(page, '03-liberecky-kraj');
  const stats = await pixelStats(page, await saveScreenshot(mapCanvas(page), '03-liberecky-kraj-canvas'));
  expect(stats.distinctColours).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});
