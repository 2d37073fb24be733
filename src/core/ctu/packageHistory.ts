/**
 * The loop back from ČTÚ, part 1: the history of the packages a kraj built. Each record keeps its number
 * (`KV-2026-B001`), when and by whom it was built, the selection, the SHA-256 of the ZIP and every locality with
 * the state it had at that moment; "Odeslat" marks it sent and its confirmed localities "Odesláno ČTÚ" (through the
 * review reducer, so the package number is in each locality's audit trail); the difference between two packages
 * (new, changed, withdrawn localities) is what `zmeny.csv` and the screen show. Pure data: the app keeps the
 * history with the review (IndexedDB), a shared server may keep it in its database.
 */
import type { Clustering } from '../cluster/clusterReports.ts';
import type { PackageLocality } from '../ctuPackage/packageLocalities.ts';
import { applyReviewAction, type ReviewRefusal } from '../review/applyReviewAction.ts';
import { KRAJ_NUMBER_PREFIX } from '../review/localityNumbers.ts';
import type { LocalityStatus, Priority, ReviewState } from '../review/reviewModel.ts';

/** One locality as it went into a package. */
export interface PackagedLocality {
  id: string;
  number: string;
  status: LocalityStatus;
  priority: Priority;
  domain: 'mobile' | 'fixed';
  obce: string[];
  reports: number;
  /** Report ids with their revisions, sorted: any report added, removed or edited changes it. */
  reportsKey: string;
  lastObservation: string | null;
  evidenceLevel: number;
  ctuNotes: string[];
}

export interface PackageRecord {
  /** `KV-2026-B001`: kraj letters, year, B and a sequence within kraj and year. */
  number: string;
  nuts3: string;
  createdAt: string;
  /** Who built it (the reviewer's name). */
  by: string;
  fileName: string;
  sha256: string;
  selection: Record<string, unknown>;
  localities: PackagedLocality[];
  /** When "Odeslat" marked it sent, and by whom; null while not sent. */
  sent: { at: string; by: string } | null;
  /**
   * Built again because the kraj's server already held another package under the number of this one: the package it
   * replaces (its ZIP was never recorded; it is named here so that nothing of it goes missing unsaid).
   */
  replaces?: ReplacedPackage;
}

/** The package a rebuilt one replaces: its number (taken by a colleague's package), ZIP and when it was built. */
export interface ReplacedPackage {
  number: string;
  sha256: string;
  fileName: string;
  createdAt: string;
}

/** What a build gives the history: the record's own fields, and the localities as they went. */
export type RecordPackageInput = Pick<PackageRecord, 'nuts3' | 'createdAt' | 'by' | 'fileName' | 'sha256' | 'selection' | 'replaces'> & {
  localities: readonly PackageLocality[];
};

export function packagedLocality(locality: PackageLocality): PackagedLocality {
  return {
    id: locality.id,
    number: locality.number,
    status: locality.review.status,
    priority: locality.priority,
    domain: locality.domain,
    obce: locality.obce.map((o) => o.kod),
    reports: locality.reports.length,
    reportsKey: locality.reports
      .map((r) => `${r.id}@${r.revision}`)
      .sort()
      .join(','),
    lastObservation: locality.lastObservation,
    evidenceLevel: locality.evidence.level,
    ctuNotes: locality.ctuNotes,
  };
}

export function nextPackageNumber(history: readonly PackageRecord[], nuts3: string, at: string): string {
  const prefix = KRAJ_NUMBER_PREFIX[nuts3] ?? nuts3.slice(-2);
  const year = at.slice(0, 4);
  const stem = `${prefix}-${year}-B`;
  let highest = 0;
  for (const record of history) if (record.number.startsWith(stem)) highest = Math.max(highest, Number(record.number.slice(stem.length)) || 0);
  return `${stem}${String(highest + 1).padStart(3, '0')}`;
}

