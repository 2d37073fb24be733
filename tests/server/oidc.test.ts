/**
 * OIDC sign-in against a local provider (oidc-provider on 127.0.0.1): authorization code with PKCE, state and
 * nonce through openid-client; the identity (issuer + subject) signs in as the invited user with the provider's
 * verified address; an identity nobody invited is refused; roles come from the memberships only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error oidc-provider ships no type declarations
import Provider from 'oidc-provider';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { api } from './support/http.ts';
import { startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

let t: TestWorkspace;
let server: RunningServer;
let idp: Server;
let issuer = '';
const ACCOUNTS: Record<string, { email: string; email_verified: boolean }> = {
  'sub-42': { email: 'Koordinatorka@Example.cz', email_verified: true },
  'sub-99': { email: 'stranger@example.cz', email_verified: true },
  'sub-77': { email: 'koordinatorka@example.cz', email_verified: false },
};
let nextLogin = 'sub-42';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Follows redirects by hand, keeping the provider's cookies, until the server's callback has answered. */
async function signInThroughProvider(): Promise<Response> {
  const jar = new Map<string, string>();
  let url = `${server.url}/api/auth/oidc/login`;
  for (let hop = 0; hop < 12; hop++) {
    const toProvider = url.startsWith(issuer);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: toProvider && jar.size > 0 ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    if (toProvider) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair!.split('=');
        jar.set(name!, value.join('='));
      }
    }
    if (url.startsWith(`${server.url}/api/auth/oidc/callback`)) return response;
    const location = response.headers.get('location');
    if (!location) throw new Error(`no redirect from ${url}: ${response.status} ${await response.text()}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}

describe.skipIf(postgisUnavailable() !== null)('OIDC sign-in', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    await t.addUser('koordinatorka@example.cz', 'bco', { kraj: 'CZ041' });
    const serverPort = await freePort();
    let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
    idp = createServer((req, res) => handler!(req, res));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'hlucha-mista',
          client_secret: 'test-secret',
          redirect_uris: [`http://localhost:${serverPort}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, ...ACCOUNTS[sub] }) }),
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['a-test-cookie-key'] },
    });
    const callback = provider.callback();
    handler = (req, res) => {
      if (!req.url?.startsWith('/interaction/')) return callback(req, res);
      void (async () => {
        // The person signs in at the provider (here: as nextLogin) and consents.
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          await provider.interactionFinished(req, res, { login: { accountId: nextLogin } }, { mergeWithLastSubmission: false });
        } else {
          const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
          grant.addOIDCScope('openid email');
          await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
        }
      })().catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    };
    server = await startServer({
      port: serverPort,
      workspace: t.workspace,
      mailOutbox: '/tmp/hlucha-unused-outbox',
      oidc: { issuer, clientId: 'hlucha-mista', clientSecret: 'test-secret', allowHttp: true },
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => idp?.close(resolve));
    await t?.close();
  });

  it('an invited person signs in with the provider; the identity is issuer + subject; roles from memberships', async () => {
    nextLogin = 'sub-42';
    const response = await signInThroughProvider();
    expect(response.status).toBe(303);
    const cookie = /hm_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeTruthy();
    const me = await api(server.url, '/api/auth/me', { cookie: `hm_session=${cookie}` });
    expect(me.body.user.email).toBe('koordinatorka@example.cz');
    expect(me.body.memberships).toEqual([{ role: 'bco', kraj: 'CZ041', obecKod: null }]);
    const identity = await t.workspace.owner.query('SELECT issuer, subject FROM hlucha.identities WHERE subject = $1', ['sub-42']);
    expect(identity.rows).toEqual([{ issuer, subject: 'sub-42' }]);
  });

  it('an identity nobody invited, or with an unverified address, is refused', async () => {
    for (const sub of ['sub-99', 'sub-77']) {
      nextLogin = sub;
      const response = await signInThroughProvider();
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('auth.notInvited');
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('a callback with a forged state is refused', async () => {
    const response = await fetch(`${server.url}/api/auth/oidc/callback?code=x&state=forged`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('auth.oidcFailed');
  });
});
