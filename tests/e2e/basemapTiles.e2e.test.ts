/**
 * The base map a mayor finds places on, against a LOCAL tile server with generated tiles (no internet here):
 * the kraj's basemap.json makes its server the default; the control on the map names it and opens by keyboard;
 * when the server dies the map says so and shows the offline map (address points, část obce names); "Zkusit znovu"
 * brings the tiles back; "Připravit mapu obce pro terén" stores Pernink's tiles with a size estimate and a progress
 * bar, and they are drawn from the device while the server is dead; OpenStreetMap refuses to be stored.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { baseUrl, launchBrowser, mapCanvas, mapRegion, saveScreenshot, seriousAxeViolations, waitForMapIdle, waitForPackShown } from './browser.ts';
import { chooseMyObec } from './reports.ts';
import { startTileServer, TILE_GREEN, type TileServer } from './tileServer.ts';

let browser: Browser;
let tiles: TileServer;
beforeAll(async () => {
  browser = await launchBrowser();
  tiles = await startTileServer();
});
beforeEach(() => {
  tiles.failing = false;
  tiles.delayMs = 0;
});
afterAll(async () => {
  await browser?.close();
  await tiles?.close();
});

const PERNINK: [number, number] = [12.7776, 50.3664];

async function openWithTileServer(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'cs-CZ', reducedMotion: 'reduce' });
  const app = new URL(baseUrl());
  const tileHost = new URL(tiles.url).host;
  // Nothing from the web; only the app and the local tile server.
  await context.route(
    (url) => url.host !== app.host && url.host !== tileHost,
    (route) => route.abort(),
  );
  await context.route(
    (url) => url.host === app.host && url.pathname === '/basemap.json',
    (route) =>
      route.fulfill({
        json: {
          default: 'kraj',
          kraj: {
            label: { cs: 'Mapa kraje (test)', en: 'Regional map (test)' },
            tiles: [tiles.template],
            attribution: '© Testovací dlaždice',
            maxzoom: 18,
            offlineAllowed: true,
          },
        },
      }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(baseUrl());
  await waitForPackShown(page, 'CZ041');
  return { page, context, errors };
}

/** Share of the screenshot's pixels that are (almost) the given colour. */
async function shareOf(page: Page, png: Buffer, [r, g, b]: [number, number, number]): Promise<number> {
  return page.evaluate(
    async ({ base64, rgb }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let near = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - rgb[0]!) + Math.abs(data[i + 1]! - rgb[1]!) + Math.abs(data[i + 2]! - rgb[2]!) < 40) near++;
      }
      return near / (data.length / 4);
    },
    { base64: png.toString('base64'), rgb: [r, g, b] },
  );
}

