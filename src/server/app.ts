/**
 * The HTTP API (Hono: web-standard Request/Response, so the same handlers run under Node and in the tests through
 * app.request() without a socket; no plugin stack for cookies or CORS; a small dependency tree). Contract:
 * src/server/openapi.ts, served at /api/openapi.json.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isLanguage, type Language } from '../i18n/translate.ts';
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import { OBEC_FILE_MAX_BYTES } from '../core/obecFile/obecFileFormat.ts';
import { PHOTO_MAX_BYTES } from '../core/reports/photoBytes.ts';
import type { PushResponse } from '../core/sync/protocol.ts';
import {
  authenticate,
  checkMagicLink,
  consumeMagicLink,
  createAccessToken,
  createSession,
  endSession,
  requestMagicLink,
  SESSION_COOKIE,
  SESSION_TTL_DAYS,
} from './auth.ts';
import { sqlState, type Claims, type Database } from './db.ts';
import type { MailTransport } from './mail.ts';
import type { OidcLogin } from './oidc.ts';
import { openApiDocument } from './openapi.ts';
import { listPackages, parsePackageRecord, recordPackageOnServer } from './packageRecords.ts';
import { publicCellsGeoJson } from './publicLayer.ts';
import { MAGIC_LINK_PATH, originOf, pageLanguage, signInPage, TOKEN_SHAPE } from './signInPage.ts';
import { readPhoto, uploadPhoto } from './reportPhotos.ts';
import { staticFiles } from './staticFiles.ts';
import { applyPush, parseCheckpoint, preparePush, pullReports } from './reportSync.ts';
import { pullReview, pushReview } from './reviewSync.ts';

export interface AppOptions {
  db: Database;
  index: ObecIndex;
  mail: MailTransport;
  /** The server's own URL, for links in mails (e.g. http://localhost:8080). */
  publicUrl: string;
  /** Other origins the app may be served from (the app in `npm start`): CORS with credentials, accepted by CSRF. */
  allowOrigins?: readonly string[];
  /** The built app (dist/), served when present. */
  staticDir?: string | null;
  oidc?: OidcLogin | null;
  /** The server's log (mail failures); stderr by default. */
  log?: (line: string) => void;
  /** Client address for rate limiting (tests pass their own). */
  clientIp?: (c: Context) => string;
}

type Env = { Variables: { userId: string | null; viaCookie: boolean } };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const problem = (c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503, code: string) => c.json({ code }, status);

