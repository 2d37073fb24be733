/**
 * axe-core on the report screens: the list (with demo data), the form (with its problems shown), the dialogs,
 * in Czech and English; no serious or critical WCAG 2.1 A/AA violations. Problems are tied to their fields.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, saveScreenshot, seriousAxeViolations, waitForMapIdle } from './browser.ts';
import { chooseMyObec, clickCanvas, interiorPoint, KARLOVY_VARY, project, reportForm, reportTable, tool } from './reports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the list, the form with its problems and the dialogs have no serious or critical axe violations', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');

  // The list with demo data.
  await page.getByRole('button', { name: 'Načíst ukázková data (DEMO)' }).click();
  await page
    .getByRole('region', { name: 'Výsledek importu' })
    .getByText(/Přidáno\s*40/)
    .waitFor({ timeout: 30_000 });
  await reportTable(page).waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);

  // A new report: "Hotovo" on an empty form shows the problems next to the fields.
  const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
  await tool(page, 'Bod').click();
  await clickCanvas(page, await project(page, lon, lat));
  const form = reportForm(page);
  await form.getByRole('button', { name: 'Hotovo' }).click();
  await form.getByRole('alert').getByText('Hlášení je uložené, ale neúplné:').waitFor();
  const description = form.getByLabel('Přesný popis lokality');
  expect(await description.getAttribute('aria-invalid')).toBe('true');
  const problemId = await description.getAttribute('aria-describedby');
  expect(problemId).toBeTruthy();
  const described = await page.evaluate(
    (ids) =>
      ids
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    problemId!,
  );
  expect(described).toContain('Vyplňte prosím.');
  const failures = form.getByRole('group', { name: /Co nefunguje/ });
  expect(await failures.getAttribute('aria-invalid')).toBe('true');
  await waitForMapIdle(page);
  await saveScreenshot(page, '17-form-problems');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // The nearby offer and the measurements section open.
  await form.getByText('Měření (NetTest)').click();
  await form.getByRole('button', { name: 'Přidat měření' }).click();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Zavřít i tak' }).click();

  // The dialogs.
  await page.getByRole('button', { name: 'Exportovat soubor obce' }).click();
  await page.getByRole('dialog').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Importovat', exact: true }).click();
  await page.getByRole('dialog').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  expect(await page.getByRole('dialog').count()).toBe(0);

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await reportTable(page).getByRole('button').nth(3).click();
  await reportForm(page)
    .getByRole('heading', { name: /Report/ })
    .waitFor();
  await saveScreenshot(page, '17-form-english');
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the phone layout: the list behind the bottom bar, then the map with the reports', async () => {
  const { page, errors } = await openApp(browser, { width: 390, height: 844 });
  const bar = page.getByRole('navigation', { name: 'Zobrazení' });
  await bar.getByRole('button', { name: 'Seznam' }).click();
  await page.getByRole('button', { name: 'Načíst ukázková data (DEMO)' }).click();
  await page
    .getByRole('region', { name: 'Výsledek importu' })
    .getByText(/Přidáno\s*40/)
    .waitFor({ timeout: 30_000 });
  expect(await seriousAxeViolations(page)).toEqual([]);
  await bar.getByRole('button', { name: 'Mapa' }).click();
  await waitForMapIdle(page);
  await saveScreenshot(page, '18-phone');
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
