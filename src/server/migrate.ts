/**
 * Versioned schema migrations: src/server/migrations/NNN_name.sql, applied in order, each once, each in its own
 * transaction, recorded in hlucha.schema_migrations (with the file's SHA-256: an applied file that was edited
 * afterwards is refused). An advisory lock keeps two servers starting at once from applying the same file twice.
 * Runs as the database owner (a superuser or a role with BYPASSRLS and CREATEROLE), never as the server's role.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
  sha256: string;
}

export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name), 'utf8');
      return { version: name.slice(0, 3), name, sql, sha256: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies the pending migrations; returns the names applied now. */
export async function migrate(owner: pg.ClientBase, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await owner.query('SELECT pg_advisory_lock(4815162343)');
  try {
    await owner.query(`CREATE SCHEMA IF NOT EXISTS hlucha;
      CREATE TABLE IF NOT EXISTS hlucha.schema_migrations (version text PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (await owner.query<{ version: string; sha256: string; name: string }>('SELECT version, sha256, name FROM hlucha.schema_migrations')).rows.map((r) => [
        r.version,
        r,
      ]),
    );
    for (const file of migrationFiles(dir)) {
      const previous = done.get(file.version);
      if (previous) {
        if (previous.sha256 !== file.sha256)
          throw new Error(`migration ${file.name} was changed after it was applied (as ${previous.name}); add a new migration instead`);
        continue;
      }
      await owner.query('BEGIN');
      try {
        await owner.query(file.sql);
        await owner.query('INSERT INTO hlucha.schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [file.version, file.name, file.sha256]);
        await owner.query('COMMIT');
      } catch (error) {
        await owner.query('ROLLBACK');
        throw new Error(`migration ${file.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      applied.push(file.name);
    }
  } finally {
    await owner.query('SELECT pg_advisory_unlock(4815162343)');
  }
  return applied;
}