/** The new record (appended to the history by the caller). */
export function recordPackage(history: readonly PackageRecord[], input: RecordPackageInput): PackageRecord {
  return {
    number: nextPackageNumber(history, input.nuts3, input.createdAt),
    nuts3: input.nuts3,
    createdAt: input.createdAt,
    by: input.by,
    fileName: input.fileName,
    sha256: input.sha256,
    selection: input.selection,
    localities: input.localities.map(packagedLocality),
    sent: null,
    ...(input.replaces ? { replaces: input.replaces } : {}),
  };
}

/** The kraj's last package before `number` (or the last of all); null when there is none. */
export function previousPackage(history: readonly PackageRecord[], nuts3: string, before?: string): PackageRecord | null {
  const ofKraj = history.filter((r) => r.nuts3 === nuts3).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const until =
    before === undefined
      ? ofKraj
      : ofKraj.slice(
          0,
          Math.max(
            0,
            ofKraj.findIndex((r) => r.number === before),
          ),
        );
  return until.at(-1) ?? null;
}

/** The packages (number|SHA-256) that packages of these histories were built again in place of. */
function replacedKeys(...histories: ReadonlyArray<readonly PackageRecord[]>): Set<string> {
  const keys = new Set<string>();
  for (const history of histories) for (const r of history) if (r.replaces) keys.add(`${r.replaces.number}|${r.replaces.sha256}`);
  return keys;
}

/**
 * Two tabs' (or a file's) histories: one record per number; a sent record wins over the same one unsent; a package
 * built again in place of another (`replaces`) removes that one in every copy (its record names it).
 */
export function mergePackageHistories(mine: readonly PackageRecord[], theirs: readonly PackageRecord[]): PackageRecord[] {
  const replaced = replacedKeys(mine, theirs);
  const kept = (r: PackageRecord) => !replaced.has(`${r.number}|${r.sha256}`);
  const byNumber = new Map(mine.filter(kept).map((r) => [r.number, r]));
  for (const record of theirs.filter(kept)) {
    const current = byNumber.get(record.number);
    if (!current || (!current.sent && record.sent)) byNumber.set(record.number, record);
  }
  return [...byNumber.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.number < b.number ? -1 : 1));
}

export interface ServerHistoryMerge {
  /** The history with the server's records; the same array when nothing changed. */
  history: PackageRecord[];
  /** The server's records whose number a different package of this history holds (another ZIP): a clash. */
  clashes: PackageRecord[];
}

/**
 * The kraj's server's package history into this browser's, by number and SHA-256: a record not here is added (a
 * colleague's package, with who built it); the same package (same number and SHA-256) takes the server's sent state
 * when it has one and this copy does not; another package under a number held here is a clash, listed and not
 * taken (the package here keeps its record until a person builds it again under a free number).
 */
export function mergeServerPackageHistory(mine: readonly PackageRecord[], server: readonly PackageRecord[]): ServerHistoryMerge {
  const byNumber = new Map(mine.map((r) => [r.number, r]));
  const clashes: PackageRecord[] = [];
  let changed = false;
  const replaced = replacedKeys(mine);
  for (const record of server) {
    if (replaced.has(`${record.number}|${record.sha256}`)) continue;
    const current = byNumber.get(record.number);
    if (!current) {
      byNumber.set(record.number, record);
      changed = true;
    } else if (current.sha256 !== record.sha256) {
      clashes.push(record);
    } else if (!current.sent && record.sent) {
      byNumber.set(record.number, { ...current, sent: record.sent });
      changed = true;
    }
  }
  if (!changed) return { history: mine as PackageRecord[], clashes };
  const history = [...byNumber.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.number < b.number ? -1 : 1));
  return { history, clashes };
}

