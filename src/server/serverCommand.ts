/**
 * The shared workspace from the command line:
 *   serve [--port N] [--host H] [--mail-outbox DIR | --smtp URL] [--mail-from ADDR] [--public-url URL]
 *         [--allow-origin URL,…] [--data-dir DIR] [--oidc-issuer URL --oidc-client-id ID (secret in OIDC_CLIENT_SECRET)]
 *   migrate                                    apply pending schema migrations
 *   users add --email E --role mayor|bco|kraj|admin [--obec KOD] [--kraj CZ041] [--no-invite | --invite] [--lang en]
 *             [--public-url URL] [--mail-outbox DIR | --smtp URL] [--mail-from ADDR]
 *   users remove --email E [--role R [--obec KOD] [--kraj CZ041]]   take a role back (no --role: every role, sessions, tokens)
 *   users token --email E [--name TEXT]         print a new personal access token (Bearer)
 *   users list
 * Mail: SMTP with --smtp / SMTP_URL (smtp:// or smtps://, sender --mail-from / MAIL_FROM), else files in the outbox
 * (--mail-outbox, default <data dir>/outbox). The app's address: --public-url / HLUCHA_PUBLIC_URL.
 * With DATABASE_URL these use that database; without it, the private cluster in .hlucha-server/ (started when
 * needed, git-ignored).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { KRAJE } from '../core/units/adminUnits.ts';
import { createAccessToken, isEmail, normalizeEmail } from './auth.ts';
import { invitationMessage, type InvitedRole } from './invitation.ts';
import { checkSmtpUrl, MailError, mailTransport, type MailSettings } from './mail.ts';
import { DEFAULT_DATA_DIR, openWorkspaceDatabase, ROOT_DIR, startServer } from './server.ts';
import { CommandLineError, parseCommandLine, reportCommandLineError, type CommandOptions } from '../cli/commandLine.ts';

const ROLES = ['mayor', 'bco', 'kraj', 'admin'] as const;
const fail = (message: string, code = 2) => {
  process.stderr.write(`${message}\n`);
  return code;
};
const log = (line: string) => process.stderr.write(`${line}\n`);

const SERVE_OPTIONS: CommandOptions = {
  values: ['port', 'host', 'mail-outbox', 'smtp', 'mail-from', 'public-url', 'allow-origin', 'data-dir', 'oidc-issuer', 'oidc-client-id'],
};
const MIGRATE_OPTIONS: CommandOptions = { values: ['data-dir'] };
const USERS_OPTIONS: CommandOptions = {
  values: ['email', 'role', 'obec', 'kraj', 'name', 'data-dir', 'mail-outbox', 'smtp', 'mail-from', 'public-url'],
  switches: ['invite', 'no-invite'],
};

const text = (flags: Map<string, string | true>, name: string): string | null => (typeof flags.get(name) === 'string' ? (flags.get(name) as string) : null);

/** The mail options of serve and users: --smtp / SMTP_URL, else the outbox folder; --mail-from / MAIL_FROM. */
function mailSettings(flags: Map<string, string | true>, dataDir: string): { settings: MailSettings } | { problem: string } {
  const smtpUrl = text(flags, 'smtp') ?? (process.env.SMTP_URL || null);
  if (smtpUrl && !checkSmtpUrl(smtpUrl).ok) return { problem: 'mail.badSmtpUrl: --smtp / SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…' };
  const outbox = text(flags, 'mail-outbox');
  return {
    settings: {
      smtpUrl,
      from: text(flags, 'mail-from') ?? (process.env.MAIL_FROM || null),
      outbox: outbox ? path.resolve(outbox) : path.join(dataDir, 'outbox'),
    },
  };
}

const publicUrlOf = (flags: Map<string, string | true>): string | null =>
  (text(flags, 'public-url') ?? (process.env.HLUCHA_PUBLIC_URL || null))?.replace(/\/+$/, '') ?? null;

/** A misspelt or incomplete option ends the command with a sentence and exit 2, as in the CLI. */
function withCommandLine(run: (argv: string[]) => Promise<number>): (argv: string[]) => Promise<number> {
  return async (argv) => {
    try {
      return await run(argv);
    } catch (error: unknown) {
      if (error instanceof CommandLineError) return reportCommandLineError(error, argv);
      throw error;
    }
  };
}

export const runServe = withCommandLine(serve);
export const runMigrate = withCommandLine(migrate);
export const runUsers = withCommandLine(users);

