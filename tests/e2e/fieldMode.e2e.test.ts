/**
 * Field mode in a real browser: the app works with the network cut after the first load (service worker), "Tady
 * není signál" with a mocked GPS position (granted, denied), a route recorded by moving the mocked position, and a
 * GPX file chosen and dropped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, dropFiles, launchBrowser, mapCanvas, openApp, pixelStats, saveScreenshot, seriousAxeViolations, waitForPackShown } from './browser.ts';
import { listRows, reportForm } from './reports.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/gpx');
/** Boží Dar's square (obec 506486, ORP Ostrov, Karlovarský kraj). */
const BOZI_DAR = { longitude: 12.9245, latitude: 50.4098 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function fieldContext(options: { geolocation: boolean }): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'cs-CZ',
    reducedMotion: 'reduce',
    serviceWorkers: 'allow',
    ...(options.geolocation ? { permissions: ['geolocation'], geolocation: { ...BOZI_DAR, accuracy: 12 } } : {}),
  });
}

function fieldPanel(page: Page) {
  return page.getByRole('region', { name: /^(V terénu|In the field)$/ });
}

function networkStatus(page: Page) {
  return page.locator('header .network-status');
}

/** Waits until the service worker has installed (precache done) and, after a reload, controls the page. */
async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

async function pressNoSignalHere(page: Page): Promise<void> {
  await fieldPanel(page).getByRole('button', { name: 'Tady není signál' }).click();
  await reportForm(page).waitFor();
}

async function backToList(page: Page): Promise<void> {
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();
  await fieldPanel(page).waitFor();
}

test('after the first load the app works with no network: reload, boundaries, stored reports, a new report', async () => {
  const context = await fieldContext({ geolocation: true });
  const { page, errors } = await openApp(browser, undefined, context);
  await waitForServiceWorkerControl(page);
  await expect.poll(() => networkStatus(page).textContent()).toContain('Online');

  // One report made online, from the mocked GPS position.
  await pressNoSignalHere(page);
  const form = reportForm(page);
  expect(await form.textContent()).toContain('Boží Dar');
  expect(await form.textContent()).toMatch(/Zaznamenáno v terénu:.*poloha zařízení .*přesnost ±12 m/);
  await form.getByLabel('Přesný popis lokality').fill('Náměstí, online');
  await backToList(page);

  // The network is cut; the page reloads from the service worker.
  await context.setOffline(true);
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await expect.poll(() => networkStatus(page).textContent()).toContain('Offline');
  expect(await listRows(page)).toHaveLength(1);
  // Really offline: what is not cached does not load.
  expect(
    await page.evaluate(() =>
      fetch('/packs/CZ042/manifest.json').then(
        (r) => r.ok,
        () => 'failed',
      ),
    ),
  ).not.toBe(true);
  const offlineShot = await saveScreenshot(page, 'field-01-offline-reload');
  const canvas = await pixelStats(page, await mapCanvas(page).screenshot());
  expect(canvas.distinctColours).toBeGreaterThan(3);
  expect(canvas.dominantShare).toBeLessThan(0.95);
  expect(offlineShot.length).toBeGreaterThan(0);

  // A report made offline, 300 m east.
  await context.setGeolocation({ longitude: BOZI_DAR.longitude + 0.0042, latitude: BOZI_DAR.latitude, accuracy: 9 });
  await pressNoSignalHere(page);
  await reportForm(page).getByLabel('Přesný popis lokality').fill('Za kostelem, offline');
  await backToList(page);
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await expect.poll(async () => (await listRows(page)).join('\n')).toContain('Za kostelem, offline');
  expect(await listRows(page)).toHaveLength(2);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Back online: the same two reports after a reload.
  await context.setOffline(false);
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await expect.poll(() => networkStatus(page).textContent()).toContain('Online');
  const rows = (await listRows(page)).join('\n');
  expect(rows).toContain('Za kostelem, offline');
  expect(rows).toContain('Náměstí, online');
  expect(errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([]);
  await context.close();
});

test('stage 2 of the offline copy (the region overview…) is cached after the first interaction and opens offline', async () => {
  const context = await fieldContext({ geolocation: false });
  const { page, errors } = await openApp(browser, undefined, context);
  await waitForServiceWorkerControl(page);
  // Stage 1 (the service worker's precache) does not hold the region overview; stage 2 comes after an interaction.
  const precached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const name of names.filter((n) => n.includes('precache'))) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    return urls;
  });
  expect(precached.some((url) => /\/assets\/ReportForm-/.test(url))).toBe(true);
  expect(precached.some((url) => /\/assets\/RegionOverviewSidebar-/.test(url))).toBe(false);
  await page.getByRole('heading', { name: 'V terénu' }).click();
  await fieldPanel(page)
    .getByText(/Celá aplikace je uložena pro práci bez připojení/)
    .waitFor({ timeout: 60_000 });
  await saveScreenshot(page, 'field-08-offline-stage-2-ready');

  await context.setOffline(true);
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  await page.getByRole('region', { name: 'Vrstva ZSJ' }).waitFor();
  expect(await page.getByText(/Nepodařilo se načíst/).count()).toBe(0);
  // The summary is computed from what is stored (it said only "Načítám hranice obcí…", then that the boundaries
  // could not be loaded, with nothing to do about it).
  const status = page.locator('.analysis-status');
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/\d+ z \d+ hlášení/);
  // The country's boundaries are not stored: the summary says it used the kraj's, and offers to try again.
  expect(await status.textContent()).toContain('souhrn je spočítán z hranic kraje');
  await status.getByRole('button', { name: 'Zkusit znovu' }).waitFor();
  await saveScreenshot(page, 'field-09-region-overview-offline');
  expect(errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([]);
  await context.close();
});

