/**
 * Nothing typed is lost (issue 17, section 2): typing is saved as one types, without leaving the field, and what
 * was typed comes back after the tab is closed at once, after a reload, and after a phone switched apps and then
 * dropped the page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, launchBrowser, openApp, waitForMapIdle, waitForPackShown } from './browser.ts';
import { chooseMyObec, clickCanvas, interiorPoint, KARLOVY_VARY, project, reportForm, reportTable, tool } from './reports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const JOURNAL_KEY = 'hlucha-mista.unsavedTyping';

/** On a phone the panels are behind the bottom bar; on a laptop they are all in view. */
async function showPanel(page: Page, name: 'Seznam' | 'Mapa'): Promise<void> {
  const bar = page.getByRole('navigation', { name: 'Zobrazení' });
  if ((await bar.count()) > 0) await bar.getByRole('button', { name }).click();
}

async function newReport(page: Page): Promise<void> {
  await showPanel(page, 'Seznam');
  await chooseMyObec(page, 'Karlovy Vary');
  await showPanel(page, 'Mapa');
  await waitForMapIdle(page);
  const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
  await tool(page, 'Bod').click();
  await clickCanvas(page, await project(page, lon, lat));
  await reportForm(page).waitFor();
}

/** A second page in the same browser profile (the same IndexedDB and localStorage): the mayor opens the app again. */
async function reopen(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseUrl());
  await waitForPackShown(page, 'CZ041');
  return page;
}

async function descriptionAfterOpening(page: Page, text: string): Promise<string> {
  await showPanel(page, 'Seznam');
  const row = reportTable(page).locator('tbody tr').filter({ hasText: text });
  await row.waitFor({ timeout: 15_000 });
  await row.getByRole('button').first().click();
  return reportForm(page).getByLabel('Přesný popis lokality').inputValue();
}

test('typed and the tab closed at once: the text is there when the app is opened again', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
  const { page, errors } = await openApp(browser, undefined, context);
  await newReport(page);
  const text = 'Hasičská zbrojnice, uvnitř nelze volat';
  await reportForm(page).getByLabel('Přesný popis lokality').fill(text);
  // No blur, no pause: the tab is closed right after the last keystroke.
  await page.close({ runBeforeUnload: true });
  expect(errors).toEqual([]);

  const again = await reopen(context);
  expect(await descriptionAfterOpening(again, text)).toBe(text);
  // Recovered into IndexedDB: the journal is empty again.
  await expect.poll(() => again.evaluate((key) => localStorage.getItem(key), JOURNAL_KEY)).toBeNull();
  await context.close();
}, 240_000);

test('typed, paused, reloaded without leaving the field: saved by the pause alone', async () => {
  const { page, errors } = await openApp(browser);
  await newReport(page);
  const text = 'Silnice na Abertamy, od zatáčky nelze volat';
  const field = reportForm(page).getByLabel('Přesný popis lokality');
  await field.pressSequentially(text, { delay: 5 });
  // The field keeps the focus; after a pause the typing is in IndexedDB (the journal is emptied when it is).
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), JOURNAL_KEY), { timeout: 5_000 }).toBeNull();
  expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
  // The list behind the form already shows it, and the undo step is one (the typing, not every keystroke).
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  expect(await descriptionAfterOpening(page, text)).toBe(text);
  expect(errors).toEqual([]);
}, 240_000);

test('a phone switches apps mid-description (page hidden), then drops the page: the text is kept', async () => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    locale: 'cs-CZ',
    reducedMotion: 'reduce',
  });
  const { page, errors } = await openApp(browser, undefined, context);
  await newReport(page);
  const text = 'Údolí Rolavy pod mostem';
  await reportForm(page).getByLabel('Přesný popis lokality').fill(text);
  // The app switch: the page becomes hidden (what a phone does first), the save starts at once.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), JOURNAL_KEY), { timeout: 5_000 }).toBeNull();
  // The phone then discards the background page.
  await page.close();
  expect(errors).toEqual([]);
  const again = await reopen(context);
  expect(await descriptionAfterOpening(again, text)).toBe(text);
  await context.close();
}, 240_000);
