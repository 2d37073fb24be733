/**
 * NetTest measurements in "Přehled kraje" end to end: drop a generated NetTest CSV → summary with the skip counts;
 * drop a ZIP → added without duplicates; choose a large file → the progress bar moves while the page answers;
 * the hexagon layer is drawn (screenshot, non-blank); the Ostrov locality's evidence meter counts the failed
 * measurements and lists them; reload → still there; the package download has mereni.csv with their
 * open_test_uuids; English; axe-core.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seededRandom } from '../../src/core/random/seededRandom.ts';
import { generateNettestRows, nettestCsv, type GeneratedRow } from '../support/nettestGenerator.ts';
import { dropFiles, launchBrowser, mapCanvas, openApp, pixelStats, saveScreenshot, seriousAxeViolations, waitForMapIdle } from './browser.ts';
import { reviewFixture } from './reviewFixtures.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const OSTROV: [number, number] = [13.0, 50.3];
const KV_SCHOOL: [number, number] = [12.87, 50.23];

async function analysed(page: Page, localities: number): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`\\d+ z \\d+ hlášení, ${localities} lokalit[ay]?`) })
    .waitFor({ timeout: 60_000 });
  await waitForMapIdle(page);
}

/** Drops files with binary content (a ZIP) on the page, as from a file manager. */
async function dropBinary(page: Page, files: Array<{ name: string; bytes: Uint8Array; type: string }>): Promise<void> {
  const list = files.map((f) => ({ name: f.name, type: f.type, base64: Buffer.from(f.bytes).toString('base64') }));
  const transfer = await page.evaluateHandle((items) => {
    const data = new DataTransfer();
    for (const { name, type, base64 } of items) {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      data.items.add(new File([bytes], name, { type }));
    }
    return data;
  }, list);
  await page.locator('main').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(await file.path())) };
}

/** Many measurements spread over the Karlovarský kraj (none near the localities' reports). */
function spreadRows(count: number): GeneratedRow[] {
  const random = seededRandom(77);
  const rows = generateNettestRows({ seed: 78, around: [[12.6, 50.15]], perPoint: count, prefix: 'S', spreadM: 1 });
  return rows.map((row) => ({ ...row, lon: 12.55 + random() * 0.5, lat: 50.05 + random() * 0.12 }));
}

