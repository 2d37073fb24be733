/**
 * Around placing and editing: "Není to stejné místo jako…?", marking outside "Moje obec", selecting a report on
 * the map, deleting and undoing it, a photo and a measurement that survive a reload, and storage that fails.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, saveScreenshot, waitForMapIdle, waitForPackShown } from './browser.ts';
import { chooseMyObec, clickCanvas, interiorPoint, KARLOVY_VARY, listRows, mapReportCount, project, reportForm, reportTable, tool } from './reports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function karlovyVaryCentre(page: Page): Promise<{ x: number; y: number }> {
  const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
  return project(page, lon, lat);
}

async function placePoint(page: Page, position: { x: number; y: number }): Promise<void> {
  await tool(page, 'Bod').click();
  await clickCanvas(page, position);
  await reportForm(page).waitFor();
}

test('a report placed next to an existing one offers it; "open this one" keeps only the existing report', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  const c = await karlovyVaryCentre(page);
  await placePoint(page, c);
  await reportForm(page).getByLabel('Přesný popis lokality').fill('Původní hlášení u školy');
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();

  await placePoint(page, { x: c.x + 12, y: c.y + 6 });
  const offer = reportForm(page).getByRole('region', { name: 'Není to stejné místo jako…?' });
  await offer.waitFor();
  expect(await offer.textContent()).toContain('Původní hlášení u školy');
  expect(await offer.textContent()).toMatch(/\d+ m/);
  await saveScreenshot(page, '19-nearby-offer');
  await offer.getByRole('button', { name: 'Otevřít toto' }).click();
  await expect.poll(() => reportForm(page).getByLabel('Přesný popis lokality').inputValue()).toBe('Původní hlášení u školy');
  expect(await mapReportCount(page)).toBe(1);
  expect(errors).toEqual([]);
});

test('marking outside "Moje obec" warns and assigns the obec the place lies in', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  // Březová (ORP Karlovy Vary) borders Karlovy Vary to the south: find it with the search and mark it.
  await page.getByRole('combobox', { name: 'Hledat obec' }).fill('Březová');
  await page.getByRole('option', { name: /Březová.*ORP Karlovy Vary/ }).click();
  await waitForMapIdle(page);
  const [lon, lat] = await interiorPoint('CZ041', '537870');
  await placePoint(page, await project(page, lon, lat));
  const form = reportForm(page);
  await form.getByText('Místo leží mimo vaši obec.').waitFor();
  expect(await form.getByRole('status').filter({ hasText: 'mimo vaši obec' }).textContent()).toContain('Březová (537870)');
  expect(await form.locator('dl.derived-place').textContent()).toMatch(/Březová.*537870/s);
  await saveScreenshot(page, '20-outside-my-obec');
  expect(errors).toEqual([]);
});

test('a click on a report opens it; delete removes it from map and list; undo brings it back', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  const c = await karlovyVaryCentre(page);
  await tool(page, 'Úsek').click();
  for (const [dx, dy] of [
    [-80, 0],
    [0, -30],
    [80, 0],
    [80, 0],
  ] as const)
    await clickCanvas(page, { x: c.x + dx, y: c.y + dy });
  await reportForm(page).getByLabel('Přesný popis lokality').fill('Úsek za mostem');
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();
  await reportTable(page).waitFor();

  // A click on the drawn line (near its middle vertex) selects it.
  await waitForMapIdle(page);
  await clickCanvas(page, { x: c.x + 2, y: c.y - 28 });
  await reportForm(page).waitFor();
  expect(await reportForm(page).getByLabel('Přesný popis lokality').inputValue()).toBe('Úsek za mostem');

  await reportForm(page).getByRole('button', { name: 'Smazat' }).click();
  await page.getByText('Zatím žádná hlášení.').waitFor();
  expect(await mapReportCount(page)).toBe(0);
  await page.keyboard.press('Control+z');
  await reportTable(page).waitFor();
  expect((await listRows(page))[0]).toContain('Úsek za mostem');
  expect(await mapReportCount(page)).toBe(1);
  expect(errors).toEqual([]);
});

test('a photo and a measurement are kept with the report and survive a reload', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  await placePoint(page, await karlovyVaryCentre(page));
  const form = reportForm(page);

  // A photo: a 2000×1500 PNG made in the page, downscaled to at most 1600 px.
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(2000, 1500);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#5b8c3a';
    context.fillRect(0, 0, 2000, 1500);
    context.fillStyle = '#d8e4ee';
    context.fillRect(0, 0, 2000, 600);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await form.getByLabel('Přidat fotografii').setInputFiles({ name: 'udoli.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  const image = form.getByRole('img', { name: 'Fotografie místa' });
  await image.waitFor();
  expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(1600);

  // A measurement.
  await form.getByText('Měření (NetTest)').click();
  await form.getByRole('button', { name: 'Přidat měření' }).click();
  await form.getByLabel('Operátor', { exact: true }).selectOption('o2');
  await form.getByLabel('RSRP').fill('-118');
  await form.getByLabel('Stahování').fill('0,8');
  await form.getByLabel('Odesílání').fill('0.2');
  await form.getByLabel('Přesný popis lokality').click();
  await form.getByLabel('Odesílání').scrollIntoViewIfNeeded();
  await saveScreenshot(page, '21-photo-measurement');

  // A value that is not a number is said so and not saved.
  await form.getByLabel('Odesílání').fill('hodně');
  await form.getByLabel('Přesný popis lokality').click();
  await form.getByText('Zadejte číslo.').waitFor();
  await form.getByLabel('Odesílání').fill('0.2');
  await form.getByLabel('Přesný popis lokality').click();

  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await reportTable(page)
    .getByRole('button', { name: /Karlovy Vary/ })
    .click();
  await form.getByRole('img', { name: 'Fotografie místa' }).waitFor();
  await form.getByText('Měření (NetTest)').waitFor();
  expect(await form.getByLabel('RSRP').inputValue()).toBe('-118');
  expect(await form.getByLabel('Stahování').inputValue()).toBe('0.8');
  expect(await form.getByLabel('Odesílání').inputValue()).toBe('0.2');
  expect(await form.getByLabel('Operátor', { exact: true }).inputValue()).toBe('o2');
  expect(errors).toEqual([]);
});

test('when the browser cannot store anything, the app says so, keeps the work and offers the export', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
  // As in some private windows: no IndexedDB at all.
  await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  const { page, errors } = await openApp(browser, undefined, context);
  const alert = page.getByRole('toolbar').getByRole('alert');
  await alert.getByText('Neuloženo!').waitFor();
  expect(await alert.textContent()).toContain('Prohlížeč neumožňuje ukládat');

  await chooseMyObec(page, 'Karlovy Vary');
  await placePoint(page, await karlovyVaryCentre(page));
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();
  expect(await listRows(page)).toHaveLength(1);
  await expect.poll(() => alert.textContent()).toContain('Neuložená hlášení: 1');
  await saveScreenshot(page, '22-storage-unavailable');
  await alert.getByRole('button', { name: 'Exportovat do souboru' }).click();
  await page.getByRole('dialog', { name: 'Export souboru obce' }).waitFor();
  expect(errors.filter((error) => !/indexedDB/i.test(error))).toEqual([]);
});
