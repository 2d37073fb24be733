/**
 * The reports on disk: IndexedDB through `idb`. One database, "hlucha-mista", with three object stores:
 *   reports    the reports, keyPath `id` (stored as the app wrote them; older schema versions are migrated on read)
 *   deletions  one record per deleted report ({ id, revision, deletedAt }), so that a deletion has a revision too
 *              and another tab cannot bring back, unnoticed, what this one deleted (and vice versa)
 *   meta       facts about the database itself (when it was created, by which app version)
 *   review     the BCO coordinator's review of localities (since version 2): one record, key "state", holding the
 *              ReviewState (reviews, pins, audit trail) as core's review model defines it
 *   measurements  imported NetTest measurements (since version 3): one record, key "table", holding the columns
 *              (typed arrays: IndexedDB stores their ArrayBuffers as they are) and the names of the files read
 *
 * Every write is ONE readwrite transaction over `reports` and `deletions`: an import of 500 reports is all or
 * nothing. Each write is conditional (compare-and-set): a record is written only when what is stored is still what
 * the writing tab last saw (the same revision, or nothing at all); otherwise the stored copy is returned and left as
 * it is. Expected failures (no IndexedDB, quota exceeded, a newer version open in another tab) are returned as
 * values with a code, never thrown.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Report } from '../../core/reports/report.ts';
import { mergeReviewStates } from '../../core/review/reviewFile.ts';
import type { ReviewState } from '../../core/review/reviewModel.ts';

export const REPORT_DATABASE_NAME = 'hlucha-mista';
/** Raise with every change of the stores; add the step to UPGRADES. */
export const REPORT_DATABASE_VERSION = 3;

export type StorageFailureCode = 'storage.quotaExceeded' | 'storage.unavailable' | 'storage.blocked' | 'storage.failed';

/** A deleted report, kept as a marker with the revision its deletion had. */
export interface Deletion {
  id: string;
  revision: number;
  deletedAt: string;
}

/** What the database holds for one id: a report, a deletion, or nothing. */
export type StoredRecord = { report: Report } | { deletion: Deletion } | null;

/** The short form of a StoredRecord that tabs compare and announce. */
export type StoredState = { revision: number; deleted: boolean } | null;

export interface ReportWrite {
  id: string;
  /** What the writer last saw stored for this id; the write happens only if that is still what is stored. */
  expected: StoredState;
  /** The report to store, or the deletion to record. */
  next: { report: Report } | { deletion: Deletion };
}

export type WriteResult =
  | {
      ok: true;
      /** Written, with the state now stored. */
      written: Array<{ id: string; state: StoredState }>;
      /** Not written: somebody else stored a different copy since the writer last saw it. That copy is here. */
      refused: Array<{ id: string; stored: StoredRecord }>;
    }
  | { ok: false; code: StorageFailureCode; message: string };

export type ReadResult<T> = { ok: true; value: T } | { ok: false; code: StorageFailureCode; message: string };

export type OpenResult = { ok: true; database: ReportDatabase } | { ok: false; code: StorageFailureCode; message: string };

/** Stored values are typed loosely: records written by older versions of the app are migrated after reading. */
interface ReportDatabaseSchema extends DBSchema {
  reports: { key: string; value: Report };
  deletions: { key: string; value: Deletion };
  meta: { key: string; value: unknown };
  review: { key: string; value: ReviewState };
  measurements: { key: string; value: StoredMeasurements };
}

/** The imported measurements as stored: the columns are checked (columnsFrom) when read back. */
export interface StoredMeasurements {
  columns: unknown;
  files: string[];
  savedAt: string;
}

type Database = IDBPDatabase<ReportDatabaseSchema>;
type UpgradeTransaction = IDBPTransaction<ReportDatabaseSchema, Array<'reports' | 'deletions' | 'meta' | 'review' | 'measurements'>, 'versionchange'>;

/** The key of the one record in the `review` store. */
const REVIEW_KEY = 'state';

