/**
 * The shared workspace of the kraj (a server, src/server): connecting to it, signing in by an e-mailed link, and the
 * offline sync of reports and review through WorkspaceSync (store/sync/). Without a server nothing here runs and
 * the app works in the browser alone, as before. The engine and its timers live in this closure, not in the state.
 */
import { mergeServerPackageHistory } from '../core/ctu/packageHistory.ts';
import { exportReviewFile } from '../core/review/reviewFile.ts';
import type { ReportFeature } from '../core/obecFile/obecFileFormat.ts';
import type { DeletedReport } from '../core/sync/protocol.ts';
import type { SliceCreator } from './appStore.ts';
import { openPhotoQueueStorage, type PhotoQueueStorage } from './sync/photoQueue.ts';
import { openLedgerStorage, type LedgerStorage } from './sync/syncLedger.ts';
import {
  createWorkspaceClient,
  normalizeServerUrl,
  type WorkspaceClient,
  type WorkspaceFailureCode,
  type WorkspaceIdentity,
  type WorkspaceMembership,
} from './sync/workspaceClient.ts';
import type { PackageServerState, ReportPhotoState, ReportProcessState, ReportSyncState, WorkspaceSync } from './sync/workspaceSync.ts';

export type WorkspaceConnection =
  /** Browser-only mode (no server chosen). */
  | 'off'
  | 'connecting'
  /** The server answers. */
  | 'online'
  /** No connection now: reports wait in the outbox and go out when it returns. */
  | 'offline';

export interface WorkspaceConflictView {
  id: string;
  localDescription: string | null;
  server: { deleted: true } | { deleted: false; description: string; revision: number };
}

export interface WorkspaceState {
  /** The server's address; null: browser-only. Persisted. */
  serverUrl: string | null;
  connection: WorkspaceConnection;
  /** Who is signed in (null user: signed out); null while not known. */
  identity: WorkspaceIdentity | null;
  syncing: boolean;
  lastSyncAt: string | null;
  /** The last failure (offline, timeout, signed out, refused …), shown as a sentence. */
  failure: WorkspaceFailureCode | null;
  /** A sign-in link was asked for this address (shown as "check your mail"). */
  linkRequestedFor: string | null;
  /** The address of an invitation mail's link (`?prihlasit=E`): the sign-in form starts with it. */
  invitedEmail: string | null;
}

export interface WorkspaceSlice {
  workspace: WorkspaceState;
  /** The sync state of each report (waiting / sent / conflict / rejected) while connected. */
  reportSyncStates: Record<string, ReportSyncState>;
  /** The state of each report in the kraj's process (from the shared review). */
  reportProcessStates: Record<string, ReportProcessState>;
  /** The upload state of each report's photo this browser sends (waiting / uploading / sent / failed with a code). */
  reportPhotoStates: Record<string, ReportPhotoState>;
  /** Sends a photo the server refused again (with a sync now). */
  retryPhotoUpload(reportId: string): Promise<void>;
  syncConflicts: WorkspaceConflictView[];
  syncRejections: Array<{ id: string; codes: string[] }>;
  /**
   * Kraj staff and admins: whether the server of the kraj has each package of the history (by number): not yet
   * (waiting: no connection, or not tried yet), recorded, or refused with its code. Empty otherwise.
   */
  packageServerStates: Record<string, PackageServerState>;
  /** Sends a package the server refused (or that waits) again now. */
  retryPackageUpload(number: string): Promise<void>;
  /**
   * Coordinators, kraj staff and admins connected and signed in: the kraj's package history from the server into
   * this browser's (before a package is numbered, and with every sync). False when it could not be asked now.
   */
  refreshPackageHistory(): Promise<boolean>;
  /** Called once at start: reconnects to the saved server, or connects to the server that serves the app. */
  startWorkspace(): Promise<void>;
  connectWorkspace(address: string): Promise<{ ok: true } | { ok: false; code: WorkspaceFailureCode | 'workspace.badAddress' }>;
  disconnectWorkspace(): Promise<void>;
  requestSignInLink(email: string): Promise<{ ok: boolean; code?: WorkspaceFailureCode | 'workspace.badEmail' }>;
  signOutWorkspace(): Promise<void>;
  syncWorkspace(): Promise<void>;
  resolveSyncConflict(id: string, choice: 'mine' | 'server'): Promise<void>;
}

