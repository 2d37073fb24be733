/**
 * Issue 16, item 16: the region overview draws a road stretch and an area as their shapes (from SHAPE_ZOOM, where
 * they are legible), not as single dots, so a coordinator deciding a merge sees where they run and overlap.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, saveScreenshot, waitForMapIdle } from './browser.ts';
import { chooseMyObec, clickCanvas, interiorPoint, KARLOVY_VARY, project, reportForm, tool } from './reports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function finish(page: Page, description: string): Promise<void> {
  const form = reportForm(page);
  await form.getByLabel('Přesný popis lokality').fill(description);
  await form.getByRole('checkbox', { name: 'Nelze se dovolat' }).check();
  await form.getByRole('checkbox', { name: 'O2' }).check();
  await form.getByRole('button', { name: 'Hotovo' }).click();
  await page.getByRole('status').filter({ hasText: 'Hlášení uloženo' }).waitFor();
}

const rendered = (page: Page, layers: string[]) => page.evaluate((ids) => window.__hluchaMistaMap!.rendered(ids).map((f) => f.properties), layers);

test('a road stretch and an area are drawn as shapes in "Přehled kraje" from zoom 11, as dots below it', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
  const c = await project(page, lon, lat);

  await tool(page, 'Úsek').click();
  for (const position of [
    { x: c.x - 160, y: c.y - 40 },
    { x: c.x - 20, y: c.y - 60 },
    { x: c.x + 120, y: c.y - 70 },
    { x: c.x + 120, y: c.y - 70 },
  ])
    await clickCanvas(page, position);
  await finish(page, 'Silnice na Doubí');
  await tool(page, 'Oblast').click();
  for (const position of [
    { x: c.x - 60, y: c.y + 40 },
    { x: c.x + 60, y: c.y + 40 },
    { x: c.x + 60, y: c.y + 120 },
    { x: c.x - 60, y: c.y + 120 },
    { x: c.x - 60, y: c.y + 40 },
  ])
    await clickCanvas(page, position);
  await finish(page, 'Údolí pod lázněmi');

  await page.getByRole('button', { name: 'Přehled kraje' }).click();
  const layers = ['coordinator-shape-line', 'coordinator-shape-fill'];
  await page.evaluate(([x, y]) => window.__hluchaMistaMap!.jumpTo(x, y, 12.5), [lon, lat] as const);
  await waitForMapIdle(page);
  // The overview's analysis runs first (the kraj's lookup geometry on a busy machine takes a while).
  await page.locator('.map-canvas[data-localities]').waitFor({ state: 'attached', timeout: 90_000 });
  await expect.poll(async () => (await rendered(page, layers)).map((p) => p.kind).sort(), { timeout: 30_000 }).toEqual(['area', 'area', 'line']); // the area's outline and its fill, the road's line
  await saveScreenshot(page, 'region-overview-shapes');

  // Zoomed out to the kraj: dots and clusters only.
  await page.evaluate(([x, y]) => window.__hluchaMistaMap!.jumpTo(x, y, 9), [lon, lat] as const);
  await waitForMapIdle(page);
  expect(await rendered(page, layers)).toEqual([]);
  expect(errors).toEqual([]);
}, 180_000);
