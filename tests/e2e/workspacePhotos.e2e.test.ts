/**
 * Photos in the shared workspace end to end: a real server and PostgreSQL (a throwaway cluster), two browser
 * contexts. The mayor of Karlovy Vary attaches a photo to a report; the report goes out without the photo's bytes
 * and the photo follows through its own upload queue, its state shown in the list row and in the form's photo field
 * ("Fotka: … odeslána"); the BCO coordinator's browser pulls the report, fetches the photo and shows it in the form.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { BCO_EMAIL, connectAndSignIn, type E2eWorkspace, MAYOR_EMAIL, startE2eWorkspace, workspacePanel } from './workspaceSession.ts';
import { pngBytes } from '../server/support/photos.ts';
import { launchBrowser, openApp, pixelStats, saveScreenshot, seriousAxeViolations } from './browser.ts';
import { chooseMyObec, clickCanvas, interiorPoint, KARLOVY_VARY, project, reportForm, reportTable, tool } from './reports.ts';

let browser: Browser;
let ws: E2eWorkspace;

beforeAll(async () => {
  if (postgisUnavailable() !== null) return;
  ws = await startE2eWorkspace();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await ws?.close();
});

test.skipIf(postgisUnavailable() !== null)(
  'a mayor attaches a photo, sees it go to "odeslána", and the coordinator\'s browser shows it',
  async () => {
    const mayorContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
    const mayor = await openApp(browser, undefined, mayorContext);
    await connectAndSignIn(mayor.page, mayorContext, ws, MAYOR_EMAIL);
    await chooseMyObec(mayor.page, 'Karlovy Vary');

    const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
    await tool(mayor.page, 'Bod').click();
    await clickCanvas(mayor.page, await project(mayor.page, lon, lat));
    const form = reportForm(mayor.page);
    await form.getByLabel('Přesný popis lokality').waitFor({ timeout: 60_000 });
    await form.getByLabel('Přesný popis lokality').fill('Koupaliště – u pokladny nejde volat');
    await form.getByRole('checkbox', { name: 'Nelze se dovolat' }).check();
    await form.getByRole('checkbox', { name: 'O2' }).check();
    // A photo of the place: red and white stripes, recognisable in the coordinator's screenshot.
    const picture = pngBytes(480, 320, [
      [200, 30, 30],
      [250, 250, 250],
      [200, 30, 30],
      [250, 250, 250],
    ]);
    await form.getByLabel('Přidat fotografii').setInputFiles({ name: 'koupaliste.png', mimeType: 'image/png', buffer: Buffer.from(picture) });
    await form.getByRole('img', { name: 'Fotografie místa' }).waitFor();
    // The photo's state in the form, then in the list row: it goes out after the report.
    await form.getByText('Fotka: odeslána', { exact: true }).waitFor({ timeout: 60_000 });
    await form.getByRole('img', { name: 'Fotografie místa' }).scrollIntoViewIfNeeded();
    await saveScreenshot(mayor.page, '94-workspace-photo-mayor-form');
    await form.getByRole('button', { name: 'Hotovo' }).click();
    const row = reportTable(mayor.page).getByRole('row').filter({ hasText: 'Koupaliště' });
    await row.getByText('Fotka: odeslána', { exact: true }).waitFor({ timeout: 30_000 });
    await row.getByText('odesláno', { exact: true }).waitFor();
    await saveScreenshot(mayor.page, '95-workspace-photo-mayor-sent');
    expect(await seriousAxeViolations(mayor.page)).toEqual([]);

    // The coordinator's browser: the report arrives with the photo's reference; the photo is fetched and shown.
    const bcoContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
    const bco = await openApp(browser, undefined, bcoContext);
    await connectAndSignIn(bco.page, bcoContext, ws, BCO_EMAIL);
    const bcoRow = reportTable(bco.page).getByRole('row').filter({ hasText: 'Koupaliště' });
    await bcoRow.waitFor({ timeout: 60_000 });
    await bcoRow.getByRole('button', { name: /Koupaliště/ }).click();
    const shown = reportForm(bco.page).getByRole('img', { name: 'Fotografie místa' });
    await expect
      .poll(
        async () => {
          if (!(await shown.isVisible())) {
            await workspacePanel(bco.page).getByRole('button', { name: 'Synchronizovat teď' }).click();
            return 0;
          }
          return shown.evaluate((img) => (img as HTMLImageElement).naturalWidth);
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    await shown.scrollIntoViewIfNeeded();
    // What the coordinator sees is the mayor's picture: red and white, not a blank or broken image.
    const png = await saveScreenshot(shown, '96-workspace-photo-coordinator');
    const stats = await pixelStats(bco.page, png);
    expect(stats.distinctColours).toBeGreaterThan(1);
    await saveScreenshot(bco.page, '97-workspace-photo-coordinator-form');
    // Not the coordinator's to send: no upload state beside it.
    expect(
      await reportForm(bco.page)
        .getByText(/^Fotka:/)
        .count(),
    ).toBe(0);

    expect(mayor.errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::/.test(e))).toEqual([]);
    expect(bco.errors).toEqual([]);
    await mayorContext.close();
    await bcoContext.close();
  },
  300_000,
);
