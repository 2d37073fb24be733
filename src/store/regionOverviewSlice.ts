/**
 * The coordinator's view ("Přehled kraje"): which view is on, what the map colours, the filters, the selected
 * locality, the analysis the worker computed (localities, statistics per ORP, obec and H3 cell) and the import of
 * many obec files at once. Plain data only; the worker is behind analysisClient.ts.
 *
 * While the coordinator's view is on, the analysis re-runs (debounced) whenever its inputs change: the reports,
 * the coordinator's pins (merge, split, move), the filters, and the statuses when they are filtered on.
 */
import { DEFAULT_H3_RESOLUTION } from '../core/aggregate/h3Resolution.ts';
import { OBEC_FILE_MAX_BYTES, refusedImport, type ImportSummary } from '../core/obecFile/obecFileFormat.ts';
import { COUNTRY_PACK_ID } from '../core/packs/packFormat.ts';
import { pinsForClustering, type LocalityStatus } from '../core/review/reviewModel.ts';
import { NO_FILTERS, type AnalysisErrorCode, type AnalysisFilters, type AnalysisProgress, type AnalysisResult } from '../core/analysis/analysisTypes.ts';
import type { AppState, SliceCreator } from './appStore.ts';
import type { StorageStatus } from './reportsContract.ts';
import { createInProcessAnalysisClient, createWorkerAnalysisClient, type AnalysisClient } from './analysisClient.ts';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../core/analysis/analysisSettings.ts';
import { loadAddressPoints, loadLookupIndex } from './packRepository.ts';

export const APP_VIEWS = ['reports', 'coordinator'] as const;
export type AppView = (typeof APP_VIEWS)[number];
export const CHOROPLETH_METRICS = ['reports', 'inhabitants', 'localities'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];
/** 'admin': ORP, and obce when zoomed in; 'h3': hexagons; 'zsj': the loaded ZSJ layer's units (only with one). */
export const COORDINATOR_UNITS = ['admin', 'h3', 'zsj'] as const;
export type CoordinatorUnits = (typeof COORDINATOR_UNITS)[number];

export interface AnalysisState {
  status: 'idle' | 'running' | 'ready' | 'error';
  progress: AnalysisProgress | null;
  result: AnalysisResult | null;
  errorCode: AnalysisErrorCode | null;
}

/** Anything with a name, a size and its text: a File, or a test's stand-in. */
export interface ObecFileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

export type BulkImportState =
  | { status: 'idle' }
  | { status: 'running'; total: number; done: number; current: string; files: Array<{ fileName: string; summary: ImportSummary }> }
  | { status: 'done'; files: Array<{ fileName: string; summary: ImportSummary }> };

export interface CoordinatorDependencies {
  /** The analysis worker's client; default: a module worker in the browser, in-process elsewhere. */
  client?: AnalysisClient;
  /** Debounce of automatic re-analysis (ms); null: only runAnalysis() runs it. */
  debounceMs?: number | null;
  now?: () => string;
}

export interface CoordinatorSlice {
  appView: AppView;
  metric: ChoroplethMetric;
  units: CoordinatorUnits;
  filters: AnalysisFilters;
  selectedLocalityId: string | null;
  analysis: AnalysisState;
  bulkImport: BulkImportState;
  /** Grouping distance, address-point radius and evidence thresholds (persisted; see analysisSettings.ts). */
  analysisSettings: AnalysisSettings;
  analysisSettingsOpen: boolean;
  /** Applies validated settings (validateAnalysisSettings); the analysis re-runs. */
  setAnalysisSettings(settings: AnalysisSettings): void;
  resetAnalysisSettings(): void;
  openAnalysisSettings(): void;
  closeAnalysisSettings(): void;
  setAppView(view: AppView): void;
  setMetric(metric: ChoroplethMetric): void;
  setUnits(units: CoordinatorUnits): void;
  setFilters(filters: Partial<AnalysisFilters>): void;
  resetFilters(): void;
  selectLocality(id: string | null): void;
  /** The analysis worker's client (created on first use); the measurements slice talks to it too. */
  analysisClient(): AnalysisClient;
  /** Runs the analysis now (the automatic runs call this too); resolves when it is done or superseded. */
  runAnalysis(): Promise<void>;
  /** Imports the files one after another through importObecFile, with progress; the summary stays until dismissed. */
  importObecFiles(files: readonly ObecFileLike[]): Promise<void>;
  dismissBulkImport(): void;
  /** Shows a report in the reports view (from an import's conflict list): closes the dialog, selects the report. */
  openReport(id: string): void;
}

