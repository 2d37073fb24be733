/**
 * A throw-away PostGIS server for benchmarks that compare with "the straightforward database way": Debian's
 * postgresql + postgis (apt-get install postgresql-15-postgis-3), a fresh cluster in a temporary directory on a
 * Unix socket only, removed afterwards. `startPostgis()` returns null, with the reason, where PostGIS is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export interface Postgis {
  /** Runs SQL through psql and returns its stdout. */
  sql(text: string): string;
  /** Runs a query `runs` times and returns the fastest server-side time in ms (psql's \timing). */
  time(query: string, runs?: number): number;
  /** Loads tab-separated rows into a table with COPY. */
  copy(table: string, columns: string[], rows: string[][]): void;
  version: string;
  stop(): void;
}

function findBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : null;
}

export function startPostgis(): Postgis | { unavailable: string } {
  const bin = findBin();
  if (!bin) return { unavailable: 'PostgreSQL is not installed (apt-get install postgresql-15-postgis-3)' };
  const major = path.basename(path.dirname(bin));
  if (!existsSync(`/usr/share/postgresql/${major}/extension/postgis.control`)) return { unavailable: `PostGIS for PostgreSQL ${major} is not installed (apt-get install postgresql-${major}-postgis-3)` };
  // PostgreSQL refuses to run as root: run it as the "postgres" user Debian's package creates.
  const asRoot = userInfo().uid === 0;
  const run = (command: string, args: string[], input?: string) => {
    const argv = asRoot ? ['-u', 'postgres', '--', command, ...args] : args;
    const result = spawnSync(asRoot ? 'runuser' : command, argv, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'hlucha-postgis-'));
  chmodSync(dir, 0o777);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses='' -c shared_buffers=512MB -c work_mem=256MB -c fsync=off`, 'start']);
  const psql = (args: string[], input?: string) => run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-U', 'postgres', '-d', 'postgres', ...args], input);
  psql(['-c', 'CREATE EXTENSION postgis']);
  const version = psql(['-A', '-t', '-c', 'SELECT postgis_full_version()']).trim().split(' ').slice(0, 2).join(' ') + ` (PostgreSQL ${major})`;
  return {
    version,
    sql: (text) => psql(['-A', '-t'], text),
    time: (query, runs = 3) => {
      let fastest = Infinity;
      for (let i = 0; i < runs; i++) {
        const out = psql(['-c', '\\timing on', '-c', query]);
        const match = /Time: ([\d.]+) ms/.exec(out);
        if (match) fastest = Math.min(fastest, Number(match[1]));
      }
      return fastest;
    },
    copy: (table, columns, rows) => {
      const file = path.join(dir, `${table}.tsv`);
      writeFileSync(file, rows.map((row) => row.join('\t')).join('\n') + '\n');
      chmodSync(file, 0o644);
      psql(['-c', `\\copy ${table} (${columns.join(', ')}) FROM '${file}'`]);
    },
    stop: () => {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
