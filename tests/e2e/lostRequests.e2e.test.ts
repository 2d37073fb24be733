/**
 * Lost requests on a weak signal (issue 17, "Fast on a weak signal"): every data request of the first screen is made
 * to hang for ever (a Playwright route handler that never answers), one at a time, and the app must still finish
 * loading — or say in Czech what is missing and offer to try again, and then load when the network is back.
 * Requests of the kraj's display pack stop the map (the page says so: "Hranice kraje se nepodařilo načíst"); the
 * country's outlines (context) and the lookup geometry do not: the map is usable without them, and a click asking
 * for a place says the lookup failed instead of waiting for ever.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, clickMapAt, launchBrowser, mapRegion, saveScreenshot, waitForPackShown } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the app in a fresh phone context where requests whose path ends with one of `hang` are never answered. */
async function openWithHangingRequest(...hang: string[]): Promise<{ context: BrowserContext; page: Page; hanging: Route[]; release(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'cs-CZ', reducedMotion: 'reduce', serviceWorkers: 'block' });
  const base = new URL(baseUrl());
  await context.route(
    (url) => url.host !== base.host,
    (route) => route.abort(),
  );
  const hanging: Route[] = [];
  const matches = (url: URL) => url.host === base.host && hang.some((suffix) => url.pathname.endsWith(suffix));
  // Never fulfilled, never aborted: the request stays open as on a dead link.
  const handler = (route: Route) => void hanging.push(route);
  await context.route(matches, handler);
  const page = await context.newPage();
  await page.goto(baseUrl());
  return {
    context,
    page,
    hanging,
    release: async () => {
      await context.unroute(matches, handler);
    },
  };
}

const DISPLAY_PACK_FILES = ['manifest.json', 'obce.display.geojson', 'orp.display.geojson', 'kraje.display.geojson'];

test('a display-pack request that never answers: the page says the boundaries are missing, and "Zkusit znovu" loads them', async () => {
  // All four at once, each in its own context (each waits out the stall limit of packRepository, 15 s).
  await Promise.all(
    DISPLAY_PACK_FILES.map(async (file) => {
      const { context, page, hanging, release } = await openWithHangingRequest(`/packs/CZ041/${file}`);
      try {
        const alert = mapRegion(page).getByRole('alert').filter({ hasText: 'Hranice kraje' });
        await alert.waitFor({ timeout: 45_000 });
        expect(await alert.textContent()).toContain('Hranice kraje se nepodařilo načíst');
        expect(hanging.length).toBeGreaterThan(0);
        // The rest of the first screen is there: the header, the kraj chooser, the reports panel.
        expect(await page.getByLabel('Kraj', { exact: true }).inputValue()).toBe('CZ041');
        if (file === 'obce.display.geojson') await saveScreenshot(page, 'lost-request-boundaries-phone');
        // The network is back: one tap on "Zkusit znovu" and the kraj is drawn.
        await release();
        await alert.getByRole('button', { name: 'Zkusit znovu' }).click();
        await waitForPackShown(page, 'CZ041');
        expect(await mapRegion(page).getByRole('alert').filter({ hasText: 'Hranice kraje' }).count()).toBe(0);
      } finally {
        await context.close();
      }
    }),
  );
}, 180_000);

test('the context outlines and the lookup geometry never answer: the map is still usable, and a place is found or said to be unavailable', async () => {
  const cases: Array<{ hang: string[]; click?: RegExp }> = [
    { hang: ['/packs/CZ/kraje.display.geojson'] },
    // The kraj's lookup geometry is given up after the stall limit; the country's answers instead.
    { hang: ['/packs/CZ041/obce.geojson'], click: /Boží Dar/ },
    // Neither answers: the place panel says so (in Czech) instead of waiting for ever.
    { hang: ['/packs/CZ041/obce.geojson', '/packs/CZ/obce.geojson'], click: /nepodařilo načíst/ },
  ];
  for (const { hang, click } of cases) {
    const { context, page } = await openWithHangingRequest(...hang);
    try {
      await waitForPackShown(page, 'CZ041');
      expect(await mapRegion(page).locator('.orp-label').count()).toBe(7);
      if (click) {
        await clickMapAt(page, 12.9245, 50.4098);
        await page.getByText(click).first().waitFor({ timeout: 60_000 });
        await saveScreenshot(page, `lost-request-lookup-${hang.length}-phone`);
      }
    } finally {
      await context.close();
    }
  }
}, 240_000);
