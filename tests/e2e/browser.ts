/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by playwright-core (see
 * /work/shared/BROWSER-TESTING.md), no network beyond the app's own server, and a person's view of the map.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { MapTestHook } from '../../src/map/testHook.ts';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, 'screenshots');

/** The launch flags that work as root with no GPU and no network (see ../shared/BROWSER-TESTING.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function baseUrl(): string {
  return inject('baseUrl');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export interface OpenedApp {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/** Opens the app in a fresh context (Czech locale, desktop size) and waits until the map has drawn. */
export async function openApp(browser: Browser, viewport = { width: 1280, height: 800 }, existing?: BrowserContext): Promise<OpenedApp> {
  // A test may prepare its own context (e.g. init scripts); otherwise a fresh one (a fresh IndexedDB, too).
  const context = existing ?? (await browser.newContext({ viewport, locale: 'cs-CZ', reducedMotion: 'reduce' }));
  const base = new URL(baseUrl());
  // No test may depend on the web: everything not served by the app's own server is refused.
  await context.route(
    (url) => url.host !== base.host,
    (route) => route.abort(),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(baseUrl());
  await waitForPackShown(page, 'CZ041');
  return { page, errors };
}

/** Waits until the map draws the given kraj's pack ("CZ041") and has finished rendering it. */
export async function waitForPackShown(page: Page, packId: string): Promise<void> {
  await page.locator(`.map-canvas[data-shown-pack="${packId}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await waitForMapIdle(page);
}

/** The map landmark, found as a person using a screen reader would. */
export function mapRegion(page: Page): Locator {
  return page.getByRole('region', { name: /^(Mapa|Map)$/ });
}

export function mapCanvas(page: Page): Locator {
  return mapRegion(page).locator('canvas.maplibregl-canvas');
}

/** Waits until the map is still and has rendered everything, stable for a few frames. */
export async function waitForMapIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolveIdle) => {
        const hook: MapTestHook | undefined = window.__hluchaMistaMap;
        const idleNow = () => hook?.isIdle() === true && document.querySelector('[data-map-idle="true"]') !== null;
        if (!idleNow()) return resolveIdle(false);
        setTimeout(() => resolveIdle(idleNow()), 250);
      }),
    undefined,
    { timeout, polling: 100 },
  );
}

/** Clicks the map where [lon, lat] is drawn. */
export async function clickMapAt(page: Page, lon: number, lat: number): Promise<void> {
  const position = await page.evaluate(([x, y]) => window.__hluchaMistaMap!.project(x, y), [lon, lat] as const);
  await mapCanvas(page).click({ position });
}

export async function saveScreenshot(target: Page | Locator, name: string): Promise<Buffer> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return target.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

export interface PixelStats {
  width: number;
  height: number;
  /** Distinct colours after quantising each channel to 4 bits. */
  distinctColours: number;
  /** Share of the most frequent (quantised) colour, 0…1. */
  dominantShare: number;
}

/** Decodes a PNG in the browser and counts its colours: an all-one-colour canvas is a failure. */
export async function pixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const pixels = data.length / 4;
    return {
      width: canvas.width,
      height: canvas.height,
      distinctColours: counts.size,
      dominantShare: Math.max(...counts.values()) / pixels,
    };
  }, png.toString('base64'));
}

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Drops several files on the page at once, as from a file manager. */
export async function dropFiles(page: Page, files: Array<{ name: string; text: string }>): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const { name, text } of list) data.items.add(new File([text], name, { type: 'application/geo+json' }));
    return data;
  }, files);
  await page.locator('main').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
}
