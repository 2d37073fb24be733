/**
 * A mayor marks a point, a road stretch and an area with the mouse, fills in the form, reloads the page:
 * everything is still there. Undo and redo; a self-intersecting area is refused with a Czech message.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, saveScreenshot, waitForMapIdle, waitForPackShown } from './browser.ts';
import {
  chooseMyObec,
  clickCanvas,
  interiorPoint,
  KARLOVY_VARY,
  listRows,
  mapReportCount,
  project,
  reportForm,
  reportTable,
  tool,
  waitSaved,
} from './reports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Offset = [dx: number, dy: number];

/** Opens the app with Karlovy Vary as "Moje obec" and returns where its interior point is drawn. */
async function startInKarlovyVary(): Promise<{ page: Page; errors: string[]; at: (offset: Offset) => { x: number; y: number } }> {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
  const centre = await project(page, lon, lat);
  return { page, errors, at: ([dx, dy]) => ({ x: centre.x + dx, y: centre.y + dy }) };
}

async function draw(page: Page, toolName: string, clicks: Array<{ x: number; y: number }>): Promise<void> {
  await tool(page, toolName).click();
  expect(await tool(page, toolName).getAttribute('aria-pressed')).toBe('true');
  for (const position of clicks) await clickCanvas(page, position);
}

async function backToList(page: Page): Promise<void> {
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();
  await reportTable(page).waitFor();
}