async function serve(argv: string[]): Promise<number> {
  const { flags } = parseCommandLine(argv, SERVE_OPTIONS);
  const port = flags.has('port') ? Number(flags.get('port')) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail('serve: --port must be a number 0–65535');
  const dataDir = typeof flags.get('data-dir') === 'string' ? path.resolve(flags.get('data-dir') as string) : DEFAULT_DATA_DIR;
  const mail = mailSettings(flags, dataDir);
  if ('problem' in mail) return fail(`serve: ${mail.problem}`);
  const transport = mailTransport(mail.settings);
  const issuer = flags.get('oidc-issuer');
  const staticDir = path.join(ROOT_DIR, 'dist');
  const server = await startServer({
    port,
    host: typeof flags.get('host') === 'string' ? (flags.get('host') as string) : '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
    mail: transport,
    publicUrl: publicUrlOf(flags) ?? undefined,
    allowOrigins: typeof flags.get('allow-origin') === 'string' ? (flags.get('allow-origin') as string).split(',').filter(Boolean) : [],
    staticDir: existsSync(path.join(staticDir, 'index.html')) ? staticDir : null,
    oidc:
      typeof issuer === 'string'
        ? {
            issuer,
            clientId: String(flags.get('oidc-client-id') ?? ''),
            clientSecret: process.env.OIDC_CLIENT_SECRET ?? '',
            allowHttp: /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(issuer),
          }
        : null,
    log,
  });
  process.stdout.write(`${server.url}\n`);
  log(
    `Hluchá místa shared workspace: ${server.url} (database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : `private cluster in ${path.relative(process.cwd(), dataDir) || '.'}`}; mail: ${transport.description}; app: ${existsSync(path.join(staticDir, 'index.html')) ? 'dist/' : 'not built (npm run build)'})`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  transport.close?.();
  return 0;
}

async function migrate(argv: string[]): Promise<number> {
  const { flags } = parseCommandLine(argv, MIGRATE_OPTIONS);
  const workspace = await openWorkspaceDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: typeof flags.get('data-dir') === 'string' ? (flags.get('data-dir') as string) : undefined,
    log,
  });
  try {
    const rows = await workspace.owner.query<{ name: string; applied_at: Date }>('SELECT name, applied_at FROM hlucha.schema_migrations ORDER BY version');
    for (const row of rows.rows) process.stdout.write(`${JSON.stringify({ migration: row.name, appliedAt: row.applied_at.toISOString() })}\n`);
  } finally {
    await workspace.close();
  }
  return 0;
}

const USAGE =
  'Usage: hlucha-mista users add --email E --role mayor|bco|kraj|admin [--obec KOD] [--kraj CZ041] [--no-invite | --invite] [--lang en] [--public-url URL]' +
  ' | users remove --email E [--role R [--obec KOD] [--kraj CZ041]] | users token --email E [--name TEXT] | users list';

