/**
 * Database access. Two connections: the owner's (migrations, the operator's CLI: `users add`) and the server's,
 * which logs in as hlucha_authenticator (no BYPASSRLS, owns nothing) and does everything inside `asRole`: one
 * transaction with SET LOCAL ROLE and the claims in request.jwt.claims (PostgREST's convention), so the policies
 * of 002_security.sql decide every row.
 */
import pg from 'pg';

export type DbRole = 'hlucha_anon' | 'hlucha_member' | 'hlucha_auth';

export interface DbTarget {
  /** A connection string (DATABASE_URL), or a socket folder of the private cluster. */
  connectionString?: string;
  socketDir?: string;
  database?: string;
  user?: string;
}

export function poolConfig(target: DbTarget, user: string | undefined, max = 10): pg.PoolConfig {
  if (target.connectionString) return { connectionString: target.connectionString, ...(user ? { user } : {}), max };
  return { host: target.socketDir, database: target.database ?? 'hlucha', user: user ?? target.user ?? 'postgres', max };
}

/** The claims a transaction runs with: PostgREST's request.jwt.claims (role and sub). */
export interface Claims {
  role: DbRole;
  sub?: string;
}

export class Database {
  readonly pool: pg.Pool;
  constructor(config: pg.PoolConfig) {
    this.pool = new pg.Pool(config);
    // A dropped connection (database restarted) must not crash the server; the next request gets a new one.
    this.pool.on('error', () => {});
    // …nor an error on a checked-out connection between two queries (its query rejects; the client is discarded).
    this.pool.on('connect', (client) => client.on('error', () => {}));
  }

  /** Runs `work` in one transaction as `claims.role` with the claims set; commits, or rolls back on a throw. */
  async asRole<T>(claims: Claims, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      // One round trip for both (the simple protocol takes two statements; the values are escaped literals): on a
      // busy machine each round trip to PostgreSQL costs a millisecond or more, and every request pays this one.
      await client.query(
        `BEGIN; SELECT set_config('role', ${client.escapeLiteral(claims.role)}, true), set_config('request.jwt.claims', ${client.escapeLiteral(JSON.stringify(claims))}, true)`,
      );
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** A PostgreSQL error's SQLSTATE, if it is one. */
export function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;
}
