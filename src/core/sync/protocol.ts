/**
 * The shared workspace's sync protocol (HTTP JSON; served by src/server, documented at /api/openapi.json): the
 * request and response shapes of push and pull, for reports and for the review. Pure types and constants, so the
 * app, the server and the tests share one definition.
 *
 * Reports: each carries the revision the server last acknowledged. Push sends the Feature (exactly as in the obec
 * file) with that base revision; the server accepts it when its stored revision equals the base (or the report is
 * new and the base null), treats content identical to what it stores as an already-applied retry, and otherwise
 * answers a conflict with its own copy for a person to resolve. Pull returns every change after a checkpoint in
 * commit order, deletions as tombstones, within what the user may see.
 */
import type { ReportFeature } from '../obecFile/obecFileFormat.ts';
import type { PackageRecord } from '../ctu/packageHistory.ts';
import type { AuditEntry, LocalityReview } from '../review/reviewModel.ts';

/** A deleted report as pull returns it, and as push sends a deletion. */
export interface DeletedReport {
  id: string;
  deleted: true;
  /** In pull and in conflicts: the server's revision of the deletion (the base for resurrecting the report). */
  revision?: number;
}

export interface PushChange {
  report: ReportFeature | DeletedReport;
  /** The revision the server last acknowledged for this report; null for a report the server has never seen. */
  baseRevision: number | null;
}

export interface PushRequest {
  changes: PushChange[];
}

/** A coded problem (the codes of core's validation, `sync.*`, `lookup.*`). */
export interface SyncProblem {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface PushResponse {
  /** Stored now, or stored already with identical content (a retried push). */
  accepted: string[];
  /** The server holds another revision: its copy, for a person to resolve (then push again with its revision as base). */
  conflicts: Array<{ id: string; server: ReportFeature | DeletedReport }>;
  /** Not stored: invalid, outside the user's obce, or an id that belongs to a report the user cannot see. */
  rejected: Array<{ id: string | null; problems: SyncProblem[] }>;
}

export interface PullResponse {
  changes: Array<ReportFeature | DeletedReport>;
  /** Opaque (a decimal number): pass it as `since` next time. */
  checkpoint: string;
  /** True when the page was full: pull again from the checkpoint. */
  more: boolean;
}

/** Most changes in one push, and most changes one pull returns. */
export const SYNC_PUSH_MAX_CHANGES = 1000;
export const SYNC_PULL_MAX_CHANGES = 10_000;

/** Why the server refuses one change (beside core's validation codes). */
export const SYNC_PROBLEM_CODES = [
  'sync.notAFeature',
  'sync.badBaseRevision',
  'sync.revisionNotAdvanced',
  'sync.unknownReport',
  'sync.outsideScope',
  'sync.idNotAvailable',
  'sync.duplicateInPush',
] as const;
export type SyncProblemCode = (typeof SYNC_PROBLEM_CODES)[number];

export function isDeletedReport(value: ReportFeature | DeletedReport): value is DeletedReport {
  return (value as DeletedReport).deleted === true;
}

// ----- The review (BCO coordinators and kraj staff; mayors pull the reviews of their reports' localities) -----

export interface ReviewPushChange {
  review: LocalityReview;
  /** The reports of the locality as the client clustered it (a mayor sees the review of a locality holding theirs). */
  reportIds: string[];
  baseRevision: number | null;
}

export interface ReviewPin {
  reportId: string;
  localityId: string;
  at: string;
}

export interface ReviewPushRequest {
  kraj: string;
  reviews?: ReviewPushChange[];
  pins?: ReviewPin[];
  /** Audit entries: deterministic ids, so sending one twice stores it once. */
  audit?: AuditEntry[];
}

/**
 * Reviews do not conflict: when the server's revision moved on since the base, the server merges the two copies
 * with core's mergeReviewStates (the rules two tabs already follow: the later decision wins, notes of both kept)
 * and answers the merged copy, which the client stores with its revision.
 */
export interface ReviewPushResponse {
  accepted: { reviews: Array<{ localityId: string; revision: number }>; pins: string[]; audit: string[] };
  merged: SyncedReview[];
  rejected: Array<{ id: string; problems: SyncProblem[] }>;
}

export interface SyncedReview {
  kraj: string;
  review: LocalityReview;
  reportIds: string[];
  revision: number;
}

export interface ReviewPullResponse {
  reviews: SyncedReview[];
  pins: Array<ReviewPin & { kraj: string }>;
  audit: Array<AuditEntry & { kraj: string }>;
  checkpoint: string;
  more: boolean;
}

// ----- The ČTÚ package history (kraj staff and the kraj's admins record; BCO coordinators read; mayors nothing) -----

/** `POST /api/packages`: a package as the app's history records it (again when "Odeslat" marks it sent). */
export interface PackagePushRequest {
  record: PackageRecord;
}

/**
 * `recorded`: stored now (201); `markedSent`: the stored record took the sent state; `alreadyRecorded`: the server
 * had it as it is (a retry). Refusals are coded: 409 `package.numberTaken` (another package, another SHA-256,
 * holds the number), 403 `package.notAllowed`, 400 `package.badRecord`.
 */
export interface PackagePushResponse {
  number: string;
  outcome: 'recorded' | 'markedSent' | 'alreadyRecorded';
}

/** `GET /api/packages`: the packages recorded for the user's kraje, oldest first. */
export interface PackageListResponse {
  packages: Array<PackageRecord & { kraj: string; recordedAt: string }>;
}
