/**
 * An office's table becomes reports: a windows-1250 `;` CSV with decimal commas and a DMS column is dropped on the
 * window; the mapping dialog shows it decoded, guesses the columns; the person fixes the description column and
 * chooses what fails; the live count; import; the reports are in the list (marked "Z tabulky") and on the map; the
 * bad row is listed with its reason and the error list downloads as a Czech-Excel CSV. Then an XLSX chosen through
 * the import dialog in English. axe-core on the dialog.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, saveScreenshot, seriousAxeViolations } from './browser.ts';
import { listRows, mapReportCount, reportTable, tabTo } from './reports.ts';
import { libreOfficeOds } from '../support/ods.ts';
import { encodeWindows1250 } from '../support/windows1250.ts';
import { makeXlsx } from '../support/xlsx.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Drops a file with the given bytes on the page, as from a file manager. */
async function dropBytes(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, base64]) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], fileName, { type: 'text/csv' }));
      return transfer;
    },
    [name, Buffer.from(bytes).toString('base64')] as const,
  );
  await page.locator('main').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
}

// Boží Dar (50°24′36.7″ N, 12°55′28.9″ E), Karlovy Vary centre, a row whose latitude is a word, and a row that
// names Jáchymov at a point in Boží Dar.
const CSV = [
  'Obec;Kde přesně;Zeměpisná šířka;Zeměpisná délka;Operátor;Datum',
  'Boží Dar;Parkoviště u sjezdovky;50°24\'36,7"N;12°55\'28,9"E;O2;7. 3. 2025',
  'Karlovy Vary;Lázeňská kolonáda, dolní část;50,2236;12,8827;T-Mobile, Vodafone;12. 3. 2025',
  'Žlutice;Náměstí;padesát;13,1627;všichni;1. 4. 2025',
  'Jáchymov;Lanovka u kostela;50,4103;12,9247;O2;2. 4. 2025',
].join('\r\n');

