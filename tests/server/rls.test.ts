/**
 * The RLS matrix: every role × table × operation, allowed and refused, through hlucha_authenticator with the
 * claims set as the server sets them (never as the owner or a superuser). Includes a mayor filing a report whose
 * geometry lies in another obec (or lying about the obec), guessing another obec's report id, reading reporters'
 * personal data, a coordinator of another kraj, a signed-out request, and report photos (the obec's mayor stores
 * them only for a report of their obec that exists; nobody changes or removes one).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { createSession } from '../../src/server/auth.ts';
import type { Claims } from '../../src/server/db.ts';
import { storePhoto } from '../../src/server/reportPhotos.ts';
import { applyPush, preparePush } from '../../src/server/reportSync.ts';
import { pushReview } from '../../src/server/reviewSync.ts';
import { countryObce } from '../../src/server/server.ts';
import { gisFieldName } from '../../src/core/ctuPackage/gisLayers.ts';
import { reportFeature, startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

const ROLES = ['anon', 'auth', 'mayorA', 'mayorB', 'bco41', 'kraj41', 'admin41', 'bco42'] as const;
type Role = (typeof ROLES)[number];

let t: TestWorkspace;
const users = {} as Record<Exclude<Role, 'anon' | 'auth'>, { id: string; token: string }>;
let obecA = '';
let obecB = '';
let obecC = '';
const reportA = randomUUID();
const reportC = randomUUID();
let sessionOfA = '';

const claimsOf = (role: Role): Claims =>
  role === 'anon' ? { role: 'hlucha_anon' } : role === 'auth' ? { role: 'hlucha_auth' } : { role: 'hlucha_member', sub: users[role].id };

/** Runs one statement in a rolled-back transaction: 'allowed' when it affected/saw a row, else 'refused'. */
async function outcome(role: Role, run: (c: pg.PoolClient) => Promise<pg.QueryResult>): Promise<'allowed' | 'refused'> {
  return t.tryAs(claimsOf(role), async (c) => {
    try {
      const result = await run(c);
      return (result.rowCount ?? 0) > 0 ? 'allowed' : 'refused';
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 42501: privilege or policy; 23503: a reference to a row the role cannot see.
      if (code === '42501' || code === '23503') return 'refused';
      throw error;
    }
  });
}

interface Case {
  table: string;
  op: 'select' | 'insert' | 'update' | 'delete';
  what: string;
  allowed: Role[];
  run: (c: pg.PoolClient) => Promise<pg.QueryResult>;
}

const geo = (lon: number, lat: number) => `{"type":"Point","coordinates":[${lon},${lat}]}`;
let pointA = { lon: 0, lat: 0 };
let pointB = { lon: 0, lat: 0 };

