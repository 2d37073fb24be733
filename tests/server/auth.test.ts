/**
 * Sign-in against a real server: magic links (sent as files to the outbox; expired, reused, unknown address with
 * no account enumeration, rate limits), the session cookie's flags, session fixation, CSRF, and tokens.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { MAGIC_LINK_LIMIT_PER_EMAIL, MAGIC_LINK_LIMIT_PER_IP } from '../../src/server/auth.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { api } from './support/http.ts';
import { reportFeature, startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

let t: TestWorkspace;
let server: RunningServer;
let outbox: string;
let mayor: { id: string; token: string };
let obec = '';

const mails = () =>
  readdirSync(outbox)
    .sort()
    .map((name) => readFileSync(path.join(outbox, name), 'utf8'));
const linkIn = (mail: string) => /(http:\/\/\S+\/api\/auth\/magic-link\/callback\?token=[A-Za-z0-9_-]+)/.exec(mail)![1]!;
const waitForMails = async (count: number) => {
  for (let i = 0; i < 100 && mails().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return mails();
};
const sessionCookie = (headers: Headers) => /hm_session=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1];

async function signIn(email: string): Promise<string> {
  const before = mails().length;
  expect((await api(server.url, '/api/auth/magic-link', { body: { email }, headers: { origin: server.url } })).status).toBe(202);
  const link = linkIn((await waitForMails(before + 1)).at(-1)!);
  const followed = await fetch(link, { redirect: 'manual' });
  expect(followed.status).toBe(303);
  return sessionCookie(followed.headers)!;
}

describe.skipIf(postgisUnavailable() !== null)('sign-in', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    obec = (await t.obceOf('CZ041', 1))[0]!;
    mayor = await t.addUser('Starostka@Example.cz', 'mayor', { obec });
    outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-outbox-'));
    server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: outbox });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('a magic link signs in once, with an httpOnly SameSite cookie (not Secure on localhost)', async () => {
    const response = await api(server.url, '/api/auth/magic-link', { body: { email: ' starostka@example.CZ ' } });
    expect(response).toMatchObject({ status: 202, body: { sent: true } });
    const [mail] = await waitForMails(1);
    expect(mail).toContain('To: starostka@example.cz');
    const link = linkIn(mail!);
    const followed = await fetch(link, { redirect: 'manual' });
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe('/');
    const setCookie = followed.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = `hm_session=${sessionCookie(followed.headers)}`;
    const me = await api(server.url, '/api/auth/me', { cookie });
    expect(me.body.user.email).toBe('starostka@example.cz');
    expect(me.body.memberships).toEqual([{ role: 'mayor', kraj: 'CZ041', obecKod: obec }]);
    // Reused: refused, and the page says why.
    const reused = await fetch(link, { redirect: 'manual' });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('auth.linkUsed');
    expect(reused.headers.get('set-cookie')).toBeNull();
    // Only the hash is stored.
    const token = new URL(link).searchParams.get('token')!;
    const stored = await t.workspace.owner.query('SELECT count(*)::int AS n FROM hlucha.magic_links WHERE token_hash = $1', [token]);
    expect(stored.rows[0].n).toBe(0);
  });

  it('an expired link is refused', async () => {
    const before = mails().length;
    await api(server.url, '/api/auth/magic-link', { body: { email: 'starostka@example.cz' } });
    const link = linkIn((await waitForMails(before + 1)).at(-1)!);
    // 16 minutes later (moved in the database: setup, not a policy check).
    await t.workspace.owner.query(
      `UPDATE hlucha.magic_links SET expires_at = now() - interval '1 minute', created_at = now() - interval '16 minutes' WHERE used_at IS NULL`,
    );
    const followed = await fetch(link, { redirect: 'manual' });
    expect(followed.status).toBe(400);
    expect(await followed.text()).toContain('auth.linkExpired');
    const unknown = await fetch(`${server.url}/api/auth/magic-link/callback?token=${'x'.repeat(43)}`, { redirect: 'manual' });
    expect(await unknown.text()).toContain('auth.linkUnknown');
  });

  it('an unknown address gets the same answer and no mail (no account enumeration)', async () => {
    const before = mails().length;
    const known = await api(server.url, '/api/auth/magic-link', { body: { email: 'starostka@example.cz' } });
    const unknown = await api(server.url, '/api/auth/magic-link', { body: { email: 'nobody@example.cz' } });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await waitForMails(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mails().length).toBe(before + 1);
    expect(mails().join('\n')).not.toContain('nobody@example.cz');
    expect((await api(server.url, '/api/auth/magic-link', { body: { email: 'not an address' } })).status).toBe(400);
  });

  it('session fixation: a session id planted before sign-in is never the one signed in, and the old session ends', async () => {
    await t.addUser('fixace@example.cz', 'mayor', { obec });
    const planted = 'attacker-chosen-session-id-0123456789abcdef';
    const before = mails().length;
    await api(server.url, '/api/auth/magic-link', { body: { email: 'fixace@example.cz' } });
    const link = linkIn((await waitForMails(before + 1)).at(-1)!);
    const followed = await fetch(link, { redirect: 'manual', headers: { cookie: `hm_session=${planted}` } });
    const issued = sessionCookie(followed.headers)!;
    expect(issued).not.toBe(planted);
    expect((await api(server.url, '/api/auth/me', { cookie: `hm_session=${planted}` })).body.user).toBeNull();
    // Signing in again from a signed-in browser replaces the session: the earlier id stops working.
    const second = await signIn('fixace@example.cz');
    expect((await api(server.url, '/api/auth/me', { cookie: `hm_session=${second}` })).body.user.email).toBe('fixace@example.cz');
    const replaced = await (async () => {
      const b = mails().length;
      await api(server.url, '/api/auth/magic-link', { body: { email: 'fixace@example.cz' } });
      const l = linkIn((await waitForMails(b + 1)).at(-1)!);
      return sessionCookie((await fetch(l, { redirect: 'manual', headers: { cookie: `hm_session=${second}` } })).headers)!;
    })();
    expect(replaced).not.toBe(second);
    expect((await api(server.url, '/api/auth/me', { cookie: `hm_session=${second}` })).body.user).toBeNull();
    expect((await api(server.url, '/api/auth/me', { cookie: `hm_session=${replaced}` })).body.user).not.toBeNull();
  });

  it('CSRF: a cookie request from a foreign origin, without an origin, or not JSON is refused', async () => {
    await t.addUser('csrf@example.cz', 'mayor', { obec });
    const cookie = `hm_session=${await signIn('csrf@example.cz')}`;
    const point = await t.pointIn(obec);
    const body = { changes: [{ report: reportFeature(point.lon, point.lat), baseRevision: null }] };
    const foreign = await api(server.url, '/api/sync/push', { cookie, body, headers: { origin: 'https://evil.example' } });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'csrf.foreignOrigin' } });
    expect((await api(server.url, '/api/sync/push', { cookie, body })).status).toBe(403);
    const form = await api(server.url, '/api/sync/push', {
      cookie,
      body: 'changes=x',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form).toMatchObject({ status: 415, body: { code: 'request.jsonOnly' } });
    const plain = await api(server.url, '/api/sync/push', {
      cookie,
      body: JSON.stringify(body),
      headers: { origin: server.url, 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect((await api(server.url, '/api/auth/logout', { cookie, method: 'POST', headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await api(server.url, '/api/auth/me', { cookie })).body.user).not.toBeNull();
    // No CORS headers for a foreign origin: its script cannot read the answers.
    const read = await api(server.url, '/api/sync/pull', { cookie, headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const own = await api(server.url, '/api/sync/push', { cookie, body, headers: { origin: server.url } });
    expect(own.status).toBe(200);
    expect(own.body.accepted).toHaveLength(1);
    // Signing out ends the session server-side.
    expect((await api(server.url, '/api/auth/logout', { cookie, method: 'POST', headers: { origin: server.url } })).status).toBe(200);
    expect((await api(server.url, '/api/auth/me', { cookie })).body.user).toBeNull();
  });

  it('personal access tokens work as Bearer, are stored hashed and can be revoked; signed-out requests see nothing', async () => {
    expect((await api(server.url, '/api/auth/me', { token: mayor.token })).body.user.email).toBe('starostka@example.cz');
    const created = await api(server.url, '/api/auth/tokens', { token: mayor.token, body: { name: 'QGIS' } });
    expect(created.status).toBe(201);
    const stored = await t.workspace.owner.query('SELECT count(*)::int AS n FROM hlucha.access_tokens WHERE token_hash = $1', [created.body.token]);
    expect(stored.rows[0].n).toBe(0);
    expect((await api(server.url, '/api/sync/pull', { token: created.body.token })).status).toBe(200);
    expect((await api(server.url, `/api/auth/tokens/${created.body.id}`, { token: mayor.token, method: 'DELETE' })).status).toBe(200);
    expect((await api(server.url, '/api/sync/pull', { token: created.body.token })).body).toEqual({ code: 'auth.badToken' });
    expect((await api(server.url, '/api/sync/pull')).status).toBe(401);
    expect((await api(server.url, '/api/sync/push', { body: { changes: [] } })).status).toBe(401);
    expect((await api(server.url, '/api/review/pull')).status).toBe(401);
    expect((await api(server.url, '/api/public/cells.geojson')).status).toBe(200);
  });

  it('sign-in requests are rate-limited per address (silently) and per client (429)', async () => {
    const before = mails().length;
    for (let i = 0; i < MAGIC_LINK_LIMIT_PER_EMAIL + 2; i++)
      expect((await api(server.url, '/api/auth/magic-link', { body: { email: 'limit@example.cz' } })).status).toBe(202);
    await t.addUser('limit@example.cz', 'bco', { kraj: 'CZ041' });
    expect((await api(server.url, '/api/auth/magic-link', { body: { email: 'limit@example.cz' } })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mails().length).toBe(before); // over the per-address limit: no mail, same answer (each test signs in its own address for this reason)
    let last = 0;
    for (let i = 0; i < MAGIC_LINK_LIMIT_PER_IP; i++) last = (await api(server.url, '/api/auth/magic-link', { body: { email: `x${i}@example.cz` } })).status;
    expect(last).toBe(429);
  });
});
