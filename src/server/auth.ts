/**
 * Sign-in: magic links (single-use, stored hashed, 15 minutes, rate-limited, the same answer for any address),
 * server-side sessions in PostgreSQL (the cookie carries a random id, the table its hash), personal access tokens
 * (Bearer; hashed, revocable) and OIDC identities. All of it runs as hlucha_auth, which reaches no report.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Database } from './db.ts';
import { MailError, type MailTransport } from './mail.ts';

export const MAGIC_LINK_TTL_MIN = 15;
export const SESSION_TTL_DAYS = 30;
/** Sign-in requests per address and per client address in 15 minutes. */
export const MAGIC_LINK_LIMIT_PER_EMAIL = 5;
export const MAGIC_LINK_LIMIT_PER_IP = 30;
export const SESSION_COOKIE = 'hm_session';
export const EMAIL_ISSUER = 'email';

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const isEmail = (email: string) => email.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email);

const AUTH = { role: 'hlucha_auth' as const };

export type MagicLinkRequest = { ok: true } | { ok: false; code: 'auth.badEmail' | 'auth.tooManyRequests' };

/**
 * Records the request and, for an invited address under its limit, mails a link. The answer does not tell whether
 * the address has an account (a per-address limit answers as a success too); only the per-client limit shows.
 */
export async function requestMagicLink(
  db: Database,
  mail: MailTransport,
  email: string,
  ip: string,
  baseUrl: string,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<MagicLinkRequest> {
  const address = normalizeEmail(email);
  if (!isEmail(address)) return { ok: false, code: 'auth.badEmail' };
  const emailHash = hashSecret(`email:${address}`);
  const outcome = await db.asRole(AUTH, async (client) => {
    const counts = await client.query<{ by_ip: number; by_email: number }>(
      `SELECT count(*) FILTER (WHERE ip = $1)::int AS by_ip, count(*) FILTER (WHERE email_hash = $2)::int AS by_email
       FROM hlucha.auth_requests WHERE at > now() - make_interval(mins => $3) AND (ip = $1 OR email_hash = $2)`,
      [ip, emailHash, MAGIC_LINK_TTL_MIN],
    );
    const { by_ip, by_email } = counts.rows[0]!;
    if (by_ip >= MAGIC_LINK_LIMIT_PER_IP) return { limited: true as const };
    await client.query('INSERT INTO hlucha.auth_requests (email_hash, ip) VALUES ($1, $2)', [emailHash, ip]);
    await client.query(`DELETE FROM hlucha.auth_requests WHERE at < now() - interval '1 day'`);
    if (by_email >= MAGIC_LINK_LIMIT_PER_EMAIL) return { limited: false as const, token: null };
    const user = await client.query<{ id: string }>('SELECT id FROM hlucha.users WHERE email = $1 AND NOT disabled', [address]);
    if (!user.rows[0]) return { limited: false as const, token: null };
    const token = newSecret();
    await client.query(`INSERT INTO hlucha.magic_links (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`, [
      hashSecret(token),
      user.rows[0].id,
      MAGIC_LINK_TTL_MIN,
    ]);
    return { limited: false as const, token };
  });
  if (outcome.limited) return { ok: false, code: 'auth.tooManyRequests' };
  if (outcome.token) {
    const link = `${baseUrl}/api/auth/magic-link/callback?token=${outcome.token}`;
    // Not awaited: a known address must not answer slower than an unknown one, nor differently when mail fails
    // (the answer stays 202); the operator sees the failure, coded, in the server's log.
    mail
      .send({
        to: address,
        subject: 'Přihlášení do Hluchých míst / Sign in to Hluchá místa',
        text: `Otevřete tento odkaz a na stránce, která se ukáže, stiskněte „Přihlásit se“ (odkaz platí ${MAGIC_LINK_TTL_MIN} minut a jen jednou):\n${link}\n\nOpen this link and press “Sign in” on the page it shows (valid for ${MAGIC_LINK_TTL_MIN} minutes, once):\n${link}&lang=en\n\nPokud jste o přihlášení nežádali, zprávu smažte. / If you did not ask to sign in, delete this message.\n`,
      })
      .catch((error: unknown) =>
        log(
          `mail: sign-in link to ${address} not sent: ${error instanceof MailError ? error.message : `mail.failed: ${error instanceof Error ? error.message : String(error)}`}`,
        ),
      );
  }
  return { ok: true };
}

export type LinkOutcome = { ok: true; userId: string } | { ok: false; code: 'auth.linkUnknown' | 'auth.linkExpired' | 'auth.linkUsed' };

/**
 * Whether a link would sign in now, without using it: the page a GET of the link shows (e-mail scanners and link
 * previewers fetch links; only the POST from that page signs in).
 */
export async function checkMagicLink(db: Database, token: string): Promise<{ ok: true } | Extract<LinkOutcome, { ok: false }>> {
  const tokenHash = hashSecret(token);
  return db.asRole(AUTH, async (client) => {
    const known = await client.query<{ used_at: Date | null; expired: boolean; disabled: boolean }>(
      `SELECT m.used_at, m.expires_at <= now() AS expired, u.disabled FROM hlucha.magic_links m JOIN hlucha.users u ON u.id = m.user_id WHERE m.token_hash = $1`,
      [tokenHash],
    );
    const link = known.rows[0];
    if (!link || link.disabled) return { ok: false, code: 'auth.linkUnknown' };
    if (link.used_at) return { ok: false, code: 'auth.linkUsed' };
    if (link.expired) return { ok: false, code: 'auth.linkExpired' };
    return { ok: true };
  });
}

/** Uses a link once: the first use wins (one UPDATE … WHERE used_at IS NULL), later ones are refused. */
export async function consumeMagicLink(db: Database, token: string): Promise<LinkOutcome> {
  const tokenHash = hashSecret(token);
  return db.asRole(AUTH, async (client) => {
    const used = await client.query<{ user_id: string; email: string }>(
      `UPDATE hlucha.magic_links m SET used_at = now() FROM hlucha.users u
       WHERE m.token_hash = $1 AND m.used_at IS NULL AND m.expires_at > now() AND u.id = m.user_id AND NOT u.disabled
       RETURNING m.user_id, u.email`,
      [tokenHash],
    );
    const row = used.rows[0];
    if (row) {
      await client.query('INSERT INTO hlucha.identities (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        EMAIL_ISSUER,
        row.email,
        row.user_id,
      ]);
      return { ok: true, userId: row.user_id };
    }
    const known = await client.query<{ used_at: Date | null; expired: boolean }>(
      'SELECT used_at, expires_at <= now() AS expired FROM hlucha.magic_links WHERE token_hash = $1',
      [tokenHash],
    );
    const link = known.rows[0];
    if (!link) return { ok: false, code: 'auth.linkUnknown' };
    return { ok: false, code: link.used_at ? 'auth.linkUsed' : link.expired ? 'auth.linkExpired' : 'auth.linkUnknown' };
  });
}

