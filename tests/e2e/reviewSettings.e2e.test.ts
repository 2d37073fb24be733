/**
 * "Nastavení analýzy" end to end: the region overview with three obec files; a bad value refused with its reason;
 * a larger grouping distance merges localities; the locality shows how many RÚIAN address points it reaches
 * (Karlovarský kraj's pack has them); the setting survives a reload; "Obnovit výchozí" brings back 4 localities.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, saveScreenshot, seriousAxeViolations, waitForMapIdle, dropFiles } from './browser.ts';
import { reviewFixture } from './reviewFixtures.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sidebar = (page: Page) => page.getByRole('complementary');

/** The number of localities the finished analysis reports. */
async function analysedLocalities(page: Page): Promise<number> {
  const status = page.getByRole('status').filter({ hasText: /\d+ z \d+ hlášení, \d+ lokalit/ });
  await status.waitFor({ timeout: 60_000 });
  const match = /(\d+) lokalit/.exec((await status.textContent()) ?? '');
  await waitForMapIdle(page);
  return Number(match![1]);
}

async function openSettings(page: Page) {
  await sidebar(page).getByRole('button', { name: 'Nastavení analýzy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nastavení analýzy' });
  await dialog.waitFor();
  return dialog;
}

test('change the grouping distance: localities merge; the address points reached are shown; defaults come back', async () => {
  const fixture = reviewFixture();
  const { page, errors } = await openApp(browser);
  await page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
  await dropFiles(page, fixture.files);
  await sidebar(page).getByRole('status').filter({ hasText: 'Importováno souborů: 3' }).waitFor({ timeout: 60_000 });
  await expect.poll(() => analysedLocalities(page), { timeout: 60_000 }).toBe(4);

  // Who is affected: every locality in Karlovarský kraj has an address-point figure.
  const localities = sidebar(page).getByRole('region', { name: /Problémové lokality/ });
  await expect.poll(async () => (await localities.textContent()) ?? '').toMatch(/\d+ adr\. míst/);
  const panel = sidebar(page).getByRole('region', { name: 'Nastavení analýzy' });
  expect(await panel.textContent()).toContain('Seskupení do 300 m · adresní místa do 100 m');

  // A bad value is refused with its reason, nothing changes.
  let dialog = await openSettings(page);
  const distance = dialog.getByLabel('Vzdálenost seskupení (m)');
  expect(await distance.inputValue()).toBe('300');
  expect(await dialog.textContent()).toContain('FCC: 5 Mbit/s na 4G');
  await distance.fill('0');
  await dialog.getByRole('button', { name: 'Použít' }).click();
  await dialog.getByRole('alert').waitFor();
  expect(await distance.getAttribute('aria-invalid')).toBe('true');
  expect(await dialog.textContent()).toContain('Zadejte hodnotu od 1 do 10000.');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, '33-analysis-settings');

  // 5 km: the pair at the school, the pair across the border and the lone report in the neighbour become one.
  await distance.fill('5000');
  await dialog.getByLabel('Mez stahování (Mbit/s)').fill('10');
  await dialog.getByRole('button', { name: 'Použít' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => analysedLocalities(page), { timeout: 60_000 }).toBeLessThan(4);
  const merged = await analysedLocalities(page);
  expect(merged).toBeGreaterThanOrEqual(1);
  expect(await panel.textContent()).toContain('Seskupení do 5000 m');
  expect(await panel.textContent()).toContain('Změněno oproti výchozím hodnotám.');

  const biggest = localities.getByRole('button').first();
  expect(Number(/(\d+) hlášení/.exec((await biggest.textContent()) ?? '')![1])).toBeGreaterThanOrEqual(3);
  await biggest.click();
  const locality = sidebar(page).locator('.locality-panel');
  await locality.getByText('Síla důkazů').waitFor();
  const text = (await locality.textContent()) ?? '';
  const affected = Number(/Adresní místa v dosahu: (\d+)/.exec(text)?.[1]);
  expect(affected).toBeGreaterThan(0);
  expect(text).toContain('do 100 m od bodů a úseků (stav k 2023-12-31)');
  // The evidence meter names the limits in force.
  expect(text).toContain('stahování < 10 Mbit/s');
  await waitForMapIdle(page);
  await saveScreenshot(page, '34-locality-address-points');
  await locality.getByRole('button', { name: /Zpět/ }).click();

  // Kept with the other settings.
  await page.reload();
  await sidebar(page).getByRole('region', { name: 'Nastavení analýzy' }).waitFor({ timeout: 60_000 });
  expect(await sidebar(page).getByRole('region', { name: 'Nastavení analýzy' }).textContent()).toContain('Seskupení do 5000 m');

  // "Obnovit výchozí": back to 300 m and 4 localities.
  dialog = await openSettings(page);
  await dialog.getByRole('button', { name: 'Obnovit výchozí' }).click();
  expect(await dialog.getByLabel('Vzdálenost seskupení (m)').inputValue()).toBe('300');
  await dialog.getByRole('button', { name: 'Zavřít' }).click();
  await expect.poll(() => analysedLocalities(page), { timeout: 60_000 }).toBe(4);
  expect(errors).toEqual([]);
});