async function waitForStatus(page: Page, status: string, basemap: string): Promise<void> {
  try {
    await page.locator(`.map-canvas[data-basemap-status="${status}"][data-basemap="${basemap}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  } catch (error) {
    const data = await page.locator('.map-canvas').evaluate((element) => ({ ...(element as HTMLElement).dataset }));
    throw new Error(`base map not ${status}/${basemap}: ${JSON.stringify(data)}`, { cause: error });
  }
  await waitForMapIdle(page);
}

/** Opens the base-map control on the map (if it is not open already). */
async function openControl(page: Page): Promise<void> {
  const button = mapRegion(page).getByRole('button', { name: /^Podkladová mapa:/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

async function jumpTo(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(([x, y, z]) => window.__hluchaMistaMap!.jumpTo(x, y, z), [lon, lat, zoom] as const);
  await waitForMapIdle(page);
}

test("the kraj's tile server is the default; it fails: message and offline map; it comes back; the control works by keyboard", async () => {
  const { page, errors } = await openWithTileServer();
  await waitForStatus(page, 'ok', 'kraj');
  expect(tiles.requests.length).toBeGreaterThan(0);
  const withTiles = await saveScreenshot(mapCanvas(page), '17-basemap-kraj-tiles');
  expect(await shareOf(page, withTiles, TILE_GREEN)).toBeGreaterThan(0.15);
  expect(await mapRegion(page).locator('.maplibregl-ctrl-attrib').textContent()).toContain('© Testovací dlaždice');

  // The control is on the map and works from the keyboard.
  const button = mapRegion(page).getByRole('button', { name: 'Podkladová mapa: Mapa kraje (test)' });
  await button.focus();
  await page.keyboard.press('Enter');
  expect(await button.getAttribute('aria-expanded')).toBe('true');
  const radios = mapRegion(page)
    .getByRole('radiogroup', { name: 'Podkladová mapa' })
    .or(mapRegion(page).getByRole('group', { name: 'Podkladová mapa' }));
  await expect.poll(() => radios.getByRole('radio').count()).toBe(5);
  expect(await mapRegion(page).getByRole('radio', { name: 'Mapa kraje (test)' }).isChecked()).toBe(true);
  await saveScreenshot(page, '17-basemap-control-open');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);

  // The server dies: new tiles fail, the map says so and shows the offline map.
  tiles.failing = true;
  await jumpTo(page, ...PERNINK, 13);
  await waitForStatus(page, 'failed', 'none');
  const message = mapRegion(page).getByText(/Podkladová mapa „Mapa kraje \(test\)“ se nenačítá\. Zobrazuji mapu offline/);
  await message.waitFor();
  // Část obce names of the offline map (Pernink's parts; the part named like the obec is the obec's label).
  await mapRegion(page).locator('.cast-label', { hasText: 'Rybná' }).waitFor({ timeout: 30_000 });
  const labels = await mapRegion(page).locator('.cast-label').allTextContents();
  expect(labels).not.toContain('Pernink');
  const offline = await saveScreenshot(page, '17-basemap-failed-offline-map-z13');
  expect(await shareOf(page, offline, TILE_GREEN)).toBeLessThan(0.01);

  // From zoom 14 the RÚIAN address points show where the houses are.
  await jumpTo(page, ...PERNINK, 15.5);
  expect(Number(await page.locator('.map-canvas').getAttribute('data-address-points'))).toBeGreaterThan(60_000);
  const houses = await saveScreenshot(mapCanvas(page), '17-offline-map-address-points-z15');
  expect(await shareOf(page, houses, [107, 79, 58])).toBeGreaterThan(0.001);

  // The server is back: "Zkusit znovu".
  tiles.failing = false;
  await mapRegion(page).getByRole('button', { name: 'Zkusit znovu' }).click();
  await waitForStatus(page, 'ok', 'kraj');
  expect(await message.count()).toBe(0);
  expect(await shareOf(page, await saveScreenshot(mapCanvas(page), '17-basemap-back'), TILE_GREEN)).toBeGreaterThan(0.15);
  expect(errors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  await page.context().close();
}, 300_000);

test('"Připravit mapu obce pro terén": the size before, a progress bar, and the stored tiles drawn while the server is dead', async () => {
  const { page, errors } = await openWithTileServer();
  await waitForStatus(page, 'ok', 'kraj');
  await chooseMyObec(page, 'Pernink');
  await waitForStatus(page, 'ok', 'kraj');
  await openControl(page);
  await mapRegion(page).getByRole('button', { name: 'Připravit mapu obce pro terén' }).click();
  const plan = mapRegion(page).getByText(/^Obec Pernink, mapa „Mapa kraje \(test\)“, přiblížení 12–16\. Počet dlaždic: [\d\s ]+, velikost asi [\d,]+ MB\.$/);
  await plan.waitFor();
  const planned = Number(/Počet dlaždic: ([\d\s ]+),/.exec((await plan.textContent())!)![1]!.replace(/\D/g, ''));
  expect(planned).toBeGreaterThan(50);
  expect(planned).toBeLessThanOrEqual(3000);

  tiles.delayMs = 40;
  const before = tiles.requests.length;
  await mapRegion(page).getByRole('button', { name: 'Stáhnout a uložit' }).click();
  const progress = mapRegion(page).getByRole('progressbar', { name: 'Průběh ukládání mapy obce' });
  await progress.waitFor();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await saveScreenshot(page, '17-field-tiles-progress');
  await mapRegion(page)
    .getByText(/^Mapa obce je uložena v zařízení \(dlaždic: [\d\s ]+; nově staženo [\d,]+ MB\)\.$/)
    .waitFor({ timeout: 90_000 });
  tiles.delayMs = 0;
  // Tiles the map had already shown count too: every tile of the plan was asked for at most once more.
  expect(tiles.requests.length - before).toBeLessThanOrEqual(planned);
  await saveScreenshot(page, '17-field-tiles-done');

  // The server dies; the stored tiles of Pernink are drawn from the device, without a single request.
  tiles.failing = true;
  await jumpTo(page, ...PERNINK, 15);
  const asked = tiles.requests.length;
  await openControl(page);
  await mapRegion(page).getByRole('radio', { name: 'Bez podkladu (mapa offline)' }).check();
  await waitForStatus(page, 'off', 'none');
  await mapRegion(page).getByRole('radio', { name: 'Mapa kraje (test)' }).check();
  await waitForStatus(page, 'ok', 'kraj');
  expect(tiles.requests.length).toBe(asked);
  await mapRegion(page).getByRole('button', { name: 'Zavřít' }).click();
  const stored = await saveScreenshot(mapCanvas(page), '17-field-tiles-from-device');
  expect(await shareOf(page, stored, TILE_GREEN)).toBeGreaterThan(0.15);

  // OpenStreetMap's terms forbid storing its tiles.
  await openControl(page);
  await mapRegion(page).getByRole('radio', { name: 'OpenStreetMap' }).check();
  await mapRegion(page).getByRole('button', { name: 'Připravit mapu obce pro terén' }).click();
  await mapRegion(page).getByText('Podmínky této mapy nedovolují ukládat její dlaždice do zařízení; zvolte mapu ČÚZK.').waitFor();
  tiles.failing = false;
  expect(errors.filter((error) => !/Failed to load resource|ERR_FAILED/.test(error))).toEqual([]);
  await page.context().close();
}, 300_000);

test('phone (390 × 844): the control and the failure message fit on the map', async () => {
  tiles.failing = true;
  const { page } = await openWithTileServer({ width: 390, height: 844 });
  await waitForStatus(page, 'failed', 'none');
  const button = mapRegion(page).getByRole('button', { name: /^Podkladová mapa:/ });
  const box = (await button.boundingBox())!;
  const map = (await mapRegion(page).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(map.x);
  expect(box.x + box.width).toBeLessThanOrEqual(map.x + map.width + 1);
  expect(box.height).toBeGreaterThanOrEqual(40);
  await mapRegion(page)
    .getByText(/se nenačítá/)
    .waitFor();
  await saveScreenshot(page, '17-phone-basemap-failed');
  await button.click();
  await saveScreenshot(page, '17-phone-basemap-control-open');
  tiles.failing = false;
  await page.context().close();
});
