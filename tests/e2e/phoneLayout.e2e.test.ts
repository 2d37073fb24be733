/**
 * The phone layout (issue 17, section 3), at 390 × 844 with touch (Playwright's mobile emulation): a compact
 * header, map / field mode / list / form switched by a bottom bar, "Tady není signál" on the first screen of field
 * mode, the map and the route controls visible together, touch hints, 44 px targets, nothing overlapped. And the
 * laptop layout as it was: map and sidebar side by side, the header's controls in view, no bottom bar.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapRegion, openApp, pixelStats, saveScreenshot, seriousAxeViolations, waitForMapIdle } from './browser.ts';
import { reportForm, reportTable } from './reports.ts';

const PHONE = { width: 390, height: 844 };
const BOZI_DAR = { longitude: 12.9245, latitude: 50.4098 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function phoneContext(): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
    locale: 'cs-CZ',
    reducedMotion: 'reduce',
    permissions: ['geolocation'],
    geolocation: { ...BOZI_DAR, accuracy: 8 },
  });
}

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${String(locator)} is not shown`);
  return found;
}

/** Wholly within the first screen (the viewport, above the bottom bar when there is one). */
async function onFirstScreen(page: Page, locator: Locator, aboveBar = true): Promise<void> {
  const b = await box(locator);
  const bar = await page.getByRole('navigation', { name: 'Zobrazení' }).boundingBox();
  const bottom = bar && aboveBar ? bar.y : PHONE.height;
  expect(b.x, String(locator)).toBeGreaterThanOrEqual(0);
  expect(b.y, String(locator)).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, String(locator)).toBeLessThanOrEqual(PHONE.width + 0.5);
  expect(b.y + b.height, String(locator)).toBeLessThanOrEqual(bottom + 0.5);
}

/** Nothing lies over the element: the topmost element at its centre and corners is the element or inside it. */
async function notOverlapped(locator: Locator, centreOnly = false): Promise<void> {
  const covered = await locator.evaluate((element, onlyCentre) => {
    const r = element.getBoundingClientRect();
    const points = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + Math.min(12, r.width / 4), r.top + Math.min(12, r.height / 4)],
      [r.right - Math.min(12, r.width / 4), r.bottom - Math.min(12, r.height / 4)],
    ].slice(0, onlyCentre ? 1 : 3);
    return points
      .map(([x, y]) => document.elementFromPoint(x!, y!))
      .filter((top) => !(top && (top === element || element.contains(top))))
      .map((top) => (top ? `${top.tagName}.${top.className}` : 'nothing'));
  }, centreOnly);
  expect(covered, String(locator)).toEqual([]);
}

