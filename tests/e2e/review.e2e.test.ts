/**
 * The region overview end to end: drop three obec files at once → progress and a summary (new, rejected and why);
 * the ORP choropleth, the table and the localities (one across the border of two obce); merge two localities, set a
 * status, reload: the review and its audit trail are still there. axe-core on the view; screenshots to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapCanvas, openApp, pixelStats, saveScreenshot, seriousAxeViolations, waitForMapIdle, waitForPackShown, dropFiles } from './browser.ts';
import { reviewFixture } from './reviewFixtures.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function sidebar(page: Page) {
  return page.getByRole('complementary');
}

async function analysed(page: Page, localities: number): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`\\d+ z \\d+ hlášení, ${localities} lokalit[ay]?`) })
    .waitFor({ timeout: 60_000 });
  await waitForMapIdle(page);
}

test('import many obec files, see the overview, merge two localities, set a status; the review survives a reload', async () => {
  const fixture = reviewFixture();
  const { page, errors } = await openApp(browser);

  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Přehled kraje' }).getAttribute('aria-pressed')).toBe('true');
  await dropFiles(page, fixture.files);
  const summary = sidebar(page).getByRole('status').filter({ hasText: 'Importováno souborů: 3' });
  await summary.waitFor({ timeout: 60_000 });
  const text = (await summary.textContent()) ?? '';
  expect(text).toMatch(/Přidáno\s*6/);
  expect(text).toMatch(/Odmítnuto\s*1/);
  expect(text).toContain('Proč byla hlášení odmítnuta');
  expect(text).toContain('ostrov.geojson');

  // Localities: the cross-border pair, the pair at the school, the lone one in the neighbour, Ostrov.
  await analysed(page, 4);
  const canvas = page.locator('.map-canvas');
  await expect.poll(() => canvas.getAttribute('data-localities')).toBe('4');
  expect(Number(await canvas.getAttribute('data-choropleth-orp'))).toBe(2);
  expect(Number(await canvas.getAttribute('data-choropleth-orp-without'))).toBeGreaterThan(0);
  const png = await saveScreenshot(page, '30-region-overview');
  const stats = await pixelStats(page, await mapCanvas(page).screenshot());
  expect(stats.distinctColours).toBeGreaterThan(20);
  expect(png.length).toBeGreaterThan(0);

  const table = sidebar(page).getByRole('table', { name: 'Hlášení, lokality a dotčení obyvatelé po ORP' });
  const firstRow = table.locator('tbody tr').first();
  expect(await firstRow.textContent()).toMatch(/Karlovy Vary5.*2 obce, 3 ohlaš/);
  expect(await table.textContent()).toContain('bez hlášení');

  // The locality across the border of Karlovy Vary and the neighbour.
  const localities = sidebar(page).getByRole('region', { name: /Problémové lokality/ });
  const crossBorder = localities.getByRole('button', { name: new RegExp(`Karlovy Vary, ${fixture.neighbour.nazev}`) });
  expect(await crossBorder.textContent()).toContain('2 hlášení · 2 obce');
  await crossBorder.click();
  const panel = sidebar(page).getByRole('region', { name: `Karlovy Vary, ${fixture.neighbour.nazev}` });
  await panel.getByText('Síla důkazů').waitFor();
  expect(await panel.textContent()).toContain('Chybí – Více hlášení: 2 z 3');

  // Who reviews: asked once.
  await panel.getByLabel('Kdo posuzuje? (jméno)').fill('Jana Dvořáková');
  await panel.getByRole('button', { name: 'Uložit jméno' }).click();
  await panel.getByText('Posuzuje: Jana Dvořáková.').waitFor();

  // Merge the lone report of the neighbour into this locality.
  const merge = panel.getByLabel('Sloučit s lokalitou');
  const option = merge.locator('option', { hasText: new RegExp(`${fixture.neighbour.nazev} \\(1 hl\\.`) });
  await merge.selectOption({ value: (await option.getAttribute('value'))! });
  await panel.getByRole('button', { name: 'Sloučit sem' }).click();
  await analysed(page, 3);
  await panel.getByRole('heading', { name: 'Hlášení v lokalitě (3)' }).waitFor();

  // Status: new → in review (only the allowed transitions are offered).
  const statusButtons = panel.getByRole('group', { name: 'Změnit stav' }).getByRole('button');
  expect(await statusButtons.allTextContents()).toEqual(['Posoudit', 'Zamítnout', 'Označit jako duplicitní']);
  await panel.getByRole('button', { name: 'Posoudit' }).click();
  await panel.getByText('V posouzení').first().waitFor();
  const audit = panel.getByRole('list', { name: 'Záznam změn' });
  await expect.poll(() => audit.locator('li').count()).toBe(2);
  expect(await audit.textContent()).toMatch(/Jana Dvořáková.*Stav: Nová → V posouzení.*Jana Dvořáková.*Sloučeno/s);

  // ČTÚ's answer, entered by hand from its letter: the status follows and the audit trail records it.
  const answer = panel.getByRole('form', { name: 'Odpověď ČTÚ' });
  await answer.getByLabel('Výsledek podle ČTÚ').selectOption({ label: 'potvrzené bílé místo' });
  await answer.getByLabel('Datum odpovědi').fill('2026-12-01');
  await answer.getByLabel('Číslo jednací ČTÚ (č. j.)').fill('ČTÚ-12345/2026-613');
  await answer.getByLabel('Poznámka ČTÚ').fill('Zařazeno do otevřeného seznamu bílých míst.');
  await answer.getByRole('button', { name: 'Zapsat odpověď ČTÚ' }).focus();
  await page.keyboard.press('Enter');
  await answer.getByRole('status').filter({ hasText: 'Odpověď ČTÚ je zapsaná. Stav lokality: Změřeno ČTÚ.' }).waitFor();
  expect(await answer.getByRole('list', { name: 'Zapsané odpovědi ČTÚ' }).textContent()).toBe(
    'potvrzené bílé místo, 1. 12. 2026, č. j. ČTÚ-12345/2026-613 – Zařazeno do otevřeného seznamu bílých míst.',
  );
  await expect.poll(() => audit.locator('li').count()).toBe(3);
  expect(await audit.locator('li').first().textContent()).toContain('Odpověď ČTÚ: potvrzené bílé místo, 2026-12-01, č. j. ČTÚ-12345/2026-613');
  await waitForMapIdle(page);
  await saveScreenshot(page, '31-locality-reviewed');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Reload: the view, the review and its audit trail are still there.
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  await analysed(page, 3);
  const again = sidebar(page)
    .getByRole('region', { name: /Problémové lokality/ })
    .getByRole('button', { name: new RegExp(`Karlovy Vary, ${fixture.neighbour.nazev}`) });
  expect(await again.textContent()).toContain('3 hlášení');
  expect(await again.textContent()).toContain('Změřeno ČTÚ');
  await again.click();
  const reopened = sidebar(page).getByRole('region', { name: `Karlovy Vary, ${fixture.neighbour.nazev}` });
  await expect.poll(() => reopened.getByRole('list', { name: 'Záznam změn' }).locator('li').count()).toBe(3);
  expect(await reopened.textContent()).toContain('Posuzuje: Jana Dvořáková.');
  expect(errors).toEqual([]);
});

/** A copy of one report of the first file: the same id and revision, another description (a conflict). */
function conflictingCopy(fixture: ReturnType<typeof reviewFixture>): { name: string; text: string } {
  const file = JSON.parse(fixture.files[0]!.text) as { features: Array<{ properties: { description: string } }> };
  const copy = file.features.find((feature) => feature.properties.description === 'U školy, na hřišti')!;
  copy.properties.description = 'U školy, na hřišti i v tělocvičně';
  return { name: 'skola-kopie.geojson', text: JSON.stringify({ ...file, features: [copy] }) };
}