export interface WorkspaceDependencies {
  fetch?: typeof fetch;
  indexedDB?: IDBFactory | null;
  /** How often a signed-in browser pulls (live updates for coordinators, process states for mayors). */
  pollMs?: number;
  /** After an edit, how long to wait before pushing (edits of one minute go out together). */
  pushDelayMs?: number;
  now?: () => string;
  /** The workspace server that serves the app, if one does (default: location.origin when index.html says so). */
  ownOrigin?: () => string | null;
  /** The address an invitation's link carries (default: the page's `?prihlasit=` parameter). */
  invitedEmail?: () => string | null;
}

/** The query parameter of the invitation mail's link (src/server/invitation.ts). */
export const INVITED_EMAIL_PARAMETER = 'prihlasit';

/** The invited address from the page's address, once: the parameter is then removed from the address bar. */
function invitedEmailFromLocation(): string | null {
  if (typeof location === 'undefined' || typeof history === 'undefined') return null;
  const url = new URL(location.href);
  const email = url.searchParams.get(INVITED_EMAIL_PARAMETER);
  if (email === null) return null;
  url.searchParams.delete(INVITED_EMAIL_PARAMETER);
  history.replaceState(history.state, '', url.toString());
  const address = email.trim();
  return address.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? address : null;
}

const INITIAL: WorkspaceState = {
  serverUrl: null,
  connection: 'off',
  identity: null,
  syncing: false,
  lastSyncAt: null,
  failure: null,
  linkRequestedFor: null,
  invitedEmail: null,
};

/** True when the page came from a workspace server (src/server marks its index.html). */
function servedByWorkspace(): boolean {
  return typeof document !== 'undefined' && document.querySelector('meta[name="hlucha-mista-workspace"]') !== null && /^https?:$/.test(location.protocol);
}

export function isCoordinatorRole(memberships: readonly WorkspaceMembership[]): boolean {
  return memberships.some((m) => m.role === 'bco' || m.role === 'kraj' || m.role === 'admin');
}

/** The kraje whose ČTÚ packages this person records on the server (kraj staff and admins). */
export function packageKraje(memberships: readonly WorkspaceMembership[]): Set<string> {
  return new Set(memberships.filter((m) => (m.role === 'kraj' || m.role === 'admin') && m.kraj !== null).map((m) => m.kraj!));
}

function describe(feature: ReportFeature | DeletedReport): WorkspaceConflictView['server'] {
  if ('deleted' in feature && feature.deleted === true) return { deleted: true };
  const report = feature as ReportFeature;
  return { deleted: false, description: report.properties.description, revision: report.properties.revision };
}