function cases(): Case[] {
  const insertReport = (obec: string, point: { lon: number; lat: number }) => (c: pg.PoolClient) =>
    c.query(
      `INSERT INTO hlucha.reports (id, kraj, obec_kod, orp_kod, revision, geometry, geom, properties, content_hash) VALUES ($1, 'CZ041', $2, '0000', 1, $3::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($3), 4326), '{}', 'x')`,
      [randomUUID(), obec, geo(point.lon, point.lat)],
    );
  const insertPhoto = (target: () => [string, string, string]) => (c: pg.PoolClient) =>
    c.query(
      `INSERT INTO hlucha.report_photos (report_id, photo_id, kraj, obec_kod, mime_type, bytes, sha256, data) VALUES ($1, $2, $3, $4, 'image/jpeg', 3, $5, '\\xffd8ff'::bytea)`,
      [...target().slice(0, 1), randomUUID(), ...target().slice(1), 'a'.repeat(64)],
    );
  return [
    {
      table: 'reports',
      op: 'select',
      what: "obec A's report",
      allowed: ['mayorA', 'bco41', 'kraj41', 'admin41'],
      run: (c) => c.query('SELECT 1 FROM hlucha.reports WHERE id = $1', [reportA]),
    },
    {
      table: 'reports',
      op: 'select',
      what: 'a report of CZ042 (another kraj)',
      allowed: ['bco42'],
      run: (c) => c.query('SELECT 1 FROM hlucha.reports WHERE id = $1', [reportC]),
    },
    { table: 'reports', op: 'insert', what: 'a report in obec A', allowed: ['mayorA'], run: insertReport(obecA, pointA) },
    {
      table: 'reports',
      op: 'insert',
      what: 'a report whose geometry lies in obec B, filed under B',
      allowed: ['mayorB'],
      run: (c) => (pointB && obecB ? insertReport(obecB, pointB)(c) : Promise.reject(new Error('setup'))),
    },
    { table: 'reports', op: 'insert', what: 'a report whose geometry lies in obec B, filed under A', allowed: [], run: insertReport(obecA, pointB) },
    {
      table: 'reports',
      op: 'update',
      what: "obec A's report",
      allowed: ['mayorA'],
      run: (c) => c.query(`UPDATE hlucha.reports SET revision = revision + 1 WHERE id = $1`, [reportA]),
    },
    {
      table: 'reports',
      op: 'update',
      what: "obec A's report moved into obec B",
      allowed: [],
      run: (c) =>
        c.query(`UPDATE hlucha.reports SET obec_kod = $2, geometry = $3::jsonb, geom = ST_SetSRID(ST_GeomFromGeoJSON($3), 4326) WHERE id = $1`, [
          reportA,
          obecB,
          geo(pointB.lon, pointB.lat),
        ]),
    },
    {
      table: 'reports',
      op: 'delete',
      what: "obec A's report (deletion is a tombstone)",
      allowed: [],
      run: (c) => c.query('DELETE FROM hlucha.reports WHERE id = $1', [reportA]),
    },

    {
      table: 'report_reporters',
      op: 'select',
      what: "the reporter of obec A's report",
      allowed: ['mayorA', 'bco41'],
      run: (c) => c.query('SELECT name, contact FROM hlucha.report_reporters WHERE report_id = $1', [reportA]),
    },
    {
      table: 'report_reporters',
      op: 'insert',
      what: "a reporter for another obec's report (guessed id)",
      allowed: [],
      run: (c) =>
        c.query(`INSERT INTO hlucha.report_reporters (report_id, kraj, obec_kod, name, role, contact) VALUES ($1, 'CZ042', $2, 'x', 'obcan', 'x')`, [
          reportC,
          obecC,
        ]),
    },
    {
      table: 'report_reporters',
      op: 'update',
      what: "the reporter of obec A's report",
      allowed: ['mayorA'],
      run: (c) => c.query(`UPDATE hlucha.report_reporters SET contact = 'changed' WHERE report_id = $1`, [reportA]),
    },
    {
      table: 'report_reporters',
      op: 'delete',
      what: "the reporter of obec A's report",
      allowed: ['mayorA'],
      run: (c) => c.query('DELETE FROM hlucha.report_reporters WHERE report_id = $1', [reportA]),
    },

    {
      table: 'report_photos',
      op: 'select',
      what: "the photo of obec A's report",
      allowed: ['mayorA', 'bco41', 'kraj41', 'admin41'],
      run: (c) => c.query(`SELECT data FROM hlucha.report_photos WHERE report_id = $1 AND photo_id = 'P-A'`, [reportA]),
    },
    {
      table: 'report_photos',
      op: 'insert',
      what: "a photo of obec A's report",
      allowed: ['mayorA'],
      run: insertPhoto(() => [reportA, 'CZ041', obecA]),
    },
    {
      table: 'report_photos',
      op: 'insert',
      what: "a photo of obec A's report filed under obec B",
      allowed: [],
      run: insertPhoto(() => [reportA, 'CZ041', obecB]),
    },
    {
      table: 'report_photos',
      op: 'insert',
      what: "a photo for another kraj's report (guessed id)",
      allowed: [],
      run: insertPhoto(() => [reportC, 'CZ042', obecC]),
    },
    {
      table: 'report_photos',
      op: 'update',
      what: "the bytes of obec A's report's photo",
      allowed: [],
      run: (c) => c.query(`UPDATE hlucha.report_photos SET data = '\\xffd8ff00'::bytea, bytes = 4 WHERE report_id = $1`, [reportA]),
    },
    {
      table: 'report_photos',
      op: 'delete',
      what: "the photo of obec A's report",
      allowed: [],
      run: (c) => c.query('DELETE FROM hlucha.report_photos WHERE report_id = $1', [reportA]),
    },

    {
      table: 'locality_reviews',
      op: 'select',
      what: "the review of obec A's locality (with its internal notes)",
      allowed: ['bco41', 'kraj41', 'admin41'],
      run: (c) => c.query(`SELECT 1 FROM hlucha.locality_reviews WHERE kraj = 'CZ041' AND locality_id = 'L-A'`),
    },
    {
      table: 'locality_reviews_for_mayor (view)',
      op: 'select',
      what: "the review of obec A's locality, notes for the obec only",
      allowed: ['mayorA'],
      run: (c) => c.query(`SELECT 1 FROM hlucha.locality_reviews_for_mayor WHERE kraj = 'CZ041' AND locality_id = 'L-A'`),
    },
    {
      table: 'locality_reviews',
      op: 'insert',
      what: 'a review in CZ041',
      allowed: ['bco41', 'kraj41'],
      run: (c) =>
        c.query(`INSERT INTO hlucha.locality_reviews (kraj, locality_id, review, revision, content_hash) VALUES ('CZ041', $1, '{}', 1, 'x')`, [randomUUID()]),
    },
    {
      table: 'locality_reviews',
      op: 'update',
      what: "the review of obec A's locality",
      allowed: ['bco41', 'kraj41'],
      run: (c) => c.query(`UPDATE hlucha.locality_reviews SET revision = revision + 1 WHERE kraj = 'CZ041' AND locality_id = 'L-A'`),
    },
    {
      table: 'locality_reviews',
      op: 'delete',
      what: "the review of obec A's locality",
      allowed: [],
      run: (c) => c.query(`DELETE FROM hlucha.locality_reviews WHERE kraj = 'CZ041'`),
    },

    {
      table: 'review_pins',
      op: 'select',
      what: 'a pin in CZ041',
      allowed: ['bco41', 'kraj41'],
      run: (c) => c.query(`SELECT 1 FROM hlucha.review_pins WHERE kraj = 'CZ041'`),
    },
    {
      table: 'review_pins',
      op: 'insert',
      what: 'a pin in CZ041',
      allowed: ['bco41', 'kraj41'],
      run: (c) =>
        c.query(`INSERT INTO hlucha.review_pins (kraj, report_id, locality_id, at) VALUES ('CZ041', $1, 'L-X', '2026-05-02T00:00:00Z')`, [randomUUID()]),
    },
    {
      table: 'review_pins',
      op: 'update',
      what: 'a pin in CZ041',
      allowed: ['bco41', 'kraj41'],
      run: (c) => c.query(`UPDATE hlucha.review_pins SET at = '2027-01-01' WHERE kraj = 'CZ041'`),
    },
    { table: 'review_pins', op: 'delete', what: 'a pin in CZ041', allowed: [], run: (c) => c.query(`DELETE FROM hlucha.review_pins WHERE kraj = 'CZ041'`) },

    {
      table: 'review_audit',
      op: 'select',
      what: 'the audit trail of CZ041',
      allowed: ['bco41', 'kraj41', 'admin41'],
      run: (c) => c.query(`SELECT 1 FROM hlucha.review_audit WHERE kraj = 'CZ041'`),
    },
    {
      table: 'review_audit',
      op: 'insert',
      what: 'an audit entry in CZ041',
      allowed: ['bco41', 'kraj41'],
      run: (c) => c.query(`INSERT INTO hlucha.review_audit (kraj, id, at, by, action, details) VALUES ('CZ041', $1, 'x', 'x', '{}', '{}')`, [randomUUID()]),
    },
    {
      table: 'review_audit',
      op: 'update',
      what: 'an audit entry (append-only)',
      allowed: [],
      run: (c) => c.query(`UPDATE hlucha.review_audit SET by = 'forged' WHERE kraj = 'CZ041'`),
    },
    {
      table: 'review_audit',
      op: 'delete',
      what: 'an audit entry (append-only)',
      allowed: [],
      run: (c) => c.query(`DELETE FROM hlucha.review_audit WHERE kraj = 'CZ041'`),
    },

    {
      table: 'package_records',
      op: 'select',
      what: "CZ041's packages",
      allowed: ['bco41', 'kraj41', 'admin41'],
      run: (c) => c.query(`SELECT 1 FROM hlucha.package_records WHERE kraj = 'CZ041'`),
    },
    {
      table: 'package_records',
      op: 'insert',
      what: 'a package of CZ041',
      allowed: ['kraj41', 'admin41'],
      run: (c) => c.query(`INSERT INTO hlucha.package_records (kraj, generated_at, locality_ids, report_ids) VALUES ('CZ041', 'x', '{}', '{}')`),
    },
    {
      table: 'package_records',
      op: 'update',
      what: "a package record's contents",
      allowed: [],
      run: (c) => c.query(`UPDATE hlucha.package_records SET generated_at = 'y'`),
    },
    {
      table: 'package_records',
      op: 'update',
      what: 'the sent state of a package of CZ041',
      allowed: ['kraj41', 'admin41'],
      run: (c) => c.query(`UPDATE hlucha.package_records SET sent_at = '2026-05-04', sent_by = 'x', updated_at = now() WHERE kraj = 'CZ041'`),
    },
    { table: 'package_records', op: 'delete', what: 'a package record', allowed: [], run: (c) => c.query(`DELETE FROM hlucha.package_records`) },

    {
      table: 'memberships',
      op: 'select',
      what: "mayor B's membership",
      allowed: ['mayorB', 'admin41'],
      run: (c) => c.query('SELECT 1 FROM hlucha.memberships WHERE user_id = $1', [users.mayorB.id]),
    },
    {
      table: 'memberships',
      op: 'insert',
      what: 'a BCO membership in CZ041 for mayor B',
      allowed: ['admin41'],
      run: (c) => c.query(`INSERT INTO hlucha.memberships (user_id, role, kraj) VALUES ($1, 'bco', 'CZ041')`, [users.mayorB.id]),
    },
    {
      table: 'memberships',
      op: 'update',
      what: "mayor B's membership (to admin)",
      allowed: [],
      run: (c) => c.query(`UPDATE hlucha.memberships SET role = 'admin', obec_kod = NULL WHERE user_id = $1`, [users.mayorB.id]),
    },
    {
      table: 'memberships',
      op: 'delete',
      what: "mayor B's membership",
      allowed: ['admin41'],
      run: (c) => c.query('DELETE FROM hlucha.memberships WHERE user_id = $1', [users.mayorB.id]),
    },

    {
      table: 'users',
      op: 'select',
      what: 'mayor B',
      allowed: ['mayorB', 'admin41', 'auth'],
      run: (c) => c.query('SELECT email FROM hlucha.users WHERE id = $1', [users.mayorB.id]),
    },
    {
      table: 'users',
      op: 'insert',
      what: 'a new user',
      allowed: ['admin41'],
      run: (c) => c.query(`INSERT INTO hlucha.users (email) VALUES ($1)`, [`${randomUUID()}@example.cz`]),
    },
    {
      table: 'users',
      op: 'update',
      what: 'mayor B (disable)',
      allowed: [],
      run: (c) => c.query('UPDATE hlucha.users SET disabled = true WHERE id = $1', [users.mayorB.id]),
    },
    { table: 'users', op: 'delete', what: 'mayor B', allowed: [], run: (c) => c.query('DELETE FROM hlucha.users WHERE id = $1', [users.mayorB.id]) },

    {
      table: 'sessions',
      op: 'select',
      what: "mayor A's session",
      allowed: ['mayorA', 'auth'],
      run: (c) => c.query('SELECT 1 FROM hlucha.sessions WHERE user_id = $1', [users.mayorA.id]),
    },
    {
      table: 'sessions',
      op: 'insert',
      what: 'a session for mayor A',
      allowed: ['auth'],
      run: (c) =>
        c.query(`INSERT INTO hlucha.sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [randomUUID(), users.mayorA.id]),
    },
    {
      table: 'sessions',
      op: 'update',
      what: "mayor A's session (extend)",
      allowed: ['auth'],
      run: (c) => c.query(`UPDATE hlucha.sessions SET expires_at = now() + interval '999 days' WHERE user_id = $1`, [users.mayorA.id]),
    },
    {
      table: 'sessions',
      op: 'delete',
      what: "mayor A's session",
      allowed: ['mayorA', 'auth'],
      run: (c) => c.query('DELETE FROM hlucha.sessions WHERE user_id = $1', [users.mayorA.id]),
    },

    { table: 'magic_links', op: 'select', what: 'sign-in links', allowed: ['auth'], run: (c) => c.query('SELECT 1 FROM hlucha.magic_links') },
    {
      table: 'magic_links',
      op: 'insert',
      what: 'a sign-in link for mayor A',
      allowed: ['auth'],
      run: (c) => c.query(`INSERT INTO hlucha.magic_links (token_hash, user_id, expires_at) VALUES ($1, $2, now())`, [randomUUID(), users.mayorA.id]),
    },
    { table: 'magic_links', op: 'update', what: 'a sign-in link', allowed: ['auth'], run: (c) => c.query('UPDATE hlucha.magic_links SET used_at = now()') },
    { table: 'magic_links', op: 'delete', what: 'a sign-in link', allowed: ['auth'], run: (c) => c.query('DELETE FROM hlucha.magic_links') },

    {
      table: 'access_tokens',
      op: 'select',
      what: "mayor A's token",
      allowed: ['mayorA', 'auth'],
      run: (c) => c.query('SELECT 1 FROM hlucha.access_tokens WHERE user_id = $1', [users.mayorA.id]),
    },
    {
      table: 'access_tokens',
      op: 'insert',
      what: 'a token for mayor A',
      allowed: ['mayorA'],
      run: (c) => c.query(`INSERT INTO hlucha.access_tokens (user_id, token_hash) VALUES ($1, $2)`, [users.mayorA.id, randomUUID()]),
    },
    {
      table: 'access_tokens',
      op: 'update',
      what: "mayor A's token (revoke)",
      allowed: ['mayorA', 'auth'],
      run: (c) => c.query('UPDATE hlucha.access_tokens SET revoked_at = now() WHERE user_id = $1', [users.mayorA.id]),
    },
    {
      table: 'access_tokens',
      op: 'delete',
      what: "mayor A's token",
      allowed: [],
      run: (c) => c.query('DELETE FROM hlucha.access_tokens WHERE user_id = $1', [users.mayorA.id]),
    },

    {
      table: 'workspaces',
      op: 'select',
      what: 'the CZ041 workspace',
      allowed: ['mayorA', 'mayorB', 'bco41', 'kraj41', 'admin41'],
      run: (c) => c.query(`SELECT 1 FROM hlucha.workspaces WHERE kraj = 'CZ041'`),
    },
    {
      table: 'workspaces',
      op: 'insert',
      what: 'a workspace',
      allowed: [],
      run: (c) => c.query(`INSERT INTO hlucha.workspaces (kraj, name) VALUES ('CZ080', 'x')`),
    },
    { table: 'workspaces', op: 'update', what: 'the CZ041 workspace', allowed: [], run: (c) => c.query(`UPDATE hlucha.workspaces SET name = 'x'`) },
    { table: 'workspaces', op: 'delete', what: 'a workspace', allowed: [], run: (c) => c.query(`DELETE FROM hlucha.workspaces`) },

    {
      table: 'obce',
      op: 'select',
      what: 'obec A (reference data)',
      allowed: ['anon', 'auth', 'mayorA', 'mayorB', 'bco41', 'kraj41', 'admin41', 'bco42'],
      run: (c) => c.query('SELECT 1 FROM hlucha.obce WHERE kod = $1', [obecA]),
    },
    { table: 'obce', op: 'update', what: 'an obec boundary', allowed: [], run: (c) => c.query(`UPDATE hlucha.obce SET nazev = 'x' WHERE kod = $1`, [obecA]) },
    { table: 'obce', op: 'delete', what: 'an obec', allowed: [], run: (c) => c.query('DELETE FROM hlucha.obce WHERE kod = $1', [obecA]) },

    {
      table: 'hlaseni_5514 (view)',
      op: 'select',
      what: "obec A's report in EPSG:5514",
      allowed: ['mayorA', 'bco41', 'kraj41', 'admin41'],
      run: (c) => c.query('SELECT 1 FROM hlucha.hlaseni_5514 WHERE id_hlaseni = $1', [reportA]),
    },
    { table: 'schema_migrations', op: 'select', what: 'the migration log', allowed: [], run: (c) => c.query('SELECT 1 FROM hlucha.schema_migrations') },
  ];
}

describe.skipIf(postgisUnavailable() !== null)('row-level security matrix', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    [obecA, obecB] = (await t.obceOf('CZ041', 2)) as [string, string];
    obecC = (await t.obceOf('CZ042', 1))[0]!;
    users.mayorA = await t.addUser('mayor-a@example.cz', 'mayor', { obec: obecA });
    users.mayorB = await t.addUser('mayor-b@example.cz', 'mayor', { obec: obecB });
    users.bco41 = await t.addUser('bco41@example.cz', 'bco', { kraj: 'CZ041' });
    users.kraj41 = await t.addUser('kraj41@example.cz', 'kraj', { kraj: 'CZ041' });
    users.admin41 = await t.addUser('admin41@example.cz', 'admin', { kraj: 'CZ041' });
    users.bco42 = await t.addUser('bco42@example.cz', 'bco', { kraj: 'CZ042' });
    const mayorC = await t.addUser('mayor-c@example.cz', 'mayor', { obec: obecC });
    pointA = await t.pointIn(obecA);
    pointB = await t.pointIn(obecB);
    const pointC = await t.pointIn(obecC);
    const { index } = countryObce();
    // Seed through the server's own code, as the users (committed).
    const push = async (userId: string, feature: ReturnType<typeof reportFeature>) => {
      const prepared = preparePush({ changes: [{ report: feature, baseRevision: null }] }, index);
      if ('error' in prepared) throw new Error(prepared.error);
      const response = { accepted: [] as string[], conflicts: [], rejected: prepared.rejected };
      await t.workspace.db.asRole({ role: 'hlucha_member', sub: userId }, (c) => applyPush(c, prepared.prepared, response));
      expect(response.accepted).toEqual([feature.id]);
    };
    await push(
      users.mayorA.id,
      reportFeature(pointA.lon, pointA.lat, { id: reportA, reporter: { name: 'Jana Svobodová', role: 'obcan', contact: 'jana@example.cz' } }),
    );
    await push(mayorC.id, reportFeature(pointC.lon, pointC.lat, { id: reportC }));
    const review = await t.workspace.db.asRole({ role: 'hlucha_member', sub: users.bco41.id }, (c) =>
      pushReview(c, {
        kraj: 'CZ041',
        reviews: [
          {
            review: { localityId: 'L-A', status: 'inReview', priority: 'normal', notes: [], mergedInto: null, updatedAt: '2026-05-02T00:00:00Z' },
            reportIds: [reportA],
            baseRevision: null,
          },
        ],
        pins: [{ reportId: reportA, localityId: 'L-A', at: '2026-05-02T00:00:00Z' }],
        audit: [{ id: 'a|b|1|0', at: '2026-05-02T00:00:00Z', by: 'BCO', action: { type: 'setStatus', localityId: 'L-A', status: 'inReview' }, details: {} }],
      }),
    );
    expect('error' in review ? review : review.rejected).toEqual([]);
    await t.workspace.db.asRole({ role: 'hlucha_member', sub: users.kraj41.id }, (c) =>
      c.query(`INSERT INTO hlucha.package_records (kraj, generated_at, locality_ids, report_ids) VALUES ('CZ041', '2026-05-03', '{L-A}', $1)`, [[reportA]]),
    );
    await t.workspace.db.asRole(claimsOf('mayorA'), (c) =>
      storePhoto(c, {
        reportId: reportA,
        photoId: 'P-A',
        kraj: 'CZ041',
        obecKod: obecA,
        mimeType: 'image/jpeg',
        bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
      }),
    );
    sessionOfA = await createSession(t.workspace.db, users.mayorA.id, undefined);
    await t.workspace.db.asRole({ role: 'hlucha_auth' }, (c) =>
      c.query(`INSERT INTO hlucha.magic_links (token_hash, user_id, expires_at) VALUES ('seed', $1, now() + interval '15 minutes')`, [users.mayorA.id]),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the server role cannot bypass the policies and owns nothing', async () => {
    const rows = await t.tryAs({ role: 'hlucha_anon' }, (c) =>
      c.query<{ rolbypassrls: boolean; rolsuper: boolean; owned: number }>(
        `SELECT rolbypassrls, rolsuper, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'hlucha' AND tableowner = 'hlucha_authenticator') AS owned FROM pg_roles WHERE rolname = session_user`,
      ),
    );
    expect(rows.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false, owned: 0 });
    const forced = await t.tryAs({ role: 'hlucha_anon' }, (c) =>
      c.query<{ relname: string }>(
        `SELECT relname FROM pg_class WHERE relnamespace = 'hlucha'::regnamespace AND relkind = 'r' AND relname <> 'schema_migrations' AND NOT (relrowsecurity AND relforcerowsecurity)`,
      ),
    );
    expect(forced.rows).toEqual([]);
    expect(sessionOfA).not.toBe('');
  });

  const matrix = () => cases();
  // The matrix is built lazily (ids are known after setup); one test per table × operation × role.
  const names = [...new Set(cases().map((c) => `${c.table} ${c.op}: ${c.what}`))];
  for (const name of names) {
    for (const role of ROLES) {
      it(`${name} — ${role}`, async () => {
        const found = matrix().find((c) => `${c.table} ${c.op}: ${c.what}` === name)!;
        const expected = found.allowed.includes(role) ? 'allowed' : 'refused';
        expect(await outcome(role, found.run)).toBe(expected);
      });
    }
  }

  it("reporters' personal data never reaches kraj staff, admins, another obec or the public, even through pull", async () => {
    for (const role of ['kraj41', 'admin41', 'mayorB', 'bco42', 'anon'] as const) {
      const text = await t.tryAs(claimsOf(role), async (c) => {
        try {
          const { pullReports } = await import('../../src/server/reportSync.ts');
          return await pullReports(c, 0n);
        } catch {
          return '';
        }
      });
      expect(text).not.toContain('jana@example.cz');
      expect(text).not.toContain('Svobodová');
    }
    const forMayor = await t.tryAs(claimsOf('mayorA'), async (c) => (await import('../../src/server/reportSync.ts')).pullReports(c, 0n));
    expect(forMayor).toContain('jana@example.cz');
    const publicPoints = await t.tryAs(claimsOf('anon'), (c) => c.query('SELECT * FROM hlucha.public_report_points()'));
    expect(JSON.stringify(publicPoints.rows)).not.toContain('jana');
    expect(Object.keys(publicPoints.rows[0] ?? {}).sort()).toEqual(['account', 'domain', 'failures', 'geometry', 'id', 'operators']);
  });

  it("a mayor reads the coordinator's notes for the obec, never an internal note: not through the pull, not in SQL", async () => {
    const note = (text: string, flags: { forMayor?: boolean; forCtu?: boolean }) => ({
      at: `2026-05-0${text.length % 9}T10:00:00Z`,
      by: 'BCO Karlovy Vary',
      text,
      ...flags,
    });
    const review = {
      localityId: 'L-N',
      status: 'confirmed',
      priority: 'high',
      notes: [
        note('Interní: starosta volá každý den, priorita politická', {}),
        note('Potvrzeno, předáme ČTÚ v příštím balíčku', { forMayor: true }),
        note('Pro ČTÚ: měřit i uvnitř budov', { forCtu: true }),
      ],
      mergedInto: null,
      updatedAt: '2026-05-09T10:00:00Z',
    };
    const pushed = await t.workspace.db.asRole(claimsOf('bco41'), (c) =>
      pushReview(c, { kraj: 'CZ041', reviews: [{ review, reportIds: [reportA, reportC], baseRevision: null }] }),
    );
    expect('error' in pushed ? pushed : pushed.rejected).toEqual([]);
    const { pullReview } = await import('../../src/server/reviewSync.ts');
    const forMayor = JSON.parse(await t.tryAs(claimsOf('mayorA'), (c) => pullReview(c, 0n)));
    const mine = forMayor.reviews.find((r: { review: { localityId: string } }) => r.review.localityId === 'L-N');
    expect(mine.review.status).toBe('confirmed');
    expect(mine.review.notes).toEqual([{ at: review.notes[1]!.at, by: 'BCO Karlovy Vary', text: 'Potvrzeno, předáme ČTÚ v příštím balíčku', forMayor: true }]);
    // Only the mayor's own report ids (reportC is another kraj's).
    expect(mine.reportIds).toEqual([reportA]);
    expect(forMayor.audit).toEqual([]);
    expect(forMayor.pins).toEqual([]);
    const everything = JSON.stringify(forMayor);
    expect(everything).not.toContain('Interní');
    expect(everything).not.toContain('měřit i uvnitř');
    // In SQL, as the server's role with the mayor's claims: the table gives no row; the view no internal note.
    const sql = await t.tryAs(claimsOf('mayorA'), async (c) => ({
      table: (await c.query(`SELECT review FROM hlucha.locality_reviews WHERE locality_id = 'L-N'`)).rows,
      view: (await c.query(`SELECT review::text AS r FROM hlucha.locality_reviews_for_mayor WHERE locality_id = 'L-N'`)).rows.map((r) => r.r).join(''),
      search: (await c.query(`SELECT count(*)::int AS n FROM hlucha.locality_reviews_for_mayor WHERE review::text LIKE '%Interní%'`)).rows[0].n,
    }));
    expect(sql.table).toEqual([]);
    expect(sql.view).toContain('Potvrzeno');
    expect(sql.view).not.toContain('Interní');
    expect(sql.search).toBe(0);
    // Another obec's mayor reads nothing of it; the coordinators read all three notes, flags kept.
    expect(
      await t.tryAs(claimsOf('mayorB'), async (c) => (await c.query(`SELECT 1 FROM hlucha.locality_reviews_for_mayor WHERE locality_id = 'L-N'`)).rowCount),
    ).toBe(0);
    const forBco = JSON.parse(await t.tryAs(claimsOf('bco41'), (c) => pullReview(c, 0n)));
    const full = forBco.reviews.find((r: { review: { localityId: string } }) => r.review.localityId === 'L-N');
    expect(full.review.notes.map((n: { forMayor?: boolean; forCtu?: boolean }) => [n.forMayor ?? false, n.forCtu ?? false])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ]);
  });

  it('the QGIS view carries the package GIS layer attribute names, in EPSG:5514', async () => {
    const { buildPackageTables } = await import('../../src/core/ctuPackage/packageTables.ts');
    const headers = buildPackageTables([], { label: (k: string) => k, includeReporters: false }).values.reportColumns.map((c: { header: string }) =>
      gisFieldName(c.header),
    );
    const rows = await t.tryAs(claimsOf('bco41'), (c) => c.query('SELECT *, ST_SRID(geom) AS srid FROM hlucha.hlaseni_5514'));
    const columns = rows.fields.map((f) => f.name).filter((n) => n !== 'geom' && n !== 'srid');
    for (const column of columns) expect(headers).toContain(column);
    expect(rows.rows[0].srid).toBe(5514);
    expect(Number(rows.rows[0].x_s_jtsk_epsg_5514)).toBeLessThan(-400_000);
  });
});