/**
 * A new session for the user: always a fresh random id (a session id presented before signing in is never kept:
 * session fixation), and the session the browser had before, if any, is ended.
 */
export async function createSession(db: Database, userId: string, previousCookie: string | undefined): Promise<string> {
  const id = newSecret();
  await db.asRole(AUTH, async (client) => {
    if (previousCookie) await client.query('DELETE FROM hlucha.sessions WHERE id_hash = $1', [hashSecret(previousCookie)]);
    await client.query(`INSERT INTO hlucha.sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [
      hashSecret(id),
      userId,
      SESSION_TTL_DAYS,
    ]);
  });
  return id;
}

export async function endSession(db: Database, cookie: string): Promise<void> {
  await db.asRole(AUTH, (client) => client.query('DELETE FROM hlucha.sessions WHERE id_hash = $1', [hashSecret(cookie)]));
}

/** The user of a session cookie or a Bearer token, or null. */
export async function authenticate(db: Database, credential: { cookie?: string; bearer?: string }): Promise<string | null> {
  if (!credential.cookie && !credential.bearer) return null;
  // A read per request; last_used / last_seen are written at most every 5 minutes (not a write per request).
  return db.asRole(AUTH, async (client) => {
    if (credential.bearer) {
      const token = await client.query<{ id: string; user_id: string; stale: boolean }>(
        `SELECT t.id, t.user_id, (t.last_used IS NULL OR t.last_used < now() - interval '5 minutes') AS stale FROM hlucha.access_tokens t JOIN hlucha.users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT u.disabled`,
        [hashSecret(credential.bearer)],
      );
      const row = token.rows[0];
      if (row?.stale) await client.query('UPDATE hlucha.access_tokens SET last_used = now() WHERE id = $1', [row.id]);
      return row?.user_id ?? null;
    }
    const idHash = hashSecret(credential.cookie!);
    const session = await client.query<{ user_id: string; stale: boolean }>(
      `SELECT s.user_id, s.last_seen < now() - interval '5 minutes' AS stale FROM hlucha.sessions s JOIN hlucha.users u ON u.id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [idHash],
    );
    const row = session.rows[0];
    if (row?.stale) await client.query('UPDATE hlucha.sessions SET last_seen = now() WHERE id_hash = $1', [idHash]);
    return row?.user_id ?? null;
  });
}

/** A personal access token for the user: printed once, stored hashed. */
export async function createAccessToken(client: pg.ClientBase, userId: string, name: string): Promise<{ id: string; token: string }> {
  const token = `hm_${newSecret()}`;
  const row = await client.query<{ id: string }>('INSERT INTO hlucha.access_tokens (user_id, token_hash, name) VALUES ($1, $2, $3) RETURNING id', [
    userId,
    hashSecret(token),
    name,
  ]);
  return { id: row.rows[0]!.id, token };
}

/** The user behind an OIDC identity: known (issuer, subject), or an invited user with the provider's verified address. */
export async function userForIdentity(db: Database, issuer: string, subject: string, email: string | null, emailVerified: boolean): Promise<string | null> {
  return db.asRole(AUTH, async (client) => {
    const known = await client.query<{ user_id: string }>(
      'SELECT i.user_id FROM hlucha.identities i JOIN hlucha.users u ON u.id = i.user_id WHERE i.issuer = $1 AND i.subject = $2 AND NOT u.disabled',
      [issuer, subject],
    );
    if (known.rows[0]) return known.rows[0].user_id;
    if (!email || !emailVerified) return null;
    const invited = await client.query<{ id: string }>('SELECT id FROM hlucha.users WHERE email = $1 AND NOT disabled', [normalizeEmail(email)]);
    if (!invited.rows[0]) return null;
    await client.query('INSERT INTO hlucha.identities (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      issuer,
      subject,
      invited.rows[0].id,
    ]);
    return invited.rows[0].id;
  });
}