async function targetsAtLeast44(locator: Locator): Promise<void> {
  const small = await locator.evaluateAll((elements) =>
    elements
      .filter((element) => (element as HTMLElement).offsetParent !== null)
      .map((element) => ({ text: element.textContent?.trim() ?? '', r: element.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 43.5 || r.height < 43.5)
      .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
}

function tab(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Zobrazení' }).getByRole('button', { name });
}

test('phone: compact header, the map first, the bottom bar, touch hints', async () => {
  const context = await phoneContext();
  const { page, errors } = await openApp(browser, undefined, context);
  const header = page.locator('header.app-header');
  expect((await box(header)).height).toBeLessThanOrEqual(64);
  const bar = page.getByRole('navigation', { name: 'Zobrazení' });
  await onFirstScreen(page, bar, false);
  expect(await tab(page, 'Mapa').getAttribute('aria-current')).toBe('page');
  await targetsAtLeast44(bar.getByRole('button'));
  // The map fills the screen between the toolbar and the bottom bar.
  const map = await box(mapRegion(page));
  expect(map.height).toBeGreaterThan(550);
  await onFirstScreen(page, mapRegion(page));
  await notOverlapped(page.getByRole('toolbar', { name: 'Hlášení hluchých míst' }));
  await targetsAtLeast44(page.getByRole('toolbar', { name: 'Hlášení hluchých míst' }).getByRole('button'));
  // The hint speaks of fingers, not keys.
  const hint = page.locator('#map-keyboard-hint');
  expect(await hint.textContent()).toContain('tažením prstem');
  expect(await hint.textContent()).not.toContain('Šipkami');
  expect(await hint.isVisible()).toBe(true);
  // The network status stays in the header; the rest behind "Nabídka".
  expect(await header.locator('.network-status').isVisible()).toBe(true);
  expect(await page.getByRole('combobox', { name: 'Hledat obec' }).isVisible()).toBe(false);
  const png = await saveScreenshot(page, 'phone-1-map');
  expect((await pixelStats(page, png)).distinctColours).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Nabídka' }).tap();
  expect(await page.getByRole('button', { name: 'Nabídka' }).getAttribute('aria-expanded')).toBe('true');
  await onFirstScreen(page, page.getByRole('combobox', { name: 'Hledat obec' }));
  await saveScreenshot(page, 'phone-2-menu');
  await page.getByRole('button', { name: 'Nabídka' }).tap();
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);

test('phone: field mode — "Tady není signál" on the first screen, the map and the route controls together', async () => {
  const context = await phoneContext();
  const { page, errors } = await openApp(browser, undefined, context);
  await tab(page, 'V terénu').tap();
  const noSignal = page.getByRole('button', { name: 'Tady není signál' });
  await onFirstScreen(page, noSignal);
  await notOverlapped(noSignal);
  await onFirstScreen(page, mapRegion(page));
  expect((await box(mapRegion(page))).height).toBeGreaterThan(250);
  await onFirstScreen(page, page.getByRole('button', { name: 'Nahrávat trasu' }));
  await saveScreenshot(page, 'phone-3-field');

  // Recording: the map (with the track) and the buttons on one screen.
  await page.getByRole('button', { name: 'Nahrávat trasu' }).tap();
  const mark = page.getByRole('button', { name: 'Bez signálu od teď' });
  await mark.waitFor();
  await onFirstScreen(page, mark);
  await notOverlapped(mark);
  await onFirstScreen(page, page.getByRole('button', { name: 'Ukončit záznam' }));
  await onFirstScreen(page, mapRegion(page));
  // The map's own controls (zoom, attribution) sit in its corners; its middle is free.
  await notOverlapped(mapRegion(page).locator('canvas'), true);
  expect(await tab(page, 'V terénu').textContent()).toContain('záznam');
  await waitForMapIdle(page);
  await saveScreenshot(page, 'phone-4-recording');
  await page.getByRole('button', { name: 'Ukončit záznam' }).tap();

  // "Tady není signál": the report is made and its form opens on the "Hlášení" tab.
  await noSignal.tap();
  await reportForm(page).waitFor({ timeout: 30_000 });
  expect(await tab(page, 'Hlášení').getAttribute('aria-current')).toBe('page');
  await onFirstScreen(page, reportForm(page).getByRole('button', { name: 'Zpět na seznam' }));
  await onFirstScreen(page, reportForm(page).getByRole('heading', { level: 2 }));
  await saveScreenshot(page, 'phone-5-form');
  expect(await seriousAxeViolations(page)).toEqual([]);
  // Back: to field mode, where the report was made.
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).tap();
  expect(await tab(page, 'V terénu').getAttribute('aria-current')).toBe('page');
  // The list: "Moje obec" and the report in it.
  await tab(page, 'Seznam').tap();
  await onFirstScreen(page, page.getByRole('combobox', { name: 'Vyberte svou obec' }));
  await reportTable(page).waitFor();
  expect(await reportTable(page).locator('tbody tr').count()).toBe(1);
  await saveScreenshot(page, 'phone-6-list');
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);

test('laptop: the layout as before — map and sidebar side by side, header controls in view, no bottom bar, keyboard hint', async () => {
  const { page, errors } = await openApp(browser);
  expect(await page.getByRole('navigation', { name: 'Zobrazení' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Nabídka' }).isVisible()).toBe(false);
  expect(await page.getByRole('combobox', { name: 'Hledat obec' }).isVisible()).toBe(true);
  const map = await box(mapRegion(page));
  const sidebar = await box(page.getByRole('complementary'));
  expect(sidebar.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
  expect(await page.getByRole('button', { name: 'Tady není signál' }).isVisible()).toBe(true);
  expect(await page.locator('#map-keyboard-hint').textContent()).toContain('Šipkami');
  await saveScreenshot(page, 'laptop-layout');
  expect(errors).toEqual([]);
}, 240_000);

/** The document itself never scrolls on a phone: only the panel between the header and the bottom bar does. */
async function documentScroll(page: Page): Promise<{ top: number; overflow: number; headerTop: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const header = document.querySelector('header.app-header');
    return {
      top: root.scrollTop,
      overflow: root.scrollHeight - root.clientHeight,
      headerTop: header ? Math.round(header.getBoundingClientRect().top) : Number.NaN,
    };
  });
}

test('a laptop window narrowed to a phone (or a phone turned upright): no page scroll left over, the header at the top', async () => {
  const { page, errors } = await openApp(browser);
  // What a person does on the laptop that scrolls things: the skip link, a long sidebar scrolled to its end.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('complementary').evaluate((sidebar) => sidebar.lastElementChild?.scrollIntoView());
  expect(await documentScroll(page)).toEqual({ top: 0, overflow: 0, headerTop: 0 });
  await page.setViewportSize(PHONE);
  await page.getByRole('navigation', { name: 'Zobrazení' }).waitFor();
  for (const name of ['Mapa', 'V terénu', 'Seznam']) {
    await tab(page, name).click();
    expect(await documentScroll(page), name).toEqual({ top: 0, overflow: 0, headerTop: 0 });
  }
  // The bottom bar ends at the screen's bottom edge (no band under it).
  const bar = await box(page.getByRole('navigation', { name: 'Zobrazení' }));
  expect(Math.abs(bar.y + bar.height - PHONE.height)).toBeLessThanOrEqual(1);
  await saveScreenshot(page, 'phone-7-after-resize');
  expect(errors).toEqual([]);
}, 240_000);
