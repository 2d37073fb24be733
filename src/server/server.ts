/**
 * Starting the shared workspace: the database (DATABASE_URL, or the private cluster in a data folder), migrations,
 * the obce reference table, then the HTTP server. Used by `hlucha-mista serve`, the tests and the benchmark.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import pg from 'pg';
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import type { ObceCollection } from '../core/packs/packFormat.ts';
import { readObce } from '../cli/packsOnDisk.ts';
import { createApp } from './app.ts';
import { Database, poolConfig, type DbTarget } from './db.ts';
import { mailTransport, type MailTransport } from './mail.ts';
import { migrate } from './migrate.ts';
import { loadObce } from './obceTable.ts';
import { oidcLogin, type OidcSettings } from './oidc.ts';
import { startCluster, type PgCluster } from './pgCluster.ts';

export const ROOT_DIR = path.resolve(import.meta.dirname, '..', '..');
/** The private cluster's folder of `serve` without DATABASE_URL (git-ignored). */
export const DEFAULT_DATA_DIR = path.join(ROOT_DIR, '.hlucha-server');
export const APP_ROLE = 'hlucha_authenticator';

let obceCache: { collection: ObceCollection; index: ObecIndex } | null = null;
/** The country's obce as the CLI loads them (public/packs/CZ), and core's lookup index over them. */
export function countryObce(): { collection: ObceCollection; index: ObecIndex } {
  if (!obceCache) {
    const collection = readObce();
    obceCache = { collection, index: ObecIndex.fromCollection(collection, { coverage: 'country' }) };
  }
  return obceCache;
}

export interface WorkspaceDatabase {
  /** The owner's pool: migrations and the operator's CLI only. */
  owner: pg.Pool;
  /** The server's pool (hlucha_authenticator, every query under row-level security). */
  db: Database;
  target: DbTarget;
  cluster: PgCluster | null;
  close(): Promise<void>;
}

/** Where the database is: DATABASE_URL, or a private cluster in `dataDir` (started here, stopped by close()). */
export function resolveTarget(options: { databaseUrl?: string; dataDir?: string; cluster?: PgCluster }): {
  target: DbTarget;
  cluster: PgCluster | null;
  ownCluster: boolean;
} {
  if (options.cluster)
    return {
      target: { socketDir: options.cluster.socketDir, database: 'hlucha', user: options.cluster.superuser },
      cluster: options.cluster,
      ownCluster: false,
    };
  if (options.databaseUrl) return { target: { connectionString: options.databaseUrl }, cluster: null, ownCluster: false };
  // The kept cluster of `serve` holds real data: durable writes (the throw-away test clusters keep fsync off).
  const cluster = startCluster({ dir: options.dataDir ?? DEFAULT_DATA_DIR, settings: { fsync: 'on', full_page_writes: 'on' } });
  return { target: { socketDir: cluster.socketDir, database: 'hlucha', user: cluster.superuser }, cluster, ownCluster: true };
}

function appConfig(target: DbTarget, max: number): pg.PoolConfig {
  if (target.connectionString) {
    const url = process.env.HLUCHA_APP_DATABASE_URL;
    if (url) return { connectionString: url, max };
    const fallback = new URL(target.connectionString);
    fallback.username = APP_ROLE;
    fallback.password = process.env.HLUCHA_APP_PASSWORD ?? '';
    return { connectionString: fallback.toString(), max };
  }
  return poolConfig(target, APP_ROLE, max);
}