test('a kraj opened online is cached on the way: after switching to it, it loads offline too', async () => {
  const context = await fieldContext({ geolocation: false });
  const { page, errors } = await openApp(browser, undefined, context);
  await waitForServiceWorkerControl(page);
  await page.getByLabel('Kraj', { exact: true }).selectOption({ label: 'Liberecký kraj' });
  await waitForPackShown(page, 'CZ051');
  await context.setOffline(true);
  await page.reload();
  await waitForPackShown(page, 'CZ051');
  expect(await mapCanvas(page).getAttribute('aria-label')).toBe('Mapa – Liberecký kraj');
  await saveScreenshot(page, 'field-06-other-kraj-offline');
  expect(errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([]);
  await context.close();
});

test('a position less accurate than the setting is saved and flagged; denied permission is explained in Czech', async () => {
  const context = await fieldContext({ geolocation: true });
  const { page } = await openApp(browser, undefined, context);
  await context.setGeolocation({ ...BOZI_DAR, accuracy: 180 });
  await pressNoSignalHere(page);
  await reportForm(page).getByText('Poloha je nepřesná (±180 m, nastaveno nejvýše 50 m).', { exact: false }).waitFor();
  await saveScreenshot(page, 'field-02-inaccurate');
  await backToList(page);
  expect((await listRows(page)).join('\n')).toContain('nepřesná poloha');
  await context.close();

  const denied = await fieldContext({ geolocation: false });
  const opened = await openApp(browser, undefined, denied);
  await fieldPanel(opened.page).getByRole('button', { name: 'Tady není signál' }).click();
  const alert = fieldPanel(opened.page).getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('Aplikace nemá povolení zjistit polohu.');
  expect(await listRows(opened.page)).toEqual([]);
  await saveScreenshot(opened.page, 'field-03-permission-denied');
  expect(await seriousAxeViolations(opened.page)).toEqual([]);
  await denied.close();
});

test('a route recorded by moving: the stretch marked without signal becomes a line report', async () => {
  const context = await fieldContext({ geolocation: true });
  const { page, errors } = await openApp(browser, undefined, context);
  const panel = fieldPanel(page);
  await panel.getByRole('button', { name: 'Nahrávat trasu' }).click();
  // Each step waits until the recorder has taken the new position (a busy machine coalesces quick updates).
  const recordedPoints = async () =>
    Number(/Nahrávám trasu: (\d+)/.exec((await panel.locator('.route-recorder').getByRole('status').textContent()) ?? '')?.[1] ?? 0);
  const walk = async (metresEast: number) => {
    const before = await recordedPoints();
    await context.setGeolocation({ longitude: BOZI_DAR.longitude + metresEast / 71_100, latitude: BOZI_DAR.latitude + metresEast / 500_000, accuracy: 8 });
    if (metresEast > 0) await expect.poll(recordedPoints, { timeout: 10_000 }).toBeGreaterThan(before);
  };
  await walk(0);
  const toggle = panel.getByRole('button', { name: 'Bez signálu od teď' });
  await expect.poll(() => toggle.isEnabled()).toBe(true);
  await walk(40);
  await toggle.click();
  for (let metres = 60; metres <= 400; metres += 20) await walk(metres);
  await expect
    .poll(async () => (await panel.locator('.route-recorder').getByRole('status').textContent()) ?? '')
    .toMatch(/Zaznamenávám úsek bez signálu \((1[5-9]|[2-9]\d) bodů\)/);
  await saveScreenshot(page, 'field-04-recording');
  await panel.getByRole('button', { name: 'Signál je zpět' }).click();
  await walk(450);
  await panel.getByRole('button', { name: 'Ukončit záznam' }).click();
  await panel.getByText('Uložená hlášení z úseků bez signálu: 1.').waitFor();
  const rows = await listRows(page);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain('Boží Dar');
  expect(rows[0]).toContain('Úsek');
  expect(errors).toEqual([]);
  await context.close();
});

test('GPX files chosen or dropped become line reports; a broken one is refused with a Czech reason', async () => {
  const context = await fieldContext({ geolocation: false });
  const { page, errors } = await openApp(browser, undefined, context);
  const panel = fieldPanel(page);
  await panel.getByLabel('Importovat GPX').setInputFiles(resolve(FIXTURES, 'garmin-two-segments.gpx'));
  await panel.getByText('Ze souboru garmin-two-segments.gpx vznikla hlášení: 2.').waitFor();
  let rows = await listRows(page);
  expect(rows).toHaveLength(2);
  expect(rows.every((row) => row.includes('Úsek') && row.includes('Boží Dar – Ryžovna'))).toBe(true);

  await dropFiles(page, [{ name: 'jachymov.gpx', text: readFileSync(resolve(FIXTURES, 'osmand-track-route-waypoint.gpx'), 'utf8') }]);
  await panel.getByText('Ze souboru jachymov.gpx vznikla hlášení: 3.').waitFor();
  rows = await listRows(page);
  expect(rows).toHaveLength(5);
  expect(rows.join('\n')).toContain('Tady nic & nikde');

  await panel.getByLabel('Importovat GPX').setInputFiles(resolve(FIXTURES, 'broken-cut-off.gpx'));
  await panel.getByRole('alert').getByText('Soubor broken-cut-off.gpx nelze načíst: Soubor není platné XML', { exact: false }).waitFor();
  expect(await listRows(page)).toHaveLength(5);
  await saveScreenshot(page, 'field-05-gpx');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByRole('group', { name: 'Jazyk' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('region', { name: 'In the field' }).getByRole('button', { name: 'No signal here' }).waitFor();
  expect(await networkStatus(page).textContent()).toContain('This says nothing about the mobile signal');
  expect(errors).toEqual([]);
  await context.close();
});

/** The build the e2e server serves (tests/e2e/globalSetup.ts). */
const E2E_BUILD = resolve(import.meta.dirname, '../../node_modules/.cache/hlucha-mista-e2e');

test.skipIf(process.env.HLUCHA_E2E_BASE_URL !== undefined)('a new version waits and is offered; "Aktualizovat" saves the text being typed first', async () => {
  const context = await fieldContext({ geolocation: true });
  const { page } = await openApp(browser, undefined, context);
  await waitForServiceWorkerControl(page);
  await pressNoSignalHere(page);
  const description = reportForm(page).getByLabel('Přesný popis lokality');
  await description.fill('Rozepsáno před aktualizací');
  // A new version is deployed: the service worker script changes; the page finds it when it checks.
  const swPath = resolve(E2E_BUILD, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  try {
    writeFileSync(swPath, `${original}\n// next version ${Date.now()}\n`);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.update()));
    const banner = page.getByRole('region', { name: 'Nová verze je připravena' });
    await banner.waitFor({ timeout: 60_000 });
    await saveScreenshot(page, 'field-07-update-offered');
    // Still typing: the text field has not been left yet.
    expect(await description.evaluate((element) => element === document.activeElement)).toBe(true);
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), banner.getByRole('button', { name: 'Aktualizovat' }).click()]);
    await waitForPackShown(page, 'CZ041');
    await expect.poll(async () => (await listRows(page)).join('\n')).toContain('Rozepsáno před aktualizací');
    expect(await page.getByRole('region', { name: 'Nová verze je připravena' }).count()).toBe(0);
  } finally {
    writeFileSync(swPath, original);
    await context.close();
  }
});

test('the app can be installed: a manifest with a Czech name and icons, a service worker', async () => {
  const response = await fetch(new URL('manifest.webmanifest', baseUrl()));
  const manifest = (await response.json()) as { name: string; lang: string; display: string; start_url: string; icons: Array<{ sizes: string; type: string }> };
  expect(manifest).toMatchObject({ name: 'Hluchá místa', lang: 'cs', display: 'standalone', start_url: '/' });
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons as Array<{ src?: string }>) expect((await fetch(new URL(icon.src!, baseUrl()))).ok).toBe(true);
  expect((await fetch(new URL('sw.js', baseUrl()))).ok).toBe(true);
});
