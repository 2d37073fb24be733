/**
 * Many reports in the "Hlášení" view: 5,000 demo reports imported as an obec file are drawn as clusters with
 * their counts (every report counted once); Enter on a cluster under the crosshair and a click on a cluster zoom
 * in; a single report is then clicked and opens in the form, highlighted on the map and in step with the list.
 * axe-core with the clusters shown.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDemoReports } from '../../src/core/demo/generateDemoReports.ts';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { DETAIL_ZOOM, REPORT_LAYER } from '../../src/map/reportLayers.ts';
import { launchBrowser, mapCanvas, openApp, pixelStats, saveScreenshot, seriousAxeViolations, waitForMapIdle } from './browser.ts';
import { mapReportCount, reportForm, reportTable } from './reports.ts';

const COUNT = 5000;
const NOW = '2026-11-20T09:00:00.000Z';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function demoFile(): { name: string; text: string; firstId: string } {
  const index = ObecIndex.fromCollection(readObce('CZ041'), { coverage: 'pack' });
  const reports = generateDemoReports(index, { count: COUNT, seed: 7, now: NOW, krajNuts3: 'CZ041' });
  return {
    name: 'hlaseni-kraj.geojson',
    text: exportObecFile(reports, { obec: null, signOff: null, exportedAt: NOW, appVersion: 'test' }),
    firstId: reports[0]!.id,
  };
}

type Rendered = Array<{ x: number; y: number; lon: number; lat: number; properties: Record<string, unknown> }>;

function rendered(page: Page, layers: string[]): Promise<Rendered> {
  return page.evaluate((names) => window.__hluchaMistaMap!.rendered(names), layers);
}

function zoom(page: Page): Promise<number> {
  return page.evaluate(() => window.__hluchaMistaMap!.zoom());
}

test('5,000 reports: clusters with counts, Enter and a click zoom in, a single report opens', async () => {
  const { page, errors } = await openApp(browser);
  // A cluster whose count image could not be drawn would show an empty circle: MapLibre warns about it.
  const missingImages: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().includes('could not be loaded')) missingImages.push(message.text());
  });
  const file = demoFile();
  await page.getByRole('button', { name: 'Importovat', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import souborů obcí' });
  await dialog.getByLabel('Vyberte soubory (GeoJSON)').setInputFiles({ name: file.name, mimeType: 'application/geo+json', buffer: Buffer.from(file.text) });
  await dialog.getByText(/Přidáno\s*5\s?000/).waitFor({ timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();
  await expect.poll(() => mapReportCount(page), { timeout: 60_000 }).toBe(COUNT);
  expect(await page.locator('.map-canvas').getAttribute('data-reports-clustered')).toBe('true');
  await waitForMapIdle(page, 60_000);

  // The whole kraj in view: clusters and single points; every report is counted exactly once.
  const clusters = await rendered(page, [REPORT_LAYER.clusters]);
  const singles = await rendered(page, [REPORT_LAYER.clusterPoint]);
  expect(clusters.length).toBeGreaterThan(5);
  expect(clusters.length).toBeLessThan(400);
  expect(clusters.reduce((sum, c) => sum + Number(c.properties.point_count), 0) + singles.length).toBe(COUNT);
  // Below DETAIL_ZOOM no report's own shape is drawn (that is what keeps the map light).
  expect(await zoom(page)).toBeLessThan(DETAIL_ZOOM);
  expect(await rendered(page, [REPORT_LAYER.point])).toEqual([]);
  const png = await saveScreenshot(page, '70-many-reports-clusters');
  expect((await pixelStats(page, png)).distinctColours).toBeGreaterThan(20);
  // The keyboard hint says how to open a cluster, and that the list has every report.
  await expect.poll(() => page.locator('#map-keyboard-hint').textContent()).toContain('Enter na kroužku pod křížkem mapu přiblíží');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Keyboard: the largest cluster under the crosshair, Enter zooms in (and describes no place).
  const largest = [...clusters].sort((a, b) => Number(b.properties.point_count) - Number(a.properties.point_count))[0]!;
  await page.evaluate(([lon, lat]) => window.__hluchaMistaMap!.centreOn(lon, lat), [largest.lon, largest.lat] as const);
  await waitForMapIdle(page);
  const before = await zoom(page);
  await mapCanvas(page).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => zoom(page), { timeout: 10_000 }).toBeGreaterThan(before + 0.5);
  await waitForMapIdle(page, 60_000);

  // Mouse: clusters nearest the centre clicked until single reports are drawn; then one of them is clicked.
  let single: Rendered[number] | undefined;
  for (let step = 0; step < 10 && !single; step++) {
    const box = (await mapCanvas(page).boundingBox())!;
    const centre = { x: box.width / 2, y: box.height / 2 };
    const near = (list: Rendered) =>
      list
        .filter((f) => f.x > 30 && f.y > 30 && f.x < box.width - 30 && f.y < box.height - 30)
        .sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y));
    single = near(await rendered(page, [REPORT_LAYER.clusterPoint, REPORT_LAYER.point]))[0];
    if (single) break;
    const cluster = near(await rendered(page, [REPORT_LAYER.clusters]))[0];
    expect(cluster, `a cluster in view at step ${step}`).toBeDefined();
    const zoomBefore = await zoom(page);
    await mapCanvas(page).click({ position: { x: cluster!.x, y: cluster!.y } });
    await expect.poll(() => zoom(page), { timeout: 10_000 }).toBeGreaterThan(zoomBefore);
    await waitForMapIdle(page, 60_000);
  }
  expect(single).toBeDefined();
  const id = String(single!.properties.id);
  await mapCanvas(page).click({ position: { x: single!.x, y: single!.y } });
  await reportForm(page).waitFor();
  expect(await reportForm(page).getByLabel('Přesný popis lokality').inputValue()).not.toBe('');
  // Highlighted on the map: drawn by the selected layers below DETAIL_ZOOM, by the usual ones from it.
  await waitForMapIdle(page);
  const drawnBy =
    (await zoom(page)) < DETAIL_ZOOM
      ? [REPORT_LAYER.selectedPoint, REPORT_LAYER.selectedLine, REPORT_LAYER.selectedFill]
      : [REPORT_LAYER.point, REPORT_LAYER.line, REPORT_LAYER.lineDemo, REPORT_LAYER.polygonLine, REPORT_LAYER.polygonLineDemo];
  expect((await rendered(page, drawnBy)).map((f) => f.properties.id)).toContain(id);
  // The keyboard hint shown while the map has the focus would cover part of the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await saveScreenshot(page, '71-many-reports-selected');

  // In step with the list: back to the list, the report is there among 5,000.
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();
  await reportTable(page).waitFor();
  expect(
    await page
      .getByText(/5\s?000/)
      .first()
      .isVisible(),
  ).toBe(true);
  expect(missingImages).toEqual([]);
  expect(errors).toEqual([]);
});
