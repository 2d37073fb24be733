/**
 * Sign-in against a real server: magic links (sent as files to the outbox; expired, reused, unknown address with
 * no account enumeration, rate limits), the session cookie's flags, session fixation, CSRF, and tokens.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
let dist: string;
let mayor: { id: string; token: string };
let obec = '';

const mails = () =>
  readdirSync(outbox)
    .sort()
    .map((name) => readFileSync(path.join(outbox, name), 'utf8'));
/** What a browser (and an e-mail scanner posing as one) sends when it opens a link. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const linkIn = (mail: string) => /(http:\/\/\S+\/api\/auth\/magic-link\/callback\?token=[A-Za-z0-9_-]+)/.exec(mail)![1]!;
const waitForMails = async (count: number) => {
  for (let i = 0; i < 100 && mails().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return mails();
};
const sessionCookie = (headers: Headers) => /hm_session=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1];

/** Presses the page's "Přihlásit se": the form POST a browser sends from the link's page (its Origin, the token). */
function confirmLink(link: string, options: { cookie?: string; origin?: string | null; lang?: string } = {}): Promise<Response> {
  const url = new URL(link);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.origin !== null) headers.origin = options.origin ?? url.origin;
  if (options.cookie) headers.cookie = options.cookie;
  const form = new URLSearchParams({ token: url.searchParams.get('token')!, lang: options.lang ?? 'cs' });
  return fetch(`${url.origin}${url.pathname}`, { method: 'POST', headers, body: form.toString(), redirect: 'manual' });
}

/** Follows a link as a person does: opens it (the confirmation page), then presses the button. */
async function follow(link: string, options: { cookie?: string } = {}): Promise<Response> {
  const page = await fetch(link, { redirect: 'manual', headers: { accept: BROWSER_ACCEPT, ...(options.cookie ? { cookie: options.cookie } : {}) } });
  expect(page.status).toBe(200);
  return confirmLink(link, options);
}

async function signIn(email: string): Promise<string> {
  const before = mails().length;
  expect((await api(server.url, '/api/auth/magic-link', { body: { email }, headers: { origin: server.url } })).status).toBe(202);
  const link = linkIn((await waitForMails(before + 1)).at(-1)!);
  const followed = await follow(link);
  expect(followed.status).toBe(303);
  return sessionCookie(followed.headers)!;
}

