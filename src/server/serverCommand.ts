/**
 * The shared workspace from the command line:
 *   serve [--port N] [--host H] [--mail-outbox DIR] [--public-url URL] [--allow-origin URL,…] [--data-dir DIR]
 *         [--oidc-issuer URL --oidc-client-id ID (secret in OIDC_CLIENT_SECRET)]
 *   migrate                                    apply pending schema migrations
 *   users add --email E --role mayor|bco|kraj|admin [--obec KOD] [--kraj CZ041]
 *   users token --email E [--name TEXT]         print a new personal access token (Bearer)
 *   users list
 * With DATABASE_URL these use that database; without it, the private cluster in .hlucha-server/ (started when
 * needed, git-ignored).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createAccessToken, isEmail, normalizeEmail } from './auth.ts';
import { DEFAULT_DATA_DIR, openWorkspaceDatabase, ROOT_DIR, startServer } from './server.ts';
import { CommandLineError, parseCommandLine, reportCommandLineError, type CommandOptions } from '../cli/commandLine.ts';

const ROLES = ['mayor', 'bco', 'kraj', 'admin'] as const;
const fail = (message: string, code = 2) => {
  process.stderr.write(`${message}\n`);
  return code;
};
const log = (line: string) => process.stderr.write(`${line}\n`);

const SERVE_OPTIONS: CommandOptions = { values: ['port', 'host', 'mail-outbox', 'public-url', 'allow-origin', 'data-dir', 'oidc-issuer', 'oidc-client-id'] };
const MIGRATE_OPTIONS: CommandOptions = { values: ['data-dir'] };
const USERS_OPTIONS: CommandOptions = { values: ['email', 'role', 'obec', 'kraj', 'name', 'data-dir'] };

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
  const outbox = typeof flags.get('mail-outbox') === 'string' ? path.resolve(flags.get('mail-outbox') as string) : path.join(dataDir, 'outbox');
  const issuer = flags.get('oidc-issuer');
  const staticDir = path.join(ROOT_DIR, 'dist');
  const server = await startServer({
    port,
    host: typeof flags.get('host') === 'string' ? (flags.get('host') as string) : '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
    mailOutbox: outbox,
    publicUrl: typeof flags.get('public-url') === 'string' ? (flags.get('public-url') as string).replace(/\/$/, '') : undefined,
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
    `Hluchá místa shared workspace: ${server.url} (database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : `private cluster in ${path.relative(process.cwd(), dataDir) || '.'}`}; sign-in mails: ${path.relative(process.cwd(), outbox) || '.'}; app: ${existsSync(path.join(staticDir, 'index.html')) ? 'dist/' : 'not built (npm run build)'})`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
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

async function users(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { flags } = parseCommandLine(rest, USERS_OPTIONS);
  const email = typeof flags.get('email') === 'string' ? normalizeEmail(flags.get('email') as string) : '';
  if (sub !== 'add' && sub !== 'token' && sub !== 'list')
    return fail(
      'Usage: hlucha-mista users add --email E --role mayor|bco|kraj|admin [--obec KOD] [--kraj CZ041] | users token --email E [--name TEXT] | users list',
    );
  if (sub !== 'list' && !isEmail(email)) return fail(`users ${sub}: --email must be an e-mail address`);
  const role = flags.get('role');
  if (sub === 'add' && !(ROLES as readonly unknown[]).includes(role)) return fail('users add: --role must be mayor, bco, kraj or admin');
  const obec = typeof flags.get('obec') === 'string' ? (flags.get('obec') as string) : null;
  let kraj = typeof flags.get('kraj') === 'string' ? (flags.get('kraj') as string).toUpperCase() : null;
  if (sub === 'add' && role === 'mayor' && !obec) return fail('users add: a mayor needs --obec KOD');
  if (sub === 'add' && role !== 'mayor' && !kraj) return fail(`users add: --role ${String(role)} needs --kraj CZ0xx`);
  if (sub === 'add' && role !== 'mayor' && obec) return fail('users add: --obec is for mayors only');

  // The operator's tool: runs as the database owner, on this machine.
  const workspace = await openWorkspaceDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: typeof flags.get('data-dir') === 'string' ? (flags.get('data-dir') as string) : undefined,
    log,
  });
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
      const { id, token } = await createAccessToken(owner, user.rows[0].id, typeof flags.get('name') === 'string' ? (flags.get('name') as string) : 'cli');
      process.stdout.write(`${token}\n`);
      log(`token ${id} for ${email}: send it as "Authorization: Bearer <token>"; shown once`);
      return 0;
    }
    if (obec) {
      const found = await owner.query<{ kraj: string; nazev: string }>('SELECT kraj, nazev FROM hlucha.obce WHERE kod = $1', [obec]);
      if (!found.rows[0]) return fail(`users add: no obec with the code ${obec}`, 1);
      if (kraj && kraj !== found.rows[0].kraj) return fail(`users add: obec ${obec} (${found.rows[0].nazev}) is in ${found.rows[0].kraj}, not ${kraj}`, 1);
      kraj = found.rows[0].kraj;
    }
    const krajName = await owner.query<{ nazev: string }>(`SELECT DISTINCT o.kraj AS nazev FROM hlucha.obce o WHERE o.kraj = $1`, [kraj]);
    if (!krajName.rows[0]) return fail(`users add: no kraj ${kraj} (CZ010 … CZ080)`, 1);
    await owner.query('BEGIN');
    await owner.query('INSERT INTO hlucha.workspaces (kraj, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [kraj]);
    const user = await owner.query<{ id: string }>(
      'INSERT INTO hlucha.users (email) VALUES ($1) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id',
      [email],
    );
    const added = await owner.query(
      `INSERT INTO hlucha.memberships (user_id, role, kraj, obec_kod) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, role, kraj, coalesce(obec_kod, '')) DO NOTHING`,
      [user.rows[0]!.id, role, kraj, obec],
    );
    await owner.query('COMMIT');
    process.stdout.write(`${JSON.stringify({ email, role, kraj, obec, added: added.rowCount === 1 })}\n`);
    return 0;
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    owner.release();
    await workspace.close();
  }
}
