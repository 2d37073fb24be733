/**
 * The shared workspace for browser tests: a real server on a throwaway PostgreSQL cluster with a mayor of Karlovy
 * Vary and the kraj's BCO coordinator invited, and a person's way in — connect to the server in the app, ask for the
 * sign-in link, open it from the mail (a file in the outbox), press "Přihlásit se".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { startTestWorkspace, type TestWorkspace } from '../server/support/workspace.ts';
import { baseUrl } from './browser.ts';
import { KARLOVY_VARY } from './reports.ts';

export const MAYOR_EMAIL = 'starosta@karlovy-vary.example.cz';
export const BCO_EMAIL = 'koordinator@bco.example.cz';

export interface E2eWorkspace {
  /** The server's address as the app uses it (127.0.0.1: the app's site, so the session cookie goes along). */
  serverUrl: string;
  /** The folder the server writes its mails into. */
  outbox: string;
  workspace: TestWorkspace;
  close(): Promise<void>;
}

export async function startE2eWorkspace(): Promise<E2eWorkspace> {
  const workspace = await startTestWorkspace();
  let server: RunningServer | null = null;
  const outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-e2e-outbox-'));
  try {
    await workspace.addUser(MAYOR_EMAIL, 'mayor', { obec: KARLOVY_VARY });
    await workspace.addUser(BCO_EMAIL, 'bco', { kraj: 'CZ041' });
    const app = new URL(baseUrl()).origin;
    server = await startServer({ port: 0, workspace: workspace.workspace, mailOutbox: outbox, allowOrigins: [app] });
  } catch (error) {
    await workspace.close();
    rmSync(outbox, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  return {
    serverUrl: running.url.replace('//localhost:', '//127.0.0.1:'),
    outbox,
    workspace,
    async close() {
      await running.close();
      await workspace.close();
      rmSync(outbox, { recursive: true, force: true });
    },
  };
}

export function workspacePanel(page: Page) {
  return page.getByRole('complementary').getByRole('region', { name: 'Sdílený pracovní prostor kraje' });
}

/** The newest sign-in link sent to `email`, pointed at the address the app uses. */
function signInLink(outbox: string, email: string): string {
  const files = readdirSync(outbox).map((name) => path.join(outbox, name));
  const mails = files.map((file) => readFileSync(file, 'utf8')).filter((text) => text.includes(email));
  const last = mails.at(-1) ?? '';
  const link = /https?:\/\/\S+magic-link\/callback\?token=[A-Za-z0-9_-]+/.exec(last)?.[0];
  if (!link) throw new Error(`no sign-in link for ${email} in ${files.length} mails`);
  return link.replace('//localhost:', '//127.0.0.1:');
}

/** Connects the app in `page` to the server and signs in as `email` by the e-mailed link. */
export async function connectAndSignIn(page: Page, context: BrowserContext, { serverUrl, outbox }: E2eWorkspace, email: string): Promise<void> {
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
  await linkPage.goto(signInLink(outbox, email));
  await Promise.all([linkPage.waitForURL((url) => !url.pathname.includes('magic-link')), linkPage.getByRole('button', { name: 'Přihlásit se' }).click()]);
  await linkPage.close();
  await page.reload();
  await workspacePanel(page).getByText(`Přihlášen(a): ${email}`).waitFor({ timeout: 30_000 });
}