export function createApp(options: AppOptions): Hono<Env> {
  const { db, index, mail } = options;
  const own = new URL(options.publicUrl).origin;
  const allowed = new Set([own, ...(options.allowOrigins ?? []).map((o) => new URL(o).origin)]);
  const secure = !['localhost', '127.0.0.1', '[::1]'].includes(new URL(options.publicUrl).hostname);
  const clientIp =
    options.clientIp ??
    ((c: Context) => {
      try {
        return getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'unknown';
      }
    });
  const app = new Hono<Env>();
  // A failure below (the database restarting, a dropped connection) answers a coded 503: nothing was committed,
  // the client retries. Anything else is a 500 with a code, never a stack trace.
  app.onError((error, c) => {
    const state = sqlState(error);
    const unavailable =
      state?.startsWith('08') ||
      state === '57P01' ||
      state === '57P03' ||
      /ECONNREFUSED|ENOENT|EPIPE|ECONNRESET|Connection terminated|terminating connection|the database system is (starting up|shutting down)/i.test(
        error.message,
      );
    if (!unavailable) process.stderr.write(`server error: ${error.message}\n`);
    return c.json({ code: unavailable ? 'database.unavailable' : 'server.error' }, unavailable ? 503 : 500);
  });

  // CORS for the listed origins only (credentials: the session cookie); everything else gets no CORS headers.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    const listed = origin !== undefined && allowed.has(origin) && origin !== own;
    if (listed && c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    if (listed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Allow-Credentials', 'true');
      c.res.headers.append('Vary', 'Origin');
    }
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
  });

  // Who is asking, and CSRF: a request that carries the session cookie and changes something must be JSON and
  // come from the server's own origin (or a listed one). Bearer requests carry no ambient credential.
  app.use('/api/*', async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    // The sign-in page's form (a plain HTML form, no script) checks its origin itself: see the route.
    const signInForm = c.req.method === 'POST' && c.req.path === MAGIC_LINK_PATH;
    // A photo upload is the one body that is not JSON: raw image bytes, whose type the route checks by the bytes.
    // With the cookie it must still come from the server's own origin (a cross-site PUT needs CORS anyway).
    const photoUpload = c.req.method === 'PUT' && c.req.path.startsWith('/api/photos/');
    if (!SAFE_METHODS.has(c.req.method) && !signInForm) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const hasBody =
        c.req.header('content-length') !== '0' && (c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined);
      if (hasBody && type !== 'application/json' && !photoUpload) return problem(c, 415, 'request.jsonOnly');
      if (cookie !== undefined) {
        const origin = c.req.header('origin');
        if (!origin || !allowed.has(origin)) return problem(c, 403, 'csrf.foreignOrigin');
        if (type !== 'application/json' && hasBody && !photoUpload) return problem(c, 415, 'request.jsonOnly');
      }
    }
    let userId: string | null = null;
    try {
      userId = await authenticate(db, { cookie, bearer });
    } catch {
      return problem(c, 503, 'database.unavailable');
    }
    if (bearer && !userId) return problem(c, 401, 'auth.badToken');
    c.set('userId', userId);
    c.set('viaCookie', cookie !== undefined && userId !== null);
    await next();
  });

  const claims = (c: Context<Env>): Claims => {
    const userId = c.get('userId');
    return userId ? { role: 'hlucha_member', sub: userId } : { role: 'hlucha_anon' };
  };
  const readJson = async (c: Context): Promise<unknown> => {
    try {
      return await c.req.json();
    } catch {
      return undefined;
    }
  };

  app.get('/api/health', async (c) =>
    (await db.ping()) ? c.json({ status: 'ok', database: 'up' }) : c.json({ status: 'unavailable', database: 'down' }, 503),
  );
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(options.publicUrl)));

  // ----- sign-in -----
  app.post('/api/auth/magic-link', bodyLimit({ maxSize: 16 * 1024, onError: (c) => problem(c, 413, 'request.tooLarge') }), async (c) => {
    const body = await readJson(c);
    const email = typeof body === 'object' && body !== null && typeof (body as { email?: unknown }).email === 'string' ? (body as { email: string }).email : '';
    const result = await requestMagicLink(db, mail, email, clientIp(c), options.publicUrl, options.log);
    if (!result.ok) return problem(c, result.code === 'auth.tooManyRequests' ? 429 : 400, result.code);
    return c.json({ sent: true }, 202);
  });

  const signIn = async (c: Context<Env>, userId: string, to: string) => {
    const id = await createSession(db, userId, getCookie(c, SESSION_COOKIE));
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: SESSION_TTL_DAYS * 86400 });
    return c.redirect(to, 303);
  };
  // The link in the mail only shows a page: e-mail scanners and link previewers fetch links, and a GET that signed
  // in would use the link up before the person clicks it. The page's button POSTs the token; only that signs in.
  const linkAction = `${new URL(options.publicUrl).pathname.replace(/\/+$/, '')}${MAGIC_LINK_PATH}`;
  const signInFailed = (c: Context, code: string, status: 400 | 403 = 400, lang: Language = pageLanguage(c)) =>
    signInPage(c, lang, status, { kind: 'failed', code });
  app.get(MAGIC_LINK_PATH, async (c) => {
    const token = c.req.query('token') ?? '';
    if (!TOKEN_SHAPE.test(token)) return signInFailed(c, 'auth.linkUnknown');
    // A browser (and an e-mail scanner, which asks like one) gets the confirmation page: only its button uses the
    // link. A client that does not ask for HTML (a script, curl, the kraj's own tools following the link from the
    // mail outbox) is signed in at once, as the contract says "following the link signs in".
    const accept = (c.req.header('accept') ?? '').toLowerCase();
    if (!accept.includes('text/html')) {
      const outcome = await consumeMagicLink(db, token);
      if (!outcome.ok) return problem(c, 400, outcome.code);
      return signIn(c, outcome.userId, '/');
    }
    const check = await checkMagicLink(db, token);
    if (!check.ok) return signInFailed(c, check.code);
    return signInPage(c, pageLanguage(c), 200, { kind: 'confirm', token, action: linkAction });
  });
  app.post(MAGIC_LINK_PATH, bodyLimit({ maxSize: 4 * 1024, onError: (c) => problem(c, 413, 'request.tooLarge') }), async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    let fields: Record<string, unknown> = {};
    if (type === 'application/x-www-form-urlencoded') fields = Object.fromEntries(new URLSearchParams(await c.req.text()));
    else if (type === 'application/json') fields = ((await readJson(c)) as Record<string, unknown> | undefined) ?? {};
    else return problem(c, 415, 'request.jsonOnly');
    const lang = isLanguage(fields.lang) ? fields.lang : pageLanguage(c);
    // CSRF (login CSRF: someone else's link posted from a foreign page): the form must come from this server's
    // own page (the origin the request was made to, or a listed one); without an Origin, the Referer must say so.
    const sameOrigin = new URL(c.req.url).origin;
    const origin = c.req.header('origin');
    const from = origin && origin !== 'null' ? origin : originOf(c.req.header('referer'));
    if (!from || (from !== sameOrigin && !allowed.has(from))) return signInFailed(c, 'csrf.foreignOrigin', 403, lang);
    const token = typeof fields.token === 'string' ? fields.token : '';
    if (!TOKEN_SHAPE.test(token)) return signInFailed(c, 'auth.linkUnknown', 400, lang);
    const outcome = await consumeMagicLink(db, token);
    if (!outcome.ok) return signInFailed(c, outcome.code, 400, lang);
    return signIn(c, outcome.userId, '/');
  });
  app.post('/api/auth/logout', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await endSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
    return c.json({ signedOut: true });
  });
  app.get('/api/auth/me', async (c) => {
    if (!c.get('userId')) return c.json({ user: null, memberships: [] });
    return c.json(
      await db.asRole(claims(c), async (client) => {
        const user = await client.query<{ id: string; email: string }>('SELECT id, email FROM hlucha.users WHERE id = hlucha.uid()');
        const memberships = await client.query(
          'SELECT role, kraj, obec_kod AS "obecKod" FROM hlucha.memberships WHERE user_id = hlucha.uid() ORDER BY kraj, role, obec_kod',
        );
        return { user: user.rows[0] ?? null, memberships: memberships.rows };
      }),
    );
  });
  app.post('/api/auth/tokens', async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const body = await readJson(c);
    const name =
      typeof body === 'object' && body !== null && typeof (body as { name?: unknown }).name === 'string' ? (body as { name: string }).name.slice(0, 100) : '';
    return c.json(await db.asRole(claims(c), (client) => createAccessToken(client, c.get('userId')!, name)), 201);
  });
  app.delete('/api/auth/tokens/:id', async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) return problem(c, 404, 'auth.unknownToken');
    const revoked = await db.asRole(claims(c), (client) =>
      client.query('UPDATE hlucha.access_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]),
    );
    return revoked.rowCount === 1 ? c.json({ revoked: true }) : problem(c, 404, 'auth.unknownToken');
  });
  if (options.oidc) {
    const oidc = options.oidc;
    app.get('/api/auth/oidc/login', async (c) => c.redirect(await oidc.start(db), 302));
    app.get('/api/auth/oidc/callback', async (c) => {
      const outcome = await oidc.finish(db, new URL(c.req.url, options.publicUrl));
      if (!outcome.ok) return signInFailed(c, outcome.code);
      return signIn(c, outcome.userId, '/');
    });
  }

  // ----- sync -----
  app.post('/api/sync/push', bodyLimit({ maxSize: OBEC_FILE_MAX_BYTES, onError: (c) => problem(c, 413, 'request.tooLarge') }), async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const body = await readJson(c);
    const prepared = preparePush(body, index);
    if ('error' in prepared) return problem(c, 400, prepared.error);
    const response: PushResponse = { accepted: [], conflicts: [], rejected: prepared.rejected };
    await db.asRole(claims(c), (client) => applyPush(client, prepared.prepared, response));
    return c.json(response);
  });
  app.get('/api/sync/pull', async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const since = parseCheckpoint(c.req.query('since'));
    if (since === null) return problem(c, 400, 'sync.badCheckpoint');
    const body = await db.asRole(claims(c), (client) => pullReports(client, since));
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  // ----- photos (their own upload queue in the app: after the report's push was accepted) -----
  app.put('/api/photos/:reportId/:photoId', bodyLimit({ maxSize: PHOTO_MAX_BYTES, onError: (c) => problem(c, 413, 'photo.tooLarge') }), async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const outcome = await db.asRole(claims(c), (client) =>
      uploadPhoto(client, c.req.param('reportId'), c.req.param('photoId'), c.req.header('content-type'), bytes),
    );
    return outcome.ok ? c.json(outcome.body, outcome.status) : problem(c, outcome.status, outcome.code);
  });
  app.get('/api/photos/:reportId/:photoId', async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const photo = await db.asRole(claims(c), (client) => readPhoto(client, c.req.param('reportId'), c.req.param('photoId')));
    if (!photo) return problem(c, 404, 'photo.notFound');
    // Served only as the image type it was checked to be, never sniffed, never a document that could run script.
    return c.body(new Uint8Array(photo.data), 200, {
      'Content-Type': photo.mimeType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
  });
  app.post('/api/review/push', bodyLimit({ maxSize: 8 * 1024 * 1024, onError: (c) => problem(c, 413, 'request.tooLarge') }), async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const body = await readJson(c);
    const result = await db.asRole(claims(c), (client) => pushReview(client, body));
    if ('error' in result) return problem(c, 400, result.error);
    return c.json(result);
  });
  app.get('/api/review/pull', async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const since = parseCheckpoint(c.req.query('since'));
    if (since === null) return problem(c, 400, 'sync.badCheckpoint');
    const body = await db.asRole(claims(c), (client) => pullReview(client, since));
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.post('/api/packages', bodyLimit({ maxSize: 16 * 1024 * 1024, onError: (c) => problem(c, 413, 'request.tooLarge') }), async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    const record = parsePackageRecord(await readJson(c));
    if (!record) return problem(c, 400, 'package.badRecord');
    const outcome = await db.asRole(claims(c), (client) => recordPackageOnServer(client, record));
    if ('refused' in outcome) return problem(c, outcome.refused === 'package.numberTaken' ? 409 : 403, outcome.refused);
    return c.json(outcome, outcome.outcome === 'recorded' ? 201 : 200);
  });
  app.get('/api/packages', async (c) => {
    if (!c.get('userId')) return problem(c, 401, 'auth.required');
    return c.json(await db.asRole(claims(c), (client) => listPackages(client)));
  });

  // ----- public -----
  app.get('/api/public/cells.geojson', async (c) => {
    const collection = await db.asRole({ role: 'hlucha_anon' }, (client) => publicCellsGeoJson(client));
    return c.body(JSON.stringify(collection), 200, { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'public, max-age=60' });
  });
  app.all('/api/*', (c) => problem(c, 404, 'api.notFound'));

  // ----- the built app (compressed: staticFiles.ts) -----
  const dir = options.staticDir;
  if (dir && existsSync(path.join(dir, 'index.html'))) {
    // The app learns that this server serves it (and connects to it by default) from this tag: no probe request.
    const respond = staticFiles(dir, { transformHtml: (html) => html.replace('</head>', '<meta name="hlucha-mista-workspace" content="same-origin"></head>') });
    app.get('*', async (c) => {
      const answer = await respond(new URL(c.req.url).pathname, c.req.header('Accept-Encoding'));
      return c.body(answer.body as Uint8Array<ArrayBuffer> | string, answer.status, answer.headers);
    });
  }
  return app;
}
