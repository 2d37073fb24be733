/**
 * Report photos on a real server and database: PUT /api/photos/{reportId}/{photoId} (type by the bytes, size,
 * which report, whose obec, retries) and GET (served as the stored image type, nosniff, inline), and a photo that
 * still comes inline in a pushed Feature (older clients, obec files): its bytes move to report_photos, the report is
 * stored without the data URL, and a retried push stays an already-applied retry.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFeature } from '../../src/core/obecFile/obecFileFormat.ts';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/auth.ts';
import { MIGRATIONS_DIR } from '../../src/server/migrate.ts';
import { postgisUnavailable } from '../../src/server/pgCluster.ts';
import { preparePush } from '../../src/server/reportSync.ts';
import { countryObce, startServer, type RunningServer } from '../../src/server/server.ts';
import { api } from './support/http.ts';
import { dataUrlOf, HTML_AS_JPEG, jpegLikeBytes, pngBytes } from './support/photos.ts';
import { reportFeature, startTestWorkspace, type TestWorkspace } from './support/workspace.ts';

let t: TestWorkspace;
let server: RunningServer;
let outbox: string;
let pointA = { lon: 0, lat: 0 };
let pointB = { lon: 0, lat: 0 };
const people = {} as Record<'mayorA' | 'mayorB' | 'bco' | 'kraj' | 'bco42', { id: string; token: string }>;

const push = (token: string, changes: unknown[]) => api<PushResponse>(server.url, '/api/sync/push', { token, body: { changes } });

async function put(reportId: string, photoId: string, bytes: Uint8Array, type: string, auth: { token?: string; cookie?: string; origin?: string }) {
  const headers: Record<string, string> = { 'content-type': type };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.origin) headers.origin = auth.origin;
  // A refused large body is answered before it is read, and the server then closes that connection: not reused.
  if (bytes.length > 1024 * 1024) headers.connection = 'close';
  const response = await fetch(`${server.url}/api/photos/${reportId}/${encodeURIComponent(photoId)}`, {
    method: 'PUT',
    headers,
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { code?: string; outcome?: string; sha256?: string } };
}

async function get(reportId: string, photoId: string, token?: string) {
  const response = await fetch(`${server.url}/api/photos/${reportId}/${encodeURIComponent(photoId)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** A new report of obec A by mayor A that references a photo (no bytes in it), accepted. */
async function reportWithPhoto(mimeType: 'image/jpeg' | 'image/png', bytes: number): Promise<{ feature: ReportFeature; photoId: string }> {
  const photoId = randomUUID();
  const feature = reportFeature(pointA.lon, pointA.lat, { photo: { id: photoId, mimeType, bytes } });
  const answer = await push(people.mayorA.token, [{ report: feature, baseRevision: null }]);
  expect(answer.body.accepted).toEqual([feature.id]);
  return { feature, photoId };
}

async function photoRows(reportId: string): Promise<Array<{ photo_id: string; bytes: number; sha256: string; uploaded_by: string }>> {
  const owner = await t.workspace.owner.connect();
  try {
    return (await owner.query('SELECT photo_id, bytes, sha256, uploaded_by::text FROM hlucha.report_photos WHERE report_id = $1', [reportId])).rows;
  } finally {
    owner.release();
  }
}

