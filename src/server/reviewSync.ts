/**
 * Push and pull of the shared review (protocol in src/core/sync/protocol.ts): locality reviews with a revision,
 * merged with core's mergeReviewStates when two people changed one at once; pins, the later decision winning (as
 * core merges them); audit entries by their deterministic ids (sending one twice stores it once).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { mergeReviewStates } from '../core/review/reviewFile.ts';
import { LOCALITY_STATUSES, PRIORITIES, type AuditEntry, type LocalityReview } from '../core/review/reviewModel.ts';
import { SYNC_PULL_MAX_CHANGES, SYNC_PUSH_MAX_CHANGES, type ReviewPushResponse, type SyncedReview } from '../core/sync/protocol.ts';
import { sqlState } from './db.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isText = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;

function validReview(value: unknown): value is LocalityReview {
  if (!isRecord(value)) return false;
  return (
    isText(value.localityId, 200) &&
    value.localityId !== '' &&
    (LOCALITY_STATUSES as readonly unknown[]).includes(value.status) &&
    (PRIORITIES as readonly unknown[]).includes(value.priority) &&
    Array.isArray(value.notes) &&
    value.notes.length <= 1000 &&
    value.notes.every((n) => isRecord(n) && isText(n.at, 40) && isText(n.by, 200) && isText(n.text)) &&
    (value.mergedInto === null || isText(value.mergedInto, 200)) &&
    isText(value.updatedAt, 40)
  );
}

function validAudit(value: unknown): value is AuditEntry {
  return (
    isRecord(value) &&
    isText(value.id, 400) &&
    value.id !== '' &&
    isText(value.at, 40) &&
    isText(value.by, 200) &&
    isRecord(value.action) &&
    typeof value.action.type === 'string' &&
    isRecord(value.details)
  );
}

/** The review as stored: only its own fields, in a fixed order (so equal reviews hash equal). */
function normalizeReview(review: LocalityReview): LocalityReview {
  return {
    localityId: review.localityId,
    status: review.status,
    priority: review.priority,
    // The flags are kept (only when set, so a note without them hashes as before): forMayor decides what a mayor reads.
    notes: review.notes.map((n) => ({
      at: n.at,
      by: n.by,
      text: n.text,
      ...(n.forCtu === true ? { forCtu: true } : {}),
      ...(n.forMayor === true ? { forMayor: true } : {}),
    })),
    mergedInto: review.mergedInto,
    updatedAt: review.updatedAt,
  };
}
const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export async function pushReview(client: pg.ClientBase, body: unknown): Promise<ReviewPushResponse | { error: string }> {
  if (!isRecord(body) || typeof body.kraj !== 'string' || !/^CZ0\d{2}$/.test(body.kraj)) return { error: 'sync.badRequest' };
  const kraj = body.kraj;
  const reviews = Array.isArray(body.reviews) ? body.reviews : [];
  const pins = Array.isArray(body.pins) ? body.pins : [];
  const audit = Array.isArray(body.audit) ? body.audit : [];
  if (reviews.length + pins.length + audit.length > SYNC_PUSH_MAX_CHANGES) return { error: 'sync.tooManyChanges' };
  const response: ReviewPushResponse = { accepted: { reviews: [], pins: [], audit: [] }, merged: [], rejected: [] };
  const guarded = async (id: string, work: () => Promise<void>) => {
    await client.query('SAVEPOINT change');
    try {
      await work();
      await client.query('RELEASE SAVEPOINT change');
    } catch (error) {
      const state = sqlState(error);
      if (state !== '42501' && state !== '23503') throw error;
      await client.query('ROLLBACK TO SAVEPOINT change');
      response.rejected.push({ id, problems: [{ path: '', code: 'sync.outsideScope' }] });
    }
  };

  for (const change of reviews as unknown[]) {
    const id = isRecord(change) && isRecord(change.review) && typeof change.review.localityId === 'string' ? change.review.localityId : '';
    if (
      !isRecord(change) ||
      !validReview(change.review) ||
      !Array.isArray(change.reportIds) ||
      !change.reportIds.every((r) => typeof r === 'string' && UUID.test(r)) ||
      !(change.baseRevision === null || (Number.isInteger(change.baseRevision) && (change.baseRevision as number) >= 1))
    ) {
      response.rejected.push({ id, problems: [{ path: 'review', code: 'field.wrongType' }] });
      continue;
    }
    const incoming = normalizeReview(change.review);
    const reportIds = [...new Set((change.reportIds as string[]).map((r) => r.toLowerCase()))].sort();
    const base = change.baseRevision as number | null;
    await guarded(id, async () => {
      const current = await client.query<{ review: LocalityReview; report_ids: string[]; revision: number; content_hash: string }>(
        'SELECT review, report_ids, revision, content_hash FROM hlucha.locality_reviews WHERE kraj = $1 AND locality_id = $2 FOR UPDATE',
        [kraj, id],
      );
      const stored = current.rows[0];
      if (!stored) {
        const hash = hashOf({ incoming, reportIds });
        await client.query(
          'INSERT INTO hlucha.locality_reviews (kraj, locality_id, review, report_ids, revision, content_hash) VALUES ($1, $2, $3, $4, 1, $5)',
          [kraj, id, incoming, reportIds, hash],
        );
        response.accepted.reviews.push({ localityId: id, revision: 1 });
        if (base !== null) response.merged.push({ kraj, review: incoming, reportIds, revision: 1 });
        return;
      }
      // The same base: the client's copy replaces the stored one. Another base: both merged by core's rules.
      const next =
        stored.revision === base
          ? incoming
          : mergeReviewStates({ reviews: { [id]: normalizeReview(stored.review) }, pins: {}, audit: [] }, { reviews: { [id]: incoming }, pins: {}, audit: [] })
              .reviews[id]!;
      const nextIds = stored.revision === base ? reportIds : [...new Set([...stored.report_ids, ...reportIds])].sort();
      const hash = hashOf({ incoming: normalizeReview(next), reportIds: nextIds });
      if (hash === stored.content_hash) {
        response.accepted.reviews.push({ localityId: id, revision: stored.revision });
        if (stored.revision !== base)
          response.merged.push({ kraj, review: normalizeReview(stored.review), reportIds: stored.report_ids, revision: stored.revision });
        return;
      }
      const updated = await client.query(
        'UPDATE hlucha.locality_reviews SET review = $3, report_ids = $4, revision = revision + 1, content_hash = $5 WHERE kraj = $1 AND locality_id = $2',
        [kraj, id, normalizeReview(next), nextIds, hash],
      );
      if (updated.rowCount !== 1) throw Object.assign(new Error('not updated'), { code: '42501' });
      response.accepted.reviews.push({ localityId: id, revision: stored.revision + 1 });
      if (stored.revision !== base) response.merged.push({ kraj, review: normalizeReview(next), reportIds: nextIds, revision: stored.revision + 1 });
    });
  }

  for (const pin of pins as unknown[]) {
    if (!isRecord(pin) || typeof pin.reportId !== 'string' || !UUID.test(pin.reportId) || !isText(pin.localityId, 200) || !isText(pin.at, 40)) {
      response.rejected.push({
        id: isRecord(pin) && typeof pin.reportId === 'string' ? pin.reportId : '',
        problems: [{ path: 'pin', code: 'field.wrongType' }],
      });
      continue;
    }
    const reportId = pin.reportId.toLowerCase();
    await guarded(reportId, async () => {
      // The later decision wins (core's merge rule); an equal or older one is already superseded.
      await client.query(
        `INSERT INTO hlucha.review_pins (kraj, report_id, locality_id, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kraj, report_id) DO UPDATE SET locality_id = EXCLUDED.locality_id, at = EXCLUDED.at WHERE review_pins.at < EXCLUDED.at`,
        [kraj, reportId, pin.localityId, pin.at],
      );
      response.accepted.pins.push(reportId);
    });
  }

  for (const entry of audit as unknown[]) {
    if (!validAudit(entry)) {
      response.rejected.push({ id: isRecord(entry) && typeof entry.id === 'string' ? entry.id : '', problems: [{ path: 'audit', code: 'field.wrongType' }] });
      continue;
    }
    await guarded(entry.id, async () => {
      await client.query(
        'INSERT INTO hlucha.review_audit (kraj, id, at, by, action, details) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kraj, id) DO NOTHING',
        [kraj, entry.id, entry.at, entry.by, entry.action, entry.details],
      );
      response.accepted.audit.push(entry.id);
    });
  }
  return response;
}