export const PACKAGE_CHANGES = ['new', 'changed', 'withdrawn'] as const;
export type PackageChange = (typeof PACKAGE_CHANGES)[number];
/** What changed in a locality between two packages. */
export const CHANGED_FIELDS = ['reports', 'status', 'priority', 'obce', 'lastObservation', 'evidenceLevel', 'ctuNotes'] as const;
export type ChangedField = (typeof CHANGED_FIELDS)[number];

export interface PackageDiffRow {
  change: PackageChange;
  /** The locality now (new, changed) or as it was (withdrawn). */
  locality: PackagedLocality;
  before: PackagedLocality | null;
  fields: ChangedField[];
}

/**
 * What changed since `previous`: localities that are new, changed (reports, status, priority, obce, last
 * observation, evidence, notes for ČTÚ) or withdrawn (in the previous package, not in this one). Matched by
 * locality number, then by id (a locality numbered since). Unchanged ones are not listed.
 */
export function diffPackages(previous: readonly PackagedLocality[], current: readonly PackagedLocality[]): PackageDiffRow[] {
  const key = (l: PackagedLocality) => l.number || l.id;
  const before = new Map(previous.map((l) => [key(l), l]));
  const beforeById = new Map(previous.map((l) => [l.id, l]));
  const seen = new Set<PackagedLocality>();
  const rows: PackageDiffRow[] = [];
  for (const locality of current) {
    const old = before.get(key(locality)) ?? beforeById.get(locality.id);
    if (!old) {
      rows.push({ change: 'new', locality, before: null, fields: [] });
      continue;
    }
    seen.add(old);
    const fields = CHANGED_FIELDS.filter((field) =>
      field === 'reports' ? old.reportsKey !== locality.reportsKey : JSON.stringify(old[field]) !== JSON.stringify(locality[field]),
    );
    if (fields.length > 0) rows.push({ change: 'changed', locality, before: old, fields });
  }
  for (const old of previous) if (!seen.has(old)) rows.push({ change: 'withdrawn', locality: old, before: old, fields: [] });
  const order = (row: PackageDiffRow) => PACKAGE_CHANGES.indexOf(row.change);
  return rows.sort((a, b) => order(a) - order(b) || (key(a.locality) < key(b.locality) ? -1 : key(a.locality) > key(b.locality) ? 1 : 0));
}

export interface SendOutcome {
  review: ReviewState;
  record: PackageRecord;
  /** Localities marked "Odesláno ČTÚ". */
  sent: string[];
  /** Localities of the package that could not be marked (not confirmed any more, gone), with the reason. */
  skipped: Array<{ id: string; code: ReviewRefusal | 'ctu.notConfirmed' }>;
}

/**
 * "Odeslat": the package is recorded as sent, and each of its localities confirmed now becomes "Odesláno ČTÚ"
 * through the review reducer, the package number in its audit entry. A package sent before is not sent again.
 */
export function sendPackage(
  review: ReviewState,
  record: PackageRecord,
  context: { clustering: Clustering; by: string; at: string },
): SendOutcome | { code: 'ctu.alreadySent' } {
  if (record.sent) return { code: 'ctu.alreadySent' };
  let state = review;
  const sent: string[] = [];
  const skipped: SendOutcome['skipped'] = [];
  for (const locality of record.localities) {
    const current = state.reviews[locality.id]?.status ?? 'new';
    if (current !== 'confirmed') {
      if (current !== 'sentToCtu') skipped.push({ id: locality.id, code: 'ctu.notConfirmed' });
      continue;
    }
    const result = applyReviewAction(
      state,
      { type: 'setStatus', localityId: locality.id, status: 'sentToCtu', reference: record.number },
      { clustering: context.clustering, createdAt: new Map(), by: context.by, at: context.at },
    );
    if (!result.ok) {
      skipped.push({ id: locality.id, code: result.code });
      continue;
    }
    state = result.state;
    sent.push(locality.id);
  }
  return { review: state, record: { ...record, sent: { at: context.at, by: context.by } }, sent, skipped };
}
