/**
 * Push and pull of reports (the contract in src/core/sync/protocol.ts). Validation and the place are core's:
 * the pushed Features are read as an obec file is (parseObecFile: migration, validation, normalisation) and each
 * report's place is derived by core's lookup; the obec it gives is what the row is filed under, and the database's
 * policies check it against the user's memberships and the geometry.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import { reportToFeature } from '../core/obecFile/exportObecFile.ts';
import { OBEC_FILE_FORMAT, OBEC_FILE_SCHEMA_VERSION, type ReportFeature } from '../core/obecFile/obecFileFormat.ts';
import { parseObecFile } from '../core/obecFile/parseObecFile.ts';
import { derivePlace } from '../core/reports/derivePlace.ts';
import { decodePhotoDataUrl, photoWithoutData, type PhotoMimeType } from '../core/reports/photoBytes.ts';
import type { Report } from '../core/reports/report.ts';
import {
  isDeletedReport,
  SYNC_PULL_MAX_CHANGES,
  SYNC_PUSH_MAX_CHANGES,
  type DeletedReport,
  type PushChange,
  type PushResponse,
  type SyncProblem,
} from '../core/sync/protocol.ts';
import { sqlState } from './db.ts';
import { storePhoto } from './reportPhotos.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Content fingerprint: the normalised Feature as JSON (key order fixed by core's normalisation). */
export function contentHash(value: ReportFeature | DeletedReport): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** A photo pushed inline (`photo.dataUrl`: older clients, obec files imported into the server), decoded and checked. */
export interface InlinePhoto {
  photoId: string;
  mimeType: PhotoMimeType;
  bytes: Uint8Array;
}

type Prepared =
  | {
      kind: 'report';
      id: string;
      base: number | null;
      report: Report;
      feature: ReportFeature;
      hash: string;
      /** A photo pushed inline: stored in report_photos, the report without the data URL. */
      inlinePhoto?: InlinePhoto;
      /** The hash of the Feature with the data URL in it: what a row stored before migration 006 carries. */
      inlineHash?: string;
    }
  | { kind: 'delete'; id: string; base: number; hash: string };

