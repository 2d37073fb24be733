/**
 * The app's one store, built from slices. State is plain serialisable data (codes, numbers, strings);
 * loaded geometry and indexes stay in packRepository.ts. React reads it through useAppStore in src/ui/storeContext.tsx,
 * the map controller subscribes to it directly.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { isKrajNuts3 } from '../core/units/adminUnits.ts';
import { parseLetterSettings } from '../core/ctuPackage/letterSettings.ts';
import { isLanguage } from '../i18n/translate.ts';
import { isBasemapId } from './basemapIds.ts';
import { analysisSettingsFrom } from '../core/analysis/analysisSettings.ts';
import { APP_VIEWS, CHOROPLETH_METRICS, createCoordinatorSlice, type CoordinatorDependencies, type CoordinatorSlice } from './regionOverviewSlice.ts';
import { createEditorSlice, type EditorSlice } from './editorSlice.ts';
import { createMeasurementsSlice, type MeasurementsDependencies, type MeasurementsSlice } from './nettestSlice.ts';
import { createFieldSlice, type FieldDependencies, type FieldSlice } from './fieldSlice.ts';
import { isFieldPreset, maxAccuracyFrom } from '../core/field/fieldSettings.ts';
import { createPackageSlice, type PackageDependencies, type PackageSlice } from './packageSlice.ts';
import { createRegionSlice, type RegionSlice } from './regionSlice.ts';
import { createReportsSlice, type ReportsDependencies, type ReportsStoreSlice } from './reportsSlice.ts';
import { createReviewSlice, type ReviewDependencies, type ReviewSlice } from './reviewSlice.ts';
import { createSearchSlice, type SearchSlice } from './searchSlice.ts';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice.ts';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice.ts';
import { createZsjSlice, type ZsjSlice } from './zsjSlice.ts';
import { createObecContactsSlice, type ObecContactsSlice } from './obecContactsSlice.ts';
import { normalizeServerUrl } from './sync/workspaceClient.ts';
import { createWorkspaceSlice, type WorkspaceDependencies, type WorkspaceSlice } from './workspaceSlice.ts';
import { createKrajReceivingSlice, type KrajReceivingDependencies, type KrajReceivingSlice } from './krajReceivingSlice.ts';
import { createBasemapSlice, type BasemapSlice } from './basemapSlice.ts';
import { createOfflineAppSlice, type OfflineAppSlice } from './offlineAppSlice.ts';

export type AppState = RegionSlice &
  SettingsSlice &
  SelectionSlice &
  SearchSlice &
  ReportsStoreSlice &
  EditorSlice &
  ReviewSlice &
  CoordinatorSlice &
  PackageSlice &
  MeasurementsSlice &
  ZsjSlice &
  ObecContactsSlice &
  FieldSlice &
  WorkspaceSlice &
  KrajReceivingSlice &
  BasemapSlice &
  OfflineAppSlice;
export type AppStore = StoreApi<AppState>;

/** The signature every slice creator has (the store is wrapped in `persist`). */
export type SliceCreator<Slice> = StateCreator<AppState, [['zustand/persist', unknown]], [], Slice>;

/** What survives a reload: the user's choices, not data. */
type PersistedState = Pick<
  AppState,
  | 'krajId'
  | 'language'
  | 'basemap'
  | 'basemapChosen'
  | 'myObecKod'
  | 'reviewerName'
  | 'appView'
  | 'metric'
  | 'packageContact'
  | 'analysisSettings'
  | 'fieldPreset'
  | 'maxAccuracyM'
  | 'letterSettingsByKraj'
> & { workspaceServerUrl?: string | null };

export interface AppStoreOptions {
  /** What the reports slice needs from the world (index loader, IndexedDB, channel); browser defaults otherwise. */
  reports?: ReportsDependencies;
  /** Where the user's choices are kept; default localStorage. */
  settingsStorage?: StateStorage;
  /** The review's storage; by default the reports' IndexedDB factory and database name. */
  review?: ReviewDependencies;
  /** The analysis worker's client and the debounce of automatic re-analysis. */
  coordinator?: CoordinatorDependencies;
  /** The package worker's client. */
  package?: PackageDependencies;
  /** The NetTest import worker's client and the measurements' storage (by default the reports' database). */
  measurements?: MeasurementsDependencies;
  /** Where field mode keeps a route being recorded. */
  field?: FieldDependencies;
  /** The shared workspace's network and storage (browser defaults otherwise). */
  workspace?: WorkspaceDependencies;
  /** Where the kraje's receiving addresses are kept (default localStorage). */
  krajReceiving?: KrajReceivingDependencies;
}

function isPackageContact(value: unknown): value is AppState['packageContact'] {
  if (typeof value !== 'object' || value === null) return false;
  const contact = value as Record<string, unknown>;
  return (['name', 'function', 'email', 'phone'] as const).every((key) => typeof contact[key] === 'string' && (contact[key] as string).length <= 200);
}