test('a windows-1250 CSV dropped on the window: guess, fix, import, the reports and the reasons', async () => {
  const { page, errors } = await openApp(browser);
  await dropBytes(page, 'místa-obce.csv', encodeWindows1250(`${CSV}\r\n`));
  const dialog = page.getByRole('dialog', { name: 'Import tabulky' });
  await dialog.waitFor();

  // Decoded and detected.
  const preview = dialog.getByRole('table', { name: 'Začátek souboru (řádků: 4)' });
  await preview.waitFor();
  expect(await preview.textContent()).toContain('Boží Dar');
  expect(await preview.textContent()).toContain('Lázeňská kolonáda, dolní část');
  expect(await dialog.getByLabel('Kódování').inputValue()).toBe('windows-1250');
  expect(await dialog.getByLabel('Oddělovač').inputValue()).toBe(';');

  // The guess: coordinates, obec, operators and date by their names.
  const selected = async (label: string) =>
    dialog.getByLabel(label, { exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
  expect(await selected('Zeměpisná šířka (WGS84)')).toBe('C: Zeměpisná šířka');
  expect(await selected('Zeměpisná délka (WGS84)')).toBe('D: Zeměpisná délka');
  expect(await selected('Název obce')).toBe('A: Obec');
  expect(await selected('Operátoři')).toBe('E: Operátor');
  expect(await selected('Datum zjištění')).toBe('F: Datum');
  expect(await selected('Popis místa')).toBe('— v tabulce není —');

  // Nothing can be imported yet: no description and no "what fails".
  await dialog.getByText('Lze importovat řádků: 0. Nelze: 4.').waitFor();
  await saveScreenshot(page, 'table-import-1-guess');

  // The person fixes the description column and says what fails for every row.
  await dialog.getByLabel('Popis místa', { exact: true }).selectOption({ label: 'B: Kde přesně' });
  await dialog.getByRole('group', { name: 'Co nefunguje' }).getByRole('checkbox', { name: 'Žádný signál' }).check();
  await dialog.getByText('Lze importovat řádků: 3. Nelze: 1.').waitFor();
  const early = dialog.getByRole('region', { name: /Proč některé řádky importovat nelze/ });
  expect(await early.textContent()).toContain('Není to souřadnice');

  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'table-import-2-fixed');

  await dialog.getByRole('button', { name: 'Importovat 3 hlášení' }).click();
  const result = dialog.getByRole('heading', { name: 'Import tabulky místa-obce.csv je hotov.' });
  await result.waitFor();
  // The focus moves to the result for keyboard and screen-reader users.
  expect(await result.evaluate((element) => element === document.activeElement)).toBe(true);
  expect(await dialog.textContent()).toMatch(/Nová hlášení\s*3/);
  expect(await dialog.textContent()).toMatch(/Importováno s upozorněním\s*1/);
  // The Jáchymov row is imported by its coordinates, with a warning naming both obce.
  const warnings = dialog.getByRole('region', { name: 'Importované řádky, u nichž obec v tabulce nesouhlasí se souřadnicemi' });
  expect(await warnings.locator('tbody tr').first().innerText()).toMatch(
    /^5\s+A \(Obec\)\s+Souřadnice leží v obci Boží Dar \(506486\), tabulka uvádí „Jáchymov“.*\s+Jáchymov$/s,
  );
  const [warningFile] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Stáhnout seznam upozornění (CSV)' }).click()]);
  expect(warningFile.suggestedFilename()).toBe('upozorneni-importu-místa-obce.csv');
  expect((await readFile(await warningFile.path(), 'utf8')).trimEnd().split('\r\n')).toHaveLength(2);
  expect(await dialog.textContent()).toMatch(/Řádky, které importovat nelze\s*1/);
  const reasons = dialog.getByRole('region', { name: 'Řádky tabulky, které se nestaly hlášením, a proč' });
  const reasonRow = reasons.locator('tbody tr').first();
  expect(await reasonRow.innerText()).toMatch(/^4\s+C \(Zeměpisná šířka\)\s+Není to souřadnice.*\s+padesát$/s);
  await saveScreenshot(page, 'table-import-3-result');

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Stáhnout seznam chyb (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe('chyby-importu-místa-obce.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFFŘádek;Sloupec;Důvod;Hodnota\r\n4;C (Zeměpisná šířka);Není to souřadnice')).toBe(true);
  expect(csv.trimEnd().split('\r\n')).toHaveLength(2);

  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();
  await reportTable(page).locator('tbody tr').nth(2).waitFor();
  const rows = await listRows(page);
  expect(rows).toHaveLength(3);
  expect(rows.join('\n')).toContain('Parkoviště u sjezdovky');
  expect(rows.join('\n')).toContain('Lázeňská kolonáda, dolní část');
  expect(rows.every((row) => row.includes('Z tabulky'))).toBe(true);
  await page.waitForFunction(() => document.querySelector('.map-canvas')?.getAttribute('data-report-count') === '3');
  expect(await mapReportCount(page)).toBe(3);

  // The same file again: everything already known, nothing added.
  await dropBytes(page, 'místa-obce.csv', encodeWindows1250(`${CSV}\r\n`));
  const again = page.getByRole('dialog', { name: 'Import tabulky' });
  await again.getByLabel('Popis místa', { exact: true }).selectOption({ label: 'B: Kde přesně' });
  await again.getByRole('group', { name: 'Co nefunguje' }).getByRole('checkbox', { name: 'Žádný signál' }).check();
  await again.getByRole('button', { name: 'Importovat 3 hlášení' }).click();
  await again.getByRole('heading', { name: /je hotov/ }).waitFor();
  expect(await again.textContent()).toMatch(/Nová hlášení\s*0/);
  expect(await again.textContent()).toMatch(/Už dříve importovaná\s*3/);
  await again.getByRole('button', { name: 'Zavřít' }).last().click();
  expect(await listRows(page)).toHaveLength(3);
  expect(errors).toEqual([]);
});

test('an XLSX chosen in the import dialog, in English; a broken file refused with its reason', async () => {
  const { page, errors } = await openApp(browser);
  await page.getByRole('button', { name: 'English' }).click();

  const workbook = makeXlsx({
    Places: [
      ['Municipality', 'GPS', 'Description', 'Operator', 'Problem'],
      ['Boží Dar', '50.4102, 12.9247', 'Ski lift car park', 'Vodafone', 'no signal'],
      ['Abertamy', '50.3688, 12.8186', 'School gym', 'O2', 'slow data'],
      ['Praha', '', 'No coordinates', 'O2', 'no data'],
    ],
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import municipal files' });
  await importDialog.getByLabel('Import a table (CSV, XLSX, XLS, ODS)').setInputFiles({
    name: 'places.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(workbook),
  });
  const dialog = page.getByRole('dialog', { name: 'Import a table' });
  await dialog.getByText('Rows that can be imported: 2. Cannot: 1.').waitFor();
  expect(await dialog.getByLabel('Sheet').inputValue()).toBe('Places');
  const selected = async (label: string) =>
    dialog.getByLabel(label, { exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
  expect(await selected('Latitude and longitude in one column')).toBe('B: GPS');
  expect(await selected('What fails')).toBe('E: Problem');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'table-import-4-xlsx-english');

  // By keyboard: Tab moves through the dialog (focus stays inside it) to the Import button; Enter imports.
  const importButton = dialog.getByRole('button', { name: 'Import reports (2)' });
  await tabTo(page, importButton, 120);
  await page.keyboard.press('Enter');
  await dialog.getByRole('heading', { name: 'The table places.xlsx has been imported.' }).waitFor();
  expect(await dialog.textContent()).toMatch(/New reports\s*2/);
  expect(await dialog.getByRole('region', { name: /did not become reports/ }).textContent()).toContain('The coordinates are missing.');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await reportTable(page).locator('tbody tr').nth(1).waitFor();
  expect((await listRows(page)).join('\n')).toContain('Ski lift car park');

  // A truncated workbook: refused with its reason, nothing changed.
  await dropBytes(page, 'broken.xlsx', workbook.subarray(0, 200));
  const broken = page.getByRole('dialog', { name: 'Import a table' });
  await broken.getByRole('alert').filter({ hasText: 'not a readable XLSX workbook' }).waitFor();
  expect(await broken.getByRole('alert').textContent()).toContain('Nothing was changed.');
  await saveScreenshot(page, 'table-import-5-refused');
  await broken.getByRole('button', { name: 'Close' }).last().click();
  expect(await listRows(page)).toHaveLength(2);
  expect(errors).toEqual([]);
});

test('a LibreOffice .ods dropped on the window: the sheet, values rather than display texts, imported', async () => {
  const { page, errors } = await openApp(browser);
  await dropBytes(page, 'místa.ods', libreOfficeOds());
  const dialog = page.getByRole('dialog', { name: 'Import tabulky' });
  await dialog.waitFor();
  expect(await dialog.getByLabel('List sešitu').inputValue()).toBe('Hluchá místa');
  const preview = dialog.getByRole('table', { name: 'Začátek souboru (řádků: 2)' });
  // The cell's value (50.4102), not LibreOffice's display text (50,4102); the date as ISO.
  expect(await preview.textContent()).toContain('50.4102');
  expect(await preview.textContent()).toContain('2025-03-07');
  await dialog.getByRole('group', { name: 'Co nefunguje' }).getByRole('checkbox', { name: 'Žádný signál' }).check();
  await dialog.getByRole('group', { name: 'Operátoři' }).getByRole('checkbox', { name: 'O2' }).check();
  await dialog.getByLabel('Popis místa, když v řádku chybí').fill('Z tabulky obce');
  await dialog.getByText('Lze importovat řádků: 2. Nelze: 0.').waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'table-import-6-ods');
  await dialog.getByRole('button', { name: 'Importovat 2 hlášení' }).click();
  await dialog.getByRole('heading', { name: 'Import tabulky místa.ods je hotov.' }).waitFor();
  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();
  await reportTable(page).locator('tbody tr').nth(1).waitFor();
  expect((await listRows(page)).join('\n')).toContain('U kapličky & „vleku“');
  expect(errors).toEqual([]);
});
