/**
 * A private PostgreSQL cluster from Debian's binaries (postgresql-15-postgis-3): initdb into a folder, a Unix socket
 * only (no TCP port), fsync off. Used by the tests and benchmarks (a throw-away cluster in a temporary folder, removed
 * on stop) and by `hlucha-mista serve` without DATABASE_URL (a kept cluster in a git-ignored data folder).
 * PostgreSQL refuses to run as root: as root it runs as the "postgres" user Debian's package creates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export interface PgCluster {
  /** The socket folder: libpq / node-postgres `host`. */
  socketDir: string;
  /** The superuser (trust authentication on the socket only). */
  superuser: string;
  version: string;
  /** Runs SQL through psql as the superuser and returns its stdout (unaligned, tuples only). */
  psql(text: string, database?: string): string;
  /** Loads tab-separated rows into a table with COPY (as the superuser). */
  copy(table: string, columns: string[], rows: string[][], database?: string): void;
  /** Stops the server (immediate: like a crash, for the fault tests), keeping the data. */
  kill(): void;
  /** Starts it again after kill(). */
  start(): void;
  /** Stops the server; a throw-away cluster's folder is removed. */
  stop(): void;
}

export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : null;
}

/** Why a cluster cannot be started here, or null when PostgreSQL and PostGIS are installed. */
export function postgisUnavailable(): string | null {
  const bin = findPostgresBin();
  if (!bin) return 'PostgreSQL is not installed (apt-get install postgresql-15-postgis-3)';
  const major = path.basename(path.dirname(bin));
  if (!existsSync(`/usr/share/postgresql/${major}/extension/postgis.control`))
    return `PostGIS for PostgreSQL ${major} is not installed (apt-get install postgresql-${major}-postgis-3)`;
  return null;
}

export interface ClusterOptions {
  /** A folder to keep the cluster in (created when missing); without it a temporary folder removed on stop. */
  dir?: string;
  /** postgres -c settings. */
  settings?: Record<string, string | number>;
}

export function startCluster(options: ClusterOptions = {}): PgCluster {
  const reason = postgisUnavailable();
  if (reason) throw new Error(reason);
  const bin = findPostgresBin()!;
  const major = path.basename(path.dirname(bin));
  const asRoot = userInfo().uid === 0;
  const run = (command: string, args: string[], input?: string) => {
    const argv = asRoot ? ['-u', 'postgres', '--', command, ...args] : args;
    const result = spawnSync(asRoot ? 'runuser' : command, argv, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  const throwaway = !options.dir;
  const dir = options.dir ? path.resolve(options.dir) : mkdtempSync(path.join(tmpdir(), 'hlucha-pg-'));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const superuser = 'postgres';
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', superuser, '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const settings: Record<string, string | number> = {
    listen_addresses: "''",
    fsync: 'off',
    synchronous_commit: 'on',
    full_page_writes: 'off',
    max_connections: 200,
    ...options.settings,
  };
  const flags = [`-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  const start = () => run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '60', '-l', path.join(dir, 'log'), '-o', flags, 'start']);
  // A kept cluster already running (`serve` in another terminal, and now `users add`): attach to it, and leave it
  // running on stop().
  const status = spawnSync(
    asRoot ? 'runuser' : path.join(bin, 'pg_ctl'),
    asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), '-D', data, 'status'] : ['-D', data, 'status'],
  );
  const attached = !throwaway && status.status === 0;
  if (!attached) start();
  const psqlBin = path.join(bin, 'psql');
  const psql = (text: string, database = 'postgres') =>
    run(psqlBin, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-U', superuser, '-d', database], text);
  const version = `PostgreSQL ${major}`;
  let running = true;
  return {
    socketDir: dir,
    superuser,
    version,
    psql,
    copy: (table, columns, rows, database = 'postgres') => {
      const file = path.join(dir, `${table}.tsv`);
      writeFileSync(file, rows.map((row) => row.join('\t')).join('\n') + '\n');
      chmodSync(file, 0o644);
      run(psqlBin, [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        dir,
        '-U',
        superuser,
        '-d',
        database,
        '-c',
        `\\copy ${table} (${columns.join(', ')}) FROM '${file}'`,
      ]);
      rmSync(file, { force: true });
    },
    kill: () => {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'immediate', 'stop']);
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    stop: () => {
      try {
        if (running && !attached) run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', throwaway ? 'immediate' : 'fast', 'stop']);
        running = false;
      } finally {
        if (throwaway) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
