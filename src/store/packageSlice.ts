/**
 * The submission package for ČTÚ ("Balíček pro ČTÚ") in the region overview: the dialog, which localities go
 * (status, ORP, date range), the kraj's contact (remembered with the settings), and the build in the package
 * worker with its progress. The localities come from the analysis the overview shows (the same clustering with
 * the coordinator's pins) through core's buildPackageLocalities; the bytes of the ZIP are handed to the caller,
 * never kept in the store.
 */
import { version as APP_VERSION } from '../../package.json';
import type { PackageLocality } from '../core/ctuPackage/packageLocalities.ts';
import { packageLocalities, type PackageSource } from '../core/ctuPackage/preparePackage.ts';
import { DEFAULT_ANALYSIS_SETTINGS } from '../core/analysis/analysisSettings.ts';
import { obecContactTexts } from '../core/obecFile/obecContacts.ts';
import { KRAJE } from '../core/units/adminUnits.ts';
import type { PackageProgress, PackageResult, PackageVariant } from '../worker/packageProtocol.ts';
import type { AppState, SliceCreator } from './appStore.ts';
import { createWorkerPackageClient, type PackageClient } from './packageClient.ts';
import { DEFAULT_PACKAGE_SELECTION, type PackageSelection } from '../core/ctuPackage/packageSelection.ts';
import { loadedDisplayPack } from './packRepository.ts';
import { clusteringOf } from './reviewSlice.ts';

export interface PackageContact {
  name: string;
  function: string;
  email: string;
  phone: string;
}

export const EMPTY_PACKAGE_CONTACT: PackageContact = { name: '', function: '', email: '', phone: '' };

export type PackageJob =
  | { status: 'idle' }
  | { status: 'running'; variant: PackageVariant; progress: PackageProgress }
  | { status: 'done'; variant: PackageVariant; fileName: string; counts: Record<string, number> }
  | { status: 'error'; variant: PackageVariant; message: string };

export interface PackageDependencies {
  client?: PackageClient;
  now?: () => string;
}

export interface PackageSlice {
  packageDialogOpen: boolean;
  /** Who at the kraj sends the package (remembered). */
  packageContact: PackageContact;
  packageSelection: PackageSelection;
  /** Reporters' names and contacts go into the package only when asked for (GDPR); never remembered. */
  packageIncludeReporters: boolean;
  packageJob: PackageJob;
  openPackageDialog(): void;
  closePackageDialog(): void;
  setPackageContact(contact: Partial<PackageContact>): void;
  setPackageSelection(selection: Partial<PackageSelection>): void;
  setPackageIncludeReporters(include: boolean): void;
  /** Builds the package (or the public variant) of the selected localities in the worker; null when it failed. */
  buildPackage(variant: PackageVariant): Promise<PackageResult | null>;
}

/**
 * Every locality of the kraj as the package would describe it (the dialog's preview), or null while the analysis is
 * not ready: core's packageLocalities, reusing the analysis's clustering and attached measurements (the same values
 * the package worker computes again from the same source).
 */
export function packageLocalitiesOf(
  state: Pick<AppState, 'reports' | 'krajId' | 'analysis' | 'review'> & Partial<Pick<AppState, 'measurements' | 'measurementColumns' | 'analysisSettings'>>,
  now: string,
): PackageLocality[] | null {
  const result = state.analysis.result;
  const kraj = KRAJE.find((k) => k.nuts3 === state.krajId);
  if (!result || !kraj) return null;
  // The NetTest measurements the analysis attached (to the columns it was given: the same version only).
  const columns = state.measurementColumns?.() ?? null;
  const measured = columns !== null && result.measurementsVersion != null && result.measurementsVersion === state.measurements?.version;
  const rows = new Map(result.localities.map((l) => [l.id, l.measurements?.rows]));
  return packageLocalities(
    {
      reports: Object.values(state.reports),
      kraj: { nuts3: kraj.nuts3, nazev: kraj.nazev },
      review: state.review,
      settings: state.analysisSettings ?? DEFAULT_ANALYSIS_SETTINGS,
      generatedAt: now,
      measurements: measured ? columns : null,
    },
    { clustering: clusteringOf(result), ...(measured ? { attachedRows: (id: string) => rows.get(id) } : {}) },
  );
}

/** What the package of the store's state is made from (core's PackageSource): the package worker prepares it. */
export function packageSourceOf(state: AppState, variant: PackageVariant, generatedAt: string): PackageSource | null {
  const kraj = KRAJE.find((k) => k.nuts3 === state.krajId);
  if (!kraj || !state.analysis.result) return null;
  const pack = loadedDisplayPack(state.krajId);
  const contact = state.packageContact;
  const columns = state.measurements.count > 0 ? state.measurementColumns() : null;
  return {
    variant,
    reports: Object.values(state.reports),
    kraj: { nuts3: kraj.nuts3, nazev: kraj.nazev },
    review: state.review,
    settings: state.analysisSettings,
    selection: state.packageSelection,
    generatedAt,
    appVersion: APP_VERSION,
    contact: { name: contact.name.trim(), function: contact.function.trim(), email: contact.email.trim(), phone: contact.phone.trim() },
    outline: pack?.kraje.features[0]?.geometry ?? null,
    boundaries: pack
      ? { source: pack.manifest.source.description, describesDate: pack.manifest.describesDate, attribution: pack.manifest.source.attribution }
      : { source: '', describesDate: '', attribution: '' },
    includeReporters: variant === 'ctu' && state.packageIncludeReporters,
    obecContacts: obecContactTexts(state.obecContacts),
    measurements: columns,
  };
}

export function createPackageSlice(dependencies: PackageDependencies = {}): SliceCreator<PackageSlice> {
  return (set, get) => {
    let client: PackageClient | null = dependencies.client ?? null;
    const now = dependencies.now ?? (() => new Date().toISOString());
    return {
      packageDialogOpen: false,
      packageContact: EMPTY_PACKAGE_CONTACT,
      packageSelection: DEFAULT_PACKAGE_SELECTION,
      packageIncludeReporters: false,
      packageJob: { status: 'idle' },

      openPackageDialog: () => set({ packageDialogOpen: true, packageJob: { status: 'idle' } }),
      closePackageDialog: () => set({ packageDialogOpen: false }),
      setPackageContact: (contact) => set((state) => ({ packageContact: { ...state.packageContact, ...contact } })),
      setPackageSelection: (selection) => set((state) => ({ packageSelection: { ...state.packageSelection, ...selection } })),
      setPackageIncludeReporters: (packageIncludeReporters) => set({ packageIncludeReporters }),

      buildPackage: async (variant) => {
        const state = get();
        if (state.packageJob.status === 'running') return null;
        const source = packageSourceOf(state, variant, now());
        if (!source) {
          set({ packageJob: { status: 'error', variant, message: 'notReady' } });
          return null;
        }
        set({ packageJob: { status: 'running', variant, progress: { step: 'prepare', fraction: 0 } } });
        client ??= createWorkerPackageClient();
        const outcome = await client.build(source, (progress) => set({ packageJob: { status: 'running', variant, progress } }));
        if (!outcome.ok) {
          set({ packageJob: { status: 'error', variant, message: outcome.message } });
          return null;
        }
        set({ packageJob: { status: 'done', variant, fileName: outcome.result.fileName, counts: outcome.result.counts } });
        return outcome.result;
      },
    };
  };
}
