/**
 * The submission package for ČTÚ ("Balíček pro ČTÚ") in the region overview: the dialog, which localities go
 * (status, ORP, date range), the kraj's contact (remembered with the settings), and the build in the package
 * worker with its progress. The localities come from the analysis the overview shows (the same clustering with
 * the coordinator's pins) through core's buildPackageLocalities; the bytes of the ZIP are handed to the caller,
 * never kept in the store.
 */
import { version as APP_VERSION } from '../../package.json';
import { mapAreasOf } from '../core/ctuPackage/letterMaps.ts';
import { DEFAULT_LETTER_SETTINGS, parseLetterSettings, type LetterSettings } from '../core/ctuPackage/letterSettings.ts';
import { previousPackage as previousPackageOf, recordPackage } from '../core/ctu/packageHistory.ts';
import type { PackageSource } from '../core/ctuPackage/preparePackage.ts';
import { obecContactTexts } from '../core/obecFile/obecContacts.ts';
import { KRAJE } from '../core/units/adminUnits.ts';
import type { PackageProgress, PackageResult, PackageVariant } from '../worker/packageProtocol.ts';
import type { AppState, SliceCreator } from './appStore.ts';
import { createWorkerPackageClient, type PackageClient } from './packageClient.ts';
import { DEFAULT_PACKAGE_SELECTION, selectPackageLocalities, type PackageSelection } from '../core/ctuPackage/packageSelection.ts';
import { loadedDisplayPack } from './packRepository.ts';
import { LOCALITY_STATUSES, type LocalityStatus } from '../core/review/reviewModel.ts';

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
  /** The covering letter's addressee, sender, č. j. and place, per kraj (remembered). */
  letterSettingsByKraj: Record<string, LetterSettings>;
  openPackageDialog(): void;
  /** Changes the letter's settings of the current kraj; a value the letter would refuse is not taken. */
  setLetterSettings(patch: Partial<LetterSettings>): void;
  closePackageDialog(): void;
  setPackageContact(contact: Partial<PackageContact>): void;
  setPackageSelection(selection: Partial<PackageSelection>): void;
  setPackageIncludeReporters(include: boolean): void;
  /**
   * Builds the package (or the public variant) of the selected localities in the worker; null when it failed. A ČTÚ
   * package is numbered after the kraj's server's history when connected (refreshed just before numbering).
   * `rebuildOf`: the number of a package of the history this build replaces (refused by the server: the number was
   * taken by a colleague's package); the new record names it, and the old record leaves the history.
   */
  buildPackage(variant: PackageVariant, options?: { rebuildOf?: string }): Promise<PackageResult | null>;
  /**
   * "Sestavit znovu": the package under `number`, whose number the kraj's server gave to a colleague's package, is
   * built again with its selection through buildPackage and recorded under the next free number; null when it
   * could not be (unknown, already sent, the build failed: the old record then stays).
   */
  rebuildPackage(number: string): Promise<PackageResult | null>;
}

/** The selection a package of the history was built with (as recordPackage keeps it), for building it again. */
function packageSelectionOf(selection: Record<string, unknown>): Partial<PackageSelection> {
  const statuses = Array.isArray(selection.statuses)
    ? selection.statuses.filter((s): s is LocalityStatus => (LOCALITY_STATUSES as readonly unknown[]).includes(s))
    : undefined;
  const date = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  return {
    ...(statuses ? { statuses } : {}),
    orpKod: typeof selection.orp === 'string' && selection.orp !== 'all' ? selection.orp : null,
    from: date(selection.from),
    to: date(selection.to),
  };
}

function previousPackageRecord(history: Parameters<typeof previousPackageOf>[0], nuts3: string) {
  const previous = previousPackageOf(history, nuts3);
  return previous ? { number: previous.number, localities: previous.localities } : null;
}

