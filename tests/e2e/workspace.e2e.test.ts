/**
 * The shared workspace end to end: a real server and PostgreSQL (a throwaway cluster), two browser contexts — the
 * mayor of Karlovy Vary and the kraj's BCO coordinator. The mayor connects and signs in by the e-mailed link, marks
 * a place with no connection (the report waits in the outbox), goes online (it is sent); the coordinator sees it in
 * the region overview and confirms the locality; the mayor sees "potvrzeno". Screenshots at laptop and phone size.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { startTestWorkspace, type TestWorkspace } from '../server/support/workspace.ts';
import { baseUrl, launchBrowser, openApp, saveScreenshot, seriousAxeViolations, waitForMapIdle } from './browser.ts';
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
  'a mayor marks a place offline, it goes out online, the coordinator confirms it, the mayor sees "potvrzeno"',
  async () => {
    // The mayor, on a laptop.
    const mayorContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
    const mayor = await openApp(browser, undefined, mayorContext);
    await connectAndSignIn(mayor.page, mayorContext, 'starosta@karlovy-vary.example.cz');
    await expect.poll(() => workspacePanel(mayor.page).textContent()).toContain('starosta/ka obce 554961');
    await chooseMyObec(mayor.page, 'Karlovy Vary');

    // No signal: the place is marked (the form's code is loaded first, as the offline copy has it), then the
    // connection drops while the mayor describes it; the report waits.
    const [lon, lat] = await interiorPoint('CZ041', KARLOVY_VARY);
    await tool(mayor.page, 'Bod').click();
    await clickCanvas(mayor.page, await project(mayor.page, lon, lat));
    const form = reportForm(mayor.page);
    await form.getByLabel('Přesný popis lokality').waitFor({ timeout: 60_000 });
    await mayorContext.setOffline(true);
    await form.getByLabel('Přesný popis lokality').fill('Hasičská zbrojnice – uvnitř nelze volat');
    await form.getByRole('checkbox', { name: 'Nelze se dovolat' }).check();
    await form.getByRole('checkbox', { name: 'O2' }).check();
    await form.getByRole('button', { name: 'Hotovo' }).click();
    await reportTable(mayor.page).getByText('čeká na odeslání').waitFor({ timeout: 30_000 });
    await workspacePanel(mayor.page).getByText('Bez spojení').waitFor({ timeout: 30_000 });
    await saveScreenshot(mayor.page, '90-workspace-mayor-offline');

    // The connection returns: it goes out by itself.
    await mayorContext.setOffline(false);
    await reportTable(mayor.page).getByText('odesláno').waitFor({ timeout: 30_000 });
    await workspacePanel(mayor.page).getByText('Vše je odesláno na server.').waitFor();

    // The coordinator sees it in the region overview and confirms the locality.
    const bcoContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
    const bco = await openApp(browser, undefined, bcoContext);
    await connectAndSignIn(bco.page, bcoContext, 'koordinator@bco.example.cz');
    await bco.page.getByRole('group', { name: 'Pohled' }).getByRole('button', { name: 'Přehled kraje' }).click();
    const locality = sidebar(bco.page)
      .getByRole('region', { name: /Problémové lokality/ })
      .getByRole('button', { name: /Karlovy Vary/ })
      .first();
    await locality.waitFor({ timeout: 60_000 });
    await locality.click();
    const panel = sidebar(bco.page)
      .getByRole('region', { name: /Karlovy Vary/ })
      .first();
    await panel.getByLabel('Kdo posuzuje? (jméno)').fill('Jana Dvořáková');
    await panel.getByRole('button', { name: 'Uložit jméno' }).click();
    await panel.getByRole('button', { name: 'Posoudit' }).click();
    await panel.getByRole('button', { name: 'Potvrdit' }).click();
    await panel.getByText('Potvrzená').first().waitFor();
    // Two notes: an internal one, and one ticked "Viditelné pro obec" (only that one may reach the mayor).
    await panel.getByLabel('Poznámka', { exact: true }).fill('Interní: ověřit u operátora pokrytí');
    await panel.getByRole('button', { name: 'Přidat poznámku' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Interní: ověřit u operátora pokrytí' }).first().waitFor();
    await panel.getByLabel('Poznámka', { exact: true }).fill('Potvrzeno, pošleme ČTÚ v příštím balíčku');
    await panel.getByRole('checkbox', { name: /Viditelné pro obec/ }).check();
    await panel.getByRole('button', { name: 'Přidat poznámku' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Potvrzeno, pošleme ČTÚ' }).getByText('pro obec', { exact: true }).first().waitFor();
    await waitForMapIdle(bco.page);
    await saveScreenshot(bco.page, '91-workspace-coordinator-confirmed');

    // The mayor sees the state in the kraj's process (the next sync: the button a person would press).
    await expect
      .poll(
        async () => {
          await workspacePanel(mayor.page).getByRole('button', { name: 'Synchronizovat teď' }).click();
          return reportTable(mayor.page).textContent();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toContain('potvrzeno');
    await expect
      .poll(
        async () => {
          await workspacePanel(mayor.page).getByRole('button', { name: 'Synchronizovat teď' }).click();
          return reportTable(mayor.page).textContent();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toContain('Poznámka kraje: Potvrzeno, pošleme ČTÚ v příštím balíčku');
    expect(await mayor.page.content()).not.toContain('Interní: ověřit');
    await saveScreenshot(mayor.page, '92-workspace-mayor-confirmed');
    expect(await seriousAxeViolations(mayor.page)).toEqual([]);

    // On a phone, the same mayor's list shows the same states.
    await mayor.page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(mayor.page, '93-workspace-mayor-phone');
    expect(mayor.errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::/.test(e))).toEqual([]);
    expect(bco.errors).toEqual([]);
    await mayorContext.close();
    await bcoContext.close();
  },
  300_000,
);