test('NetTest measurements: import with summary and progress, hexagon layer, evidence at a locality, reload, package', async () => {
  const fixture = reviewFixture();
  const { page, errors } = await openApp(browser);
  const sidebar = page.getByRole('complementary');
  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  await dropFiles(page, fixture.files);
  await sidebar.getByRole('status').filter({ hasText: 'Importováno souborů: 3' }).waitFor({ timeout: 60_000 });
  await analysed(page, 4);

  // 1. A CSV dropped on the window: weak measurements at Ostrov, some at the school, and rows that are not drawn.
  const atOstrov = generateNettestRows({ seed: 31, around: [OSTROV], perPoint: 20, weakShare: 1, spreadM: 40, withSkipped: true });
  const atSchool = generateNettestRows({ seed: 32, around: [KV_SCHOOL], perPoint: 10, weakShare: 0, spreadM: 40, prefix: 'K' });
  await dropFiles(page, [{ name: 'nettest-2026-10.csv', text: nettestCsv([...atOstrov, ...atSchool]) }]);
  const measurements = sidebar.getByRole('region', { name: 'Měření NetTest' });
  const summary = measurements.getByTestId('measurement-summary');
  await summary.waitFor({ timeout: 60_000 });
  const text = (await summary.textContent()) ?? '';
  expect(text).toContain('Přečteno řádků: 34, zakresleno měření: 30.');
  expect(text).toContain('bez polohy: 1');
  expect(text).toContain('mimo Česko: 1');
  expect(text).toContain('označeno jako nevěrohodné (implausible): 1');
  expect(text).toContain('WLAN nebo LAN, ne mobilní síť: 1');
  expect(text).toContain('Nových měření: 30');
  await measurements.getByText('Načteno 30 měření (nettest-2026-10.csv).').waitFor();

  // 2. A ZIP: ten new measurements at the school and five already loaded.
  const more = generateNettestRows({ seed: 33, around: [KV_SCHOOL], perPoint: 10, weakShare: 0, prefix: 'Z' });
  const zip = zipSync({ 'nettest-2026-11.csv': strToU8(nettestCsv([...more, ...atSchool.slice(0, 5)])) });
  await dropBinary(page, [{ name: 'nettest-2026-11.zip', bytes: zip, type: 'application/zip' }]);
  await measurements.getByText('Načteno 40 měření').waitFor({ timeout: 60_000 });
  expect(await summary.textContent()).toContain('Nových měření: 10; už načtených (stejné open_test_uuid): 5. Celkem načteno: 40.');
  // A ZIP without NetTest data inside: a Czech reason, nothing lost.
  await dropBinary(page, [{ name: 'seznam.zip', bytes: zipSync({ 'seznam.csv': strToU8('Kód obce;Název\r\n1;Aš\r\n') }), type: 'application/zip' }]);
  await summary.getByText('Archiv ZIP neobsahuje žádný soubor CSV s měřeními NetTest').waitFor({ timeout: 60_000 });
  await measurements.getByText('Načteno 40 měření').waitFor();

  // 3. A large file by the chooser: the progress bar moves (watched in the page) and the page keeps answering.
  const dir = mkdtempSync(path.join(tmpdir(), 'hm-nettest-'));
  const large = path.join(dir, 'nettest-velky.csv');
  writeFileSync(large, nettestCsv(spreadRows(200_000)));
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="Průběh importu měření"]') as HTMLProgressElement | null;
      if (bar) seen.push(bar.value / bar.max);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  // The file chooser's label is its button and shows the keyboard focus of the hidden input (WCAG 2.4.7).
  await measurements.getByLabel('Importovat měření NetTest').focus();
  const focusOutline = await measurements
    .locator('label.file-button', { hasText: 'Importovat měření NetTest' })
    .evaluate((label) => getComputedStyle(label).outlineStyle);
  expect(focusOutline).toBe('solid');
  await measurements.getByLabel('Importovat měření NetTest').setInputFiles(large);
  await measurements.getByRole('progressbar', { name: 'Průběh importu měření' }).waitFor({ timeout: 30_000 });
  // While the worker parses, the page answers: the language menu can still be read.
  expect(await page.evaluate(() => document.title)).toBeTruthy();
  await measurements.getByText('Načteno 200 040 měření').waitFor({ timeout: 120_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  expect(seen.some((fraction) => fraction > 0 && fraction < 1)).toBe(true);

  // 4. The hexagon layer.
  const canvas = page.locator('.map-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-measurement-cells')), { timeout: 60_000 }).toBeGreaterThan(100);
  await analysed(page, 4);
  const allCells = await canvas.getAttribute('data-measurement-cells');
  const legend = measurements.getByRole('figure');
  expect(await legend.textContent()).toContain('Medián stahování (Mbit/s)');
  await measurements.getByLabel('Barva podle').selectOption('rsrp');
  await measurements.getByLabel('Operátor').selectOption('o2');
  await expect.poll(() => legend.textContent()).toContain('Medián RSRP (dBm)');
  await waitForMapIdle(page);
  await saveScreenshot(page, '50-measurement-hexagons');
  const stats = await pixelStats(page, await mapCanvas(page).screenshot());
  expect(stats.distinctColours).toBeGreaterThan(20);
  await measurements.getByLabel('Operátor').selectOption('');
  await expect.poll(() => canvas.getAttribute('data-measurement-cells')).toBe(allCells);

  // The reports' choropleth gives way to the hexagons (the legend says so) until the user keeps it under them.
  expect(await canvas.getAttribute('data-choropleth')).toBe('hidden');
  await sidebar.getByText('Choropleth hlášení je skrytý, dokud jsou zobrazena měření NetTest').waitFor();
  // The keyboard's way to the hexagons' figures: the table of the worst hexagons, each shown on the map on demand.
  const cellTable = measurements.getByRole('region', { name: 'Šestiúhelníky s nejvíce neúspěšnými měřeními' });
  const firstRow = cellTable.getByRole('row').nth(1);
  const firstCell = ((await firstRow.getByRole('rowheader').textContent()) ?? '').trim();
  expect(firstCell).toMatch(/^88[0-9a-f]{13}$/);
  const numberIn = async (row: number, column: number) =>
    Number(((await cellTable.getByRole('row').nth(row).getByRole('cell').nth(column).textContent()) ?? '').replace(/\s/g, ''));
  const failures = await numberIn(1, 1);
  expect(failures).toBeGreaterThan(0);
  expect(failures).toBeGreaterThanOrEqual(await numberIn(2, 1));
  await firstRow.getByRole('button', { name: `Ukázat na mapě šestiúhelník ${firstCell}` }).press('Enter');
  await expect.poll(() => canvas.getAttribute('data-measurement-focus')).toBe(firstCell);
  // The tooltip at the hexagon gives the figures of the table's row (marked as the current one).
  const current = cellTable.locator('tr[aria-current="true"]');
  await expect
    .poll(async () => {
      const failed = ((await current.getByRole('cell').nth(1).textContent()) ?? '').replace(/\s/g, '');
      return ((await page.locator('.maplibregl-popup').textContent()) ?? '').replace(/\s/g, '').includes(`podprahemselhání:${failed}`);
    })
    .toBe(true);
  await waitForMapIdle(page);
  await saveScreenshot(page, '50b-measurement-cell-focused');
  await measurements.getByLabel('Ponechat pod šestiúhelníky choropleth hlášení').check();
  await expect.poll(() => canvas.getAttribute('data-choropleth')).toBe('shown');

  // 5. The Ostrov locality: 20 weak measurements attached, the evidence criterion met, the list.
  const localities = sidebar.getByRole('region', { name: /Problémové lokality/ });
  await localities
    .getByRole('button', { name: /Ostrov/ })
    .first()
    .click();
  const panel = sidebar.getByRole('region', { name: /Ostrov/ }).first();
  await panel.getByTestId('locality-measurement-counts').waitFor({ timeout: 30_000 });
  expect(await panel.getByTestId('locality-measurement-counts').textContent()).toContain('20 měření v dosahu lokality, z toho 20 pod prahem selhání');
  expect(await panel.locator('.evidence-met').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Měření pod prahem')]));
  const evidence = (await panel.locator('.evidence').textContent()) ?? '';
  expect(evidence).toContain('Měření NetTest u lokality: 20, pod prahem: 20.');
  expect(await panel.getByRole('table').textContent()).toContain(atOstrov[0]!.uuid.slice(0, 8));
  await saveScreenshot(page, '51-locality-measurements');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Confirm it for the package.
  await panel.getByLabel('Kdo posuzuje? (jméno)').fill('Jana Dvořáková');
  await panel.getByRole('button', { name: 'Uložit jméno' }).click();
  await panel.getByRole('button', { name: 'Posoudit' }).click();
  await panel.getByRole('button', { name: 'Potvrdit' }).click();
  await panel.getByText('Potvrzená').first().waitFor();
  await page.getByRole('button', { name: /Zpět na přehled/ }).click();

  // 6. Reload: the measurements come back from IndexedDB.
  await page.reload();
  await measurements.getByText('Načteno 200 040 měření').waitFor({ timeout: 60_000 });
  await analysed(page, 4);

  // 7. The package: mereni.csv lists the Ostrov measurements by open_test_uuid.
  await sidebar.getByRole('button', { name: 'Balíček pro ČTÚ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Balíček pro ČTÚ' });
  await dialog.waitFor();
  await dialog.locator('dd[data-count="localities"]').filter({ hasText: '1' }).waitFor();
  await dialog.getByLabel('Jméno a příjmení').fill('Jana Dvořáková');
  const ctu = await download(page, () => dialog.getByRole('button', { name: 'Stáhnout balíček' }).click());
  const files = unzipSync(ctu.bytes);
  const mereni = new TextDecoder().decode(files['mereni.csv']!);
  const uuids = mereni
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(';')[1]);
  expect(uuids.sort()).toEqual(
    atOstrov
      .slice(0, 20)
      .map((r) => r.uuid)
      .sort(),
  );
  expect(new TextDecoder().decode(files['lokality.csv']!)).toContain('Počet měření NetTest');
  await dialog.getByRole('button', { name: 'Zavřít' }).first().click();

  // 8. English, and "Odstranit měření".
  await page.getByRole('button', { name: 'English' }).click();
  const english = sidebar.getByRole('region', { name: 'NetTest measurements' });
  await english.getByText('200,040 measurements loaded').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await english.getByRole('button', { name: 'Remove measurements' }).click();
  await english.getByText('No measurements are loaded.').waitFor();
  expect(errors).toEqual([]);
}, 420_000);