describe.skipIf(postgisUnavailable() !== null)('report photos', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    const [obecA, obecB] = (await t.obceOf('CZ041', 2)) as [string, string];
    pointA = await t.pointIn(obecA);
    pointB = await t.pointIn(obecB);
    people.mayorA = await t.addUser('starosta-a@example.cz', 'mayor', { obec: obecA });
    people.mayorB = await t.addUser('starosta-b@example.cz', 'mayor', { obec: obecB });
    people.bco = await t.addUser('bco@example.cz', 'bco', { kraj: 'CZ041' });
    people.kraj = await t.addUser('kraj@example.cz', 'kraj', { kraj: 'CZ041' });
    people.bco42 = await t.addUser('bco42@example.cz', 'bco', { kraj: 'CZ042' });
    outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-outbox-'));
    server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: outbox });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await t?.close();
    if (outbox) rmSync(outbox, { recursive: true, force: true });
  });

  it("the obec's mayor uploads; the mayor and the kraj's coordinators read it back as the stored type; nobody else", async () => {
    const png = pngBytes(40, 30);
    const { feature, photoId } = await reportWithPhoto('image/png', png.length);
    const stored = await put(feature.id, photoId, png, 'image/png', { token: people.mayorA.token });
    expect(stored.status).toBe(201);
    expect(stored.body.outcome).toBe('stored');
    for (const reader of [people.mayorA, people.bco, people.kraj]) {
      const read = await get(feature.id, photoId, reader.token);
      expect(read.status).toBe(200);
      expect(read.headers.get('content-type')).toBe('image/png');
      expect(read.headers.get('x-content-type-options')).toBe('nosniff');
      expect(read.headers.get('content-disposition')).toBe('inline');
      expect(Buffer.from(read.bytes).equals(Buffer.from(png))).toBe(true);
    }
    expect((await get(feature.id, photoId, people.mayorB.token)).status).toBe(404);
    expect((await get(feature.id, photoId, people.bco42.token)).status).toBe(404);
    expect((await get(feature.id, photoId)).status).toBe(401);
    const rows = await photoRows(feature.id);
    expect(rows.map((r) => [r.photo_id, r.bytes, r.uploaded_by])).toEqual([[photoId, png.length, people.mayorA.id]]);
  });

  it('refuses a type that is not an image, bytes that are not the declared type (HTML posing as JPEG), and a type the report does not declare', async () => {
    const { feature, photoId } = await reportWithPhoto('image/jpeg', HTML_AS_JPEG.length);
    expect(await put(feature.id, photoId, HTML_AS_JPEG, 'text/html', { token: people.mayorA.token })).toEqual({
      status: 415,
      body: { code: 'photo.unsupportedType' },
    });
    expect(await put(feature.id, photoId, pngBytes(4, 4), 'image/gif', { token: people.mayorA.token })).toMatchObject({
      status: 415,
      body: { code: 'photo.unsupportedType' },
    });
    expect(await put(feature.id, photoId, HTML_AS_JPEG, 'image/jpeg', { token: people.mayorA.token })).toEqual({
      status: 415,
      body: { code: 'photo.contentMismatch' },
    });
    // A real PNG declared as PNG, but the report says its photo is a JPEG.
    expect(await put(feature.id, photoId, pngBytes(4, 4), 'image/png', { token: people.mayorA.token })).toEqual({
      status: 409,
      body: { code: 'photo.typeMismatch' },
    });
    expect(await put(feature.id, photoId, new Uint8Array(0), 'image/jpeg', { token: people.mayorA.token })).toMatchObject({ status: 400 });
    expect(await photoRows(feature.id)).toEqual([]);
    // Nothing was stored, so nothing is served, and never as HTML.
    const read = await get(feature.id, photoId, people.mayorA.token);
    expect(read.status).toBe(404);
    expect(read.headers.get('content-type')).toContain('application/json');
  });

  it('refuses a photo over the limit with a coded 413', async () => {
    const big = jpegLikeBytes(2 * 1024 * 1024 + 1);
    const { feature, photoId } = await reportWithPhoto('image/jpeg', big.length);
    expect(await put(feature.id, photoId, big, 'image/jpeg', { token: people.mayorA.token })).toEqual({ status: 413, body: { code: 'photo.tooLarge' } });
    const fits = jpegLikeBytes(2 * 1024 * 1024);
    expect((await put(feature.id, photoId, fits, 'image/jpeg', { token: people.mayorA.token })).status).toBe(201);
  });

  it("refuses an unknown report, another obec's report (as if unknown), a photo id the report does not reference, and a coordinator's upload", async () => {
    const jpeg = jpegLikeBytes(2000);
    const { feature, photoId } = await reportWithPhoto('image/jpeg', jpeg.length);
    expect(await put(randomUUID(), photoId, jpeg, 'image/jpeg', { token: people.mayorA.token })).toEqual({
      status: 404,
      body: { code: 'photo.unknownReport' },
    });
    expect(await put('not-a-uuid', photoId, jpeg, 'image/jpeg', { token: people.mayorA.token })).toMatchObject({ status: 404 });
    expect(await put(feature.id, photoId, jpeg, 'image/jpeg', { token: people.mayorB.token })).toEqual({
      status: 404,
      body: { code: 'photo.unknownReport' },
    });
    expect(await put(feature.id, randomUUID(), jpeg, 'image/jpeg', { token: people.mayorA.token })).toEqual({
      status: 409,
      body: { code: 'photo.notReferenced' },
    });
    expect(await put(feature.id, photoId, jpeg, 'image/jpeg', { token: people.bco.token })).toEqual({ status: 403, body: { code: 'photo.notAllowed' } });
    expect(await put(feature.id, photoId, jpeg, 'image/jpeg', {})).toEqual({ status: 401, body: { code: 'auth.required' } });
    expect(await photoRows(feature.id)).toEqual([]);
  });

  it('the same bytes again are a retry (200, one row); other bytes under the same photo id are refused', async () => {
    const jpeg = jpegLikeBytes(3000, 1);
    const { feature, photoId } = await reportWithPhoto('image/jpeg', jpeg.length);
    const first = await put(feature.id, photoId, jpeg, 'image/jpeg', { token: people.mayorA.token });
    const again = await put(feature.id, photoId, jpeg, 'image/jpeg', { token: people.mayorA.token });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.outcome).toBe('alreadyStored');
    expect(again.body.sha256).toBe(first.body.sha256);
    expect(await put(feature.id, photoId, jpegLikeBytes(3000, 2), 'image/jpeg', { token: people.mayorA.token })).toEqual({
      status: 409,
      body: { code: 'photo.differs' },
    });
    // Two at once (a retry racing the first attempt): one row.
    const { feature: other, photoId: otherPhoto } = await reportWithPhoto('image/jpeg', jpeg.length);
    const both = await Promise.all([0, 1].map(() => put(other.id, otherPhoto, jpeg, 'image/jpeg', { token: people.mayorA.token })));
    expect(both.map((b) => b.status).sort()).toEqual([200, 201]);
    expect((await photoRows(feature.id)).length).toBe(1);
    expect((await photoRows(other.id)).length).toBe(1);
  });

  it('with the session cookie: accepted from the own origin as image bytes, refused from a foreign one', async () => {
    const jpeg = jpegLikeBytes(1500);
    const { feature, photoId } = await reportWithPhoto('image/jpeg', jpeg.length);
    const cookie = `${SESSION_COOKIE}=${await createSession(t.workspace.db, people.mayorA.id, undefined)}`;
    expect(await put(feature.id, photoId, jpeg, 'image/jpeg', { cookie, origin: 'https://evil.example' })).toEqual({
      status: 403,
      body: { code: 'csrf.foreignOrigin' },
    });
    expect(await put(feature.id, photoId, jpeg, 'image/jpeg', { cookie })).toEqual({ status: 403, body: { code: 'csrf.foreignOrigin' } });
    expect((await put(feature.id, photoId, jpeg, 'image/jpeg', { cookie, origin: new URL(server.url).origin })).status).toBe(201);
    // Image bodies are accepted by the photo route only.
    const elsewhere = await api(server.url, '/api/sync/push', { token: people.mayorA.token, body: 'x', headers: { 'content-type': 'image/jpeg' } });
    expect(elsewhere).toMatchObject({ status: 415, body: { code: 'request.jsonOnly' } });
  });

  it('a photo pushed inline is moved to the photo store; the report is kept and pulled without the data URL; a retried push is applied once', async () => {
    const png = pngBytes(20, 10);
    const photo = { id: randomUUID(), mimeType: 'image/png' as const, bytes: png.length, dataUrl: dataUrlOf('image/png', png) };
    const feature = reportFeature(pointA.lon, pointA.lat, { photo });
    expect((await push(people.mayorA.token, [{ report: feature, baseRevision: null }])).body.accepted).toEqual([feature.id]);
    const owner = await t.workspace.owner.connect();
    const stored = async () =>
      (
        await owner.query<{ photo: unknown; seq: string; text: string }>(
          `SELECT properties -> 'photo' AS photo, seq::text, properties::text AS text FROM hlucha.reports WHERE id = $1`,
          [feature.id],
        )
      ).rows[0]!;
    try {
      const row = await stored();
      expect(row.photo).toEqual({ id: photo.id, mimeType: 'image/png', bytes: png.length });
      expect(row.text).not.toContain('base64');
      expect((await photoRows(feature.id)).map((r) => r.photo_id)).toEqual([photo.id]);
      const read = await get(feature.id, photo.id, people.bco.token);
      expect(Buffer.from(read.bytes).equals(Buffer.from(png))).toBe(true);
      // Pull: the reference, no bytes.
      const pulled = await api<PullResponse>(server.url, '/api/sync/pull', { token: people.bco.token });
      const copy = pulled.body.changes.find((c) => c.id === feature.id) as ReportFeature;
      expect(copy.properties.photo).toEqual({ id: photo.id, mimeType: 'image/png', bytes: png.length });
      // The same push again (the answer was lost), inline or as the new app sends it: already applied, nothing written.
      const again = await push(people.mayorA.token, [{ report: feature, baseRevision: null }]);
      expect(again.body).toEqual({ accepted: [feature.id], conflicts: [], rejected: [] });
      const withoutData = { ...feature, properties: { ...feature.properties, photo: { id: photo.id, mimeType: photo.mimeType, bytes: photo.bytes } } };
      expect((await push(people.mayorA.token, [{ report: withoutData, baseRevision: null }])).body.accepted).toEqual([feature.id]);
      expect((await stored()).seq).toBe(row.seq);
      expect((await photoRows(feature.id)).length).toBe(1);
      // An edit that keeps the photo (pushed inline again by an older app) is an ordinary update; still one photo row.
      const edited = { ...feature, properties: { ...feature.properties, revision: 2, description: 'Upřesněno' } };
      expect((await push(people.mayorA.token, [{ report: edited, baseRevision: 1 }])).body.accepted).toEqual([feature.id]);
      expect((await stored()).text).not.toContain('base64');
      expect((await photoRows(feature.id)).length).toBe(1);
    } finally {
      owner.release();
    }
  });

  it('an inline photo that is not what it claims is rejected with a coded problem; nothing is stored', async () => {
    const photo = { id: randomUUID(), mimeType: 'image/jpeg' as const, bytes: HTML_AS_JPEG.length, dataUrl: dataUrlOf('image/jpeg', HTML_AS_JPEG) };
    const feature = reportFeature(pointA.lon, pointA.lat, { photo });
    const answer = await push(people.mayorA.token, [{ report: feature, baseRevision: null }]);
    expect(answer.body.accepted).toEqual([]);
    expect(answer.body.rejected).toEqual([{ id: feature.id, problems: [{ path: 'photo.dataUrl', code: 'photo.contentMismatch' }] }]);
    // Another obec's place with an inline photo: the report is refused by the policies, and so is its photo.
    const elsewhere = reportFeature(pointB.lon, pointB.lat, { photo: { ...photo, id: randomUUID(), dataUrl: dataUrlOf('image/jpeg', jpegLikeBytes(500)) } });
    const refused = await push(people.mayorA.token, [{ report: elsewhere, baseRevision: null }]);
    expect(refused.body.rejected.map((r) => r.problems[0]!.code)).toEqual(['sync.outsideScope']);
    expect(await photoRows(feature.id)).toEqual([]);
    expect(await photoRows(elsewhere.id)).toEqual([]);
  });

  it('migration 006 moves a photo stored inline before it and keeps the row an already-applied retry', async () => {
    const jpeg = jpegLikeBytes(800, 3);
    const photo = { id: randomUUID(), mimeType: 'image/jpeg' as const, bytes: jpeg.length, dataUrl: dataUrlOf('image/jpeg', jpeg) };
    const feature = reportFeature(pointA.lon, pointA.lat, { photo });
    // The row as the server stored it before migration 006: the data URL in properties, the hash of the Feature with it.
    const prepared = preparePush({ changes: [{ report: feature, baseRevision: null }] }, countryObce().index);
    if ('error' in prepared) throw new Error(prepared.error);
    const change = prepared.prepared[0]!;
    if (change.kind !== 'report' || !change.inlineHash) throw new Error('not an inline photo');
    const { reporter: _reporter, ...properties } = change.feature.properties;
    const place = change.report.place!;
    const owner = await t.workspace.owner.connect();
    try {
      await owner.query(
        `INSERT INTO hlucha.reports (id, kraj, obec_kod, orp_kod, revision, geometry, geom, properties, content_hash, created_by, updated_by)
         VALUES ($1, $2, $3, $4, 1, $5::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($5), 4326), $6::jsonb, $7, $8, $8)`,
        [
          feature.id,
          place.kraj.nuts3,
          place.obec.kod,
          place.orp.kod,
          JSON.stringify(feature.geometry),
          JSON.stringify({ ...properties, photo, reporter: null }),
          change.inlineHash,
          people.mayorA.id,
        ],
      );
      // Pull never serves the inline bytes, even before the move.
      const before = await api<PullResponse>(server.url, '/api/sync/pull', { token: people.mayorA.token });
      expect(JSON.stringify(before.body.changes.find((c) => c.id === feature.id))).not.toContain('base64');
      const sql = readFileSync(path.join(MIGRATIONS_DIR, '006_photos.sql'), 'utf8');
      await owner.query(sql.slice(sql.indexOf('WITH inline AS')));
      const row = (await owner.query(`SELECT properties::text AS text, content_hash FROM hlucha.reports WHERE id = $1`, [feature.id])).rows[0];
      expect(row.text).not.toContain('dataUrl');
      expect(row.content_hash).toBe(change.inlineHash);
      const rows = await photoRows(feature.id);
      expect(rows.map((r) => [r.photo_id, r.bytes, r.uploaded_by])).toEqual([[photo.id, jpeg.length, people.mayorA.id]]);
    } finally {
      owner.release();
    }
    // The old app retries its push (data URL included): already applied.
    expect((await push(people.mayorA.token, [{ report: feature, baseRevision: null }])).body).toEqual({ accepted: [feature.id], conflicts: [], rejected: [] });
    expect(Buffer.from((await get(feature.id, photo.id, people.bco.token)).bytes).equals(Buffer.from(jpeg))).toBe(true);
  });
});
