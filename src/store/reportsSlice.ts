/**
 * The reports slice (contract: reportsContract.ts): the reports in memory, saved to IndexedDB, with undo/redo and
 * two-tab safety.
 *
 * - Every action is a domain verb that calls core (createEmptyReport, reviseReport, derivePlace, validateGeometry,
 *   parseObecFile, mergeReports, exportObecFile) and then commits: the change is shown at once, saved in ONE
 *   transaction and recorded as ONE history entry.
 * - Actions run one after another through a queue, so saves, re-reads for other tabs and undo never interleave.
 * - Saving is compare-and-set (reportDatabase.ts): a report is written only if what is stored is what this tab last
 *   saw. If another tab stored something newer, its copy is taken and named in `lastExternalChange`.
 * - When saving fails (quota, no IndexedDB, a newer version in another tab) the work stays in memory, visible and
 *   exportable, the unsaved ids are listed in `storage`, and the next change (or retrySaving) tries again.
 *
 * What is not plain data (the database connection, the channel, the history stacks, the revisions this tab last saw
 * on disk) lives in a per-store session in this closure, never in the store's state.
 */
import { mineOf, resolveRefusedEdit, withConflict } from './editConflicts.ts';
import { obecClaimWarning, type ObecClaim } from '../core/io/obecClaim.ts';
import { exportObecFile as exportObecFileText } from '../core/obecFile/exportObecFile.ts';
import { obecFileContents } from '../core/obecFile/obecFileContents.ts';
import { refusedImport, type ImportSummary, type ObecFileSignOff, type RejectedFeature } from '../core/obecFile/obecFileFormat.ts';
import { parseObecFile } from '../core/obecFile/parseObecFile.ts';
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import { COUNTRY_PACK_ID } from '../core/packs/packFormat.ts';
import { canonicalJson } from '../core/text/canonicalJson.ts';
import { createEmptyReport, reviseReport } from '../core/reports/createReport.ts';
import type { DerivePlaceResult } from '../core/reports/derivePlace.ts';
import { zsjOfGeometry } from '../core/zsj/assignZsj.ts';
import { mergeReports } from '../core/reports/mergeReports.ts';
import { migrateReport } from '../core/reports/migrateReport.ts';
import type { DerivedPlace, Report, ReportGeometry } from '../core/reports/report.ts';
import { validateGeometry, validateReport, type ReportProblem } from '../core/reports/validateReport.ts';
import { version as APP_VERSION } from '../../package.json';
import type { SliceCreator } from './appStore.ts';
import { EditHistory, type HistoryChange, type HistoryEntry, type HistoryLabelKey } from './history.ts';
import { loadedDisplayPack, loadLookupIndex } from './packRepository.ts';
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
} from './persistence/reportDatabase.ts';
import { platformStorageManager, requestPersistentStorage, type PersistentStorageManager } from './persistence/persistentStorage.ts';
import { openTabChannel, TAB_CHANNEL_NAME, type TabChannel } from './persistence/tabChannel.ts';
import type { EditableReportFields, HistoryStatus, ReportsSlice, StorageStatus, TableImportSummary } from './reportsContract.ts';
import type { TableRowProblem } from '../core/io/table.ts';
import { EDITABLE_REPORT_FIELDS } from './reportsContract.ts';

/** What the slice needs from the world; each has the browser's default. Tests pass their own. */
export interface ReportsDependencies {
  /** The lookup index of a pack ("CZ041", or "CZ" for the whole country). Default: packRepository's loadLookupIndex. */
  loadIndex?: (packId: string) => Promise<ObecIndex>;
  /** The IndexedDB factory; null means none (as in some private windows). Default: globalThis.indexedDB. */
  indexedDB?: IDBFactory | null;
  databaseName?: string;
  /** The BroadcastChannel name shared by the tabs; null: no sync between tabs. */
  channelName?: string | null;
  /** navigator.storage where there is one; null: do not ask for persistent storage. */
  storageManager?: PersistentStorageManager | null;
  /** ISO date-time now. */
  now?: () => string;
  /** A new report id (UUID v4). */
  newId?: () => string;
  appVersion?: string;
}