/** Opens the database, applies pending migrations and (re)loads the obce when the packs changed. */
export async function openWorkspaceDatabase(
  options: { databaseUrl?: string; dataDir?: string; cluster?: PgCluster; poolSize?: number; log?: (line: string) => void } = {},
): Promise<WorkspaceDatabase> {
  const { target, cluster, ownCluster } = resolveTarget(options);
  if (cluster && !target.connectionString) {
    const exists = cluster.psql(`SELECT 1 FROM pg_database WHERE datname = 'hlucha'`).trim();
    if (exists !== '1') cluster.psql('CREATE DATABASE hlucha');
  }
  const owner = new pg.Pool({ ...poolConfig(target, undefined, 3) });
  owner.on('error', () => {});
  owner.on('connect', (client) => client.on('error', () => {}));
  const client = await owner.connect();
  try {
    const applied = await migrate(client);
    for (const name of applied) options.log?.(`migration applied: ${name}`);
    const loaded = await loadObce(client, countryObce().collection);
    if (loaded > 0) options.log?.(`obce loaded: ${loaded}`);
  } finally {
    client.release();
  }
  if (process.env.HLUCHA_APP_PASSWORD && target.connectionString && !process.env.HLUCHA_APP_DATABASE_URL) {
    await owner.query(`ALTER ROLE ${APP_ROLE} PASSWORD '${process.env.HLUCHA_APP_PASSWORD.replace(/'/g, "''")}'`);
  }
  const db = new Database(appConfig(target, options.poolSize ?? 20));
  return {
    owner,
    db,
    target,
    cluster,
    async close() {
      await db.end();
      await owner.end();
      if (ownCluster) cluster?.stop();
    },
  };
}

export interface ServerOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  cluster?: PgCluster;
  /** An open database (the tests reuse one across server restarts). */
  workspace?: WorkspaceDatabase;
  mailOutbox?: string;
  /** SMTP instead of the outbox: smtp:// or smtps:// (nodemailer), with the sender `mailFrom`. */
  smtpUrl?: string | null;
  mailFrom?: string | null;
  mail?: MailTransport;
  publicUrl?: string;
  staticDir?: string | null;
  allowOrigins?: string[];
  oidc?: Omit<OidcSettings, 'redirectUri'> | null;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  /** Where mail goes (files in a folder, or an SMTP server). */
  mail: MailTransport;
  workspace: WorkspaceDatabase;
  /** Stops listening; closes the database unless it was passed in. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const workspace =
    options.workspace ??
    (await openWorkspaceDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, cluster: options.cluster, log: options.log }));
  const host = options.host ?? '127.0.0.1';
  const mail =
    options.mail ??
    mailTransport({
      smtpUrl: options.smtpUrl,
      from: options.mailFrom,
      outbox: options.mailOutbox ?? path.join(options.dataDir ?? DEFAULT_DATA_DIR, 'outbox'),
    });
  let server: ServerType | null = null;
  const port = await new Promise<number>((resolve, reject) => {
    // The app needs the public URL (links in mails, origin checks), which needs the port: listen first on a
    // placeholder handler, then install the app.
    let handler: ((request: Request, env: unknown) => Response | Promise<Response>) | null = null;
    server = serve(
      {
        fetch: (request: Request, env: unknown) => (handler ? handler(request, env) : new Response('starting', { status: 503 })),
        port: options.port ?? 8080,
        hostname: host,
      },
      (info: AddressInfo) => {
        const publicUrl = options.publicUrl ?? `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${info.port}`;
        const finish = async () => {
          const oidc = options.oidc ? await oidcLogin({ ...options.oidc, redirectUri: `${publicUrl}/api/auth/oidc/callback` }) : null;
          const app = createApp({
            db: workspace.db,
            index: countryObce().index,
            mail,
            publicUrl,
            allowOrigins: options.allowOrigins,
            staticDir: options.staticDir,
            oidc,
            log: options.log,
          });
          handler = (request, env) => app.fetch(request, env as never);
          return info.port;
        };
        finish().then(resolve, reject);
      },
    );
    (server as ServerType).on('error', reject);
  });
  const publicUrl = options.publicUrl ?? `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  return {
    url: publicUrl,
    workspace,
    mail,
    async close() {
      if (!options.mail) mail.close?.();
      await new Promise<void>((resolve) => {
        const s = server as unknown as { close(cb: () => void): void; closeAllConnections?: () => void };
        s.close(() => resolve());
        s.closeAllConnections?.();
      });
      if (!options.workspace) await workspace.close();
    },
  };
}