/** The letter's settings of the current kraj as edited (ČTÚ's address until changed). */
export function letterSettingsOf(state: Pick<AppState, 'krajId' | 'letterSettingsByKraj'>): LetterSettings {
  return state.letterSettingsByKraj[state.krajId] ?? DEFAULT_LETTER_SETTINGS;
}

/** The settings the letter is built with: checked and trimmed; a value the letter refuses falls back to the default. */
function letterSettingsForLetter(state: Pick<AppState, 'krajId' | 'letterSettingsByKraj'>): LetterSettings {
  const parsed = parseLetterSettings(letterSettingsOf(state));
  return parsed.ok ? parsed.settings : DEFAULT_LETTER_SETTINGS;
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
    ...(pack ? { orp: mapAreasOf(pack.orp), obce: mapAreasOf(pack.obce) } : {}),
    letterSettings: letterSettingsForLetter(state),
    ...(variant === 'ctu' ? { previousPackage: previousPackageRecord(state.review.packages ?? [], kraj.nuts3) } : {}),
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
      letterSettingsByKraj: {},

      openPackageDialog: () => set({ packageDialogOpen: true, packageJob: { status: 'idle' } }),
      closePackageDialog: () => set({ packageDialogOpen: false }),
      setPackageContact: (contact) => set((state) => ({ packageContact: { ...state.packageContact, ...contact } })),
      setPackageSelection: (selection) => set((state) => ({ packageSelection: { ...state.packageSelection, ...selection } })),
      setPackageIncludeReporters: (packageIncludeReporters) => set({ packageIncludeReporters }),
      setLetterSettings: (patch) =>
        set((state) => {
          const current = letterSettingsOf(state);
          return { letterSettingsByKraj: { ...state.letterSettingsByKraj, [state.krajId]: { ...current, ...patch } } };
        }),

      rebuildPackage: async (number) => {
        const old = (get().review.packages ?? []).find((r) => r.number === number);
        if (!old || old.sent) return null;
        get().setPackageSelection(packageSelectionOf(old.selection));
        return get().buildPackage('ctu', { rebuildOf: number });
      },

      buildPackage: async (variant, options = {}) => {
        const state = get();
        if (state.packageJob.status === 'running') return null;
        const generatedAt = now();
        const source = packageSourceOf(state, variant, generatedAt);
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
        // The package history (number, who, selection, SHA-256, the localities as they went), kept with the review.
        if (variant === 'ctu') {
          const digest = await globalThis.crypto.subtle.digest('SHA-256', outcome.result.zip as Uint8Array<ArrayBuffer>);
          const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
          const by = get().reviewerName ?? state.packageContact.name.trim();
          // The localities as they went: the package's own selection of the kraj's localities (loaded with the package).
          const { packageLocalitiesOf } = await import('./packageLocalities.ts');
          const localities = selectPackageLocalities(packageLocalitiesOf(state, generatedAt) ?? [], state.packageSelection);
          const selection = {
            statuses: state.packageSelection.statuses,
            orp: state.packageSelection.orpKod ?? 'all',
            from: state.packageSelection.from,
            to: state.packageSelection.to,
          };
          // Numbered after the kraj's history on the server too (a colleague's packages), when connected.
          if (get().workspace.connection === 'online') await get().refreshPackageHistory();
          await get().changeReview((review) => {
            const history = review.packages ?? [];
            const old = options.rebuildOf ? history.find((r) => r.number === options.rebuildOf && !r.sent) : undefined;
            const record = recordPackage(history, {
              nuts3: source.kraj.nuts3,
              createdAt: generatedAt,
              by,
              fileName: outcome.result.fileName,
              sha256,
              selection,
              localities,
              ...(old ? { replaces: { number: old.number, sha256: old.sha256, fileName: old.fileName, createdAt: old.createdAt } } : {}),
            });
            return { review: { ...review, packages: [...history.filter((r) => r !== old), record] }, value: record };
          });
        }
        return outcome.result;
      },
    };
  };
}
