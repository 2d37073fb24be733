/**
 * The reports' persistence and sync engine, without Zustand: IndexedDB (reportDatabase.ts) as this tab's store,
 * compare-and-set saves, other tabs' changes over the BroadcastChannel (tabChannel.ts), the storage status, and a
 * queue that runs the slice's jobs one after another. The reports slice (../reportsSlice.ts) hands it a host (the
 * store's get and set, or a plain object in tests) and keeps the commands.
 *
 * A second sink (the shared server) plugs in beside IndexedDB: a ReportSink hears every record this tab wrote
 * (`written`), and records it brings from elsewhere come in through `takeExternal`, as another tab's do.
 */
import { migrateReport } from '../../core/reports/migrateReport.ts';
import type { Report } from '../../core/reports/report.ts';
import { canonicalJson } from '../../core/text/canonicalJson.ts';
import { EditHistory } from '../history.ts';
import type { ReportsSlice, StorageStatus } from '../reportsContract.ts';
import {
  openReportDatabase,
  REPORT_DATABASE_NAME,
  sameState,
  stateOf,
  type Deletion,
  type ReportDatabase,
  type ReportWrite,
  type StorageFailureCode,
  type StoredRecord,
  type StoredState,
} from './reportDatabase.ts';
import { platformStorageManager, requestPersistentStorage, type PersistentStorageManager } from './persistentStorage.ts';
import { openTabChannel, TAB_CHANNEL_NAME, type TabChannel } from './tabChannel.ts';

/** What the engine reads and writes of the reports' state (the store's get and set fit). */
export type ReportsView = Pick<ReportsSlice, 'reports' | 'storage' | 'lastExternalChange'>;

export interface ReportsHost {
  get(): ReportsView;
  set(partial: Partial<ReportsView>): void;
}

/** One record this tab stored, as a sink hears of it. */
export interface WrittenRecord {
  id: string;
  state: StoredState | null;
  /** The report written, or null for a deletion. */
  report: Report | null;
}

/**
 * Another place the reports go after IndexedDB took them (the shared server): it hears every write of this tab,
 * in order, and must not throw (its own failures are its own status).
 */
export interface ReportSink {
  written(records: readonly WrittenRecord[]): void;
}

export interface ReportSyncOptions {
  indexedDB?: IDBFactory | null;
  databaseName?: string;
  /** The BroadcastChannel name shared by the tabs; null: no sync between tabs. */
  channelName?: string | null;
  storageManager?: PersistentStorageManager | null;
  now: () => string;
  sinks?: readonly ReportSink[];
}

/** This tab's view of one session with the database. Not state: none of this is rendered. */
export interface Session {
  tab: string;
  database: ReportDatabase | null;
  opening: Promise<void> | null;
  /** Settles when the pending open is blocked by another tab (so that nothing waits for it meanwhile). */
  openingBlocked: Promise<void>;
  /** Set while an upgrade in another tab blocks opening, or after another tab's upgrade closed the connection. */
  blocked: boolean;
  /** The database has been read (at least once) in this session. */
  loaded: boolean;
  /** What this tab last saw stored, per id (the `expected` of its next write). */
  known: Map<string, StoredState>;
  /** Revisions of deletions made in memory (the revision a deletion record gets). */
  deletedRevisions: Map<string, number>;
  /** Ids whose in-memory state is not on disk yet. */
  unsaved: Set<string>;
  history: EditHistory;
  channel: TabChannel | null;
  persisted: boolean | null;
  persistenceRequested: boolean;
  lastFailure: StorageFailureCode | null;
  queue: Promise<unknown>;
  closed: boolean;
}

export interface SaveOutcome {
  saved: boolean;
  /** Not written because another tab stored something else meanwhile; its copy was taken. */
  refused: Set<string>;
}

