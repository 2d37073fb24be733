/**
 * "Balíček pro ČTÚ" end to end: import obec files, confirm a locality, open the package dialog from the region
 * overview, check the preview (counts, warnings), download the ZIP built in the worker and open it in Node:
 * README.txt, manifest.json, lokality.csv (BOM, `;`), zadost.pdf, the EPSG:5514 GeoPackage; verifyPackage is ok.
 * Then the public variant. axe-core on the open dialog; a screenshot to look at.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyPackage } from '../../src/core/ctuPackage/zipPackage.ts';
import { launchBrowser, openApp, saveScreenshot, seriousAxeViolations, waitForMapIdle, dropFiles } from './browser.ts';
import { reviewFixture } from './reviewFixtures.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function analysed(page: Page, localities: number): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`\\d+ z \\d+ hlášení, ${localities} lokalit[ay]?`) })
    .waitFor({ timeout: 60_000 });
  await waitForMapIdle(page);
}

/** Clicks a button that starts a download and returns the file's name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

test('confirm a locality, preview the package, download it and the public variant; both verify', async () => {
  const fixture = reviewFixture();
  const { page, errors } = await openApp(browser);
  const sidebar = page.getByRole('complementary');

  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  await dropFiles(page, fixture.files);
  await sidebar.getByRole('status').filter({ hasText: 'Importováno souborů: 3' }).waitFor({ timeout: 60_000 });
  await analysed(page, 4);

  // Confirm the locality across the border of Karlovy Vary and the neighbour: new → in review → confirmed.
  const localities = sidebar.getByRole('region', { name: /Problémové lokality/ });
  await localities.getByRole('button', { name: new RegExp(`Karlovy Vary, ${fixture.neighbour.nazev}`) }).click();
  const panel = sidebar.getByRole('region', { name: `Karlovy Vary, ${fixture.neighbour.nazev}` });
  await panel.getByLabel('Kdo posuzuje? (jméno)').fill('Jana Dvořáková');
  await panel.getByRole('button', { name: 'Uložit jméno' }).click();
  await panel.getByRole('button', { name: 'Posoudit' }).click();
  await panel.getByRole('button', { name: 'Potvrdit' }).click();
  await panel.getByText('Potvrzená').first().waitFor();
  await page.getByRole('button', { name: /Zpět na přehled/ }).click();

  // The registered action opens the dialog.
  await sidebar.getByRole('button', { name: 'Balíček pro ČTÚ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Balíček pro ČTÚ' });
  await dialog.waitFor();
  const statuses = dialog.getByRole('group', { name: 'Stav lokality' });
  expect(await statuses.getByLabel('Potvrzená').isChecked()).toBe(true);
  expect(await statuses.getByLabel('Nová').isChecked()).toBe(false);
  const count = (name: string) => dialog.locator(`dd[data-count="${name}"]`).textContent();
  await expect.poll(() => count('localities')).toBe('1');
  expect(await count('mobile')).toBe('1');
  expect(await count('fixed')).toBe('0');
  expect(await count('reports')).toBe('2');
  expect(await count('obce')).toBe('2');
  expect(await count('orp')).toBe('1');
  const warnings = dialog.getByRole('list', { name: /Upozornění/ });
  expect(await warnings.textContent()).toContain('chybí ZSJ');

  // Adding the new localities to the selection changes the preview; back to the default.
  await statuses.getByLabel('Nová').check();
  await expect.poll(() => count('localities')).toBe('4');
  expect(await count('reports')).toBe('6');
  await statuses.getByLabel('Nová').uncheck();
  await expect.poll(() => count('localities')).toBe('1');

  await dialog.getByLabel('Jméno a příjmení').fill('Jana Dvořáková');
  await dialog.getByLabel('Funkce').fill('koordinátorka BCO');
  await dialog.getByLabel('E-mail', { exact: true }).fill('jana.dvorakova@kr-karlovarsky.cz');
  // The letter's settings: ČTÚ by default; č. j. and place typed.
  const letter = dialog.getByRole('group', { name: 'Průvodní dopis' });
  expect(await letter.getByLabel('Adresát', { exact: true }).inputValue()).toBe('Český telekomunikační úřad');
  expect(await letter.getByLabel('ID datové schránky', { exact: true }).inputValue()).toBe('a9qaats');
  await letter.getByLabel('Číslo jednací (č. j.)').fill('KK/77/26');
  await letter.getByLabel('Místo (např. Karlovy Vary)').fill('Karlovy Vary');
  await dialog.getByLabel('Telefon').fill('+420 354 222 111');
  expect(await dialog.getByLabel('Zahrnout osobní údaje hlásících').isChecked()).toBe(false);
  expect(await dialog.textContent()).toContain('alespoň 4 různí hlásící');

  await saveScreenshot(dialog, '40-package-dialog');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // The letter is laid out in a worker nested in the package worker, beside the other files.
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const today = new Date().toISOString().slice(0, 10);
  const ctu = await download(page, () => dialog.getByRole('button', { name: 'Stáhnout balíček' }).click());
  expect(ctu.name).toBe(`balicek-ctu-CZ041-${today}.zip`);
  await dialog
    .getByRole('status')
    .filter({ hasText: `Staženo: ${ctu.name}` })
    .waitFor();
  await saveScreenshot(dialog, '41-package-downloaded');
  expect(
    workers.some((url) => url.includes('coverLetterWorker')),
    workers.join(', '),
  ).toBe(true);

  const files = unzipSync(ctu.bytes);
  for (const name of ['README.txt', 'manifest.json', 'lokality.csv', 'hlaseni.csv', 'souhrn_orp.csv', 'zadost.pdf', 'vrstvy_s-jtsk_5514.gpkg']) {
    expect(files[name], name).toBeDefined();
  }
  const text = (name: string) => new TextDecoder().decode(files[name]);
  expect(text('README.txt')).toContain('Karlovarský kraj');
  const manifest = JSON.parse(text('manifest.json')) as { counts: Record<string, number>; personalData: boolean; selection: { statuses: string[] } };
  expect(manifest.counts).toMatchObject({ lokality: 1, lokalityMobilni: 1, lokalityPevne: 0, hlaseni: 2, obce: 2, orp: 1 });
  expect(manifest.personalData).toBe(false);
  expect(manifest.selection.statuses).toEqual(['confirmed']);
  const csv = files['lokality.csv']!;
  expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = text('lokality.csv')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain(';');
  expect(lines[1]).toContain('Karlovy Vary');
  expect(new TextDecoder().decode(files['zadost.pdf']!.slice(0, 5))).toBe('%PDF-');
  const letterXml = new TextDecoder().decode(unzipSync(files['zadost.docx']!)['word/document.xml']);
  for (const line of ['Č. j.: KK/77/26', 'Sokolovská 58/219', 'ID datové schránky: a9qaats']) expect(letterXml, line).toContain(line);
  expect(letterXml).toMatch(/Karlovy Vary \d+\. \d+\. \d{4}/);
  expect(new TextDecoder().decode(files['vrstvy_s-jtsk_5514.gpkg']!.slice(0, 15))).toBe('SQLite format 3');
  // Reporters' contacts are left out by default.
  expect(text('hlaseni.csv')).not.toContain('@example.cz');
  expect(await verifyPackage(ctu.bytes)).toMatchObject({ ok: true });

  // The public variant: no cell here has 4 distinct reporters, so nothing is published, but the ZIP verifies.
  const open = await download(page, () => dialog.getByRole('button', { name: 'Stáhnout veřejná data' }).click());
  expect(open.name).toBe(`verejna-data-CZ041-${today}.zip`);
  expect(await verifyPackage(open.bytes)).toMatchObject({ ok: true });
  const publicFiles = unzipSync(open.bytes);
  expect(Object.keys(publicFiles).sort()).toEqual(['README.txt', 'bunky_h3.csv', 'bunky_h3.geojson', 'manifest.json']);
  await dialog
    .getByRole('status')
    .filter({ hasText: /zveřejněných buněk 0, nezveřejněných hlášení 2/ })
    .waitFor();

  // The contact is remembered.
  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();
  await page.reload();
  await page.getByRole('button', { name: 'Balíček pro ČTÚ' }).waitFor();
  await analysed(page, 4);
  await page.getByRole('button', { name: 'Balíček pro ČTÚ' }).click();
  expect(await page.getByRole('dialog', { name: 'Balíček pro ČTÚ' }).getByLabel('Funkce').inputValue()).toBe('koordinátorka BCO');
  expect(errors).toEqual([]);
});
