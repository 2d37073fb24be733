/**
 * Report photos on the server (`PUT/GET /api/photos/{reportId}/{photoId}`, table hlucha.report_photos, migration
 * 006): the bytes of a photo a report references, kept apart from the report so that an edited report is pushed
 * without them. What is checked here is what an HTTP client can get wrong (type, bytes, which report, which photo);
 * who may store or read a photo of which obec is decided by the table's policies, as for the reports.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { checkPhotoBytes, type PhotoMimeType } from '../core/reports/photoBytes.ts';
import { sqlState } from './db.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A photo id as a path segment may carry it (the app's are UUIDs; an obec file's may be any short text). */
export function isPhotoId(value: string): boolean {
  return value.length >= 1 && value.length <= 200 && !/[\u0000-\u001f]/.test(value);
}

export function isReportId(value: string): boolean {
  return UUID.test(value);
}

export interface PhotoToStore {
  reportId: string;
  photoId: string;
  kraj: string;
  obecKod: string;
  mimeType: PhotoMimeType;
  bytes: Uint8Array;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Inserts a photo (as the user: the policies decide); a photo id already stored is left as it is. True when inserted. */
export async function storePhoto(client: pg.ClientBase, photo: PhotoToStore): Promise<boolean> {
  const inserted = await client.query(
    `INSERT INTO hlucha.report_photos (report_id, photo_id, kraj, obec_kod, mime_type, bytes, sha256, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (report_id, photo_id) DO NOTHING`,
    [photo.reportId, photo.photoId, photo.kraj, photo.obecKod, photo.mimeType, photo.bytes.length, sha256Hex(photo.bytes), Buffer.from(photo.bytes)],
  );
  return inserted.rowCount === 1;
}

export type UploadOutcome =
  | { ok: true; status: 201 | 200; body: { reportId: string; photoId: string; sha256: string; outcome: 'stored' | 'alreadyStored' } }
  | { ok: false; status: 400 | 403 | 404 | 409 | 413 | 415; code: string };

/**
 * PUT: the bytes of photo `photoId` of report `reportId`, declared as `contentType`. The report must be one the user
 * reaches and must reference that photo (id and type); bytes already stored under that id are a retry (200, nothing
 * written), other bytes under a stored id are refused (a replaced photo is a new photo id).
 */
export async function uploadPhoto(
  client: pg.ClientBase,
  reportId: string,
  photoId: string,
  contentType: string | undefined,
  bytes: Uint8Array,
): Promise<UploadOutcome> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const checked = checkPhotoBytes(type, bytes);
  if (!checked.ok) {
    const status = checked.code === 'photo.tooLarge' ? 413 : checked.code === 'photo.empty' ? 400 : 415;
    return { ok: false, status, code: checked.code };
  }
  if (!isReportId(reportId)) return { ok: false, status: 404, code: 'photo.unknownReport' };
  if (!isPhotoId(photoId)) return { ok: false, status: 400, code: 'photo.badId' };
  const report = await client.query<{ kraj: string; obec_kod: string; deleted: boolean; photo_id: string | null; mime_type: string | null }>(
    `SELECT kraj, obec_kod, deleted, properties -> 'photo' ->> 'id' AS photo_id, properties -> 'photo' ->> 'mimeType' AS mime_type
     FROM hlucha.reports WHERE id = $1`,
    [reportId],
  );
  const row = report.rows[0];
  // Another obec's report is not visible to a mayor: the same answer as no report at all (no guessing of ids).
  if (!row || row.deleted) return { ok: false, status: 404, code: 'photo.unknownReport' };
  if (row.photo_id !== photoId) return { ok: false, status: 409, code: 'photo.notReferenced' };
  if (row.mime_type !== checked.mimeType) return { ok: false, status: 409, code: 'photo.typeMismatch' };
  const sha256 = sha256Hex(bytes);
  const body = { reportId: reportId.toLowerCase(), photoId, sha256 };
  const already = async (): Promise<UploadOutcome | null> => {
    const stored = await client.query<{ sha256: string }>('SELECT sha256 FROM hlucha.report_photos WHERE report_id = $1 AND photo_id = $2', [
      reportId,
      photoId,
    ]);
    const existing = stored.rows[0];
    if (!existing) return null;
    return existing.sha256 === sha256
      ? { ok: true, status: 200, body: { ...body, outcome: 'alreadyStored' } }
      : { ok: false, status: 409, code: 'photo.differs' };
  };
  const before = await already();
  if (before) return before;
  await client.query('SAVEPOINT photo');
  try {
    const inserted = await storePhoto(client, { reportId, photoId, kraj: row.kraj, obecKod: row.obec_kod, mimeType: checked.mimeType, bytes });
    await client.query('RELEASE SAVEPOINT photo');
    if (!inserted) return (await already()) ?? { ok: false, status: 409, code: 'photo.differs' };
    return { ok: true, status: 201, body: { ...body, outcome: 'stored' } };
  } catch (error) {
    if (sqlState(error) !== '42501') throw error;
    await client.query('ROLLBACK TO SAVEPOINT photo');
    // The report is visible (a coordinator reads it) but its photos are the obec's mayor's to store.
    return { ok: false, status: 403, code: 'photo.notAllowed' };
  }
}

/** GET: the photo the report references now, if the user may read it (policies), else null. */
export async function readPhoto(client: pg.ClientBase, reportId: string, photoId: string): Promise<{ mimeType: PhotoMimeType; data: Buffer } | null> {
  if (!isReportId(reportId) || !isPhotoId(photoId)) return null;
  const row = await client.query<{ mime_type: PhotoMimeType; data: Buffer }>(
    `SELECT p.mime_type, p.data FROM hlucha.report_photos p JOIN hlucha.reports r ON r.id = p.report_id
     WHERE p.report_id = $1 AND p.photo_id = $2 AND NOT r.deleted AND r.properties -> 'photo' ->> 'id' = p.photo_id`,
    [reportId, photoId],
  );
  const found = row.rows[0];
  return found ? { mimeType: found.mime_type, data: found.data } : null;
}