/** The slice as implemented: the contract, plus a retry and a close (proposed for the contract). */
export interface ReportsStoreSlice extends ReportsSlice {
  /** Sets the ZSJ a loaded layer gives (zsjAssignments), as one undoable edit. */
  applyZsjAssignments(assignments: ReadonlyArray<{ id: string; zsj: NonNullable<Report['zsj']> }>): Promise<number>;
  /** Tries again to save what is not saved yet (a "Try again" button next to the storage warning). */
  retrySaving(): Promise<void>;
  /** Closes the database connection and the tab channel (tests, or before a page is discarded). */
  closeReports(): void;
}


const NO_HISTORY: HistoryStatus = { canUndo: false, canRedo: false, undoKey: null, redoKey: null };

function pickEditable(fields: Partial<EditableReportFields> | undefined): Partial<EditableReportFields> {
  const picked: Record<string, unknown> = {};
  if (!fields) return picked;
  for (const key of EDITABLE_REPORT_FIELDS) if (fields[key] !== undefined) picked[key] = fields[key];
  return picked as Partial<EditableReportFields>;
}

/** Work longer than this in one go (deriving the places of an import) gives the page a moment to respond. */
const IMPORT_SLICE_MS = 50;

/** Lets the browser handle input and paint (scheduler.yield where there is one). */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What an edit can change: everything but the revision, the time of the change and the derived place. */
function editedContent(report: Report): string {
  const { revision: _revision, updatedAt: _updatedAt, place: _place, ...content } = report;
  return canonicalJson(content);
}

function later(...times: Array<string | undefined>): string {
  return times.filter((time): time is string => time !== undefined).reduce((a, b) => (b > a ? b : a));
}

type PlaceResult = { ok: true; place: DerivedPlace | null } | { ok: false; problem: ReportProblem };

/**
 * A place that cannot be derived refuses the geometry with a problem at 'geometry'. The lookup's own code travels
 * in params.lookup ('lookup.outsideCzechia', 'lookup.noObec', …) so the UI can say exactly why.
 */
function placeProblem(result: Extract<DerivePlaceResult, { ok: false }>): ReportProblem {
  switch (result.code) {
    case 'geometry.selfIntersects':
      return { path: 'geometry', code: 'geometry.selfIntersects' };
    case 'geometry.tooFewPositions':
      return { path: 'geometry', code: 'geometry.tooFewPositions' };
    case 'geometry.invalidCoordinates':
    case 'lookup.invalidCoordinates':
      return { path: 'geometry', code: 'geometry.invalid', params: { lookup: result.code } };
    default:
      // 'lookup.outsideCzechia', 'lookup.outsidePack' (after the country fallback: outside too), 'lookup.noObec'
      return { path: 'geometry', code: 'geometry.outsideCzechia', params: { lookup: result.code } };
  }
}