/** UPGRADES[v] brings a database of version v to version v + 1. */
const UPGRADES: ReadonlyArray<(database: Database, transaction: UpgradeTransaction) => void> = [
  (database, transaction) => {
    database.createObjectStore('reports', { keyPath: 'id' });
    database.createObjectStore('deletions', { keyPath: 'id' });
    database.createObjectStore('meta');
    void transaction.objectStore('meta').put(new Date().toISOString(), 'createdAt');
  },
  (database) => {
    database.createObjectStore('review');
  },
  (database) => {
    database.createObjectStore('measurements');
  },
];

/** The key of the one record in the `measurements` store. */
const MEASUREMENTS_KEY = 'table';

/** Above this many writes, reading whole stores in one request beats one read per id. */
const BULK_READ_THRESHOLD = 256;

export function stateOf(stored: StoredRecord): StoredState {
  if (stored === null) return null;
  return 'report' in stored ? { revision: stored.report.revision, deleted: false } : { revision: stored.deletion.revision, deleted: true };
}

export function sameState(a: StoredState, b: StoredState): boolean {
  return a === b || (a !== null && b !== null && a.revision === b.revision && a.deleted === b.deleted);
}

/** The stable code for an IndexedDB error (DOMException names per the IndexedDB and Storage specifications). */
export function storageFailureCode(error: unknown): StorageFailureCode {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'QuotaExceededError':
      return 'storage.quotaExceeded';
    case 'VersionError':
      return 'storage.blocked';
    case 'InvalidStateError': // Firefox's private windows (older versions), a closed connection
    case 'SecurityError': // storage disabled for the site, opaque origins
    case 'UnknownError': // the browser's storage backend is broken or unreachable
      return 'storage.unavailable';
    default:
      return 'storage.failed';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function failure(error: unknown): { ok: false; code: StorageFailureCode; message: string } {
  return { ok: false, code: storageFailureCode(error), message: messageOf(error) };
}

export interface OpenReportDatabaseOptions {
  /** The IndexedDB factory: `globalThis.indexedDB` in a browser; null or undefined where there is none. */
  factory: IDBFactory | null | undefined;
  name?: string;
  /** The open waits for other tabs to close an older version; the caller can say so meanwhile. */
  onBlocked?: () => void;
  /** Another tab wants to upgrade or delete the database: this connection has been closed. */
  onVersionChange?: () => void;
  /** The browser closed the connection (storage cleared, disk gone). */
  onClosed?: () => void;
}

/**
 * Opens (and creates or upgrades) the database. Resolves only once the database is open or has failed; when
 * other tabs block an upgrade, `onBlocked` is called and the promise waits for them.
 */
/**
 * Opens the database for one job and closes it after: for the slices that read or write a record now and then
 * (the ZSJ layer, the obce's contacts), which keep no connection open.
 */
export async function withReportDatabase<T>(
  options: Pick<OpenReportDatabaseOptions, 'factory' | 'name'>,
  job: (database: ReportDatabase) => Promise<T>,
): Promise<T | { failed: StorageFailureCode }> {
  const opened = await openReportDatabase(options);
  if (!opened.ok) return { failed: opened.code };
  try {
    return await job(opened.database);
  } finally {
    opened.database.close();
  }
}

export async function openReportDatabase(options: OpenReportDatabaseOptions): Promise<OpenResult> {
  const factory = options.factory;
  if (!factory) return { ok: false, code: 'storage.unavailable', message: 'IndexedDB is not available' };
  const name = options.name ?? REPORT_DATABASE_NAME;
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, REPORT_DATABASE_VERSION);
  } catch (error: unknown) {
    return failure(error);
  }
  request.addEventListener('upgradeneeded', (event) => {
    const database = wrap(request.result) as unknown as Database;
    const transaction = wrap(request.transaction!) as unknown as UpgradeTransaction;
    for (let version = event.oldVersion; version < REPORT_DATABASE_VERSION; version++) UPGRADES[version]!(database, transaction);
  });
  request.addEventListener('blocked', () => options.onBlocked?.());
  let database: Database;
  try {
    database = (await wrap(request)) as unknown as Database;
  } catch (error: unknown) {
    return failure(request.error ?? error);
  }
  const raw = database as unknown as IDBDatabase;
  raw.addEventListener('versionchange', () => {
    raw.close();
    options.onVersionChange?.();
  });
  raw.addEventListener('close', () => options.onClosed?.());
  return { ok: true, database: new ReportDatabase(database, name) };
}