const IDLE: AnalysisState = { status: 'idle', progress: null, result: null, errorCode: null };

function tooLarge(): ImportSummary {
  return refusedImport({ code: 'file.tooLarge', params: { limitMb: OBEC_FILE_MAX_BYTES / 1024 / 1024 } });
}

/**
 * Which reports of each file are still not in the storage once all files were imported: a later file's successful
 * write also writes what an earlier failed one left in memory, so a file is "not saved" only for the ids the
 * storage still lists as unsaved.
 */
export function notSavedAtTheEnd(
  files: Array<{ fileName: string; summary: ImportSummary }>,
  storage: StorageStatus,
): Array<{ fileName: string; summary: ImportSummary }> {
  const unsaved = new Set(storage.state === 'failing' ? storage.unsavedIds : []);
  return files.map(({ fileName, summary }) => {
    if (!summary.notSaved) return { fileName, summary };
    const { notSaved, notSavedIds, ...rest } = summary;
    const still = (notSavedIds ?? []).filter((id) => unsaved.has(id));
    return { fileName, summary: still.length > 0 ? { ...rest, notSaved, notSavedIds: still } : rest };
  });
}

function defaultClient(): AnalysisClient {
  return typeof Worker === 'function' ? createWorkerAnalysisClient() : createInProcessAnalysisClient(loadLookupIndex, loadAddressPoints);
}

/** Did something the analysis depends on change? */
function analysisInputsChanged(state: AppState, previous: AppState): boolean {
  if (state.appView !== 'coordinator') return false;
  if (previous.appView !== 'coordinator') return true;
  if (state.reports !== previous.reports || state.filters !== previous.filters || state.review.pins !== previous.review.pins) return true;
  if (state.analysisSettings !== previous.analysisSettings || state.krajId !== previous.krajId) return true;
  if (state.measurements.version !== previous.measurements.version) return true;
  return state.filters.statuses.length > 0 && state.review.reviews !== previous.review.reviews;
}

