/**
 * The BCO coordinator's review of problem localities: status, priority, notes, and the decisions that shape
 * localities (merge, split, move a report). Every action is recorded in an audit trail (who, when, what).
 * Plain data; the reducer is applyReviewAction.
 */

import type { PackageRecord } from '../ctu/packageHistory.ts';

/** The life of a locality, from the first report to a resolved place. */
export const LOCALITY_STATUSES = ['new', 'inReview', 'confirmed', 'rejected', 'duplicate', 'sentToCtu', 'measuredByCtu', 'resolved'] as const;
export type LocalityStatus = (typeof LOCALITY_STATUSES)[number];

/** Allowed next statuses. Going back one step (reopening) is allowed; skipping ahead is not. */
export const STATUS_TRANSITIONS: Readonly<Record<LocalityStatus, readonly LocalityStatus[]>> = {
  new: ['inReview', 'rejected', 'duplicate'],
  inReview: ['new', 'confirmed', 'rejected', 'duplicate'],
  confirmed: ['inReview', 'sentToCtu'],
  rejected: ['inReview'],
  duplicate: ['inReview'],
  sentToCtu: ['confirmed', 'measuredByCtu'],
  measuredByCtu: ['sentToCtu', 'resolved', 'inReview'],
  resolved: ['measuredByCtu'],
};

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface ReviewNote {
  at: string;
  by: string;
  text: string;
  /** A note meant for ČTÚ: printed in lokality.csv, the GIS layer and the letter (other notes stay internal). */
  forCtu?: boolean;
  /**
   * A note for the obec ("Viditelné pro obec"): the mayors whose reports the locality holds see it with the report's
   * state in the kraj's process. Other notes are internal: the shared workspace never lets them reach a mayor.
   */
  forMayor?: boolean;
}

export interface LocalityReview {
  localityId: string;
  status: LocalityStatus;
  priority: Priority;
  notes: ReviewNote[];
  /** When the locality was merged into another one: that one's id. */
  mergedInto: string | null;
  updatedAt: string;
  /**
   * The locality's human-readable number within its kraj (`KV-2026-0042`, localityNumbers.ts), given once and kept
   * across re-analysis; a split-off part gets a new one, a merge keeps the older one.
   */
  number?: string;
  /** Numbers this locality absorbed by merges (the other locality's number), oldest first. */
  formerNumbers?: string[];
  /** ČTÚ's answers about this locality, oldest first. */
  ctuAnswers?: CtuAnswer[];
}

export const CTU_ANSWER_STATES = ['measured', 'confirmedWhiteSpot', 'notConfirmed', 'resolved'] as const;
export type CtuAnswerState = (typeof CTU_ANSWER_STATES)[number];

/** What ČTÚ answered about a locality. */
export interface CtuAnswer {
  state: CtuAnswerState;
  /** ISO date of ČTÚ's answer. */
  date: string;
  /** ČTÚ's reference (č. j.). */
  reference: string;
  note: string;
  /** ČTÚ's measurement file kept as evidence: its name and SHA-256 (the bytes stay with the user). */
  evidence?: { fileName: string; sha256: string } | null;
}

export type ReviewAction =
  /** `reference`: what caused it, for the audit trail (the package number on "Odeslat", ČTÚ's reference). */
  | { type: 'setStatus'; localityId: string; status: LocalityStatus; reference?: string }
  /** ČTÚ's answer about the locality; its status follows (ctu/ctuAnswers.ts). */
  | { type: 'ctuAnswer'; localityId: string; answer: CtuAnswer }
  | { type: 'setPriority'; localityId: string; priority: Priority }
  | { type: 'addNote'; localityId: string; text: string; forCtu?: boolean; forMayor?: boolean }
  | { type: 'merge'; targetId: string; sourceId: string }
  | { type: 'split'; localityId: string; reportIds: string[] }
  | { type: 'moveReport'; reportId: string; targetId: string };

export interface AuditEntry {
  /** Deterministic id: `${at}|${by}|${sequence}|${hash of the action}`; entries merge by id on import and across tabs. */
  id: string;
  at: string;
  by: string;
  action: ReviewAction;
  /** What changed, for people reading the trail (e.g. the status before and after). */
  details: Record<string, string | number | null>;
}

export interface ReviewState {
  /** The packages built for ČTÚ (ctu/packageHistory.ts), kept with the review; absent in older review files. */
  packages?: PackageRecord[];
  reviews: Record<string, LocalityReview>;
  /** The coordinator's decisions that clustering honours: report id → locality id, and when it was decided. */
  pins: Record<string, { localityId: string; at: string }>;
  audit: AuditEntry[];
}

export const EMPTY_REVIEW_STATE: ReviewState = { reviews: {}, pins: {}, audit: [] };

export function defaultReview(localityId: string, at: string): LocalityReview {
  return { localityId, status: 'new', priority: 'normal', notes: [], mergedInto: null, updatedAt: at };
}

/** The pins in the form clusterReports takes. */
export function pinsForClustering(state: ReviewState): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const [reportId, pin] of Object.entries(state.pins)) pins[reportId] = pin.localityId;
  return pins;
}
