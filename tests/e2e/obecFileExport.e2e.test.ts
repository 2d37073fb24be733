/**
 * Sending the obec file (issue 17, section 5): the mayor of Pernink exports the obec's file. The dialog's count is
 * the file's; the incomplete report and the one just over the border are listed with their reasons; the file is
 * named obec-pernink-555452-<date>.geojson; the sign-off is remembered (also after a reload); the kraj's receiving
 * address is a kraj setting shown with what happens next; the council's one-page summary prints (one PDF page).
 */
import { readFile } from 'node:fs/promises';
import { booleanPointInPolygon, destination, pointOnFeature } from '@turf/turf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { launchBrowser, openApp, saveScreenshot, seriousAxeViolations, waitForPackShown } from './browser.ts';
import { chooseMyObec, clickCanvas, project, reportForm, reportTable, tool } from './reports.ts';

const PERNINK = '555452';
const NOW = '2026-12-01T09:00:00.000Z';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Two points inside Pernink and one about 120 m over its border, in a neighbour (found on the real outlines). */
function perninkPlaces(): { inside: Array<[number, number]>; over: [number, number]; neighbour: string } {
  const obce = readObce('CZ041');
  const pernink = obce.features.find((f) => f.properties.kod === PERNINK)!;
  const centre = pointOnFeature(pernink).geometry.coordinates as [number, number];
  const second = destination(centre, 0.3, 90).geometry.coordinates as [number, number];
  const inside: Array<[number, number]> = [
    centre,
    booleanPointInPolygon(second, pernink) ? second : (destination(centre, 0.3, 270).geometry.coordinates as [number, number]),
  ];
  const ring = (pernink.geometry.type === 'Polygon' ? pernink.geometry.coordinates[0] : pernink.geometry.coordinates[0]![0])!;
  for (let i = 0; i < ring.length; i += 7) {
    for (let bearing = 0; bearing < 360; bearing += 30) {
      const candidate = destination(ring[i]!, 0.12, bearing).geometry.coordinates as [number, number];
      if (booleanPointInPolygon(candidate, pernink)) continue;
      const neighbour = obce.features.find((f) => f.properties.kod !== PERNINK && booleanPointInPolygon(candidate, f));
      if (neighbour) return { inside, over: candidate, neighbour: neighbour.properties.nazev };
    }
  }
  throw new Error('no point just over the border of Pernink');
}

function report(n: number, coordinates: [number, number], description: string): Report {
  return {
    ...createEmptyReport({ type: 'Point', coordinates }, { id: `5e000000-0000-4000-8000-00000000000${n}`, now: NOW }),
    description,
    failures: ['callsFail'],
    operators: ['o2'],
  };
}

async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Exportovat soubor obce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export souboru obce' });
  await dialog.waitFor();
  return dialog;
}

