/**
 * The ČTÚ package history on the server (`/api/packages`) against a real server and PostgreSQL: kraj staff record
 * the package the app built (number, date, who, SHA-256, the localities with the state they went with), "Odeslat"
 * adds the sent state, a retry stores nothing twice, another package under a taken number is refused; row-level
 * security keeps it to the kraj's staff, admins and BCO coordinators — a mayor reads nothing, even in SQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackagedLocality, PackageRecord } from '../../src/core/ctu/packageHistory.ts';
import type { PackageListResponse } from '../../src/core/sync/protocol.ts';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { api } from './support/http.ts';
import { startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

let t: TestWorkspace;
let server: RunningServer;
const people = {} as Record<'kraj' | 'admin' | 'bco' | 'mayor' | 'kraj42', { id: string; token: string }>;
const reportIds = [randomUUID(), randomUUID(), randomUUID()];

function locality(id: string, number: string, status: PackagedLocality['status'], reports: string[]): PackagedLocality {
  return {
    id,
    number,
    status,
    priority: 'high',
    domain: 'mobile',
    obce: ['554961'],
    reports: reports.length,
    reportsKey: reports
      .map((r) => `${r}@2`)
      .sort()
      .join(','),
    lastObservation: '2026-05-01',
    evidenceLevel: 2,
    ctuNotes: ['Signál chybí i venku'],
  };
}

function record(number: string, sha: string, sent: PackageRecord['sent'] = null): PackageRecord {
  return {
    number,
    nuts3: 'CZ041',
    createdAt: '2026-06-01T09:00:00.000Z',
    by: 'Ing. Jana Krajská',
    fileName: `${number}.zip`,
    sha256: sha.repeat(64).slice(0, 64),
    selection: { statuses: ['confirmed'], orp: 'all', from: null, to: null },
    localities: [locality('loc-1', 'KV-2026-0001', 'confirmed', reportIds.slice(0, 2)), locality('loc-2', 'KV-2026-0002', 'sentToCtu', reportIds.slice(2))],
    sent,
  };
}

const post = (token: string, body: unknown) => api(server.url, '/api/packages', { token, body });

describe.skipIf(postgisUnavailable() !== null)('package history on the server', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    const obec = (await t.obceOf('CZ041', 1))[0]!;
    people.kraj = await t.addUser('kraj@kr-karlovarsky.example.cz', 'kraj', { kraj: 'CZ041' });
    people.admin = await t.addUser('admin@kr-karlovarsky.example.cz', 'admin', { kraj: 'CZ041' });
    people.bco = await t.addUser('bco@mv.example.cz', 'bco', { kraj: 'CZ041' });
    people.mayor = await t.addUser('starosta@example.cz', 'mayor', { obec });
    people.kraj42 = await t.addUser('kraj@kr-ustecky.example.cz', 'kraj', { kraj: 'CZ042' });
    server = await startServer({ port: 0, workspace: t.workspace });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('kraj staff record a package once; "Odeslat" adds the sent state; a retry changes nothing', async () => {
    const built = record('KV-2026-B001', 'a');
    expect(await post(people.kraj.token, { record: built })).toMatchObject({ status: 201, body: { number: 'KV-2026-B001', outcome: 'recorded' } });
    expect(await post(people.kraj.token, { record: built })).toMatchObject({ status: 200, body: { outcome: 'alreadyRecorded' } });
    const sent = { ...built, sent: { at: '2026-06-02T08:00:00.000Z', by: 'Ing. Jana Krajská' } };
    expect(await post(people.kraj.token, { record: sent })).toMatchObject({ status: 200, body: { outcome: 'markedSent' } });
    expect(await post(people.kraj.token, { record: sent })).toMatchObject({ status: 200, body: { outcome: 'alreadyRecorded' } });
    // An unsent copy sent late (another tab) does not take the sent state back.
    expect(await post(people.kraj.token, { record: built })).toMatchObject({ status: 200, body: { outcome: 'alreadyRecorded' } });

    const listed = await api<PackageListResponse>(server.url, '/api/packages', { token: people.kraj.token });
    expect(listed.status).toBe(200);
    expect(listed.body.packages).toHaveLength(1);
    const stored = listed.body.packages[0]!;
    expect(stored).toMatchObject({
      kraj: 'CZ041',
      number: 'KV-2026-B001',
      by: 'Ing. Jana Krajská',
      sha256: built.sha256,
      sent: { at: '2026-06-02T08:00:00.000Z', by: 'Ing. Jana Krajská' },
    });
    expect(stored.localities.map((l) => [l.number, l.status])).toEqual([
      ['KV-2026-0001', 'confirmed'],
      ['KV-2026-0002', 'sentToCtu'],
    ]);
    // Which reports it sent, for SQL and QGIS.
    const row = await t.workspace.owner.query<{ report_ids: string[]; locality_ids: string[] }>(
      `SELECT report_ids, locality_ids FROM hlucha.package_records WHERE number = 'KV-2026-B001'`,
    );
    expect(row.rows[0]!.report_ids).toEqual([...reportIds].sort());
    expect(row.rows[0]!.locality_ids).toEqual(['loc-1', 'loc-2']);
  });

  it('another package under a taken number is refused with a code; the first stays as it was', async () => {
    const other = await post(people.admin.token, { record: record('KV-2026-B001', 'b') });
    expect(other).toMatchObject({ status: 409, body: { code: 'package.numberTaken' } });
    // The kraj's admin may record packages too.
    expect((await post(people.admin.token, { record: record('KV-2026-B002', 'c') })).status).toBe(201);
    const rows = await t.workspace.owner.query<{ number: string; manifest_sha256: string }>(
      `SELECT number, manifest_sha256 FROM hlucha.package_records WHERE kraj = 'CZ041' ORDER BY number`,
    );
    expect(rows.rows.map((r) => [r.number, r.manifest_sha256[0]])).toEqual([
      ['KV-2026-B001', 'a'],
      ['KV-2026-B002', 'c'],
    ]);
  });

  it('only kraj staff and admins of the kraj record; BCO reads; a mayor and another kraj read nothing', async () => {
    const before = (await t.workspace.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM hlucha.package_records')).rows[0]!.n;
    expect(await post(people.mayor.token, { record: record('KV-2026-B003', 'd') })).toMatchObject({ status: 403, body: { code: 'package.notAllowed' } });
    expect(await post(people.bco.token, { record: record('KV-2026-B003', 'd') })).toMatchObject({ status: 403, body: { code: 'package.notAllowed' } });
    expect(await post(people.kraj42.token, { record: record('KV-2026-B003', 'd') })).toMatchObject({ status: 403, body: { code: 'package.notAllowed' } });
    expect((await api(server.url, '/api/packages', { body: { record: record('KV-2026-B003', 'd') } })).status).toBe(401);
    expect((await t.workspace.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM hlucha.package_records')).rows[0]!.n).toBe(before);

    expect((await api<PackageListResponse>(server.url, '/api/packages', { token: people.bco.token })).body.packages).toHaveLength(2);
    expect((await api<PackageListResponse>(server.url, '/api/packages', { token: people.mayor.token })).body.packages).toEqual([]);
    expect((await api<PackageListResponse>(server.url, '/api/packages', { token: people.kraj42.token })).body.packages).toEqual([]);
    // The same in SQL, as the server's role with the mayor's claims: no row, and no way to mark one sent.
    const asMayor = await t.tryAs({ role: 'hlucha_member', sub: people.mayor.id }, async (c) => {
      const read = await c.query('SELECT * FROM hlucha.package_records');
      const update = await c.query(`UPDATE hlucha.package_records SET sent_at = 'x', sent_by = 'x'`);
      return { read: read.rowCount, update: update.rowCount };
    });
    expect(asMayor).toEqual({ read: 0, update: 0 });
    // Kraj staff change nothing but the sent state.
    const rewrite = await t.tryAs({ role: 'hlucha_member', sub: people.kraj.id }, (c) =>
      c.query(`UPDATE hlucha.package_records SET localities = '[]'`).then(
        () => 'changed',
        (error: { code?: string }) => error.code,
      ),
    );
    expect(rewrite).toBe('42501');
  });

  it('a record that is not a package record is refused with a code', async () => {
    expect(await post(people.kraj.token, { record: { ...record('KV-2026-B009', 'e'), sha256: 'nope' } })).toMatchObject({
      status: 400,
      body: { code: 'package.badRecord' },
    });
    const badLocality = record('KV-2026-B009', 'e');
    (badLocality.localities[0] as { status: string }).status = 'lost';
    expect((await post(people.kraj.token, { record: badLocality })).status).toBe(400);
    expect((await post(people.kraj.token, { kraj: 'CZ041' })).status).toBe(400);
  });
});