export interface ReportSync {
  readonly session: Session;
  enqueue<T>(job: () => Promise<T>): Promise<T>;
  storageStatus(): StorageStatus;
  publishStorage(): void;
  fail(code: StorageFailureCode): void;
  openDatabase(): Promise<ReportDatabase | null>;
  readEverything(database: ReportDatabase): Promise<boolean>;
  save(ids: Iterable<string>): Promise<SaveOutcome>;
  /** Records from elsewhere (a server sink): taken like another tab's, named in lastExternalChange. */
  takeExternal(records: ReadonlyArray<{ id: string; stored: StoredRecord }>): void;
  close(): void;
}

export function createReportSync(host: ReportsHost, options: ReportSyncOptions): ReportSync {
  const get = () => host.get();
  const set = (partial: Partial<ReportsView>) => host.set(partial);
  const factory = 'indexedDB' in options ? (options.indexedDB ?? null) : (globalThis.indexedDB ?? null);
  const databaseName = options.databaseName ?? REPORT_DATABASE_NAME;
  const channelName = options.channelName === undefined ? TAB_CHANNEL_NAME : options.channelName;
  const storageManager = 'storageManager' in options ? (options.storageManager ?? null) : platformStorageManager();
  const now = options.now;
  const sinks = options.sinks ?? [];
  {
    const session: Session = {
      tab: crypto.randomUUID(),
      database: null,
      opening: null,
      openingBlocked: new Promise(() => undefined),
      blocked: false,
      loaded: false,
      known: new Map(),
      deletedRevisions: new Map(),
      unsaved: new Set(),
      history: new EditHistory(),
      channel: null,
      persisted: null,
      persistenceRequested: false,
      lastFailure: null,
      queue: Promise.resolve(),
      closed: false,
    };

    /** Runs jobs one after another; a failing job does not stop the next. */
    function enqueue<T>(job: () => Promise<T>): Promise<T> {
      const result = session.queue.then(job);
      session.queue = result.catch(() => undefined);
      return result;
    }

    // ---------------------------------------------------------------- storage status

    function storageStatus(): StorageStatus {
      if (session.unsaved.size === 0 && session.lastFailure === null && session.loaded) {
        return { state: 'ready', persisted: session.persisted };
      }
      if (session.lastFailure === null && !session.loaded) return { state: 'loading' };
      return { state: 'failing', code: session.lastFailure ?? 'storage.failed', unsavedIds: [...session.unsaved].sort() };
    }

    function publishStorage(): void {
      set({ storage: storageStatus() });
    }

    function fail(code: StorageFailureCode): void {
      session.lastFailure = code;
      publishStorage();
    }

    function askForPersistence(): void {
      if (session.persistenceRequested || !storageManager) return;
      session.persistenceRequested = true;
      void requestPersistentStorage(storageManager).then((persisted) => {
        session.persisted = persisted;
        if (get().storage.state === 'ready') publishStorage();
      });
    }

    // ---------------------------------------------------------------- opening and reading

    function startOpening(): Promise<void> {
      if (session.opening) return session.opening;
      let signalBlocked: () => void = () => undefined;
      session.openingBlocked = new Promise((resolve) => (signalBlocked = resolve));
      session.opening = openReportDatabase({
        factory,
        name: databaseName,
        onBlocked: () => {
          session.blocked = true;
          fail('storage.blocked');
          signalBlocked();
        },
        onVersionChange: () => {
          // A newer version of the app in another tab upgrades the database: step aside, keep the work in memory.
          session.database = null;
          session.opening = null;
          session.blocked = true;
          fail('storage.blocked');
        },
        onClosed: () => {
          session.database = null;
          session.opening = null;
        },
      }).then((opened) => {
        if (session.closed) {
          if (opened.ok) opened.database.close();
          return;
        }
        if (!opened.ok) {
          session.opening = null;
          fail(opened.code);
          return;
        }
        const wasBlocked = session.blocked;
        session.blocked = false;
        session.database = opened.database;
        if (channelName !== null && session.channel === null) {
          session.channel = openTabChannel({
            name: channelName,
            database: databaseName,
            tab: session.tab,
            onSaved: (changes) => void enqueue(() => takeExternalChanges(changes)),
          });
        }
        // Opened late (another tab held an old version open): read now and save what waited.
        if (wasBlocked) void enqueue(() => synchronise());
      });
      return session.opening;
    }

    /**
     * The open database, or null (the failure is in `storage`). Waits for the open, except while another tab blocks
     * it: then the work goes on in memory and is saved once the database opens.
     */
    async function openDatabase(): Promise<ReportDatabase | null> {
      if (session.closed) return null;
      if (session.database) return session.database;
      const opening = startOpening();
      if (session.blocked) return null;
      await Promise.race([opening, session.openingBlocked]);
      return session.database;
    }

    /** Reads everything and puts it in memory, keeping what this tab has not saved yet. */
    async function readEverything(database: ReportDatabase): Promise<boolean> {
      const read = await database.readAll();
      if (!read.ok) {
        fail(read.code);
        return false;
      }
      const stored: Record<string, Report> = {};
      session.known.clear();
      for (const deletion of read.value.deletions) session.known.set(deletion.id, { revision: deletion.revision, deleted: true });
      for (const raw of read.value.reports) {
        const migrated = migrateReport(raw);
        // A record this version cannot read stays on disk untouched (a newer app wrote it); it is not shown.
        if (!migrated.ok) continue;
        const report = migrated.report as Report;
        stored[report.id] = report;
        session.known.set(report.id, { revision: report.revision, deleted: false });
      }
      const current = get().reports;
      for (const id of session.unsaved) {
        const mine = current[id];
        if (mine) stored[id] = mine;
        else delete stored[id];
      }
      session.loaded = true;
      set({ reports: stored });
      if (Object.keys(stored).length > 0) askForPersistence();
      return true;
    }

    // ---------------------------------------------------------------- saving

    /** Saves the in-memory state of these ids (and of every id not saved yet) in one transaction. */
    async function save(ids: Iterable<string>): Promise<SaveOutcome> {
      for (const id of ids) session.unsaved.add(id);
      const outcome: SaveOutcome = { saved: false, refused: new Set() };
      if (session.unsaved.size === 0) {
        outcome.saved = true;
        return outcome;
      }
      const database = await openDatabase();
      if (!database) {
        fail(session.lastFailure ?? 'storage.unavailable');
        return outcome;
      }
      if (!session.loaded && !(await readEverything(database))) return outcome;

      const reports = get().reports;
      const writes: ReportWrite[] = [];
      for (const id of session.unsaved) {
        const expected = session.known.get(id) ?? null;
        const report = reports[id];
        if (report) {
          writes.push({ id, expected, next: { report } });
        } else if (expected !== null && !expected.deleted) {
          const deletion: Deletion = { id, revision: session.deletedRevisions.get(id) ?? expected.revision + 1, deletedAt: now() };
          writes.push({ id, expected, next: { deletion } });
        } else {
          session.unsaved.delete(id); // created and deleted before it was ever saved: nothing to write
        }
      }
      const result = await database.write(writes);
      if (!result.ok) {
        if (result.code === 'storage.unavailable') {
          // The connection may have been closed under us: open again next time.
          session.database?.close();
          session.database = null;
          session.opening = null;
        }
        fail(result.code);
        return outcome;
      }
      for (const { id, state } of result.written) {
        session.known.set(id, state);
        session.unsaved.delete(id);
      }
      if (result.refused.length > 0) {
        adoptStored(result.refused);
        for (const { id } of result.refused) outcome.refused.add(id);
      }
      session.lastFailure = null;
      outcome.saved = true;
      publishStorage();
      session.channel?.announce({ changes: result.written });
      if (sinks.length > 0) {
        const reports = get().reports;
        const records = result.written.map(({ id, state }) => ({ id, state, report: !state || state.deleted ? null : (reports[id] ?? null) }));
        for (const sink of sinks) sink.written(records);
      }
      if (result.written.length > 0) askForPersistence();
      return outcome;
    }

    /** Takes the stored copies (another tab's) into memory, and names them in lastExternalChange. */
    function adoptStored(records: ReadonlyArray<{ id: string; stored: StoredRecord }>): void {
      const next = { ...get().reports };
      const changedIds: string[] = [];
      for (const { id, stored } of records) {
        const previous = next[id];
        session.known.set(id, stateOf(stored));
        session.unsaved.delete(id);
        let report: Report | null = null;
        if (stored !== null && 'report' in stored) {
          const migrated = migrateReport(stored.report);
          report = migrated.ok ? (migrated.report as Report) : null;
        }
        if (stored !== null && 'deletion' in stored) session.deletedRevisions.set(id, stored.deletion.revision);
        if (report) next[id] = report;
        else delete next[id];
        const changed = report === null ? previous !== undefined : previous === undefined || canonicalJson(previous) !== canonicalJson(report);
        if (changed) changedIds.push(id);
      }
      set({ reports: next });
      if (changedIds.length > 0) set({ lastExternalChange: { at: now(), changedIds: changedIds.sort() } });
    }

    /** Another tab saved these ids: re-read those this tab has not seen in that state, and take them. */
    async function takeExternalChanges(announced: ReadonlyArray<{ id: string; state: StoredState }>): Promise<void> {
      const stale = announced.filter((change) => !sameState(session.known.get(change.id) ?? null, change.state)).map((change) => change.id);
      if (stale.length === 0 || session.closed) return;
      const database = await openDatabase();
      if (!database) return;
      const read = await database.readMany(stale);
      if (!read.ok) return fail(read.code);
      const changed = [...read.value].filter(([id, stored]) => !sameState(session.known.get(id) ?? null, stateOf(stored)));
      if (changed.length === 0) return;
      adoptStored(changed.map(([id, stored]) => ({ id, stored })));
      publishStorage();
    }

    /** After a late open: read what is stored, then save what waited in memory. */
    async function synchronise(): Promise<void> {
      const database = await openDatabase();
      if (!database) return;
      if (!session.loaded) {
        if (!(await readEverything(database))) return;
      } else if (!(await reconcile(database))) {
        return;
      }
      await save([]);
      publishStorage();
    }

    /**
     * After the connection was lost for a while (another tab's upgrade or deletion of the database): take what other
     * tabs changed meanwhile, and write back what this tab shows but the database no longer has.
     */
    async function reconcile(database: ReportDatabase): Promise<boolean> {
      const read = await database.readAll();
      if (!read.ok) {
        fail(read.code);
        return false;
      }
      const onDisk = new Map<string, StoredRecord>();
      for (const deletion of read.value.deletions) onDisk.set(deletion.id, { deletion });
      for (const raw of read.value.reports) {
        const migrated = migrateReport(raw);
        if (migrated.ok) onDisk.set((migrated.report as Report).id, { report: migrated.report as Report });
      }
      const changedElsewhere: Array<{ id: string; stored: StoredRecord }> = [];
      for (const [id, stored] of onDisk) {
        if (!session.unsaved.has(id) && !sameState(session.known.get(id) ?? null, stateOf(stored))) changedElsewhere.push({ id, stored });
      }
      for (const id of session.known.keys()) if (!onDisk.has(id)) session.known.delete(id);
      for (const id of Object.keys(get().reports)) if (!onDisk.has(id)) session.unsaved.add(id);
      if (changedElsewhere.length > 0) adoptStored(changedElsewhere);
      return true;
    }

    return {
      session,
      enqueue,
      storageStatus,
      publishStorage,
      fail,
      openDatabase,
      readEverything,
      save,
      takeExternal(records) {
        adoptStored(records);
        publishStorage();
      },
      close() {
        session.closed = true;
        session.channel?.close();
        session.channel = null;
        session.database?.close();
        session.database = null;
      },
    };
  }
}
