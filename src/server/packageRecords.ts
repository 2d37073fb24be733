/**
 * The ČTÚ package history on the server (`/api/packages`): the app's PackageRecord (core/ctu/packageHistory.ts) —
 * number, date, who, the ZIP's SHA-256, the selection and every locality with the state it went with — stored per
 * (kraj, number) under row-level security (kraj staff and admins of the kraj write, BCO coordinators read, mayors
 * nothing). Sending a record twice stores it once; sent again with "Odeslat"'s sent state, the row takes it.
 */
import type pg from 'pg';
import type { PackagedLocality, PackageRecord } from '../core/ctu/packageHistory.ts';
import { LOCALITY_STATUSES, PRIORITIES } from '../core/review/reviewModel.ts';
import type { PackageListResponse, PackagePushResponse } from '../core/sync/protocol.ts';
import { sqlState } from './db.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;
const isTexts = (v: unknown, max = 2000): v is string[] => Array.isArray(v) && v.length <= 10_000 && v.every((x) => isText(x, max));
export const PACKAGE_MAX_LOCALITIES = 20_000;

function validLocality(v: unknown): v is PackagedLocality {
  return (
    isRecord(v) &&
    isText(v.id, 200) &&
    v.id !== '' &&
    isText(v.number, 40) &&
    (LOCALITY_STATUSES as readonly unknown[]).includes(v.status) &&
    (PRIORITIES as readonly unknown[]).includes(v.priority) &&
    (v.domain === 'mobile' || v.domain === 'fixed') &&
    isTexts(v.obce, 6) &&
    Number.isInteger(v.reports) &&
    isText(v.reportsKey, 1_000_000) &&
    (v.lastObservation === null || isText(v.lastObservation, 40)) &&
    typeof v.evidenceLevel === 'number' &&
    isTexts(v.ctuNotes, 10_000)
  );
}

/** The record when it has the shape of core's PackageRecord, else null. */
export function parsePackageRecord(body: unknown): PackageRecord | null {
  const record = isRecord(body) ? body.record : undefined;
  if (
    !isRecord(record) ||
    !isText(record.number, 40) ||
    !/^[A-Z0-9]{1,4}-[0-9]{4}-B[0-9]{3,}$/.test(record.number) ||
    !isText(record.nuts3, 10) ||
    !/^CZ0[0-9]{2}$/.test(record.nuts3) ||
    !isText(record.createdAt, 40) ||
    Number.isNaN(Date.parse(record.createdAt)) ||
    !isText(record.by, 200) ||
    !isText(record.fileName, 300) ||
    !isText(record.sha256, 64) ||
    !/^[0-9a-f]{64}$/.test(record.sha256) ||
    !isRecord(record.selection) ||
    !Array.isArray(record.localities) ||
    record.localities.length > PACKAGE_MAX_LOCALITIES ||
    !record.localities.every(validLocality) ||
    !(record.sent === null || (isRecord(record.sent) && isText(record.sent.at, 40) && isText(record.sent.by, 200)))
  )
    return null;
  return record as unknown as PackageRecord;
}

/** The report ids a package sent, from its localities' report keys (`id@revision`, comma-separated). */
function reportIdsOf(record: PackageRecord): string[] {
  const ids = new Set<string>();
  for (const locality of record.localities)
    for (const part of locality.reportsKey.split(',')) {
      const id = part.split('@')[0]!.toLowerCase();
      if (UUID.test(id)) ids.add(id);
    }
  return [...ids].sort();
}

export type PackageRecordOutcome = PackagePushResponse | { refused: 'package.numberTaken' | 'package.notAllowed' };

/** Stores the record as the signed-in user (RLS decides whether they may). */
export async function recordPackageOnServer(client: pg.ClientBase, record: PackageRecord): Promise<PackageRecordOutcome> {
  await client.query('SAVEPOINT package');
  let inserted: pg.QueryResult<{ inserted: boolean }>;
  try {
    inserted = await client.query<{ inserted: boolean }>(
      `INSERT INTO hlucha.package_records
         (kraj, number, generated_at, built_by, file_name, manifest_sha256, selection, localities, locality_ids, report_ids, sent_at, sent_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (kraj, number) WHERE number IS NOT NULL DO UPDATE SET sent_at = EXCLUDED.sent_at, sent_by = EXCLUDED.sent_by, updated_at = now()
         WHERE package_records.manifest_sha256 = EXCLUDED.manifest_sha256 AND package_records.sent_at IS NULL AND EXCLUDED.sent_at IS NOT NULL
       RETURNING (xmax = 0) AS inserted`,
      [
        record.nuts3,
        record.number,
        record.createdAt,
        record.by,
        record.fileName,
        record.sha256,
        record.selection,
        JSON.stringify(record.localities),
        record.localities.map((l) => l.id),
        reportIdsOf(record),
        record.sent?.at ?? null,
        record.sent?.by ?? null,
      ],
    );
  } catch (error) {
    if (sqlState(error) !== '42501') throw error;
    await client.query('ROLLBACK TO SAVEPOINT package');
    return { refused: 'package.notAllowed' };
  }
  const row = inserted.rows[0];
  if (row) return { number: record.number, outcome: row.inserted ? 'recorded' : 'markedSent' };
  const stored = await client.query<{ manifest_sha256: string | null }>('SELECT manifest_sha256 FROM hlucha.package_records WHERE kraj = $1 AND number = $2', [
    record.nuts3,
    record.number,
  ]);
  if (stored.rows[0]?.manifest_sha256 !== record.sha256) return { refused: 'package.numberTaken' };
  return { number: record.number, outcome: 'alreadyRecorded' };
}

export async function listPackages(client: pg.ClientBase): Promise<PackageListResponse> {
  const rows = await client.query<{
    kraj: string;
    number: string | null;
    generated_at: string;
    built_by: string;
    file_name: string;
    manifest_sha256: string | null;
    selection: Record<string, unknown>;
    localities: PackagedLocality[];
    sent_at: string | null;
    sent_by: string | null;
    created_at: Date;
  }>(
    `SELECT kraj, number, generated_at, built_by, file_name, manifest_sha256, selection, localities, sent_at, sent_by, created_at
     FROM hlucha.package_records ORDER BY created_at, number`,
  );
  return {
    packages: rows.rows.map((r) => ({
      kraj: r.kraj,
      number: r.number ?? '',
      nuts3: r.kraj,
      createdAt: r.generated_at,
      by: r.built_by,
      fileName: r.file_name,
      sha256: r.manifest_sha256 ?? '',
      selection: r.selection,
      localities: r.localities,
      sent: r.sent_at !== null && r.sent_by !== null ? { at: r.sent_at, by: r.sent_by } : null,
      recordedAt: r.created_at.toISOString(),
    })),
  };
}
