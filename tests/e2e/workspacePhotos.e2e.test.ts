/**
 * Photos in the shared workspace end to end: a real server and PostgreSQL (a throwaway cluster), two browser
 * contexts. The mayor of Karlovy Vary attaches a photo to a report; the report goes out without the photo's bytes
 * and the photo follows through its own upload queue, its state shown in the list row and in the form's photo field
 * ("Fotka: … odeslána"); the BCO coordinator's browser pulls the report, fetches the photo and shows it in the form.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { pngBytes } from '../server/support/photos.ts';
import { startTestWorkspace, type TestWorkspace } from '../server/support/workspace.ts';
import { baseUrl, launchBrowser, openApp, pixelStats, saveScreenshot, seriousAxeViolations } from './browser.ts';
import { chooseMyObec, clickCanvas, interiorPoint, KARLOVY_VARY, project, reportForm, reportTable, tool } from './reports.ts';

let browser: Browser;
let t: TestWorkspace;
let server: RunningServer;
let serverUrl = '';
let outbox = '';

beforeAll(async () => {
  if (postgisUnavailable() !== null) return;
  t = await startTestWorkspace();
  await t.addUser('starosta@karlovy-vary.example.cz', 'mayor', { obec: KARLOVY_VARY });
  await t.addUser('koordinator@bco.example.cz', 'bco', { kraj: 'CZ041' });
  outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-e2e-outbox-'));
  const app = new URL(baseUrl()).origin;
  server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: outbox, allowOrigins: [app] });
  // The app runs on 127.0.0.1: the same site as the server's address, so its session cookie goes with requests.
  serverUrl = server.url.replace('//localhost:', '//127.0.0.1:');
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  if (outbox) rmSync(outbox, { recursive: true, force: true });
});

function sidebar(page: Page) {
  return page.getByRole('complementary');
}

function workspacePanel(page: Page) {
  return sidebar(page).getByRole('region', { name: 'Sdílený pracovní prostor kraje' });
}

/** The newest sign-in link sent to `email`, pointed at the address the app uses. */
function signInLink(email: string): string {
  const files = readdirSync(outbox).map((name) => path.join(outbox, name));
  const mails = files.map((file) => readFileSync(file, 'utf8')).filter((text) => text.includes(email));
  const last = mails.at(-1) ?? '';
  const link = /https?:\/\/\S+magic-link\/callback\?token=[A-Za-z0-9_-]+/.exec(last)?.[0];
  if (!link) throw new Error(`no sign-in link for ${email} in ${files.length} mails`);
  return link.replace('//localhost:', '//127.0.0.1:');
}

async function connectAndSignIn(page: Page, context: BrowserContext, email: string): Promise<void> {
  // openApp refuses every host but the app's; the workspace server is allowed too (routes registered later run first).
  const serverHost = new URL(serverUrl).host;
  await context.route(
    (url) => url.host === serverHost,
    (route) => route.continue(),
  );
  const panel = workspacePanel(page);
  await panel.getByLabel('Adresa serveru kraje').fill(serverUrl);
  await panel.getByRole('button', { name: 'Připojit k pracovnímu prostoru' }).click();
  await panel.getByLabel('Váš e-mail (pozvaný krajem)').fill(email);
  await panel.getByRole('button', { name: 'Poslat přihlašovací odkaz' }).click();
  await panel.getByText(`Pokud je adresa ${email} pozvaná`).waitFor();
  // The link opens a confirmation page (opening it uses nothing: e-mail scanners fetch links); its button signs in.
  const linkPage = await context.newPage();
  await linkPage.goto(signInLink(email));
  await Promise.all([linkPage.waitForURL((url) => !url.pathname.includes('magic-link')), linkPage.getByRole('button', { name: 'Přihlásit se' }).click()]);
  await linkPage.close();
  await page.reload();
  await workspacePanel(page).getByText(`Přihlášen(a): ${email}`).waitFor({ timeout: 30_000 });
}

test.skipIf(postgisUnavailable() !== null)(
  'a mayor attaches a photo, sees it go to "odeslána", and the coordinator\'s browser shows it',
  async () => {
    const mayorContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
    const mayor = await openApp(browser, undefined, mayorContext);
    await connectAndSignIn(mayor.page, mayorContext, 'starosta@karlovy-vary.example.cz');
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
    await connectAndSignIn(bco.page, bcoContext, 'koordinator@bco.example.cz');
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
