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
 * on disk) lives in a per-store session, never in the store's state. The persistence and sync engine is
 * persistence/reportSync.ts (no Zustand); the import loops are reportImports.ts; this file keeps the commands.
 */
import { mineOf, resolveRefusedEdit, withConflict } from './editConflicts.ts';
import { exportObecFile as exportObecFileText } from '../core/obecFile/exportObecFile.ts';
import { obecFileContents } from '../core/obecFile/obecFileContents.ts';
import type { ObecFileSignOff } from '../core/obecFile/obecFileFormat.ts';
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import { COUNTRY_PACK_ID } from '../core/packs/packFormat.ts';
import { canonicalJson } from '../core/text/canonicalJson.ts';
import { createEmptyReport, reviseReport } from '../core/reports/createReport.ts';
import type { DerivePlaceResult } from '../core/reports/derivePlace.ts';
import { zsjOfGeometry } from '../core/zsj/assignZsj.ts';
import type { DerivedPlace, Report, ReportGeometry } from '../core/reports/report.ts';
import { validateGeometry, validateReport, type ReportProblem } from '../core/reports/validateReport.ts';
import { version as APP_VERSION } from '../../package.json';
import type { SliceCreator } from './appStore.ts';
import { type HistoryChange, type HistoryEntry, type HistoryLabelKey } from './history.ts';
import { loadedDisplayPack, loadLookupIndex } from './packRepository.ts';
import { REPORT_DATABASE_NAME } from './persistence/reportDatabase.ts';
import type { PersistentStorageManager } from './persistence/persistentStorage.ts';
import { createReportSync, type ReportSink, type SaveOutcome } from './persistence/reportSync.ts';
import { TAB_CHANNEL_NAME } from './persistence/tabChannel.ts';
import { createReportImports, type PlaceResult } from './reportImports.ts';
import type { EditableReportFields, HistoryStatus, ReportsSlice } from './reportsContract.ts';
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
  /** Where saved reports go besides IndexedDB (the shared server); see persistence/reportSync.ts. */
  sinks?: readonly ReportSink[];
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

/** What an edit can change: everything but the revision, the time of the change and the derived place. */
function editedContent(report: Report): string {
  const { revision: _revision, updatedAt: _updatedAt, place: _place, ...content } = report;
  return canonicalJson(content);
}

function later(...times: Array<string | undefined>): string {
  return times.filter((time): time is string => time !== undefined).reduce((a, b) => (b > a ? b : a));
}

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

export function createReportsSlice(dependencies: ReportsDependencies = {}): SliceCreator<ReportsStoreSlice> {
  return (set, get) => {
    const loadIndex = dependencies.loadIndex ?? loadLookupIndex;
    const databaseName = dependencies.databaseName ?? REPORT_DATABASE_NAME;
    const channelName = dependencies.channelName === undefined ? TAB_CHANNEL_NAME : dependencies.channelName;
    const now = dependencies.now ?? (() => new Date().toISOString());
    const newId = dependencies.newId ?? (() => crypto.randomUUID());
    const appVersion = dependencies.appVersion ?? APP_VERSION;

    const {
      session,
      enqueue,
      fail,
      publishStorage,
      openDatabase,
      readEverything,
      save,
      close: closeSync,
    } = createReportSync(
      { get, set },
      {
        ...('indexedDB' in dependencies ? { indexedDB: dependencies.indexedDB } : {}),
        databaseName,
        channelName,
        ...('storageManager' in dependencies ? { storageManager: dependencies.storageManager } : {}),
        now,
        ...(dependencies.sinks ? { sinks: dependencies.sinks } : {}),
      },
    );

    // ---------------------------------------------------------------- edits

    /** An edit refused because another tab stored the report first (see store/editConflicts.ts). */
    async function afterRefusedEdit(id: string, base: Report, mine: Report, keys: ReadonlyArray<keyof EditableReportFields>): Promise<void> {
      const theirs = get().reports[id] ?? null;
      const { reapply, conflict } = resolveRefusedEdit(id, base, mine, theirs, keys, now());
      if (conflict) set({ editConflicts: withConflict(get().editConflicts, conflict) });
      if (theirs && Object.keys(reapply).length > 0)
        await commit('history.updateReport', [{ id, before: theirs, after: reviseReport(theirs, reapply as Partial<Report>, now()) }]);
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

    const { importText, importTableRows } = createReportImports({ get, enqueue, commit, notSavedCode, placeOf });

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
          const keys = (Object.keys(changes) as Array<keyof EditableReportFields>).filter((key) => canonicalJson(changes[key]) !== canonicalJson(current[key]));
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

      attachPhotoData: (id, photoId, dataUrl) =>
        enqueue(async () => {
          const current = get().reports[id];
          if (!current?.photo || current.photo.id !== photoId || current.photo.dataUrl !== undefined) return;
          if (!dataUrl.startsWith(`data:${current.photo.mimeType};base64,`)) return;
          const changes = [{ id, before: current, after: { ...current, photo: { ...current.photo, dataUrl } } }];
          applyToMemory(changes);
          await save([id]);
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

      closeReports: () => closeSync(),
    };
  };
}