export function createWorkspaceSlice(dependencies: WorkspaceDependencies = {}): SliceCreator<WorkspaceSlice> {
  return (set, get, api) => {
    let engine: WorkspaceSync | null = null;
    let client: WorkspaceClient | null = null;
    let storage: LedgerStorage | null | undefined;
    let photoStorage: PhotoQueueStorage | null | undefined;
    let pollTimer: ReturnType<typeof setInterval> | null = null;
    let pushTimer: ReturnType<typeof setTimeout> | null = null;
    let unsubscribe: (() => void) | null = null;
    const now = dependencies.now ?? (() => new Date().toISOString());
    const pollMs = dependencies.pollMs ?? 15_000;
    const pushDelayMs = dependencies.pushDelayMs ?? 1_500;

    const patch = (change: Partial<WorkspaceState>) => set((state) => ({ workspace: { ...state.workspace, ...change } }));

    /** The packages of the history this person records on the server. */
    const packagesToRecord = () => {
      const kraje = packageKraje(get().workspace.identity?.memberships ?? []);
      return kraje.size === 0 ? [] : (get().review.packages ?? []).filter((record) => kraje.has(record.nuts3));
    };

    const publish = () => {
      if (!engine) {
        set({ reportSyncStates: {}, reportProcessStates: {}, reportPhotoStates: {}, syncConflicts: [], syncRejections: [], packageServerStates: {} });
        return;
      }
      set({
        packageServerStates: engine.packageStates(packagesToRecord()),
        reportSyncStates: engine.states(),
        reportProcessStates: engine.processStates(),
        reportPhotoStates: engine.photoStates(),
        syncConflicts: engine.conflicts().map((c) => ({ id: c.id, localDescription: c.local?.description ?? null, server: describe(c.server) })),
        syncRejections: engine.rejections().map((r) => ({ id: r.id, codes: (r.problems ?? []).map((p) => p.code) })),
      });
    };

    const stopTimers = () => {
      if (pollTimer) clearInterval(pollTimer);
      if (pushTimer) clearTimeout(pushTimer);
      pollTimer = null;
      pushTimer = null;
      unsubscribe?.();
      unsubscribe = null;
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        document.removeEventListener('visibilitychange', onVisible);
      }
    };
    const onOnline = () => void get().syncWorkspace();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void get().syncWorkspace();
    };

    const startTimers = () => {
      stopTimers();
      pollTimer = setInterval(() => void get().syncWorkspace(), pollMs);
      unsubscribe = api.subscribe((state, previous) => {
        if (state.reports === previous.reports && state.review === previous.review) return;
        publish();
        if (pushTimer) clearTimeout(pushTimer);
        pushTimer = setTimeout(() => void get().syncWorkspace(), pushDelayMs);
      });
      if (typeof window !== 'undefined') {
        window.addEventListener('online', onOnline);
        document.addEventListener('visibilitychange', onVisible);
      }
    };

    const identify = async (): Promise<boolean> => {
      if (!client) return false;
      const me = await client.me();
      if (!me.ok) {
        patch({ connection: me.code === 'workspace.offline' || me.code === 'workspace.timeout' ? 'offline' : 'online', failure: me.code });
        return false;
      }
      patch({ connection: 'online', identity: me.value, failure: null });
      return me.value.user !== null;
    };

    const openEngine = async (serverUrl: string) => {
      client = createWorkspaceClient(serverUrl, dependencies.fetch ? { fetch: dependencies.fetch } : {});
      const factory = dependencies.indexedDB === undefined ? globalThis.indexedDB : dependencies.indexedDB;
      if (storage === undefined) storage = await openLedgerStorage(factory);
      if (photoStorage === undefined) photoStorage = await openPhotoQueueStorage(factory);
      // The sync engine is loaded only by a browser that has a workspace (browser-only mode never needs it).
      const { WorkspaceSync } = await import('./sync/workspaceSync.ts');
      engine = await WorkspaceSync.open(
        client,
        storage,
        {
          ready: () => get().storage.state !== 'loading',
          reports: () => get().reports,
          importFeatures: (features) =>
            get().importObecFile(JSON.stringify({ type: 'FeatureCollection', hluchaMista: { format: 'hlucha-mista/obec-file', schemaVersion: 3 }, features })),
          deleteLocal: (id) => get().deleteReport(id),
          attachPhoto: (reportId, photoId, dataUrl) => get().attachPhotoData(reportId, photoId, dataUrl),
        },
        photoStorage,
      );
      // "Odesílá se" shows while a photo's request runs, not only after the sync.
      engine.photos.onChange = () => set({ reportPhotoStates: engine?.photoStates() ?? {} });
      publish();
    };

    const connect = async (serverUrl: string): Promise<WorkspaceFailureCode | null> => {
      patch({ serverUrl, connection: 'connecting', failure: null });
      const probe = createWorkspaceClient(serverUrl, dependencies.fetch ? { fetch: dependencies.fetch } : {});
      const health = await probe.health();
      if (!health.ok && health.code === 'workspace.notAServer') {
        patch({ connection: 'off', serverUrl: null, failure: health.code });
        return health.code;
      }
      await openEngine(serverUrl);
      startTimers();
      if (!health.ok) {
        // A weak signal at start: the server chosen earlier stays chosen; reports wait in the outbox.
        patch({ connection: health.code === 'workspace.serverError' ? 'online' : 'offline', failure: health.code });
        return null;
      }
      if (await identify()) await get().syncWorkspace();
      return null;
    };

    return {
      workspace: INITIAL,
      reportSyncStates: {},
      reportProcessStates: {},
      reportPhotoStates: {},
      syncConflicts: [],
      syncRejections: [],
      packageServerStates: {},

      async retryPhotoUpload(reportId) {
        if (!engine) return;
        await engine.retryPhoto(reportId);
        publish();
        await get().syncWorkspace();
      },

      async retryPackageUpload(number) {
        if (!engine) return;
        await engine.retryPackage(number);
        publish();
        await get().syncWorkspace();
      },

      async refreshPackageHistory() {
        if (!engine || !isCoordinatorRole(get().workspace.identity?.memberships ?? [])) return false;
        const pulled = await engine.pullPackages(get().review.packages ?? []);
        const server = pulled.server;
        if (server && server.length > 0) {
          await get().changeReview((review) => {
            const merged = mergeServerPackageHistory(review.packages ?? [], server);
            return { review: merged.history === review.packages ? review : { ...review, packages: merged.history }, value: null };
          });
        }
        publish();
        return pulled.failure === null;
      },

      async startWorkspace() {
        const invitedEmail = (dependencies.invitedEmail ?? invitedEmailFromLocation)();
        if (invitedEmail) patch({ invitedEmail });
        const saved = get().workspace.serverUrl;
        if (saved) {
          await connect(saved);
          return;
        }
        // Served by the workspace server itself (it marks the page with a meta tag): connected by default.
        const origin = dependencies.ownOrigin ? dependencies.ownOrigin() : servedByWorkspace() ? location.origin : null;
        if (origin) await connect(origin);
      },

      async connectWorkspace(address) {
        const serverUrl = normalizeServerUrl(address);
        if (!serverUrl) return { ok: false, code: 'workspace.badAddress' };
        const failure = await connect(serverUrl);
        return failure ? { ok: false, code: failure } : { ok: true };
      },

      async disconnectWorkspace() {
        stopTimers();
        await engine?.forget();
        engine = null;
        client = null;
        set({ workspace: INITIAL });
        publish();
      },

      async requestSignInLink(email) {
        const address = email.trim();
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) || address.length > 254) return { ok: false, code: 'workspace.badEmail' };
        if (!client) return { ok: false, code: 'workspace.offline' };
        const answer = await client.requestSignInLink(address);
        if (!answer.ok) {
          patch({ failure: answer.code });
          return { ok: false, code: answer.code };
        }
        patch({ linkRequestedFor: address, failure: null });
        return { ok: true };
      },

      async signOutWorkspace() {
        if (!client) return;
        await client.signOut();
        patch({ identity: { user: null, memberships: [] }, linkRequestedFor: null });
      },

      async syncWorkspace() {
        if (!engine || !client || get().workspace.syncing) return;
        const identity = get().workspace.identity;
        if (!identity?.user) {
          // Not signed in (or not known yet): ask again; a sign-in in another tab shows here.
          if (!(await identify())) return;
        }
        patch({ syncing: true });
        try {
          const outcome = await engine.sync();
          const memberships = get().workspace.identity?.memberships ?? [];
          if (outcome.ok && isCoordinatorRole(memberships)) {
            const kraj = get().krajId;
            const localities = get().analysis.result?.localities ?? [];
            const reportIdsOf = (localityId: string) => localities.find((l) => l.id === localityId)?.reportIds ?? [];
            const failure = await engine.pushReview(kraj, get().review, reportIdsOf);
            if (failure) outcome.failure = failure;
          }
          // The kraj's package history comes from the server (a colleague's packages, the numbers they hold), and
          // this browser's goes to it like the reports: what it does not have waits for the next round.
          if (outcome.ok && isCoordinatorRole(memberships)) await get().refreshPackageHistory();
          const packages = packagesToRecord();
          if (outcome.ok && packages.length > 0) {
            const failure = await engine.pushPackages(packages);
            if (failure) outcome.failure = failure;
          }
          const pulled = engine.takePulledReview();
          if (pulled && isCoordinatorRole(memberships)) await get().importReview(exportReviewFile(pulled, now()));
          if (outcome.failure === 'workspace.signedOut') patch({ identity: { user: null, memberships: [] } });
          patch({
            connection: outcome.failure === 'workspace.offline' || outcome.failure === 'workspace.timeout' ? 'offline' : 'online',
            failure: outcome.failure,
            ...(outcome.ok ? { lastSyncAt: now() } : {}),
          });
        } finally {
          patch({ syncing: false });
          publish();
        }
      },

      async resolveSyncConflict(id, choice) {
        if (!engine) return;
        await engine.resolve(id, choice);
        publish();
        await get().syncWorkspace();
      },
    };
  };
}