describe.skipIf(postgisUnavailable() !== null)('sign-in', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    obec = (await t.obceOf('CZ041', 1))[0]!;
    mayor = await t.addUser('Starostka@Example.cz', 'mayor', { obec });
    outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-outbox-'));
    // A built app in miniature, served beside the API (src/server/staticFiles.ts).
    dist = mkdtempSync(path.join(tmpdir(), 'hlucha-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html><head><title>Hluchá místa</title></head><body>${'<p>x</p>'.repeat(300)}</body></html>`);
    writeFileSync(path.join(dist, 'assets', 'first-screen-x1.js'), `export const x = ${JSON.stringify('Hluchá místa '.repeat(500))};`);
    server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: outbox, staticDir: dist });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    rmSync(outbox, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the built app compressed over HTTP (Brotli, else gzip), with the workspace tag in its page', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const script = await fetch(`${server.url}/assets/first-screen-x1.js`, { headers: { 'accept-encoding': accept } });
      expect(script.status).toBe(200);
      expect(script.headers.get('content-encoding')).toBe(encoding);
      expect(script.headers.get('vary')).toBe('Accept-Encoding');
      expect(await script.text()).toContain('Hluchá místa Hluchá místa');
    }
    const page = await fetch(`${server.url}/prihlasit`, { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(await page.text()).toContain('<meta name="hlucha-mista-workspace" content="same-origin"></head>');
    // The API is not the app's files: an unknown API path stays a coded 404, never the page.
    expect((await fetch(`${server.url}/api/nothing-here`)).headers.get('content-type')).not.toContain('text/html');
  });

  it('a magic link signs in once, with an httpOnly SameSite cookie (not Secure on localhost)', async () => {
    const response = await api(server.url, '/api/auth/magic-link', { body: { email: ' starostka@example.CZ ' } });
    expect(response).toMatchObject({ status: 202, body: { sent: true } });
    const [mail] = await waitForMails(1);
    expect(mail).toContain('To: starostka@example.cz');
    const link = linkIn(mail!);
    // Opening the link (twice: an e-mail scanner, then the person) shows a page and signs nobody in.
    for (let i = 0; i < 2; i++) {
      const page = await fetch(link, { redirect: 'manual', headers: { accept: BROWSER_ACCEPT } });
      expect(page.status).toBe(200);
      expect(page.headers.get('set-cookie')).toBeNull();
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const html = await page.text();
      expect(html).toContain('<html lang="cs">');
      expect(html).toMatch(/<form method="post" action="\/api\/auth\/magic-link\/callback">/);
      expect(html).toContain('<button type="submit">Přihlásit se</button>');
    }
    const pending = await t.workspace.owner.query('SELECT count(*)::int AS n FROM hlucha.magic_links WHERE used_at IS NULL');
    expect(pending.rows[0].n).toBe(1);
    // The button: the POST uses the link and signs in.
    const followed = await confirmLink(link);
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
    // Pressed again: refused with a coded message, no cookie; opening the used link says so too.
    const reused = await confirmLink(link);
    expect(reused.status).toBe(400);
    const reusedPage = await reused.text();
    expect(reusedPage).toContain('<code>auth.linkUsed</code>');
    expect(reusedPage).toContain('Tento odkaz už byl použit.');
    expect(reused.headers.get('set-cookie')).toBeNull();
    const reopened = await fetch(link, { redirect: 'manual' });
    expect(reopened.status).toBe(400);
    expect(await reopened.text()).toContain('auth.linkUsed');
    // Only the hash is stored.
    const token = new URL(link).searchParams.get('token')!;
    const stored = await t.workspace.owner.query('SELECT count(*)::int AS n FROM hlucha.magic_links WHERE token_hash = $1', [token]);
    expect(stored.rows[0].n).toBe(0);
  });

  it('a client that does not ask for HTML (a script following the link from the mail outbox) is signed in at once, once', async () => {
    const before = mails().length;
    await api(server.url, '/api/auth/magic-link', { body: { email: 'starostka@example.cz' } });
    const link = linkIn((await waitForMails(before + 1)).at(-1)!);
    const followed = await fetch(link, { redirect: 'manual' });
    expect(followed.status).toBe(303);
    const cookie = `hm_session=${sessionCookie(followed.headers)}`;
    expect((await api(server.url, '/api/auth/me', { cookie })).body.user.email).toBe('starostka@example.cz');
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('auth.linkUsed');
  });

  it('an expired link is refused', async () => {
    const before = mails().length;
    await api(server.url, '/api/auth/magic-link', { body: { email: 'starostka@example.cz' } });
    const link = linkIn((await waitForMails(before + 1)).at(-1)!);
    // 16 minutes later (moved in the database: setup, not a policy check).
    await t.workspace.owner.query(
      `UPDATE hlucha.magic_links SET expires_at = now() - interval '1 minute', created_at = now() - interval '16 minutes' WHERE used_at IS NULL`,
    );
    const opened = await fetch(link, { redirect: 'manual' });
    expect(opened.status).toBe(400);
    expect(await opened.text()).toContain('auth.linkExpired');
    const followed = await confirmLink(link);
    expect(followed.status).toBe(400);
    expect(await followed.text()).toContain('auth.linkExpired');
    const unknown = await fetch(`${server.url}/api/auth/magic-link/callback?token=${'x'.repeat(43)}`, { redirect: 'manual' });
    expect(await unknown.text()).toContain('auth.linkUnknown');
    expect(await (await confirmLink(`${server.url}/api/auth/magic-link/callback?token=${'x'.repeat(43)}`)).text()).toContain('auth.linkUnknown');
  });

  it('the link page speaks English when asked (Accept-Language or ?lang=en) and renders no markup from the request', async () => {
    const before = mails().length;
    await t.addUser('jazyk@example.cz', 'mayor', { obec });
    await api(server.url, '/api/auth/magic-link', { body: { email: 'jazyk@example.cz' } });
    const link = linkIn((await waitForMails(before + 1)).at(-1)!);
    const english = await (await fetch(link, { headers: { accept: BROWSER_ACCEPT, 'accept-language': 'en-GB,en;q=0.9,cs;q=0.5' } })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<button type="submit">Sign in</button>');
    expect(await (await fetch(`${link}&lang=en`, { headers: { accept: BROWSER_ACCEPT } })).text()).toContain('<html lang="en">');
    expect(await (await fetch(link, { headers: { accept: BROWSER_ACCEPT, 'accept-language': 'de-DE,cs;q=0.8,en;q=0.5' } })).text()).toContain(
      '<html lang="cs">',
    );
    // A token carrying markup is not looked up and not echoed.
    const hostile = await fetch(
      `${server.url}/api/auth/magic-link/callback?token=${encodeURIComponent('<script>alert(1)</script>aaaaaaaaaaaaaaaaaaaa')}&lang=en`,
    );
    expect(hostile.status).toBe(400);
    const hostileText = await hostile.text();
    expect(hostileText).not.toContain('<script>');
    expect(hostileText).toContain('auth.linkUnknown');
    // Pressing the button from a foreign page (login CSRF), or with no Origin and no Referer, is refused and leaves the link usable.
    const foreign = await confirmLink(link, { origin: 'https://evil.example', lang: 'en' });
    expect(foreign.status).toBe(403);
    const foreignText = await foreign.text();
    expect(foreignText).toContain('csrf.foreignOrigin');
    expect(foreignText).toContain('came from another page');
    expect(foreign.headers.get('set-cookie')).toBeNull();
    expect((await confirmLink(link, { origin: null })).status).toBe(403);
    expect((await confirmLink(link, { origin: 'null' })).status).toBe(403);
    const withReferer = await fetch(`${new URL(link).origin}/api/auth/magic-link/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: link },
      body: new URLSearchParams({ token: new URL(link).searchParams.get('token')! }).toString(),
      redirect: 'manual',
    });
    expect(withReferer.status).toBe(303);
    expect(sessionCookie(withReferer.headers)).toBeTruthy();
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
    const followed = await follow(link, { cookie: `hm_session=${planted}` });
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
      return sessionCookie((await follow(l, { cookie: `hm_session=${second}` })).headers)!;
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
