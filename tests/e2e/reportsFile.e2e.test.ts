/**
 * The obec file: export with a sign-off → clear → import → the identical list; importing it again (dropped on the
 * window) changes nothing. Bad files are refused and change nothing. Demo data are labelled everywhere.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, saveScreenshot, waitForMapIdle } from './browser.ts';
import { chooseMyObec, clickCanvas, interiorPoint, KARLOVY_VARY, listRows, mapReportCount, project, reportForm, reportTable, tool } from './reports.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function drawFilledReports(page: Page): Promise<void> {
  const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
  const c = await project(page, lon, lat);
  const at = (dx: number, dy: number) => ({ x: c.x + dx, y: c.y + dy });
  const form = reportForm(page);

  await tool(page, 'Bod').click();
  await clickCanvas(page, at(0, 0));
  await form.getByLabel('Přesný popis lokality').fill('Škola – tělocvična, žádný signál <b>uvnitř</b>'.replace(/<\/?b>/g, ''));
  await form.getByRole('checkbox', { name: 'Žádný signál' }).check();
  await form.getByRole('checkbox', { name: 'O2' }).check();
  await form.getByRole('button', { name: 'Přidat pozorování' }).click();
  await form.getByLabel('Datum', { exact: true }).fill('2025-03-02');
  await form.getByLabel('Jméno a příjmení').fill('Petr Svoboda');
  await form.getByLabel('Kontakt').fill('+420 777 123 456');
  await form.getByRole('button', { name: 'Hotovo' }).click();
  await reportTable(page).waitFor();

  await tool(page, 'Úsek').click();
  for (const [dx, dy] of [
    [-90, -70],
    [-30, -100],
    [40, -80],
    [40, -80],
  ] as const)
    await clickCanvas(page, at(dx, dy));
  await form.getByLabel('Přesný popis lokality').fill('Silnice k přehradě');
  await form.getByRole('checkbox', { name: 'Pomalá data' }).check();
  await form.getByRole('checkbox', { name: 'Všichni operátoři' }).check();
  await form.getByRole('button', { name: 'Hotovo' }).click();
  await reportTable(page).waitFor();
}

async function exportFile(page: Page): Promise<{ name: string; text: string; path: string }> {
  await page.getByRole('button', { name: 'Exportovat soubor obce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export souboru obce' });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain('Karlovy Vary (554961): 2');
  // The sign-off starts from the newest reporter; the function is filled in.
  expect(await dialog.getByLabel('Jméno a příjmení').inputValue()).toBe('Petr Svoboda');
  await dialog.getByLabel('Funkce').fill('starosta');
  await saveScreenshot(page, '14-export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Stáhnout soubor' }).click()]);
  await dialog.getByRole('status').waitFor();
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();
  return { name: download.suggestedFilename(), text, path };
}

/** Drops a file on the page as a person dragging it from the file manager would. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName, { type: 'application/geo+json' }));
      return data;
    },
    [name, text] as const,
  );
  await page.locator('main').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
}

test('export the obec file, clear everything, import it: the identical list; importing twice changes nothing', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  await drawFilledReports(page);
  const before = await listRows(page);
  expect(before).toHaveLength(2);

  const file = await exportFile(page);
  expect(file.name).toMatch(/^obec-karlovy-vary-554961-\d{4}-\d{2}-\d{2}\.geojson$/);
  const parsed = JSON.parse(file.text) as {
    type: string;
    hluchaMista: { obec: { kod: string }; signOff: { name: string; function: string } };
    features: unknown[];
  };
  expect(parsed.type).toBe('FeatureCollection');
  expect(parsed.hluchaMista.obec.kod).toBe('554961');
  expect(parsed.hluchaMista.signOff).toMatchObject({ name: 'Petr Svoboda', function: 'starosta' });
  expect(parsed.features).toHaveLength(2);

  // Clear (with confirmation): nothing left.
  await page.getByRole('button', { name: 'Smazat vše' }).click();
  const confirm = page.getByRole('dialog', { name: 'Smazat všechna hlášení?' });
  await confirm.getByRole('button', { name: 'Smazat vše' }).click();
  await page.getByText('Zatím žádná hlášení.').waitFor();
  expect(await mapReportCount(page)).toBe(0);

  // Import through the file input: the identical list.
  await page.getByRole('button', { name: 'Importovat', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import souborů obcí' });
  await dialog.getByLabel('Vyberte soubory (GeoJSON)').setInputFiles(file.path);
  await dialog.getByText(/Přidáno\s*2/).waitFor();
  await saveScreenshot(page, '15-import-summary');
  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();
  await reportTable(page).locator('tbody tr').nth(1).waitFor();
  expect(await listRows(page)).toEqual(before);
  expect(await mapReportCount(page)).toBe(2);

  // The same file dropped on the window: everything unchanged.
  await dropFile(page, file.name, file.text);
  const again = page.getByRole('dialog', { name: 'Import souborů obcí' });
  await again.getByText(/Beze změny\s*2/).waitFor();
  expect(await again.textContent()).toMatch(/Přidáno\s*0/);
  await again.getByRole('button', { name: 'Zavřít' }).last().click();
  expect(await listRows(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('a file that is not an obec file is refused with a reason and changes nothing', async () => {
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Karlovy Vary');
  const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
  await tool(page, 'Bod').click();
  await clickCanvas(page, await project(page, lon, lat));
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();
  const before = await listRows(page);

  await page.getByRole('button', { name: 'Importovat', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import souborů obcí' });
  await dialog
    .getByLabel('Vyberte soubory (GeoJSON)')
    .setInputFiles({ name: 'junk.geojson', mimeType: 'application/json', buffer: Buffer.from('<script>alert(1)</script>') });
  await dialog.getByText('Soubor není JSON.').waitFor();
  expect(await dialog.textContent()).toContain('Nic se nezměnilo.');

  // A feature with markup in its text is rejected with its reason, shown as text.
  const evil = {
    type: 'FeatureCollection',
    hluchaMista: {
      format: 'hlucha-mista/obec-file',
      schemaVersion: 2,
      exportedAt: '2025-06-01T00:00:00Z',
      app: { name: 'x', version: '1' },
      obec: null,
      signOff: null,
    },
    features: [
      {
        type: 'Feature',
        id: '0b5e7c2a-3f7e-4d59-9c1a-2f4e8b9d6a11',
        geometry: { type: 'Point', coordinates: [12.87, 50.21] },
        properties: {
          id: '0b5e7c2a-3f7e-4d59-9c1a-2f4e8b9d6a11',
          createdAt: '2025-06-01T00:00:00Z',
          updatedAt: '2025-06-01T00:00:00Z',
          description: '<img src=x onerror=alert(1)>',
          failures: ['noSignal'],
          operators: ['o2'],
        },
      },
    ],
  };
  await dialog
    .getByLabel('Vyberte soubory (GeoJSON)')
    .setInputFiles({ name: 'evil.geojson', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(evil)) });
  await dialog.getByText(/Odmítnuto\s*1/).waitFor();
  expect(await dialog.textContent()).toContain('Text nesmí obsahovat HTML ani skripty.');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();
  expect(await listRows(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('demo data: a clearly labelled button, DEMO in the list and on the map; loading twice changes nothing', async () => {
  const { page, errors } = await openApp(browser);
  await page.getByRole('button', { name: 'Načíst ukázková data (DEMO)' }).click();
  const result = page.getByRole('region', { name: 'Výsledek importu' });
  await result.getByText(/Přidáno\s*40/).waitFor({ timeout: 30_000 });
  await reportTable(page).waitFor();
  const rows = await listRows(page);
  expect(rows).toHaveLength(40);
  expect(rows.every((row) => row.includes('DEMO'))).toBe(true);
  expect(await mapReportCount(page)).toBe(40);
  await page.locator('.demo-on-map').getByText('Na mapě jsou ukázková data: 40').waitFor();
  await waitForMapIdle(page);
  await saveScreenshot(page, '16-demo-data');

  // Filtering the list: by failure and operator.
  await page.getByLabel('Co nefunguje').selectOption('noSignal');
  const filtered = await listRows(page);
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.length).toBeLessThan(40);
  expect(filtered.every((row) => row.includes('Žádný signál'))).toBe(true);
  await page.getByLabel('Co nefunguje').selectOption('');

  // Sorting by obec: names in Czech alphabetical order.
  await reportTable(page).getByRole('button', { name: 'Místo', exact: true }).click();
  expect(await reportTable(page).getByRole('columnheader', { name: 'Místo' }).getAttribute('aria-sort')).toBe('ascending');
  const names = (await reportTable(page).locator('.report-open-place').allInnerTexts()).map((text) => text.split(' – ')[0]!);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'cs')));

  await page.getByRole('button', { name: 'Načíst ukázková data (DEMO)' }).click();
  await result.getByText(/Beze změny\s*40/).waitFor({ timeout: 30_000 });
  expect(await listRows(page)).toHaveLength(40);
  expect(errors).toEqual([]);
});
