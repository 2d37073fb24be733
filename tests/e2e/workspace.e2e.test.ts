/**
 * The shared workspace end to end: a real server and PostgreSQL (a throwaway cluster), two browser contexts — the
 * mayor of Karlovy Vary and the kraj's BCO coordinator. The mayor connects and signs in by the e-mailed link, marks
 * a place with no connection (the report waits in the outbox), goes online (it is sent); the coordinator sees it in
 * the region overview and confirms the locality; the mayor sees "potvrzeno". Screenshots at laptop and phone size.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { BCO_EMAIL, connectAndSignIn, type E2eWorkspace, MAYOR_EMAIL, startE2eWorkspace, workspacePanel } from './workspaceSession.ts';
import { launchBrowser, openApp, saveScreenshot, seriousAxeViolations, waitForMapIdle } from './browser.ts';
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

function sidebar(page: Page) {
  return page.getByRole('complementary');
}

test.skipIf(postgisUnavailable() !== null)(
  'a mayor marks a place offline, it goes out online, the coordinator confirms it, the mayor sees "potvrzeno"',
  async () => {
    // The mayor, on a laptop.
    const mayorContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', reducedMotion: 'reduce' });
    const mayor = await openApp(browser, undefined, mayorContext);
    await connectAndSignIn(mayor.page, mayorContext, ws, MAYOR_EMAIL);
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
    await connectAndSignIn(bco.page, bcoContext, ws, BCO_EMAIL);
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
