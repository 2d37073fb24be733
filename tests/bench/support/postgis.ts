/**
 * A throw-away PostGIS server for benchmarks that compare with "the straightforward database way": the project's
 * private cluster (src/server/pgCluster.ts: Debian's postgresql-15-postgis-3, a temporary folder, a Unix socket only,
 * removed afterwards) with the postgis extension and psql's timing. `startPostgis()` returns the reason where
 * PostGIS is missing.
 */
import { postgisUnavailable, startCluster } from '../../../src/server/pgCluster.ts';

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

export function startPostgis(): Postgis | { unavailable: string } {
  const reason = postgisUnavailable();
  if (reason) return { unavailable: reason };
  const cluster = startCluster({ settings: { shared_buffers: '512MB', work_mem: '256MB' } });
  cluster.psql('CREATE EXTENSION postgis');
  const version = cluster.psql('SELECT postgis_full_version()').trim().split(' ').slice(0, 2).join(' ') + ` (${cluster.version})`;
  return {
    version,
    sql: (text) => cluster.psql(text),
    time: (query, runs = 3) => {
      let fastest = Infinity;
      for (let i = 0; i < runs; i++) {
        const out = cluster.psql(`\\timing on\n${query};`);
        const match = /Time: ([\d.]+) ms/.exec(out);
        if (match) fastest = Math.min(fastest, Number(match[1]));
      }
      return fastest;
    },
    copy: (table, columns, rows) => cluster.copy(table, columns, rows),
    stop: () => cluster.stop(),
  };
}
