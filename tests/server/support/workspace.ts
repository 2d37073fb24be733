/**
 * A throw-away shared workspace for the server tests: a private PostgreSQL cluster (initdb in a temporary folder,
 * Unix socket, fsync off), the migrations and obce applied, and helpers to invite users as the operator's CLI does
 * (as the owner: setup only). Every assertion about policies goes through hlucha_authenticator, never the owner.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createAccessToken } from '../../../src/server/auth.ts';
import type { Claims } from '../../../src/server/db.ts';
import { startCluster, type PgCluster } from '../../../src/server/pgCluster.ts';
import { openWorkspaceDatabase, type WorkspaceDatabase } from '../../../src/server/server.ts';
import type { ReportFeature } from '../../../src/core/obecFile/obecFileFormat.ts';

export interface TestWorkspace {
  cluster: PgCluster;
  workspace: WorkspaceDatabase;
  /** Invites a user (as `users add` does) and gives them a personal access token. */
  addUser(email: string, role: 'mayor' | 'bco' | 'kraj' | 'admin', scope: { obec?: string; kraj?: string }): Promise<{ id: string; token: string }>;
  /** A point inside an obec (PostGIS ST_PointOnSurface) and the obec's kraj. */
  pointIn(kod: string): Promise<{ lon: number; lat: number; kraj: string }>;
  /** Obce of a kraj, largest first (their interior points are far from borders). */
  obceOf(kraj: string, count: number): Promise<string[]>;
  /** Runs `work` as the claims in a transaction that is rolled back (hlucha_authenticator, like the server). */
  tryAs<T>(claims: Claims, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startTestWorkspace(): Promise<TestWorkspace> {
  const cluster = startCluster();
  let workspace: WorkspaceDatabase;
  try {
    workspace = await openWorkspaceDatabase({ cluster, poolSize: 40 });
  } catch (error) {
    cluster.stop();
    throw error;
  }
  return {
    cluster,
    workspace,
    async addUser(email, role, scope) {
      const owner = await workspace.owner.connect();
      try {
        let kraj = scope.kraj ?? null;
        if (scope.obec) kraj = (await owner.query<{ kraj: string }>('SELECT kraj FROM hlucha.obce WHERE kod = $1', [scope.obec])).rows[0]!.kraj;
        await owner.query('INSERT INTO hlucha.workspaces (kraj, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [kraj]);
        const user = await owner.query<{ id: string }>(
          'INSERT INTO hlucha.users (email) VALUES ($1) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id',
          [email.toLowerCase()],
        );
        const id = user.rows[0]!.id;
        await owner.query('INSERT INTO hlucha.memberships (user_id, role, kraj, obec_kod) VALUES ($1, $2, $3, $4)', [id, role, kraj, scope.obec ?? null]);
        const { token } = await createAccessToken(owner, id, 'test');
        return { id, token };
      } finally {
        owner.release();
      }
    },
    async pointIn(kod) {
      const row = await workspace.db.asRole({ role: 'hlucha_anon' }, (c) =>
        c.query<{ lon: number; lat: number; kraj: string }>(
          'SELECT ST_X(p) AS lon, ST_Y(p) AS lat, kraj FROM (SELECT ST_PointOnSurface(geom) AS p, kraj FROM hlucha.obce WHERE kod = $1) x',
          [kod],
        ),
      );
      const { lon, lat, kraj } = row.rows[0]!;
      return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, kraj };
    },
    async obceOf(kraj, count) {
      const rows = await workspace.db.asRole({ role: 'hlucha_anon' }, (c) =>
        c.query<{ kod: string }>('SELECT kod FROM hlucha.obce WHERE kraj = $1 ORDER BY ST_Area(geom) DESC, kod LIMIT $2', [kraj, count]),
      );
      return rows.rows.map((r) => r.kod);
    },
    async tryAs(claims, work) {
      const client = await workspace.db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [claims.role, JSON.stringify(claims)]);
        return await work(client);
      } finally {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
    },
    async close() {
      await workspace.close();
      cluster.stop();
    },
  };
}

/** A report Feature as the obec file carries it (the app's shape), at a point. */
export function reportFeature(
  lon: number,
  lat: number,
  options: {
    id?: string;
    revision?: number;
    description?: string;
    reporter?: { name: string; role: 'obcan'; contact: string } | null;
    inhabitants?: number;
    demo?: boolean;
    photo?: { id: string; mimeType: 'image/jpeg' | 'image/png' | 'image/webp'; bytes: number; dataUrl?: string } | null;
  } = {},
): ReportFeature {
  const id = options.id ?? randomUUID();
  const at = '2026-05-01T10:00:00.000Z';
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      schemaVersion: 3,
      id,
      revision: options.revision ?? 1,
      createdAt: at,
      updatedAt: at,
      demo: options.demo ?? false,
      place: null,
      castObce: null,
      zsj: null,
      description: options.description ?? 'Za hřbitovem nejde volat',
      domain: 'mobile',
      failures: ['noSignal'],
      operators: ['o2'],
      technologies: [],
      environments: [],
      persistence: null,
      observations: [],
      affected: { inhabitants: options.inhabitants ?? null, households: null },
      measurements: [],
      photo: options.photo ?? null,
      reporter: options.reporter ?? null,
      capture: null,
    },
  };
}