/** An open connection. Methods never throw for storage failures: they return a code. */
export class ReportDatabase {
  constructor(
    private readonly database: Database,
    readonly name: string,
  ) {}

  /** Everything stored, in one read-only transaction. Reports come as stored: the caller migrates them. */
  async readAll(): Promise<ReadResult<{ reports: unknown[]; deletions: Deletion[] }>> {
    try {
      const transaction = this.database.transaction(['reports', 'deletions'], 'readonly');
      const [reports, deletions] = await Promise.all([transaction.objectStore('reports').getAll(), transaction.objectStore('deletions').getAll()]);
      await transaction.done;
      return { ok: true, value: { reports, deletions } };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /** What is stored for these ids, in one read-only transaction. */
  async readMany(ids: readonly string[]): Promise<ReadResult<Map<string, StoredRecord>>> {
    try {
      const transaction = this.database.transaction(['reports', 'deletions'], 'readonly');
      const reports = transaction.objectStore('reports');
      const deletions = transaction.objectStore('deletions');
      const found = await Promise.all(ids.map((id) => Promise.all([reports.get(id), deletions.get(id)])));
      await transaction.done;
      const result = new Map<string, StoredRecord>();
      ids.forEach((id, i) => {
        const [report, deletion] = found[i]!;
        result.set(id, report ? { report } : deletion ? { deletion } : null);
      });
      return { ok: true, value: result };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /**
   * Writes in ONE transaction: for each id, the report or deletion is stored only if the stored state is still the
   * expected one, or nothing at all is stored (a cleared database is written back rather than lost). If anything
   * fails, the transaction is aborted and nothing is written.
   */
  async write(writes: readonly ReportWrite[]): Promise<WriteResult> {
    if (writes.length === 0) return { ok: true, written: [], refused: [] };
    let transaction: IDBPTransaction<ReportDatabaseSchema, Array<'reports' | 'deletions'>, 'readwrite'>;
    try {
      transaction = this.database.transaction(['reports', 'deletions'], 'readwrite');
    } catch (error: unknown) {
      return failure(error);
    }
    try {
      const reports = transaction.objectStore('reports');
      const deletions = transaction.objectStore('deletions');
      const stored = await this.readForWrite(reports, deletions, writes);
      const written: Array<{ id: string; state: StoredState }> = [];
      const refused: Array<{ id: string; stored: StoredRecord }> = [];
      const requests: Array<Promise<unknown>> = [];
      // Every request gets a handler at once: if a later one throws, the aborted ones must not go unhandled.
      const track = (request: Promise<unknown>) => {
        request.catch(() => undefined);
        requests.push(request);
      };
      for (const write of writes) {
        const current = stored.get(write.id) ?? null;
        const currentState = stateOf(current);
        if (currentState !== null && !sameState(currentState, write.expected)) {
          refused.push({ id: write.id, stored: current });
          continue;
        }
        if ('report' in write.next) {
          track(reports.put(write.next.report));
          if (current !== null && 'deletion' in current) track(deletions.delete(write.id));
        } else {
          track(deletions.put(write.next.deletion));
          if (current !== null && 'report' in current) track(reports.delete(write.id));
        }
        written.push({ id: write.id, state: stateOf(write.next) });
      }
      await Promise.all([...requests, transaction.done]);
      return { ok: true, written, refused };
    } catch (error: unknown) {
      try {
        transaction.abort();
      } catch {
        // already aborted or finished: nothing was committed either way
      }
      await transaction.done.catch(() => undefined);
      return failure(transaction.error ?? error);
    }
  }

  async readMeta(key: string): Promise<ReadResult<unknown>> {
    try {
      return { ok: true, value: await this.database.get('meta', key) };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /** Writes (or, with undefined, deletes) one record of the meta store, e.g. the loaded ZSJ layer. */
  async writeMeta(key: string, value: unknown): Promise<ReadResult<null>> {
    try {
      if (value === undefined) await this.database.delete('meta', key);
      else await this.database.put('meta', value, key);
      return { ok: true, value: null };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /** The coordinator's review, or undefined when none was saved yet. */
  async readReview(): Promise<ReadResult<ReviewState | undefined>> {
    try {
      return { ok: true, value: await this.database.get('review', REVIEW_KEY) };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /**
   * Merges `state` into the stored review within one transaction and returns the result: another tab's review
   * saved in between is kept, not overwritten (last write per locality and per pin, notes and audit as unions).
   */
  async mergeReview(state: ReviewState): Promise<ReadResult<{ review: ReviewState; changed: boolean }>> {
    try {
      const transaction = this.database.transaction('review', 'readwrite');
      const stored = await transaction.store.get(REVIEW_KEY);
      // This tab's state first: on equal timestamps its (newer) decision wins over the stored one.
      const merged = stored ? mergeReviewStates(state, stored) : state;
      // Nothing new (e.g. a tab merging what it has just read): no write, and no message to the other tabs.
      const changed = !stored || JSON.stringify(stored) !== JSON.stringify(merged);
      if (changed) await transaction.store.put(merged, REVIEW_KEY);
      await transaction.done;
      return { ok: true, value: { review: merged, changed } };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /** Replaces the stored review (one small record: the whole state is written in one transaction). */
  async writeReview(state: ReviewState): Promise<ReadResult<null>> {
    try {
      await this.database.put('review', state, REVIEW_KEY);
      return { ok: true, value: null };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /** The imported measurements, or undefined when none are stored. */
  async readMeasurements(): Promise<ReadResult<StoredMeasurements | undefined>> {
    try {
      return { ok: true, value: await this.database.get('measurements', MEASUREMENTS_KEY) };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  /** Replaces the stored measurements (one transaction: the old ones stay if this fails, e.g. on a full disk). */
  async writeMeasurements(value: StoredMeasurements): Promise<ReadResult<null>> {
    try {
      await this.database.put('measurements', value, MEASUREMENTS_KEY);
      return { ok: true, value: null };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  async deleteMeasurements(): Promise<ReadResult<null>> {
    try {
      await this.database.delete('measurements', MEASUREMENTS_KEY);
      return { ok: true, value: null };
    } catch (error: unknown) {
      return failure(error);
    }
  }

  close(): void {
    this.database.close();
  }

  private async readForWrite(
    reports: { get(id: string): Promise<Report | undefined>; getAll(): Promise<Report[]> },
    deletions: { get(id: string): Promise<Deletion | undefined>; getAll(): Promise<Deletion[]> },
    writes: readonly ReportWrite[],
  ): Promise<Map<string, StoredRecord>> {
    const stored = new Map<string, StoredRecord>();
    if (writes.length >= BULK_READ_THRESHOLD) {
      const [allReports, allDeletions] = await Promise.all([reports.getAll(), deletions.getAll()]);
      for (const deletion of allDeletions) stored.set(deletion.id, { deletion });
      for (const report of allReports) stored.set(report.id, { report });
      return stored;
    }
    const found = await Promise.all(writes.map((write) => Promise.all([reports.get(write.id), deletions.get(write.id)])));
    writes.forEach((write, i) => {
      const [report, deletion] = found[i]!;
      stored.set(write.id, report ? { report } : deletion ? { deletion } : null);
    });
    return stored;
  }
}