test('the count matches the file, every left-out report has its reason, the name, the contact, the kraj address, the summary', async () => {
  const places = perninkPlaces();
  const { page, errors } = await openApp(browser);
  await chooseMyObec(page, 'Pernink');
  const text = exportObecFile(
    [
      report(1, places.inside[0]!, 'Hasičská zbrojnice, uvnitř nelze volat'),
      report(2, places.inside[1]!, 'Náměstí u obecního úřadu'),
      report(3, places.over, 'Poslední dům u lesa'),
    ],
    { obec: null, signOff: null, exportedAt: NOW, appVersion: 'test' },
  );
  await page.getByRole('button', { name: 'Importovat', exact: true }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import souborů obcí' });
  await importDialog
    .getByLabel('Vyberte soubory (GeoJSON)')
    .setInputFiles({ name: 'pernink.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(text) });
  await importDialog.getByText(/Přidáno\s*3/).waitFor();
  await importDialog.getByRole('button', { name: 'Zavřít' }).last().click();
  // An incomplete report: placed in Pernink and left without a description.
  await tool(page, 'Bod').click();
  const at = await project(page, places.inside[0]![0], places.inside[0]![1]);
  await clickCanvas(page, { x: at.x + 25, y: at.y + 25 });
  await reportForm(page).waitFor();
  await reportForm(page).getByRole('button', { name: 'Zpět na seznam' }).click();
  await reportTable(page).waitFor();

  let dialog = await openExport(page);
  // One count, and it is the file's.
  expect(await dialog.locator('.export-count').textContent()).toContain('Pernink (555452): 2');
  const leftOut = dialog.getByRole('region', { name: /Do souboru nepůjdou/ });
  expect(await leftOut.getByRole('heading').textContent()).toContain('počet: 2');
  const reasons = await leftOut.locator('li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-reason'), li.textContent]));
  expect(reasons.map(([code]) => code)).toEqual(['obecFile.incomplete', 'obecFile.justOutside']);
  expect(reasons[0]![1]).toContain('(bez popisu)');
  expect(reasons[0]![1]).toContain('Neúplné');
  expect(reasons[1]![1]).toContain('Poslední dům u lesa');
  expect(reasons[1]![1]).toContain(`v obci ${places.neighbour}`);
  expect(reasons[1]![1]).toMatch(/těsně za hranicí, \d+ m od obce/);

  // No kraj address yet: said so. The kraj's address is entered (a bad e-mail refused first).
  await dialog.getByText('Karlovarský kraj zatím neuvedl, kam soubory obcí posílat.').waitFor();
  await dialog.getByRole('button', { name: 'Zadat adresu kraje pro příjem souborů' }).click();
  await dialog.getByLabel('Útvar krajského úřadu').fill('Odbor regionálního rozvoje');
  await dialog.getByLabel('E-mail', { exact: true }).fill('podatelna(at)kraj');
  await dialog.getByLabel('Datová schránka').fill('SIQ BXT2');
  await dialog.getByRole('button', { name: 'Uložit adresu kraje' }).click();
  await dialog.getByText('Zadejte e-mailovou adresu ve tvaru podatelna@kraj.cz.').waitFor();
  await dialog.getByLabel('E-mail', { exact: true }).fill('podatelna@kr-karlovarsky.cz');
  await dialog.getByRole('button', { name: 'Uložit adresu kraje' }).click();
  const next = dialog.getByRole('region', { name: 'Kam soubor poslat a co bude dál' });
  await next.getByRole('link', { name: 'podatelna@kr-karlovarsky.cz' }).waitFor();
  const nextText = (await next.textContent()) ?? '';
  expect(nextText).toContain('siqbxt2');
  expect(nextText).toContain('Odbor regionálního rozvoje');
  expect(nextText).toContain('Pošlete ho jako přílohu e-mailem na podatelna@kr-karlovarsky.cz.');
  expect(nextText).toMatch(/Stáhněte soubor obec-pernink-555452-\d{4}-\d{2}-\d{2}\.geojson/);
  expect(nextText).toContain('Českému telekomunikačnímu úřadu');

  await dialog.getByLabel('Jméno a příjmení').fill('Jana Nováková');
  await dialog.getByLabel('Funkce').fill('starostka');
  await dialog.getByLabel('Úřední kontakt obce (nepovinné)').fill('podatelna@pernink.cz');
  await dialog.getByLabel('Datum').fill('2026-12-06');
  await saveScreenshot(page, 'obec-file-export-dialog');
  expect(await seriousAxeViolations(page)).toEqual([]);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Stáhnout soubor' }).click()]);
  expect(download.suggestedFilename()).toBe('obec-pernink-555452-2026-12-06.geojson');
  const file = JSON.parse(await readFile(await download.path(), 'utf8')) as { features: Array<{ properties: { description: string } }> };
  expect(file.features.map((f) => f.properties.description).sort()).toEqual(['Hasičská zbrojnice, uvnitř nelze volat', 'Náměstí u obecního úřadu']);

  // The council's summary: the list and the map of the file's reports, one printed page.
  await dialog.getByRole('button', { name: 'Přehled pro zastupitelstvo (tisk)' }).click();
  const summary = page.getByRole('dialog', { name: 'Přehled pro zastupitelstvo' });
  const sheet = summary.getByRole('article', { name: 'Hluchá místa v obci Pernink' });
  await sheet.waitFor();
  expect(await sheet.locator('tbody tr').count()).toBe(2);
  expect(
    await sheet
      .getByRole('img', { name: /Mapa obce s očíslovanými hlášeními/ })
      .locator('circle')
      .count(),
  ).toBe(2);
  expect(await sheet.textContent()).toContain('Za obec: Jana Nováková, starostka.');
  await saveScreenshot(page, 'obec-file-council-summary');
  await page.emulateMedia({ media: 'print' });
  await saveScreenshot(page, 'obec-file-council-summary-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);
  await summary.getByRole('button', { name: 'Zpět k exportu' }).click();
  dialog = page.getByRole('dialog', { name: 'Export souboru obce' });
  await dialog.getByRole('button', { name: 'Zavřít' }).last().click();

  // Next time, also after a reload: the sign-off and the kraj's address are there.
  await page.reload();
  await waitForPackShown(page, 'CZ041');
  dialog = await openExport(page);
  await expect.poll(() => dialog.getByLabel('Jméno a příjmení').inputValue()).toBe('Jana Nováková');
  expect(await dialog.getByLabel('Funkce').inputValue()).toBe('starostka');
  expect(await dialog.getByLabel('Úřední kontakt obce (nepovinné)').inputValue()).toBe('podatelna@pernink.cz');
  await dialog.getByRole('link', { name: 'podatelna@kr-karlovarsky.cz' }).waitFor();
  expect(errors).toEqual([]);
}, 300_000);