test('the hexagon view and the overview pass axe-core; a conflict of the bulk import is named and compared; English works too', async () => {
  const fixture = reviewFixture();
  const { page, errors } = await openApp(browser);
  await page.getByRole('button', { name: 'Přehled kraje' }).click();
  await dropFiles(page, [...fixture.files, conflictingCopy(fixture)]);
  const summary = sidebar(page).getByRole('status').filter({ hasText: 'Importováno souborů: 4' });
  await summary.waitFor({ timeout: 60_000 });
  await analysed(page, 4);
  // The conflict: counted, named with its file and report, not shown as a success, both copies side by side.
  const summaryText = (await summary.textContent()) ?? '';
  expect(summaryText).toMatch(/Ve sporu\s*1/);
  expect(summaryText).toContain('Hlášení č. 1 v souboru skola-kopie.geojson „U školy, na hřišti“');
  expect(summaryText).toMatch(/skola-kopie\.geojson\s*nových 0, aktualizováno 0, známých 0, ve sporu 1, odmítnuto 0/);
  expect(await summary.locator('.import-summary').getAttribute('class')).not.toContain('message-ok');
  await summary.getByText('Porovnat s verzí ze souboru').click();
  const compare = summary.getByRole('table', { name: 'Hlášení č. 1: v čem se uložená verze liší od verze ze souboru' });
  expect((await compare.locator('tbody tr').allTextContents()).map((row) => row.trim())).toEqual([
    'Přesný popis lokalityU školy, na hřištiU školy, na hřišti i v tělocvičně',
  ]);
  await saveScreenshot(page, '30b-bulk-import-conflict');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByText('Šestiúhelníky H3').click();
  await expect.poll(() => page.locator('.map-canvas').getAttribute('data-hexagons')).toBe('4');
  await page.getByRole('heading', { name: /Šestiúhelníky H3 \(rozlišení 8\)/ }).waitFor();
  // Opening a locality brings it into view: the hexagons of the cross-border pair are visible.
  await page
    .getByRole('region', { name: /Problémové lokality/ })
    .getByRole('button', { name: /Karlovy Vary, / })
    .click();
  await page.getByText('Síla důkazů').waitFor();
  await waitForMapIdle(page);
  await saveScreenshot(page, '32-hexagons');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: /Zpět na přehled/ }).click();

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: /H3 hexagons \(resolution 8\)/ }).waitFor();
  await saveScreenshot(page, '33-overview-english');
  expect(await seriousAxeViolations(page)).toEqual([]);
  // The stored copy opens in the reports view, from the keyboard.
  const conflicts = sidebar(page).getByRole('status').filter({ hasText: 'Report no. 1 in the file skola-kopie.geojson' });
  await conflicts.getByRole('button', { name: 'open the stored one' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('button', { name: 'Reports' }).first().getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => page.getByLabel(/Precise description of the locality/).inputValue()).toBe('U školy, na hřišti');
  expect(errors).toEqual([]);
});