test('draw a point, a line and a polygon, fill the form, reload: everything is still there', async () => {
  const { page, errors, at } = await startInKarlovyVary();

  // A point: one click. The form opens beside the map with the derived place.
  await draw(page, 'Bod', [at([0, 0])]);
  const form = reportForm(page);
  await form.waitFor();
  const place = form.locator('dl.derived-place');
  await expect(place.textContent()).resolves.toMatch(/Karlovy Vary.*554961/s);
  await expect(place.textContent()).resolves.toMatch(/kód ČSÚ\s*4103/);
  await expect(place.textContent()).resolves.toMatch(/x = -8\d{5}\.\d{2},\s*y = -10\d{5}\.\d{2}/);

  // Fill it in as a mayor would.
  await form.getByLabel('Přesný popis lokality').fill('Hasičská zbrojnice, Sokolovská 12 – uvnitř budovy není signál');
  await form.getByRole('checkbox', { name: 'Žádný signál' }).check();
  await form.getByRole('checkbox', { name: 'Nelze se dovolat' }).check();
  await form.getByRole('checkbox', { name: 'O2' }).check();
  await form.getByRole('checkbox', { name: 'Vodafone' }).check();
  await form.getByRole('checkbox', { name: '4G (LTE)' }).check();
  await form.getByRole('checkbox', { name: 'Uvnitř budov' }).check();
  await form.getByRole('radio', { name: 'Trvale' }).check();
  await form.getByLabel('Kód ZSJ').fill('411655');
  await form.getByRole('button', { name: 'Přidat pozorování' }).click();
  await form.getByLabel('Datum', { exact: true }).fill('2025-05-14');
  await form.getByLabel('Čas', { exact: true }).fill('18:30');
  await form.getByLabel('Poznámka').fill('Hovor spadl třikrát za sebou');
  await form.getByLabel('Dotčení obyvatelé (odhad)').fill('35');
  await form.getByLabel('Jméno a příjmení').fill('Jana Nováková');
  await form.getByLabel('Funkce').selectOption('starosta');
  await form.getByLabel('Kontakt').fill('starostka@example.cz');
  await expect(form.getByText(/osobní údaje \(GDPR\)/).count()).resolves.toBe(1);
  await saveScreenshot(page, '10-form-filled');
  await form.getByRole('button', { name: 'Hotovo' }).click();
  await reportTable(page).waitFor();

  // A road stretch: three clicks, the last point clicked again to finish.
  await draw(page, 'Úsek', [at([-90, -70]), at([-30, -100]), at([40, -80]), at([40, -80])]);
  await form.waitFor();
  await expect(form.getByRole('heading').first().textContent()).resolves.toContain('Úsek');
  await form.getByLabel('Přesný popis lokality').fill('Silnice II/220 od kapličky k lesu');
  await form.getByRole('checkbox', { name: 'Hovory padají' }).check();
  await form.getByRole('checkbox', { name: 'Všichni operátoři' }).check();
  await backToList(page);

  // An area: four corners, closed by clicking the first one again.
  await draw(page, 'Oblast', [at([-60, 30]), at([20, 20]), at([30, 90]), at([-50, 80]), at([-60, 30])]);
  await form.waitFor();
  await expect(form.getByRole('heading').first().textContent()).resolves.toContain('Oblast');
  await form.getByLabel('Přesný popis lokality').fill('Údolí pod rozhlednou');
  await form.getByRole('checkbox', { name: 'Nefungují data' }).check();
  await form.getByRole('checkbox', { name: 'T-Mobile' }).check();
  await backToList(page);
  await waitForMapIdle(page);
  await saveScreenshot(page, '10-three-reports');

  expect(await listRows(page)).toHaveLength(3);
  expect(await mapReportCount(page)).toBe(3);
  await waitSaved(page);
  const before = await listRows(page);

  // Closing the browser loses nothing.
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await reportTable(page).locator('tbody tr').nth(2).waitFor();
  expect(await listRows(page)).toEqual(before);
  expect(await mapReportCount(page)).toBe(3);

  // The point's form shows what was filled in.
  await reportTable(page)
    .getByRole('button', { name: /Hasičská zbrojnice/ })
    .click();
  await form.waitFor();
  expect(await form.getByLabel('Přesný popis lokality').inputValue()).toBe('Hasičská zbrojnice, Sokolovská 12 – uvnitř budovy není signál');
  expect(await form.getByRole('checkbox', { name: 'Žádný signál' }).isChecked()).toBe(true);
  expect(await form.getByRole('checkbox', { name: 'Vodafone' }).isChecked()).toBe(true);
  expect(await form.getByRole('radio', { name: 'Trvale' }).isChecked()).toBe(true);
  expect(await form.getByLabel('Kód ZSJ').inputValue()).toBe('411655');
  expect(await form.getByLabel('Datum', { exact: true }).inputValue()).toBe('2025-05-14');
  expect(await form.getByLabel('Poznámka').inputValue()).toBe('Hovor spadl třikrát za sebou');
  expect(await form.getByLabel('Dotčení obyvatelé (odhad)').inputValue()).toBe('35');
  expect(await form.getByLabel('Jméno a příjmení').inputValue()).toBe('Jana Nováková');
  expect(await form.getByLabel('Kontakt').inputValue()).toBe('starostka@example.cz');
  await waitForMapIdle(page);
  await saveScreenshot(page, '10-after-reload-point-open');
  expect(errors).toEqual([]);
});

