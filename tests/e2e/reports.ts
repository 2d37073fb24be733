/**
 * Helpers for the report e2e tests: choose "Moje obec", draw with the toolbar's tools by clicking the map where
 * places are drawn, and read what the list and the form show.
 */
import { pointOnFeature } from '@turf/turf';
import type { Locator, Page } from 'playwright-core';
import type { ObceCollection } from '../../src/core/packs/packFormat.ts';
import { baseUrl, mapCanvas, waitForMapIdle } from './browser.ts';

export const KARLOVY_VARY = '554961';

/** A point surely inside an obec as drawn. */
export async function interiorPoint(packId: string, kod: string): Promise<[number, number]> {
  const response = await fetch(new URL(`packs/${packId}/obce.display.geojson`, baseUrl()));
  const obce = (await response.json()) as ObceCollection;
  const feature = obce.features.find((f) => f.properties.kod === kod);
  if (!feature) throw new Error(`obec ${kod} is missing from the ${packId} pack`);
  const [lon = NaN, lat = NaN] = pointOnFeature(feature).geometry.coordinates;
  return [lon, lat];
}

/** Chooses "Moje obec" by typing its name and picking the first suggestion; waits for the map to settle. */
export async function chooseMyObec(page: Page, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: /Vyberte svou obec|Choose your municipality/ });
  await box.fill(name);
  await page
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
  await page
    .getByRole('region', { name: /Moje obec|My municipality/ })
    .getByText(name)
    .first()
    .waitFor();
  await waitForMapIdle(page);
}

/** Pixel position of [lon, lat] on the map canvas. */
export async function project(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([x, y]) => window.__hluchaMistaMap!.project(x, y), [lon, lat] as const);
}

/** Clicks the map canvas at a pixel position (the way a person clicks: down, up). */
export async function clickCanvas(page: Page, position: { x: number; y: number }): Promise<void> {
  await mapCanvas(page).click({ position, delay: 30 });
  // terra-draw handles pointer events synchronously; give the map a frame to draw.
  await page.waitForTimeout(120);
}

export function toolbar(page: Page): Locator {
  return page.getByRole('toolbar', { name: /Hlášení hluchých míst|Dead-zone reports/ });
}

export function tool(page: Page, name: RegExp | string): Locator {
  return toolbar(page).getByRole('button', { name, exact: typeof name === 'string' });
}

/** The open report form (a region named by its heading). */
export function reportForm(page: Page): Locator {
  return page.locator('section.report-form');
}

export function reportTable(page: Page): Locator {
  return page.getByRole('table', { name: /Hlášení hluchých míst|Dead-zone reports/ });
}

/** The rows of the report table as text, in the order shown. */
export async function listRows(page: Page): Promise<string[]> {
  const rows = reportTable(page).locator('tbody tr');
  return rows.allInnerTexts();
}

/** How many reports the map's source holds (set by the map controller). */
export async function mapReportCount(page: Page): Promise<number> {
  return Number((await page.locator('.map-canvas').getAttribute('data-report-count')) ?? '0');
}

/** Waits until the storage status says everything is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /Uloženo v prohlížeči|Saved in this browser/ })
    .waitFor();
}

/** Presses Tab until the target has the focus (at most `max` times); fails otherwise. */
export async function tabTo(page: Page, target: Locator, max = 80, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${String(target)} never got the focus after ${max} × ${key}`);
}