/** This tab's view of one session with the database. Not state: none of this is rendered. */
interface Session {
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

interface SaveOutcome {
  saved: boolean;
  /** Not written because another tab stored something else meanwhile; its copy was taken. */
  refused: Set<string>;
}

export function createReportsSlice(dependencies: ReportsDependencies = {}): SliceCreator<ReportsStoreSlice> {
  return (set, get) => {
    const loadIndex = dependencies.loadIndex ?? loadLookupIndex;
    const factory = 'indexedDB' in dependencies ? dependencies.indexedDB : (globalThis.indexedDB ?? null);
    const databaseName = dependencies.databaseName ?? REPORT_DATABASE_NAME;
    const channelName = dependencies.channelName === undefined ? TAB_CHANNEL_NAME : dependencies.channelName;
    const storageManager = 'storageManager' in dependencies ? (dependencies.storageManager ?? null) : platformStorageManager();
    const now = dependencies.now ?? (() => new Date().toISOString());
    const newId = dependencies.newId ?? (() => crypto.randomUUID());
    const appVersion = dependencies.appVersion ?? APP_VERSION;

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

    // ---------------------------------------------------------------- edits

    /** An edit refused because another tab stored the report first (see store/editConflicts.ts). */
    async function afterRefusedEdit(id: string, base: Report, mine: Report, keys: ReadonlyArray<keyof EditableReportFields>): Promise<void> {
      const theirs = get().reports[id] ?? null;
      const { reapply, conflict } = resolveRefusedEdit(id, base, mine, theirs, keys, now());
      if (conflict) set({ editConflicts: withConflict(get().editConflicts, conflict) });
      if (theirs && Object.keys(reapply).length > 0) await commit('history.updateReport', [{ id, before: theirs, after: reviseReport(theirs, reapply as Partial<Report>, now()) }]);
    }

    /** The storage code when a commit was not written (quota exceeded, storage unavailable…), else null. */
    function notSavedCode(outcome: SaveOutcome): string | null {
      return outcome.saved ? null : (session.lastFailure ?? 'storage.failed');
    }

    /** Shows the change, saves it in one transaction and records one history entry for what was written. */
    async function commit(labelKey: HistoryLabelKey, changes: HistoryChange[], coalesceKey: string | null = null): Promise<SaveOutcome> {
      applyToMemory(changes);
      const outcome = await save(changes.map((change) => change.id));
      const applied = changes.filter((change) => !outcome.refused.has(change.id));
      session.history.record({ labelKey, changes: applied, coalesceKey, at: Date.parse(now()) });
      set({ history: session.history.status() });
      return outcome;
    }

    function applyToMemory(changes: readonly HistoryChange[]): void {
      const next = { ...get().reports };
      for (const { id, before, after } of changes) {
        if (after) {
          next[id] = after;
          session.deletedRevisions.delete(id);
        } else {
          delete next[id];
          if (before) session.deletedRevisions.set(id, before.revision + 1);
        }
      }
      set({ reports: next });
    }

    /**
     * A record with `content` as a NEW revision of `id`: higher than anything this tab knows of that id (the
     * current report, its deletion, what is stored), so other tabs and merges see it as the newest.
     */
    function asNewRevision(id: string, content: Report, current: Report | null, other: Report | null): Report {
      const known = session.known.get(id);
      const revision =
        Math.max(content.revision, current?.revision ?? 0, other?.revision ?? 0, session.deletedRevisions.get(id) ?? 0, known?.revision ?? 0) + 1;
      return { ...content, revision, updatedAt: later(now(), content.updatedAt, current?.updatedAt) };
    }

    /**
     * Is the report still as `side` left it? By content, not revision: an undo stores old content as a new
     * revision, and the entries below it must still match it.
     */
    function isCurrent(id: string, side: Report | null): boolean {
      const current = get().reports[id];
      if (side === null) return current === undefined;
      if (current === undefined) return false;
      return (current.revision === side.revision && current.updatedAt === side.updatedAt) || editedContent(current) === editedContent(side);
    }

    /**
     * Undo (from 'after' to 'before') or redo (from 'before' to 'after'). Reports another tab changed since the
     * edit are left as they are: undo never overwrites somebody else's newer work.
     */
    async function travel(entry: HistoryEntry, direction: 'undo' | 'redo'): Promise<HistoryEntry> {
      const changes: HistoryChange[] = [];
      const moved: HistoryChange[] = [];
      for (const change of entry.changes) {
        const from = direction === 'undo' ? change.after : change.before;
        const to = direction === 'undo' ? change.before : change.after;
        if (!isCurrent(change.id, from)) continue;
        const current = get().reports[change.id] ?? null;
        const produced = to === null ? null : asNewRevision(change.id, to, current, from);
        changes.push({ id: change.id, before: current, after: produced });
        moved.push(direction === 'undo' ? { ...change, before: produced } : { ...change, after: produced });
      }
      applyToMemory(changes);
      const outcome = await save(changes.map((change) => change.id));
      return { ...entry, coalesceKey: null, changes: moved.filter((change) => !outcome.refused.has(change.id)) };
    }

    // ---------------------------------------------------------------- places

    /** The place of a geometry from the current kraj's pack, falling back to the country's (as lookups do). */
    async function placeOf(geometry: ReportGeometry): Promise<PlaceResult> {
      // The lookup (polygon intersection, S-JTSK through proj4) loads with the first report placed, not with the page;
      // when it cannot be loaded (offline before it was cached) the report is kept and its place derived later.
      const loaded = await import('../core/reports/derivePlace.ts').catch(() => null);
      if (!loaded) return { ok: true, place: null };
      const { derivePlace } = loaded;
      let result: DerivePlaceResult | null = null;
      try {
        result = derivePlace(await loadIndex(get().krajId), geometry);
      } catch {
        result = null; // the kraj's pack is unavailable: the country's still answers
      }
      if (result === null || (!result.ok && result.code === 'lookup.outsidePack')) {
        try {
          result = derivePlace(await loadIndex(COUNTRY_PACK_ID), geometry);
        } catch {
          // No boundaries at all (offline before the packs were cached): keep the report, place to be derived later.
          return { ok: true, place: null };
        }
      }
      return result.ok ? { ok: true, place: result.place } : { ok: false, problem: placeProblem(result) };
    }

    /** Geometry checks, then the place. */
    async function checkedPlace(geometry: ReportGeometry): Promise<{ ok: true; place: DerivedPlace | null } | { ok: false; problems: ReportProblem[] }> {
      const problems = validateGeometry(geometry);
      if (problems.length > 0) return { ok: false, problems };
      const place = await placeOf(geometry);
      return place.ok ? place : { ok: false, problems: [place.problem] };
    }

    // ---------------------------------------------------------------- import

    /** Feature index of each accepted report: the file's features in order, minus the rejected ones. */
    function featureIndexes(accepted: number, rejected: readonly RejectedFeature[]): number[] {
      const skipped = new Set(rejected.map((row) => row.featureIndex));
      const indexes: number[] = [];
      for (let featureIndex = 0; indexes.length < accepted; featureIndex++) if (!skipped.has(featureIndex)) indexes.push(featureIndex);
      return indexes;
    }

    async function importText(text: string): Promise<ImportSummary> {
      const parsed = parseObecFile(text);
      if (!parsed.ok) {
        return refusedImport(parsed.fileProblem);
      }
      const indexes = featureIndexes(parsed.reports.length, parsed.rejected);
      const rejected: RejectedFeature[] = [...parsed.rejected];
      const incoming: Report[] = [];
      const featureIndexOf = new Map<string, number>();
      let lastYield = performance.now();
      for (let i = 0; i < parsed.reports.length; i++) {
        const report = parsed.reports[i]!;
        const featureIndex = indexes[i]!;
        if (performance.now() - lastYield > IMPORT_SLICE_MS) {
          await yieldToBrowser(); // a long import must not freeze the page
          lastYield = performance.now();
        }
        // The place is derived from the geometry: a copy we hold with the same geometry already has it.
        const held = get().reports[report.id];
        if (held?.place && canonicalJson(held.geometry) === canonicalJson(report.geometry)) {
          incoming.push({ ...report, place: held.place });
          featureIndexOf.set(report.id, featureIndex);
          continue;
        }
        const place = await placeOf(report.geometry);
        if (!place.ok) {
          rejected.push({ featureIndex, id: report.id, problems: [place.problem] });
          continue;
        }
        incoming.push({ ...report, place: place.place });
        featureIndexOf.set(report.id, featureIndex);
      }
      rejected.sort((a, b) => a.featureIndex - b.featureIndex);

      return enqueue(async () => {
        const current = get().reports;
        const merged = mergeReports(current, incoming);
        let notSaved: string | null = null;
        if (merged.toSave.length > 0) {
          notSaved = notSavedCode(await commit(
            'history.importObecFile',
            merged.toSave.map((report) => ({ id: report.id, before: current[report.id] ?? null, after: report })),
          ));
        }
        // A signed file for one obec carries the obec's official contact, for the kraj's package.
        void get().rememberObecContact(parsed.header);
        return {
          ok: true,
          fileProblem: null,
          header: parsed.header,
          added: merged.added,
          ...(notSaved ? { notSaved } : {}),
          updated: merged.updated,
          unchanged: merged.unchanged,
          olderIgnored: merged.olderIgnored,
          conflicts: merged.conflicts.map(({ id }) => ({ id, featureIndex: featureIndexOf.get(id) ?? -1 })),
          rejected,
          migrated: parsed.migrated,
        };
      });
    }

    /** Reports from an office's table: new ones are placed and added; ids already stored are known. */
    async function importTableRows(rows: ReadonlyArray<{ row: number; report: Report; obecClaim?: ObecClaim | null }>): Promise<TableImportSummary> {
      const rejected: TableRowProblem[] = [];
      const warnings: TableRowProblem[] = [];
      const incoming: Report[] = [];
      let unchanged = 0;
      let lastYield = performance.now();
      for (const { row, report, obecClaim } of rows) {
        if (performance.now() - lastYield > IMPORT_SLICE_MS) {
          await yieldToBrowser(); // a long import must not freeze the page
          lastYield = performance.now();
        }
        if (get().reports[report.id]) {
          unchanged++;
          continue;
        }
        const problems = validateReport(report);
        if (problems.length > 0) {
          rejected.push(...problems.map((problem) => ({ row, column: null, code: problem.code, ...(problem.params ? { params: problem.params } : {}) })));
          continue;
        }
        const place = report.place ? ({ ok: true, place: report.place } as const) : await placeOf(report.geometry);
        if (!place.ok) {
          // The lookup's own code ('lookup.noObec', …) says exactly why.
          rejected.push({ row, column: null, code: String(place.problem.params?.lookup ?? place.problem.code) });
          continue;
        }
        incoming.push({ ...report, place: place.place });
        const warning = obecClaim && place.place ? obecClaimWarning(obecClaim, place.place.obec) : null;
        if (warning) warnings.push({ row, ...warning });
      }
      return enqueue(async () => {
        const current = get().reports;
        // Another import may have added some meanwhile: those are known now.
        const fresh = incoming.filter((report) => !current[report.id]);
        unchanged += incoming.length - fresh.length;
        let notSaved: string | null = null;
        if (fresh.length > 0) {
          notSaved = notSavedCode(await commit(
            'history.importTable',
            fresh.map((report) => ({ id: report.id, before: null, after: report })),
          ));
        }
        return { added: fresh.length, ...(notSaved ? { notSaved } : {}), unchanged, rejected, warnings };
      });
    }

    // ---------------------------------------------------------------- the slice

    return {
      reports: {},
      storage: { state: 'loading' },
      history: NO_HISTORY,
      myObecKod: null,
      lastExternalChange: null,

      loadReports: () =>
        enqueue(async () => {
          const database = await openDatabase();
          if (!database) {
            if (!session.blocked) fail(session.lastFailure ?? 'storage.unavailable');
            return;
          }
          if (!(await readEverything(database))) return;
          if (session.unsaved.size > 0) await save([]);
          else session.lastFailure = null;
          publishStorage();
        }),

      createReport: async (geometry, fields, options) => {
        const checked = await checkedPlace(geometry);
        if (!checked.ok) return checked;
        return enqueue(async () => {
          const id = newId();
          const report: Report = {
            ...createEmptyReport(geometry, { id, now: now() }),
            ...pickEditable(fields),
            place: checked.place,
            capture: options?.capture ?? null,
          };
          // With a ZSJ layer loaded, the ZSJ comes from it unless the mayor typed one.
          const layer = get().zsjLayer;
          if (layer && report.zsj?.source !== 'typed') report.zsj = zsjOfGeometry(layer.index, geometry);
          await commit('history.createReport', [{ id, before: null, after: report }]);
          return { ok: true as const, id };
        });
      },

      updateReport: (id, fields) =>
        enqueue(async () => {
          const current = get().reports[id];
          if (!current) return;
          const changes = pickEditable(fields);
          const keys = (Object.keys(changes) as Array<keyof EditableReportFields>).filter(
            (key) => canonicalJson(changes[key]) !== canonicalJson(current[key]),
          );
          if (keys.length === 0) return;
          const changed = Object.fromEntries(keys.map((key) => [key, changes[key]])) as Partial<Report>;
          const next = reviseReport(current, changed, now());
          const outcome = await commit('history.updateReport', [{ id, before: current, after: next }], `update:${id}:${[...keys].sort().join(',')}`);
          // Another tab stored this report meanwhile: re-apply or show a conflict, never lose the edit silently.
          if (outcome.refused.has(id)) await afterRefusedEdit(id, current, next, keys);
        }),

      editConflicts: [],
      resolveEditConflict: async (id, keep) => {
        const conflict = get().editConflicts.find((c) => c.id === id);
        set({ editConflicts: get().editConflicts.filter((c) => c.id !== id) });
        if (conflict && keep === 'mine') await get().updateReport(id, mineOf(conflict));
      },

      updateGeometry: async (id, geometry) => {
        const checked = await checkedPlace(geometry);
        if (!checked.ok) return checked;
        return enqueue(async () => {
          const current = get().reports[id];
          if (!current) return { ok: false as const, problems: [{ path: 'id', code: 'field.invalidId' as const }] };
          if (canonicalJson(current.geometry) === canonicalJson(geometry)) return { ok: true as const };
          const layer = get().zsjLayer;
          const zsj = layer && current.zsj?.source !== 'typed' ? zsjOfGeometry(layer.index, geometry) : current.zsj;
          const next = reviseReport(current, { geometry, place: checked.place, zsj }, now());
          await commit('history.updateGeometry', [{ id, before: current, after: next }]);
          return { ok: true as const };
        });
      },

      applyZsjAssignments: (assignments) =>
        enqueue(async () => {
          const changes: HistoryChange[] = [];
          for (const { id, zsj } of assignments) {
            const current = get().reports[id];
            if (!current || current.zsj?.source === 'typed') continue;
            changes.push({ id, before: current, after: reviseReport(current, { zsj }, now()) });
          }
          if (changes.length > 0) await commit('history.fillZsj', changes);
          return changes.length;
        }),

      deleteReport: (id) =>
        enqueue(async () => {
          const current = get().reports[id];
          if (!current) return;
          await commit('history.deleteReport', [{ id, before: current, after: null }]);
        }),

      clearReports: () =>
        enqueue(async () => {
          const all = Object.values(get().reports);
          if (all.length === 0) return;
          await commit(
            'history.clearReports',
            all.map((report) => ({ id: report.id, before: report, after: null })),
          );
        }),

      undo: () =>
        enqueue(async () => {
          const entry = session.history.takeUndo();
          if (!entry) return;
          session.history.pushRedo(await travel(entry, 'undo'));
          set({ history: session.history.status() });
        }),

      redo: () =>
        enqueue(async () => {
          const entry = session.history.takeRedo();
          if (!entry) return;
          session.history.pushUndo(await travel(entry, 'redo'));
          set({ history: session.history.status() });
        }),

      // Only the choice: the UI moves the camera (requestView), so that choosing and zooming stay separate.
      setMyObec: (kod) => set({ myObecKod: kod }),

      importObecFile: (text) => importText(text),
      importTableReports: (rows) => importTableRows(rows),

      exportObecFile: (signOff: ObecFileSignOff, obecKod: string | null) => {
        // Incomplete reports (no description, failures or operators yet) stay out: the kraj's import would refuse
        // them. The export dialog says how many and why.
        const reports = obecFileContents(Object.values(get().reports), obecKod).included;
        let obec: { kod: string; nazev: string } | null = null;
        if (obecKod !== null) {
          const nazev =
            reports.find((report) => report.place !== null)?.place?.obec.nazev ??
            loadedDisplayPack(get().krajId)?.obce.features.find((feature) => feature.properties.kod === obecKod)?.properties.nazev ??
            '';
          obec = { kod: obecKod, nazev };
        }
        return exportObecFileText(reports, { obec, signOff, exportedAt: now(), appVersion });
      },

      retrySaving: () =>
        enqueue(async () => {
          if (!session.loaded) {
            const database = await openDatabase();
            if (!database || !(await readEverything(database))) return;
          }
          await save([]);
          publishStorage();
        }),

      closeReports: () => {
        session.closed = true;
        session.channel?.close();
        session.channel = null;
        session.database?.close();
        session.database = null;
      },
    };
  };
}