/** The letter settings kept per kraj: each kraj's entry taken only when the letter accepts it. */
function letterSettingsFrom(value: unknown): Partial<Pick<AppState, 'letterSettingsByKraj'>> {
  if (typeof value !== 'object' || value === null) return {};
  const kept = Object.entries(value as Record<string, unknown>).flatMap(([kraj, settings]) => {
    const parsed = isKrajNuts3(kraj) ? parseLetterSettings(settings) : null;
    return parsed?.ok ? [[kraj, parsed.settings] as const] : [];
  });
  return kept.length > 0 ? { letterSettingsByKraj: Object.fromEntries(kept) } : {};
}

export function createAppStore(options: AppStoreOptions = {}): AppStore {
  // The reports' database (and clock) serve every slice that keeps data in IndexedDB: review, ZSJ layer, obec
  // contacts, measurements.
  const reportsDatabase = {
    ...(options.reports && 'indexedDB' in options.reports ? { indexedDB: options.reports.indexedDB } : {}),
    ...(options.reports?.databaseName ? { databaseName: options.reports.databaseName } : {}),
  };
  const clock = options.reports?.now ? { now: options.reports.now } : {};
  return createStore<AppState>()(
    persist(
      (...args) => ({
        ...createRegionSlice(...args),
        ...createSettingsSlice(...args),
        ...createSelectionSlice(...args),
        ...createSearchSlice(...args),
        ...createReportsSlice(options.reports)(...args),
        ...createEditorSlice(...args),
        ...createReviewSlice(
          options.review ?? {
            ...reportsDatabase,
            ...clock,
            ...(options.reports && 'channelName' in options.reports ? { tabChannelName: options.reports.channelName } : {}),
          },
        )(...args),
        ...createZsjSlice({ ...reportsDatabase, ...clock })(...args),
        ...createObecContactsSlice(reportsDatabase)(...args),
        ...createCoordinatorSlice(options.coordinator)(...args),
        ...createPackageSlice(options.package)(...args),
        ...createMeasurementsSlice(options.measurements ?? reportsDatabase)(...args),
        ...createFieldSlice(options.field)(...args),
        ...createWorkspaceSlice({
          ...(options.reports && 'indexedDB' in options.reports ? { indexedDB: options.reports.indexedDB } : {}),
          ...options.workspace,
        })(...args),
        ...createKrajReceivingSlice(options.krajReceiving)(...args),
        ...createBasemapSlice(...args),
        ...createOfflineAppSlice(...args),
      }),
      {
        name: 'hlucha-mista.settings',
        version: 1,
        storage: createJSONStorage(() => options.settingsStorage ?? localStorage),
        partialize: (state): PersistedState => ({
          krajId: state.krajId,
          language: state.language,
          basemap: state.basemap,
          basemapChosen: state.basemapChosen,
          myObecKod: state.myObecKod,
          reviewerName: state.reviewerName,
          appView: state.appView,
          metric: state.metric,
          packageContact: state.packageContact,
          analysisSettings: state.analysisSettings,
          fieldPreset: state.fieldPreset,
          maxAccuracyM: state.maxAccuracyM,
          workspaceServerUrl: state.workspace.serverUrl,
          letterSettingsByKraj: state.letterSettingsByKraj,
        }),
        merge: (persisted, current) => {
          const saved = (persisted ?? {}) as Partial<Record<keyof PersistedState, unknown>>;
          return {
            ...current,
            ...(typeof saved.krajId === 'string' && isKrajNuts3(saved.krajId) ? { krajId: saved.krajId } : {}),
            ...(isLanguage(saved.language) ? { language: saved.language } : {}),
            // A base map the user chose (older versions stored the then-default "none" without a choice).
            ...(saved.basemapChosen === true && isBasemapId(saved.basemap) ? { basemap: saved.basemap, basemapChosen: true } : {}),
            ...(typeof saved.myObecKod === 'string' && /^\d{6}$/.test(saved.myObecKod) ? { myObecKod: saved.myObecKod } : {}),
            ...(typeof saved.reviewerName === 'string' && saved.reviewerName.trim() !== '' ? { reviewerName: saved.reviewerName.trim().slice(0, 120) } : {}),
            ...(APP_VIEWS.some((view) => view === saved.appView) ? { appView: saved.appView as AppState['appView'] } : {}),
            ...(CHOROPLETH_METRICS.some((metric) => metric === saved.metric) ? { metric: saved.metric as AppState['metric'] } : {}),
            ...(isPackageContact(saved.packageContact) ? { packageContact: saved.packageContact } : {}),
            ...(saved.analysisSettings !== undefined ? { analysisSettings: analysisSettingsFrom(saved.analysisSettings) } : {}),
            ...(isFieldPreset(saved.fieldPreset) ? { fieldPreset: saved.fieldPreset } : {}),
            ...(maxAccuracyFrom(saved.maxAccuracyM) !== null ? { maxAccuracyM: maxAccuracyFrom(saved.maxAccuracyM)! } : {}),
            ...(typeof saved.workspaceServerUrl === 'string' && normalizeServerUrl(saved.workspaceServerUrl)
              ? { workspace: { ...current.workspace, serverUrl: normalizeServerUrl(saved.workspaceServerUrl) } }
              : {}),
            ...letterSettingsFrom(saved.letterSettingsByKraj),
          };
        },
      },
    ),
  );
}
