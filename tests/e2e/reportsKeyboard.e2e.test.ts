/**
 * A mayor without a mouse: chooses "Moje obec" in the combobox, goes to the map with the skip link, picks the point
 * tool with a key, moves the map under the crosshair with the arrow keys and presses Enter; the form opens with the
 * focus in it, and is filled in and closed with the keyboard alone.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, mapCanvas, openApp, saveScreenshot, waitForMapIdle } from './browser.ts';
import { listRows, mapReportCount, reportForm, tabTo, tool } from './reports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('keyboard only: place a point at the crosshair and fill in the form', async () => {
  const { page, errors } = await openApp(browser);

  // "Moje obec" by keyboard: type, arrow down, Enter.
  const combobox = page.getByRole('combobox', { name: 'Vyberte svou obec' });
  await tabTo(page, combobox);
  await page.keyboard.type('karlovy');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Moje obec' }).getByText('554961').waitFor();
  await waitForMapIdle(page);

  // To the map through the skip link (back up the page with Shift+Tab).
  await tabTo(page, page.getByRole('link', { name: 'Přeskočit na mapu' }), 80, 'Shift+Tab');
  await page.keyboard.press('Enter');
  expect(await mapCanvas(page).evaluate((element) => element === document.activeElement)).toBe(true);

  // "1" picks the point tool while the map has the focus.
  await page.keyboard.press('1');
  expect(await tool(page, 'Bod').getAttribute('aria-pressed')).toBe('true');
  await page.getByRole('status').filter({ hasText: 'Z klávesnice' }).waitFor();

  // Move the map under the crosshair, then Enter places the point there.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await waitForMapIdle(page);
  await saveScreenshot(page, '13-keyboard-crosshair');
  await page.keyboard.press('Enter');

  const form = reportForm(page);
  await form.waitFor();
  const heading = form.getByRole('heading', { level: 2 });
  await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
  expect(await form.locator('dl.derived-place').textContent()).toMatch(/Karlovy Vary.*554961/s);
  expect(await mapReportCount(page)).toBe(1);

  // Fill in with Tab, typing and Space.
  await tabTo(page, form.getByLabel('Přesný popis lokality'));
  await page.keyboard.type('Náměstí u kostela, venku');
  await tabTo(page, form.getByRole('checkbox', { name: 'Žádný signál' }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByRole('checkbox', { name: 'Všichni operátoři' }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByRole('button', { name: 'Hotovo' }));
  await saveScreenshot(page, '13-keyboard-form');
  await page.keyboard.press('Enter');

  // Saved and closed; the list shows it.
  await page.getByRole('table').waitFor();
  const rows = await listRows(page);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain('Náměstí u kostela, venku');
  expect(rows[0]).toContain('Žádný signál');
  expect(rows[0]).toContain('Všichni operátoři');

  // The list is the accessible way back: a report button, Enter opens the form again.
  await tabTo(page, page.getByRole('button', { name: /Náměstí u kostela/ }));
  await page.keyboard.press('Enter');
  await form.waitFor();
  expect(await form.getByLabel('Přesný popis lokality').inputValue()).toBe('Náměstí u kostela, venku');
  expect(errors).toEqual([]);
});