export function createCoordinatorSlice(dependencies: CoordinatorDependencies = {}): SliceCreator<CoordinatorSlice> {
  return (set, get, api) => {
    let client: AnalysisClient | null = dependencies.client ?? null;
    const debounceMs = dependencies.debounceMs === undefined ? 120 : dependencies.debounceMs;
    const now = dependencies.now ?? (() => new Date().toISOString());
    let timer: ReturnType<typeof setTimeout> | null = null;

    if (debounceMs !== null) {
      api.subscribe((state, previous) => {
        if (!analysisInputsChanged(state, previous)) return;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          void get().runAnalysis();
        }, debounceMs);
      });
    }

    return {
      appView: 'reports',
      metric: 'reports',
      units: 'admin',
      filters: NO_FILTERS,
      selectedLocalityId: null,
      analysis: IDLE,
      bulkImport: { status: 'idle' },
      analysisSettings: DEFAULT_ANALYSIS_SETTINGS,
      analysisSettingsOpen: false,

      setAnalysisSettings: (analysisSettings) => set({ analysisSettings }),
      resetAnalysisSettings: () => set({ analysisSettings: DEFAULT_ANALYSIS_SETTINGS }),
      openAnalysisSettings: () => set({ analysisSettingsOpen: true }),
      closeAnalysisSettings: () => set({ analysisSettingsOpen: false }),
      setAppView: (appView) => set({ appView }),
      setMetric: (metric) => set({ metric }),
      // ZSJ need a loaded ZSJ layer (the toolbar offers them only then).
      setUnits: (units) => set({ units: units === 'zsj' && get().zsjLayer === null ? get().units : units }),
      setFilters: (filters) => set((state) => ({ filters: { ...state.filters, ...filters } })),
      resetFilters: () => set({ filters: NO_FILTERS }),
      selectLocality: (selectedLocalityId) => set({ selectedLocalityId }),

      analysisClient: () => (client ??= defaultClient()),

      runAnalysis: async () => {
        client ??= defaultClient();
        const state = get();
        const statuses: Record<string, LocalityStatus> = {};
        if (state.filters.statuses.length > 0) for (const [id, review] of Object.entries(state.review.reviews)) statuses[id] = review.status;
        set((current) => ({ analysis: { ...current.analysis, status: 'running', progress: { phase: 'boundaries', fraction: 0 } } }));
        const outcome = await client.analyse(
          {
            packId: COUNTRY_PACK_ID,
            reports: Object.values(state.reports),
            pins: pinsForClustering(state.review),
            statuses,
            distanceM: state.analysisSettings.distanceM,
            h3Resolution: DEFAULT_H3_RESOLUTION,
            filters: state.filters,
            now: now(),
            thresholds: state.analysisSettings.thresholds,
            addressPointsPackId: state.krajId,
            // Offline with only the kraj's packs stored: its obce (the country's boundaries are not stored).
            fallbackPackId: state.krajId,
            addressRadiusM: state.analysisSettings.addressRadiusM,
            measurements: state.measurements.count > 0 ? { version: state.measurements.version, marginM: state.analysisSettings.measurementMarginM } : null,
          },
          (progress) => set((current) => ({ analysis: { ...current.analysis, progress } })),
        );
        if (!outcome.ok) {
          const code = outcome.code;
          if (code === 'analysis.superseded') return;
          set((current) => ({ analysis: { ...current.analysis, status: 'error', progress: null, errorCode: code } }));
          return;
        }
        const selected = get().selectedLocalityId;
        // A locality merged away or split off is gone: follow it to where its first report is now.
        let selectedLocalityId = selected;
        if (selected && !outcome.result.localities.some((l) => l.id === selected)) {
          const before = state.analysis.result?.localities.find((l) => l.id === selected);
          const anchor = before?.reportIds[0];
          selectedLocalityId = (anchor && outcome.result.localities.find((l) => l.reportIds.includes(anchor))?.id) ?? null;
        }
        set({ analysis: { status: 'ready', progress: null, result: outcome.result, errorCode: null }, selectedLocalityId });
        // New localities get their numbers within the kraj (kept with the review from then on).
        await get().numberLocalities();
      },

      importObecFiles: async (files) => {
        const done: Array<{ fileName: string; summary: ImportSummary }> = [];
        for (const [i, file] of files.entries()) {
          set({ bulkImport: { status: 'running', total: files.length, done: i, current: file.name, files: [...done] } });
          let summary: ImportSummary;
          try {
            summary = file.size > OBEC_FILE_MAX_BYTES ? tooLarge() : await get().importObecFile(await file.text());
          } catch {
            // The file went away or may not be read: this one is refused, the others go on.
            summary = refusedImport({ code: 'file.unreadable' });
          }
          done.push({ fileName: file.name, summary });
        }
        set({ bulkImport: { status: 'done', files: notSavedAtTheEnd(done, get().storage) } });
      },

      dismissBulkImport: () => set({ bulkImport: { status: 'idle' } }),

      openReport: (id) => {
        const state = get();
        state.closeDialog();
        state.selectLocality(null);
        if (state.appView !== 'reports') state.setAppView('reports');
        state.selectReport(id);
      },
    };
  };
}