/** Reads a push body into prepared changes and refusals (no database). */
export function preparePush(body: unknown, index: ObecIndex): { prepared: Prepared[]; rejected: PushResponse['rejected'] } | { error: string } {
  if (!isRecord(body) || !Array.isArray(body.changes)) return { error: 'sync.badRequest' };
  if (body.changes.length > SYNC_PUSH_MAX_CHANGES) return { error: 'sync.tooManyChanges' };
  const rejected: PushResponse['rejected'] = [];
  const prepared: Prepared[] = [];
  const features: unknown[] = [];
  const bases: Array<number | null> = [];
  const seen = new Set<string>();
  const idOf = (value: unknown): string | null => (isRecord(value) && typeof value.id === 'string' ? value.id : null);
  for (const change of body.changes as unknown[]) {
    const report = isRecord(change) ? change.report : undefined;
    const id = idOf(report) ?? (isRecord(report) && isRecord(report.properties) && typeof report.properties.id === 'string' ? report.properties.id : null);
    const base = isRecord(change) ? change.baseRevision : undefined;
    if (!isRecord(change) || !isRecord(report)) {
      rejected.push({ id, problems: [{ path: 'report', code: 'sync.notAFeature' }] });
      continue;
    }
    if (!(base === null || (Number.isInteger(base) && (base as number) >= 1))) {
      rejected.push({ id, problems: [{ path: 'baseRevision', code: 'sync.badBaseRevision' }] });
      continue;
    }
    if (id !== null && seen.has(id)) {
      rejected.push({ id, problems: [{ path: 'id', code: 'sync.duplicateInPush' }] });
      continue;
    }
    if (id !== null) seen.add(id);
    if (report.deleted === true) {
      if (id === null || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
        rejected.push({ id, problems: [{ path: 'id', code: 'field.wrongType' }] });
      else if (base === null) rejected.push({ id, problems: [{ path: 'baseRevision', code: 'sync.badBaseRevision' }] });
      else prepared.push({ kind: 'delete', id: id.toLowerCase(), base: base as number, hash: contentHash({ id: id.toLowerCase(), deleted: true }) });
      continue;
    }
    if (report.type !== 'Feature') {
      rejected.push({ id, problems: [{ path: 'report', code: 'sync.notAFeature' }] });
      continue;
    }
    features.push(report);
    bases.push(base as number | null);
  }
  if (features.length > 0) {
    // The Features as one obec file: the same reading, migration and validation as an imported file.
    const parsed = parseObecFile(
      JSON.stringify({ type: 'FeatureCollection', hluchaMista: { format: OBEC_FILE_FORMAT, schemaVersion: OBEC_FILE_SCHEMA_VERSION }, features }),
    );
    if (!parsed.ok) return { error: parsed.fileProblem.code };
    const refused = new Map(parsed.rejected.map((r) => [r.featureIndex, r]));
    let next = 0;
    features.forEach((_raw, k) => {
      const problem = refused.get(k);
      if (problem) {
        rejected.push({
          id: problem.id,
          problems: problem.problems.map((p) => ({ path: p.path, code: p.code, ...(p.params ? { params: p.params as Record<string, string | number> } : {}) })),
        });
        return;
      }
      const report = parsed.reports[next++]!;
      const base = bases[k]!;
      if (base !== null && report.revision <= base) {
        rejected.push({ id: report.id, problems: [{ path: 'revision', code: 'sync.revisionNotAdvanced', params: { revision: report.revision, base } }] });
        return;
      }
      const place = derivePlace(index, report.geometry);
      if (!place.ok) {
        rejected.push({ id: report.id, problems: [{ path: 'geometry', code: place.code }] });
        return;
      }
      const withPlace: Report = { ...report, id: report.id.toLowerCase(), place: place.place };
      if (withPlace.photo?.dataUrl !== undefined) {
        // An inline photo: its bytes go to report_photos, the report is stored (and hashed) without the data URL, so
        // the same push retried — inline or not — is an already-applied retry.
        const decoded = decodePhotoDataUrl(withPlace.photo.dataUrl);
        if (!decoded.ok || decoded.mimeType !== withPlace.photo.mimeType) {
          rejected.push({ id: withPlace.id, problems: [{ path: 'photo.dataUrl', code: decoded.ok ? 'photo.contentMismatch' : decoded.code }] });
          return;
        }
        const inlineHash = contentHash(reportToFeature(withPlace));
        const stored: Report = { ...withPlace, photo: photoWithoutData(withPlace.photo) };
        const feature = reportToFeature(stored);
        prepared.push({
          kind: 'report',
          id: stored.id,
          base,
          report: stored,
          feature,
          hash: contentHash(feature),
          inlinePhoto: { photoId: withPlace.photo.id, mimeType: decoded.mimeType, bytes: decoded.bytes },
          inlineHash,
        });
        return;
      }
      const feature = reportToFeature(withPlace);
      prepared.push({ kind: 'report', id: withPlace.id, base, report: withPlace, feature, hash: contentHash(feature) });
    });
  }
  return { prepared, rejected };
}

/** The Feature (or tombstone) of a row as JSON text, built in SQL; the reporter only where its policy lets it through. */
const FEATURE_SQL = `CASE WHEN r.deleted THEN jsonb_build_object('id', r.id, 'deleted', true, 'revision', r.revision)
  ELSE jsonb_build_object('type', 'Feature', 'id', r.id, 'geometry', r.geometry,
    'properties', (r.properties #- '{photo,dataUrl}') || jsonb_build_object('reporter',
      CASE WHEN rr.report_id IS NULL THEN NULL ELSE jsonb_build_object('name', rr.name, 'role', rr.role, 'contact', rr.contact) END)) END::text`;

async function serverCopy(client: pg.ClientBase, id: string): Promise<ReportFeature | DeletedReport> {
  const row = await client.query<{ f: string }>(
    `SELECT ${FEATURE_SQL} AS f FROM hlucha.reports r LEFT JOIN hlucha.report_reporters rr ON rr.report_id = r.id WHERE r.id = $1`,
    [id],
  );
  return JSON.parse(row.rows[0]!.f) as ReportFeature | DeletedReport;
}

async function writeReporter(client: pg.ClientBase, change: Extract<Prepared, { kind: 'report' }>): Promise<void> {
  const reporter = change.report.reporter;
  const place = change.report.place!;
  if (reporter) {
    await client.query(
      `INSERT INTO hlucha.report_reporters (report_id, kraj, obec_kod, name, role, contact) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (report_id) DO UPDATE SET kraj = EXCLUDED.kraj, obec_kod = EXCLUDED.obec_kod, name = EXCLUDED.name, role = EXCLUDED.role, contact = EXCLUDED.contact`,
      [change.id, place.kraj.nuts3, place.obec.kod, reporter.name, reporter.role, reporter.contact],
    );
  } else await client.query('DELETE FROM hlucha.report_reporters WHERE report_id = $1', [change.id]);
}

/** Stores a photo that came inline in the report's row scope (kept when that photo id is already stored). */
async function storeInlinePhoto(client: pg.ClientBase, change: Extract<Prepared, { kind: 'report' }>): Promise<void> {
  const photo = change.inlinePhoto!;
  const place = change.report.place!;
  await storePhoto(client, { reportId: change.id, kraj: place.kraj.nuts3, obecKod: place.obec.kod, ...photo });
}

async function applyOne(
  client: pg.ClientBase,
  change: Prepared,
  stored: { revision: number; content_hash: string } | undefined,
  response: PushResponse,
): Promise<void> {
  if (stored && (stored.content_hash === change.hash || (change.kind === 'report' && change.inlineHash === stored.content_hash))) {
    // A retry of what is stored: applied once (an inline photo is stored if it is not yet: inserting it twice is a no-op).
    if (change.kind === 'report' && change.inlinePhoto) await storeInlinePhoto(client, change);
    response.accepted.push(change.id);
  } else if (!stored) {
    if (change.base !== null || change.kind === 'delete') {
      response.rejected.push({ id: change.id, problems: [{ path: 'id', code: 'sync.unknownReport' }] });
    } else {
      await insertNew(client, [change]);
      response.accepted.push(change.id);
    }
  } else if (stored.revision !== change.base) {
    response.conflicts.push({ id: change.id, server: await serverCopy(client, change.id) });
  } else if (change.kind === 'delete') {
    await client.query('UPDATE hlucha.reports SET deleted = true, revision = revision + 1, content_hash = $2 WHERE id = $1', [change.id, change.hash]);
    await client.query('DELETE FROM hlucha.report_reporters WHERE report_id = $1', [change.id]);
    response.accepted.push(change.id);
  } else {
    const values = rowValues(change);
    const updated = await client.query(
      `UPDATE hlucha.reports SET kraj = $2, obec_kod = $3, orp_kod = $4, revision = $5, deleted = false, geometry = $6::jsonb,
         geom = ST_SetSRID(ST_GeomFromGeoJSON($6), 4326), properties = $7::jsonb, content_hash = $8 WHERE id = $1`,
      [change.id, values.kraj, values.obec, values.orp, change.report.revision, values.geometry, values.properties, change.hash],
    );
    if (updated.rowCount !== 1) throw Object.assign(new Error('not updated'), { code: '42501' });
    await writeReporter(client, change);
    if (change.inlinePhoto) await storeInlinePhoto(client, change);
    response.accepted.push(change.id);
  }
}

type ReportChange = Extract<Prepared, { kind: 'report' }>;

/** The row of a report as the INSERT/UPDATE writes it: the Feature's properties without the reporter (own table). */
function rowValues(change: ReportChange) {
  const { report, feature } = change;
  const { reporter: _reporter, ...properties } = feature.properties;
  return {
    kraj: report.place!.kraj.nuts3,
    obec: report.place!.obec.kod,
    orp: report.place!.orp.kod,
    geometry: JSON.stringify(report.geometry),
    properties: JSON.stringify({ ...properties, reporter: null }),
  };
}

/**
 * New reports in two statements whatever their number (the rows, then their reporters), not two per report: a push
 * of 10 new reports was 21 round trips and statements, each parsed and planned; now it is 3. The policies check every
 * row as before (a row outside the user's scope makes the statement fail and the caller falls back to one change at
 * a time).
 */
async function insertNew(client: pg.ClientBase, changes: readonly ReportChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((change) => ({ change, values: rowValues(change) }));
  await client.query(
    `INSERT INTO hlucha.reports (id, kraj, obec_kod, orp_kod, revision, geometry, geom, properties, content_hash)
     SELECT t.id, t.kraj, t.obec, t.orp, t.revision, t.geometry::jsonb, ST_SetSRID(ST_GeomFromGeoJSON(t.geometry), 4326), t.properties::jsonb, t.hash
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
       AS t(id, kraj, obec, orp, revision, geometry, properties, hash)`,
    [
      rows.map((r) => r.change.id),
      rows.map((r) => r.values.kraj),
      rows.map((r) => r.values.obec),
      rows.map((r) => r.values.orp),
      rows.map((r) => r.change.report.revision),
      rows.map((r) => r.values.geometry),
      rows.map((r) => r.values.properties),
      rows.map((r) => r.change.hash),
    ],
  );
  const withReporter = rows.filter((r) => r.change.report.reporter);
  if (withReporter.length > 0) await insertReporters(client, withReporter);
  for (const change of changes) if (change.inlinePhoto) await storeInlinePhoto(client, change);
}

async function insertReporters(
  client: pg.ClientBase,
  withReporter: ReadonlyArray<{ change: ReportChange; values: ReturnType<typeof rowValues> }>,
): Promise<void> {
  await client.query(
    `INSERT INTO hlucha.report_reporters (report_id, kraj, obec_kod, name, role, contact)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [
      withReporter.map((r) => r.change.id),
      withReporter.map((r) => r.values.kraj),
      withReporter.map((r) => r.values.obec),
      withReporter.map((r) => r.change.report.reporter!.name),
      withReporter.map((r) => r.change.report.reporter!.role),
      withReporter.map((r) => r.change.report.reporter!.contact),
    ],
  );
}

/**
 * Applies prepared changes in the caller's transaction (as the user). The usual push (all in scope) takes the fast
 * path: the stored revisions of all its reports in one locking read, the new reports in one INSERT (insertNew), the
 * rest one by one. When the database refuses one change (a policy, an id taken by a report the user cannot see),
 * the whole push is rolled back to its start and applied change by change, each in a savepoint, so that only that
 * change is rejected.
 */
export async function applyPush(client: pg.ClientBase, prepared: readonly Prepared[], response: PushResponse): Promise<void> {
  const mark = { accepted: response.accepted.length, conflicts: response.conflicts.length, rejected: response.rejected.length };
  await client.query('SAVEPOINT push');
  try {
    const rows = await client.query<{ id: string; revision: number; content_hash: string }>(
      'SELECT id::text, revision, content_hash FROM hlucha.reports WHERE id = ANY($1::uuid[]) FOR UPDATE',
      [prepared.map((c) => c.id)],
    );
    const stored = new Map(rows.rows.map((r) => [r.id, r]));
    const fresh = prepared.filter((c): c is ReportChange => c.kind === 'report' && c.base === null && !stored.has(c.id));
    await insertNew(client, fresh);
    const inserted = new Set(fresh.map((c) => c.id));
    for (const change of prepared) {
      if (inserted.has(change.id)) response.accepted.push(change.id);
      else await applyOne(client, change, stored.get(change.id), response);
    }
    return; // the savepoint ends with the transaction (no RELEASE: one round trip less)
  } catch (error) {
    const state = sqlState(error);
    if (state !== '42501' && state !== '23505' && state !== '23503') throw error;
    await client.query('ROLLBACK TO SAVEPOINT push');
    response.accepted.length = mark.accepted;
    response.conflicts.length = mark.conflicts;
    response.rejected.length = mark.rejected;
  }
  for (const change of prepared) {
    await client.query('SAVEPOINT change');
    try {
      const current = await client.query<{ revision: number; content_hash: string }>(
        'SELECT revision, content_hash FROM hlucha.reports WHERE id = $1 FOR UPDATE',
        [change.id],
      );
      await applyOne(client, change, current.rows[0], response);
      await client.query('RELEASE SAVEPOINT change');
    } catch (error) {
      const state = sqlState(error);
      if (state === '42501' || state === '23505' || state === '23503') {
        await client.query('ROLLBACK TO SAVEPOINT change');
        const code = state === '42501' ? 'sync.outsideScope' : state === '23505' ? 'sync.idNotAvailable' : 'sync.outsideScope';
        response.rejected.push({ id: change.id, problems: [{ path: state === '23505' ? 'id' : 'geometry', code }] });
      } else throw error;
    }
  }
}

export function parseCheckpoint(value: string | undefined | null): bigint | null {
  if (value === undefined || value === null || value === '') return 0n;
  if (!/^\d{1,19}$/.test(value)) return null;
  return BigInt(value);
}

/**
 * Changes after `since` in sequence order, as the response body text (the Features are built in SQL and joined,
 * not parsed and re-serialised). Sequence order is commit order (hlucha.assign_change_seq), so a checkpoint never
 * passes over a change that commits later.
 */
/**
 * The pull's query ($1: the checkpoint, $2: the page size). Row-level security limits it to the user's scope, but
 * the policies of the four roles are OR-ed, and the planner cannot turn that into an index condition: a mayor's
 * pull read the whole table in seq order and threw away the other obce's rows (tests/server/pullPlan.test.ts). So
 * the query also names the scope when the user has one kind ($3: the obce of a mayor, or the kraje of a
 * coordinator), which lets PostgreSQL read just those rows through reports_obec_seq or reports_kraj_seq; the
 * policies still apply (the predicate narrows, never widens).
 */
export function pullReportsSql(scope: 'obce' | 'kraje' | null): string {
  const narrow = scope === 'obce' ? 'AND r.obec_kod = ANY ($3::text[])' : scope === 'kraje' ? 'AND r.kraj = ANY ($3::text[])' : '';
  return `SELECT r.seq::text AS seq, ${FEATURE_SQL} AS f FROM hlucha.reports r LEFT JOIN hlucha.report_reporters rr ON rr.report_id = r.id
     WHERE r.seq > $1 ${narrow} ORDER BY r.seq LIMIT $2`;
}

/** The user's scope as the policies see it: obce as a mayor, kraje as BCO, kraj staff or admin. */
export async function pullScope(client: pg.ClientBase): Promise<{ scope: 'obce' | 'kraje' | null; codes: string[] }> {
  const row = await client.query<{ obce: string[]; kraje: string[] }>(
    `SELECT hlucha.scope('mayor') AS obce, hlucha.scope('bco') || hlucha.scope('kraj') || hlucha.scope('admin') AS kraje`,
  );
  const { obce, kraje } = row.rows[0] ?? { obce: [], kraje: [] };
  if (obce.length > 0 && kraje.length === 0) return { scope: 'obce', codes: obce };
  if (kraje.length > 0 && obce.length === 0) return { scope: 'kraje', codes: [...new Set(kraje)] };
  return { scope: null, codes: [] };
}

export async function pullReports(client: pg.ClientBase, since: bigint, limit = SYNC_PULL_MAX_CHANGES): Promise<string> {
  const { scope, codes } = await pullScope(client);
  const rows = await client.query<{ seq: string; f: string }>(
    pullReportsSql(scope),
    scope === null ? [since.toString(), limit] : [since.toString(), limit, codes],
  );
  const checkpoint = rows.rows.length > 0 ? rows.rows[rows.rows.length - 1]!.seq : since.toString();
  return `{"changes":[${rows.rows.map((r) => r.f).join(',')}],"checkpoint":"${checkpoint}","more":${rows.rows.length === limit}}`;
}

export type { PushChange, SyncProblem };