export async function pullReview(client: pg.ClientBase, since: bigint, limit = SYNC_PULL_MAX_CHANGES): Promise<string> {
  const rows = await client.query<{ seq: string; kind: string; j: string }>(
    `SELECT seq::text AS seq, kind, j FROM (
       SELECT seq, 'review' AS kind, jsonb_build_object('kraj', kraj, 'review', review, 'reportIds', to_jsonb(report_ids), 'revision', revision)::text AS j FROM hlucha.locality_reviews WHERE seq > $1
       -- A mayor: the reviews of localities holding their reports, with the notes for the obec only (the view, 005).
       UNION ALL SELECT m.seq, 'review', jsonb_build_object('kraj', m.kraj, 'review', m.review, 'reportIds', to_jsonb(m.report_ids), 'revision', m.revision)::text
         FROM hlucha.locality_reviews_for_mayor m WHERE m.seq > $1
         AND NOT EXISTS (SELECT 1 FROM hlucha.locality_reviews lr WHERE lr.kraj = m.kraj AND lr.locality_id = m.locality_id)
       UNION ALL SELECT seq, 'pin', jsonb_build_object('kraj', kraj, 'reportId', report_id, 'localityId', locality_id, 'at', at)::text FROM hlucha.review_pins WHERE seq > $1
       UNION ALL SELECT seq, 'audit', jsonb_build_object('kraj', kraj, 'id', id, 'at', at, 'by', by, 'action', action, 'details', details)::text FROM hlucha.review_audit WHERE seq > $1
     ) c ORDER BY seq LIMIT $2`,
    [since.toString(), limit],
  );
  const part = (kind: string) =>
    rows.rows
      .filter((r) => r.kind === kind)
      .map((r) => r.j)
      .join(',');
  const checkpoint = rows.rows.length > 0 ? rows.rows[rows.rows.length - 1]!.seq : since.toString();
  return `{"reviews":[${part('review')}],"pins":[${part('pin')}],"audit":[${part('audit')}],"checkpoint":"${checkpoint}","more":${rows.rows.length === limit}}`;
}

export type { SyncedReview };