async function users(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { flags } = parseCommandLine(rest, USERS_OPTIONS);
  const email = typeof flags.get('email') === 'string' ? normalizeEmail(flags.get('email') as string) : '';
  if (sub !== 'add' && sub !== 'remove' && sub !== 'token' && sub !== 'list') return fail(USAGE);
  if (sub !== 'list' && !isEmail(email)) return fail(`users ${sub}: --email must be an e-mail address`);
  const role = flags.get('role');
  const roleGiven = role !== undefined;
  if ((sub === 'add' || roleGiven) && !(ROLES as readonly unknown[]).includes(role)) return fail(`users ${sub}: --role must be mayor, bco, kraj or admin`);
  const obec = text(flags, 'obec');
  let kraj = text(flags, 'kraj')?.toUpperCase() ?? null;
  if (sub === 'add' && role === 'mayor' && !obec) return fail('users add: a mayor needs --obec KOD');
  if (sub === 'add' && role !== 'mayor' && !kraj) return fail(`users add: --role ${String(role)} needs --kraj CZ0xx`);
  if ((sub === 'add' || sub === 'remove') && roleGiven && role !== 'mayor' && obec) return fail(`users ${sub}: --obec is for mayors only`);
  if (sub === 'remove' && !roleGiven && (obec || kraj)) return fail('users remove: --obec and --kraj narrow a --role; without --role every role goes');
  if (flags.has('invite') && flags.has('no-invite')) return fail('users add: --invite or --no-invite, not both');
  const language = flags.get('lang') === 'en' ? 'en' : 'cs';
  const dataDir = text(flags, 'data-dir') ?? undefined;
  const mail = mailSettings(flags, dataDir ? path.resolve(dataDir) : DEFAULT_DATA_DIR);
  if ('problem' in mail) return fail(`users ${sub}: ${mail.problem}`);

  // The operator's tool: runs as the database owner, on this machine.
  const workspace = await openWorkspaceDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir, log });
  const owner = await workspace.owner.connect();
  try {
    if (sub === 'list') {
      const rows = await owner.query(
        'SELECT u.email, m.role, m.kraj, m.obec_kod AS "obecKod" FROM hlucha.users u LEFT JOIN hlucha.memberships m ON m.user_id = u.id ORDER BY u.email, m.kraj, m.role, m.obec_kod',
      );
      for (const row of rows.rows) process.stdout.write(`${JSON.stringify(row)}\n`);
      return 0;
    }
    if (sub === 'token') {
      const user = await owner.query<{ id: string }>('SELECT id FROM hlucha.users WHERE email = $1', [email]);
      if (!user.rows[0]) return fail(`users token: no user ${email} (users add first)`, 1);
      const { id, token } = await createAccessToken(owner, user.rows[0].id, text(flags, 'name') ?? 'cli');
      process.stdout.write(`${token}\n`);
      log(`token ${id} for ${email}: send it as "Authorization: Bearer <token>"; shown once`);
      return 0;
    }
    if (sub === 'remove') return await removeMembership(owner, email, roleGiven ? (role as string) : null, obec, kraj);
    let obecName: string | null = null;
    if (obec) {
      const found = await owner.query<{ kraj: string; nazev: string }>('SELECT kraj, nazev FROM hlucha.obce WHERE kod = $1', [obec]);
      if (!found.rows[0]) return fail(`users add: no obec with the code ${obec}`, 1);
      if (kraj && kraj !== found.rows[0].kraj) return fail(`users add: obec ${obec} (${found.rows[0].nazev}) is in ${found.rows[0].kraj}, not ${kraj}`, 1);
      kraj = found.rows[0].kraj;
      obecName = found.rows[0].nazev;
    }
    const krajName = KRAJE.find((k) => k.nuts3 === kraj)?.nazev;
    if (!krajName) return fail(`users add: no kraj ${kraj} (CZ010 … CZ080)`, 1);
    await owner.query('BEGIN');
    await owner.query('INSERT INTO hlucha.workspaces (kraj, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [kraj, krajName]);
    const user = await owner.query<{ id: string }>(
      'INSERT INTO hlucha.users (email) VALUES ($1) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id',
      [email],
    );
    const added = await owner.query(
      `INSERT INTO hlucha.memberships (user_id, role, kraj, obec_kod) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, role, kraj, coalesce(obec_kod, '')) DO NOTHING`,
      [user.rows[0]!.id, role, kraj, obec],
    );
    await owner.query('COMMIT');
    const result = { email, role, kraj, obec, added: added.rowCount === 1 };
    // An invitation by default for a new membership (a role nobody is told about is never used); --invite sends it
    // again for one that exists, --no-invite sends none (e.g. the person was told another way).
    const invite = flags.has('invite') || (result.added && !flags.has('no-invite'));
    if (!invite) {
      process.stdout.write(`${JSON.stringify({ ...result, invited: false })}\n`);
      return 0;
    }
    const publicUrl = publicUrlOf(flags);
    if (!publicUrl) log('users add: no --public-url (or HLUCHA_PUBLIC_URL): the invitation names http://localhost:8080');
    const transport = mailTransport(mail.settings);
    try {
      await transport.send(
        invitationMessage({
          email,
          role: role as InvitedRole,
          kraj: { nuts3: kraj!, nazev: krajName },
          obec: obec && obecName ? { kod: obec, nazev: obecName } : null,
          publicUrl: publicUrl ?? 'http://localhost:8080',
          language,
        }),
      );
    } catch (error) {
      const code = error instanceof MailError ? error.code : 'mail.failed';
      process.stdout.write(`${JSON.stringify({ ...result, invited: false, mailError: code })}\n`);
      return fail(
        `users add: the role is granted, but the invitation was not sent (${error instanceof Error ? error.message : String(error)}); send it again with --invite`,
        1,
      );
    } finally {
      transport.close?.();
    }
    process.stdout.write(`${JSON.stringify({ ...result, invited: true })}\n`);
    log(`invitation to ${email} sent (${transport.description})`);
    return 0;
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    owner.release();
    await workspace.close();
  }
}

/**
 * Takes a role back: the membership (narrowed by --obec / --kraj) is deleted, and the person's next request sees
 * nothing of it (roles are read from the memberships per request, under row-level security). Without a role every
 * membership goes, with the person's sessions and tokens: they are out of the workspace.
 */
async function removeMembership(owner: pg.PoolClient, email: string, role: string | null, obec: string | null, kraj: string | null): Promise<number> {
  const user = await owner.query<{ id: string }>('SELECT id FROM hlucha.users WHERE email = $1', [email]);
  if (!user.rows[0]) return fail(`users remove: no user ${email}`, 1);
  const userId = user.rows[0].id;
  await owner.query('BEGIN');
  const removed = await owner.query<{ role: string; kraj: string; obec_kod: string | null }>(
    `DELETE FROM hlucha.memberships WHERE user_id = $1 AND ($2::text IS NULL OR role = $2) AND ($3::text IS NULL OR obec_kod = $3) AND ($4::text IS NULL OR kraj = $4)
     RETURNING role, kraj, obec_kod`,
    [userId, role, obec, kraj],
  );
  let signedOut = false;
  if (role === null) {
    await owner.query('DELETE FROM hlucha.sessions WHERE user_id = $1', [userId]);
    await owner.query('UPDATE hlucha.access_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    signedOut = true;
  }
  await owner.query('COMMIT');
  const memberships = removed.rows.map((r) => ({ role: r.role, kraj: r.kraj, obec: r.obec_kod }));
  process.stdout.write(`${JSON.stringify({ email, removed: memberships, signedOut })}\n`);
  if (memberships.length === 0 && role !== null) return fail(`users remove: ${email} has no such role`, 1);
  return 0;
}
