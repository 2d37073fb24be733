/**
 * Imported NetTest measurements ("Přehled kraje"): the import (in a worker, with progress and cancel), its
 * summary, adding to or replacing what is loaded (deduplicated by open_test_uuid), persistence in IndexedDB (the
 * "measurements" store of reportDatabase.ts) and the map layer's choices and data.
 *
 * The columns themselves (tens of MB for a million rows) are kept in this slice's closure, not in the state:
 * the state holds their version and count, `measurementColumns()` hands them out. The analysis worker gets them
 * once per version (coordinatorSlice's client) and answers attachment, hexagons and points from its own copy.
 */
import { DEFAULT_H3_RESOLUTION } from '../core/aggregate/h3Resolution.ts';
import { columnsFrom, type MeasurementColumns } from '../core/nettest/measurementColumns.ts';
import type { MeasurementCellSummary, MeasurementFilter, MeasurementPoint } from '../core/nettest/measurementLayer.ts';
import type { NettestReadSummary } from '../core/nettest/readNettestStream.ts';
import type { MeasurementTechnology } from '../core/nettest/nettestSchema.ts';
import type { OperatorCode } from '../core/reports/enumerations.ts';
import type { StreamableFile } from '../core/nettest/nettestImport.ts';
import type { MeasurementImportFailure } from '../worker/nettestProtocol.ts';
import type { SliceCreator } from './appStore.ts';
import { createInProcessMeasurementClient, createWorkerMeasurementClient, type MeasurementClient, type MeasurementImportRun } from './nettestClient.ts';
import { loadLookupIndex } from './packRepository.ts';
import { openReportDatabase, REPORT_DATABASE_NAME, type ReportDatabase, type StorageFailureCode } from './persistence/reportDatabase.ts';

export interface MeasurementsDependencies {
  client?: MeasurementClient;
  /** The IndexedDB factory; null: none. Default: globalThis.indexedDB. */
  indexedDB?: IDBFactory | null;
  databaseName?: string;
  now?: () => string;
}

export type MeasurementImportMode = 'add' | 'replace';
export const MEASUREMENT_METRICS = ['download', 'rsrp'] as const;
export type MeasurementMetric = (typeof MEASUREMENT_METRICS)[number];
/** From this zoom on, single measurements are drawn instead of hexagons. */
export const MEASUREMENT_POINTS_ZOOM = 13;
/** At most this many single measurements are drawn at once (the rest are counted). */
export const MEASUREMENT_POINTS_LIMIT = 5_000;

export type MeasurementImportResult =
  | { ok: true; summary: NettestReadSummary; added: number; duplicates: number; mode: MeasurementImportMode; total: number }
  | { ok: false; code: MeasurementImportFailure; missing?: string[]; files?: string[]; params?: Record<string, number> };

export type MeasurementImportState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; bytesRead: number; totalBytes: number; queued: number }
  | { status: 'done'; results: Array<{ fileName: string; result: MeasurementImportResult }> };

export interface MeasurementsState {
  status: 'loading' | 'ready';
  /** Bumped whenever the loaded measurements change (0: none were ever loaded). */
  version: number;
  count: number;
  files: string[];
  /** The last failure to store or read them (the in-memory measurements stay). */
  storageProblem: StorageFailureCode | null;
}

export interface MeasurementLayerState {
  visible: boolean;
  metric: MeasurementMetric;
  operator: OperatorCode | null;
  technology: MeasurementTechnology | null;
  /** Keep the reports' choropleth under the hexagons (off: it is hidden while the measurements are shown, as the two colour scales clash). */
  choroplethUnder: boolean;
  /** The hexagon picked in the panel's table: highlighted on the map with its figures. */
  focusedCell: string | null;
}

export interface MeasurementsSlice {
  measurements: MeasurementsState;
  measurementImport: MeasurementImportState;
  measurementImportMode: MeasurementImportMode;
  measurementLayer: MeasurementLayerState;
  /** The hexagons for the current version, resolution and filter (null until computed). */
  measurementCells: { version: number; key: string; cells: MeasurementCellSummary[] } | null;
  /** The single measurements in view when zoomed in (null: not zoomed in enough). */
  measurementPoints: { version: number; points: MeasurementPoint[]; total: number } | null;
  /** The loaded columns (not state: see the file comment). Null when none are loaded. */
  measurementColumns(): MeasurementColumns | null;
  setMeasurementImportMode(mode: MeasurementImportMode): void;
  /** Imports the files one after another (NetTest CSV or ZIP); cancelMeasurementImport stops the one running. */
  importMeasurementFiles(files: readonly StreamableFile[], options?: { isZip?: boolean }): Promise<void>;
  cancelMeasurementImport(): void;
  dismissMeasurementImport(): void;
  loadMeasurements(): Promise<void>;
  removeMeasurements(): Promise<void>;
  setMeasurementLayer(layer: Partial<MeasurementLayerState>): void;
  /** Asks for the single measurements in this box (null: zoomed out, none). */
  showMeasurementPointsIn(bbox: [number, number, number, number] | null): Promise<void>;
}

function isZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}

export function createMeasurementsSlice(dependencies: MeasurementsDependencies = {}): SliceCreator<MeasurementsSlice> {
  return (set, get, api) => {
    const factory = 'indexedDB' in dependencies ? dependencies.indexedDB : (globalThis.indexedDB ?? null);
    const databaseName = dependencies.databaseName ?? REPORT_DATABASE_NAME;
    const now = dependencies.now ?? (() => new Date().toISOString());
    let client = dependencies.client ?? null;
    let columns: MeasurementColumns | null = null;
    let running: MeasurementImportRun | null = null;
    let cancelled = false;
    let database: ReportDatabase | null = null;
    let cellsRequest = 0;
    let pointsRequest = 0;
    let lastBbox: [number, number, number, number] | null = null;

    const measurementClient = (): MeasurementClient =>
      (client ??= typeof Worker === 'function' ? createWorkerMeasurementClient() : createInProcessMeasurementClient(loadLookupIndex));

    async function open(): Promise<ReportDatabase | { failed: StorageFailureCode }> {
      if (database) return database;
      const opened = await openReportDatabase({ factory, name: databaseName, onVersionChange: () => (database = null), onClosed: () => (database = null) });
      if (!opened.ok) return { failed: opened.code };
      database = opened.database;
      return database;
    }

    /** New columns in memory: a new version, the analysis re-runs and the layer is recomputed. */
    function useColumns(next: MeasurementColumns | null, files: string[]): void {
      columns = next && next.count > 0 ? next : null;
      const version = get().measurements.version + 1;
      get().analysisClient().setMeasurements(version, columns);
      set((state) => ({
        measurements: { ...state.measurements, status: 'ready', version, count: columns?.count ?? 0, files },
        measurementCells: null,
        measurementPoints: null,
      }));
      void refreshCells();
      if (lastBbox) void get().showMeasurementPointsIn(lastBbox);
    }

    async function persist(next: MeasurementColumns | null, files: string[]): Promise<void> {
      const db = await open();
      if ('failed' in db) {
        set((state) => ({ measurements: { ...state.measurements, storageProblem: db.failed } }));
        return;
      }
      const written = next ? await db.writeMeasurements({ columns: next, files, savedAt: now() }) : await db.deleteMeasurements();
      set((state) => ({ measurements: { ...state.measurements, storageProblem: written.ok ? null : written.code } }));
    }

    function filterKey(): string {
      const layer = get().measurementLayer;
      return `${DEFAULT_H3_RESOLUTION}|${layer.operator ?? '*'}|${layer.technology ?? '*'}|${JSON.stringify(get().analysisSettings.thresholds)}`;
    }

    async function refreshCells(): Promise<void> {
      const state = get();
      if (!columns || state.appView !== 'coordinator') return;
      const key = filterKey();
      const version = state.measurements.version;
      if (state.measurementCells?.version === version && state.measurementCells.key === key) return;
      const id = ++cellsRequest;
      const filter: MeasurementFilter = { operator: state.measurementLayer.operator, technology: state.measurementLayer.technology };
      const result = await state
        .analysisClient()
        .measurementCells({ version, resolution: DEFAULT_H3_RESOLUTION, filter, thresholds: state.analysisSettings.thresholds });
      if (id !== cellsRequest || !result) return;
      set({ measurementCells: { version, key, cells: result.cells } });
    }

    // The hexagons follow the filters, the thresholds and the view.
    api.subscribe((state, previous) => {
      if (
        state.measurementLayer.operator !== previous.measurementLayer.operator ||
        state.measurementLayer.technology !== previous.measurementLayer.technology ||
        state.analysisSettings !== previous.analysisSettings ||
        (state.appView !== previous.appView && state.appView === 'coordinator')
      ) {
        void refreshCells();
        if (lastBbox) void get().showMeasurementPointsIn(lastBbox);
      }
    });

    return {
      measurements: { status: 'loading', version: 0, count: 0, files: [], storageProblem: null },
      measurementImport: { status: 'idle' },
      measurementImportMode: 'add',
      measurementLayer: { visible: true, metric: 'download', operator: null, technology: null, choroplethUnder: false, focusedCell: null },
      measurementCells: null,
      measurementPoints: null,

      measurementColumns: () => columns,
      setMeasurementImportMode: (measurementImportMode) => set({ measurementImportMode }),

      importMeasurementFiles: async (files, options = {}) => {
        if (running) return;
        cancelled = false;
        const results: Array<{ fileName: string; result: MeasurementImportResult }> = [];
        const mode = get().measurementImportMode;
        let base: MeasurementColumns | null = mode === 'replace' ? null : columns;
        let fileNames = mode === 'replace' ? [] : get().measurements.files;
        let changed = false;
        for (const [k, file] of files.entries()) {
          set({ measurementImport: { status: 'running', fileName: file.name, bytesRead: 0, totalBytes: file.size, queued: files.length - k - 1 } });
          running = measurementClient().importFile(file, options.isZip ?? isZipName(file.name), base, (bytesRead, totalBytes) =>
            set((state) => (state.measurementImport.status === 'running' ? { measurementImport: { ...state.measurementImport, bytesRead, totalBytes } } : {})),
          );
          const outcome = await running.done;
          running = null;
          if (outcome === null || cancelled) break;
          if (!outcome.ok) {
            results.push({
              fileName: file.name,
              result: {
                ok: false,
                code: outcome.code,
                ...(outcome.missing ? { missing: outcome.missing } : {}),
                ...(outcome.files ? { files: outcome.files } : {}),
                ...(outcome.params ? { params: outcome.params } : {}),
              },
            });
            continue;
          }
          // The worker added the file's rows to `base` (deduplicated): the page does no per-row work.
          base = outcome.columns;
          fileNames = [...fileNames.filter((name) => name !== file.name), file.name];
          changed = true;
          results.push({
            fileName: file.name,
            result: { ok: true, summary: outcome.summary, added: outcome.added, duplicates: outcome.duplicates, mode, total: outcome.columns.count },
          });
        }
        if (changed || (mode === 'replace' && results.some((r) => r.result.ok))) {
          useColumns(base, fileNames);
          await persist(columns, fileNames);
        }
        set({ measurementImport: cancelled && results.length === 0 ? { status: 'idle' } : { status: 'done', results } });
      },

      cancelMeasurementImport: () => {
        cancelled = true;
        running?.cancel();
      },

      dismissMeasurementImport: () => set({ measurementImport: { status: 'idle' } }),

      loadMeasurements: async () => {
        const db = await open();
        if ('failed' in db) {
          set((state) => ({ measurements: { ...state.measurements, status: 'ready', storageProblem: db.failed } }));
          return;
        }
        const read = await db.readMeasurements();
        if (!read.ok) {
          set((state) => ({ measurements: { ...state.measurements, status: 'ready', storageProblem: read.code } }));
          return;
        }
        // Something imported meanwhile wins over what was stored before it.
        if (columns) return;
        const stored = read.value ? columnsFrom(read.value.columns) : null;
        if (stored) useColumns(stored, read.value?.files ?? []);
        else set((state) => ({ measurements: { ...state.measurements, status: 'ready' } }));
      },

      removeMeasurements: async () => {
        useColumns(null, []);
        await persist(null, []);
      },

      setMeasurementLayer: (layer) => set((state) => ({ measurementLayer: { ...state.measurementLayer, ...layer } })),

      showMeasurementPointsIn: async (bbox) => {
        lastBbox = bbox;
        const state = get();
        if (!bbox || !columns) {
          if (state.measurementPoints !== null) set({ measurementPoints: null });
          return;
        }
        const id = ++pointsRequest;
        const version = state.measurements.version;
        const result = await state.analysisClient().measurementPoints({
          version,
          bbox,
          filter: { operator: state.measurementLayer.operator, technology: state.measurementLayer.technology },
          limit: MEASUREMENT_POINTS_LIMIT,
          thresholds: state.analysisSettings.thresholds,
        });
        if (id !== pointsRequest || !result) return;
        set({ measurementPoints: { version, points: result.points, total: result.total } });
      },
    };
  };
}