test('undo and redo: Ctrl+Z removes the last report, Ctrl+Shift+Z brings it back; the buttons do the same', async () => {
  const { page, errors, at } = await startInKarlovyVary();
  await draw(page, 'Bod', [at([0, 0])]);
  await reportForm(page).waitFor();
  await backToList(page);
  await draw(page, 'Bod', [at([60, -40])]);
  await reportForm(page).waitFor();
  await backToList(page);
  expect(await listRows(page)).toHaveLength(2);

  await page.keyboard.press('Control+z');
  await expect.poll(() => listRows(page).then((rows) => rows.length)).toBe(1);
  expect(await mapReportCount(page)).toBe(1);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => listRows(page).then((rows) => rows.length)).toBe(2);

  // A field edit is one step: undo restores the previous text.
  await reportTable(page).getByRole('button').filter({ hasText: 'Karlovy Vary' }).first().click();
  const form = reportForm(page);
  await form.getByLabel('Přesný popis lokality').fill('První znění');
  await form.getByRole('checkbox', { name: 'Žádný signál' }).check();
  await expect.poll(() => page.getByRole('button', { name: 'Zpět', exact: true }).getAttribute('title')).toMatch(/úpravu hlášení/);
  await toolbarButton(page, 'Zpět').click();
  await expect.poll(() => form.getByRole('checkbox', { name: 'Žádný signál' }).isChecked()).toBe(false);
  await toolbarButton(page, 'Znovu').click();
  await expect.poll(() => form.getByRole('checkbox', { name: 'Žádný signál' }).isChecked()).toBe(true);
  expect(await form.getByLabel('Přesný popis lokality').inputValue()).toBe('První znění');

  // Undo a move: edit the shape, drag the point, undo puts it back.
  const wgs84 = () => form.locator('dl.derived-place dd.coordinates').last().textContent();
  const reportId = await page.evaluate(() => document.querySelector('.map-canvas')?.getAttribute('data-editing'));
  expect(reportId).toBe('');
  const before = await wgs84();
  await toolbarButton(page, 'Upravit tvar').click();
  await expect.poll(() => page.locator('.map-canvas').getAttribute('data-draw-mode')).toBe('editShape');
  expect(await toolbarButton(page, 'Upravit tvar').getAttribute('aria-pressed')).toBe('true');
  // Where the point is drawn now (the list may have moved the map to show it).
  await waitForMapIdle(page);
  const [lat, lon] = ((await wgs84()) ?? '').match(/\d+\.\d+/g)!.map(Number) as [number, number];
  const point = await project(page, lon, lat);
  const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
  await page.mouse.move(canvas!.x + point.x, canvas!.y + point.y);
  await page.mouse.down();
  await page.mouse.move(canvas!.x + point.x + 30, canvas!.y + point.y + 20, { steps: 4 });
  await page.mouse.move(canvas!.x + point.x + 60, canvas!.y + point.y + 40, { steps: 4 });
  await page.mouse.up();
  await expect.poll(wgs84).not.toBe(before);
  const moved = await wgs84();
  await saveScreenshot(page, '12-point-moved');
  await page.getByRole('button', { name: 'Hotovo s úpravou' }).click();
  expect(await toolbarButton(page, 'Upravit tvar').getAttribute('aria-pressed')).toBe('false');
  await page.keyboard.press('Control+z');
  await expect.poll(wgs84).toBe(before);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(wgs84).toBe(moved);
  expect(errors).toEqual([]);
});

function toolbarButton(page: Page, name: string) {
  return page.getByRole('toolbar').getByRole('button', { name, exact: true });
}

test('a self-intersecting area is refused with a clear Czech message, and nothing is saved', async () => {
  const { page, errors, at } = await startInKarlovyVary();
  // A bow tie: the second edge crosses the fourth.
  await draw(page, 'Oblast', [at([80, -20]), at([160, 60]), at([160, -20]), at([80, 60]), at([80, -20])]);
  const alert = page.getByRole('alert').filter({ hasText: 'Tvar nebyl uložen.' });
  await alert.waitFor();
  expect(await alert.textContent()).toContain('Oblast nesmí křížit sama sebe.');
  await saveScreenshot(page, '11-self-intersecting-refused');
  expect(await mapReportCount(page)).toBe(0);
  await expect(page.getByText('Zatím žádná hlášení.').count()).resolves.toBe(1);

  // The tool stays on, so the mayor can draw it again properly.
  expect(await tool(page, 'Oblast').getAttribute('aria-pressed')).toBe('true');
  await alert.getByRole('button', { name: 'Rozumím' }).click();
  await clickCanvas(page, at([80, -20]));
  await clickCanvas(page, at([160, -20]));
  await clickCanvas(page, at([160, 60]));
  await clickCanvas(page, at([80, 60]));
  await clickCanvas(page, at([80, -20]));
  await reportForm(page).waitFor();
  expect(await mapReportCount(page)).toBe(1);
  expect(errors).toEqual([]);
});
