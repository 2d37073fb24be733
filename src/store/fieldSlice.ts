/**
 * Field mode (README, "Field mode"): the device's network state, "Tady není signál" (one GPS position becomes a
 * point report), recording a route whose marked stretches become line reports, GPX import, and the offline app's
 * update offer. Plain data only: the geolocation watch and the service worker live in the UI (src/ui/field), which
 * feeds positions and events into these actions; the reports are made by the reports and editor slices.
 *
 * The route's raw track stays in memory for the session; the open stretch (samples since "bez signálu od teď") is
 * written to storage after every kept sample, so a reload mid-recording loses at most the samples not taken yet.
 * Finished stretches are saved as reports at once.
 */
import { captureProblems } from '../core/field/captureProblems.ts';
import { draftFromGpxLine, draftFromGpxWaypoint, draftFromPosition, draftFromStretch, type FieldReportDraft } from '../core/field/fieldReports.ts';
import { DEFAULT_MAX_ACCURACY_M, isFieldPreset, maxAccuracyFrom, ROUTE_PRESETS, type FieldPreset } from '../core/field/fieldSettings.ts';
import { shouldKeepSample, splitIntoStretches, type RouteSample } from '../core/field/routeSampling.ts';
import type { GpxProblemCode } from '../core/gpx/gpx.ts';
import type { ReportProblem } from '../core/reports/validateReport.ts';
import type { SliceCreator } from './appStore.ts';

/** Why no position came (Geolocation API error codes, plus a browser without it or a page that is not secure). */
export type GeolocationProblemCode =
  | 'geolocation.permissionDenied'
  | 'geolocation.unavailable'
  | 'geolocation.timeout'
  | 'geolocation.unsupported'
  | 'geolocation.insecure';

/** A position of the device as the Geolocation API gives it. */
export interface DevicePosition {
  lon: number;
  lat: number;
  /** Metres, 95 % confidence. */
  accuracyM: number;
  /** ISO date-time. */
  at: string;
}

export type NoSignalCapture =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'failed'; code: GeolocationProblemCode }
  /** The report is made. `otherKraj`: it lies in another kraj than the chosen one. */
  | { status: 'saved'; reportId: string; accuracyM: number; inaccurate: boolean; otherKraj: { nuts3: string; nazev: string } | null }
  | { status: 'refused'; problems: ReportProblem[] };

export interface RouteRecording {
  /** 'interrupted': restored after a reload; positions come again after "Pokračovat". */
  status: 'recording' | 'interrupted';
  preset: FieldPreset;
  startedAt: string;
  /** The person's mark: "bez signálu od teď" (true) until "signál je zpět". */
  noSignal: boolean;
  /** The samples kept this session (memory only). */
  track: RouteSample[];
  /** The samples of the stretch still open (persisted). */
  openStretch: RouteSample[];
  /** The newest position, kept or not (where a mark is set). */
  lastPosition: DevicePosition | null;
  savedReportIds: string[];
  /** Stretches that could not become reports (outside Czechia…). */
  refused: number;
  problem: GeolocationProblemCode | null;
}

export interface GpxImportResult {
  fileName: string;
  problem: { code: GpxProblemCode; params?: Record<string, string | number> } | null;
  created: number;
  /** Lines or waypoints that could not become reports, with the first problem. */
  refused: Array<{ name: string | null; problem: ReportProblem }>;
}

export type AppUpdateState = 'none' | 'offlineReady' | 'waiting' | 'updating';

export interface FieldSlice {
  /** navigator.onLine: the device has a network connection (not: the mobile signal is good). */
  online: boolean;
  fieldPreset: FieldPreset;
  maxAccuracyM: number;
  noSignalCapture: NoSignalCapture;
  route: RouteRecording | null;
  /** What the last finished route made. */
  lastRoute: { savedReportIds: string[]; refused: number } | null;
  gpxImport: GpxImportResult | null;
  appUpdate: AppUpdateState;

  setOnline(online: boolean): void;
  setFieldPreset(preset: FieldPreset): void;
  /** A whole number of metres (5–1000); false (and nothing changed) otherwise. */
  setMaxAccuracyM(value: unknown): boolean;
  startLocating(): void;
  locatingFailed(code: GeolocationProblemCode): void;
  /** "Tady není signál": the position becomes a point report; its form opens. */
  reportNoSignalAt(position: DevicePosition): Promise<void>;
  dismissNoSignalCapture(): void;
  startRoute(now: string): void;
  resumeRoute(): void;
  addRoutePosition(position: DevicePosition): Promise<void>;
  /** "Bez signálu od teď" / "Signál je zpět" at the newest position; false without one yet. */
  toggleNoSignal(): Promise<boolean>;
  routeFailed(code: GeolocationProblemCode): void;
  /** Ends the recording: an open stretch is saved; the track is forgotten. */
  stopRoute(): Promise<void>;
  /** Reads a route persisted by an earlier page (after a reload) as 'interrupted'. */
  restoreRoute(): void;
  importGpx(fileName: string, text: string): Promise<GpxImportResult>;
  /** A file refused before it was read (too large). */
  refuseGpxFile(fileName: string, code: GpxProblemCode, params?: Record<string, string | number>): void;
  dismissGpxImport(): void;
  setAppUpdate(state: AppUpdateState): void;
}

export interface FieldDependencies {
  /** Where the open stretch is kept across reloads; default localStorage (null: nowhere). */
  routeStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  now?: () => string;
}

export const ROUTE_STORAGE_KEY = 'hlucha-mista.route';

interface PersistedRoute {
  preset: FieldPreset;
  startedAt: string;
  noSignal: boolean;
  openStretch: RouteSample[];
  savedReportIds: string[];
  refused: number;
}

function isSample(value: unknown): value is RouteSample {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.lon === 'number' && typeof s.lat === 'number' && typeof s.accuracyM === 'number' && typeof s.at === 'string' && typeof s.noSignal === 'boolean'
  );
}

function readPersistedRoute(text: string | null): PersistedRoute | null {
  if (!text) return null;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (!isFieldPreset(data.preset) || typeof data.startedAt !== 'string' || typeof data.noSignal !== 'boolean') return null;
    if (!Array.isArray(data.openStretch) || !data.openStretch.every(isSample)) return null;
    const savedReportIds = Array.isArray(data.savedReportIds) ? data.savedReportIds.filter((id): id is string => typeof id === 'string') : [];
    return {
      preset: data.preset,
      startedAt: data.startedAt,
      noSignal: data.noSignal,
      openStretch: data.openStretch,
      savedReportIds,
      refused: typeof data.refused === 'number' ? data.refused : 0,
    };
  } catch {
    return null;
  }
}

function defaultRouteStorage(): FieldDependencies['routeStorage'] {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function createFieldSlice(dependencies: FieldDependencies = {}): SliceCreator<FieldSlice> {
  return (set, get) => {
    const storage = dependencies.routeStorage === undefined ? defaultRouteStorage() : dependencies.routeStorage;
    const now = dependencies.now ?? (() => new Date().toISOString());

    const persistRoute = (route: RouteRecording | null) => {
      if (!storage) return;
      try {
        if (!route) storage.removeItem(ROUTE_STORAGE_KEY);
        else {
          const persisted: PersistedRoute = {
            preset: route.preset,
            startedAt: route.startedAt,
            noSignal: route.noSignal,
            openStretch: route.openStretch,
            savedReportIds: route.savedReportIds,
            refused: route.refused,
          };
          storage.setItem(ROUTE_STORAGE_KEY, JSON.stringify(persisted));
        }
      } catch {
        // A full storage must not stop the recording: the stretch is still saved as a report when it ends.
      }
    };

    const setRoute = (route: RouteRecording | null) => {
      set({ route });
      persistRoute(route);
    };

    /** Creates the reports of field drafts without opening their forms; returns ids and refusals. */
    const createDrafts = async (drafts: Array<{ draft: FieldReportDraft; name: string | null }>) => {
      const ids: string[] = [];
      const refused: GpxImportResult['refused'] = [];
      for (const { draft, name } of drafts) {
        const result = await get().createReport(draft.geometry, draft.fields, { capture: draft.capture });
        if (result.ok) ids.push(result.id);
        else refused.push({ name, problem: result.problems[0] ?? { path: 'geometry', code: 'geometry.invalid' } });
      }
      return { ids, refused };
    };

    /** Saves the open stretch (ending at `end` when given) as report(s); the route continues without it. */
    const closeStretch = async (route: RouteRecording, end: RouteSample | null): Promise<RouteRecording> => {
      const samples = end ? [...route.openStretch, end] : route.openStretch;
      const drafts = splitIntoStretches(samples).map((stretch) => ({ draft: draftFromStretch(stretch, route.preset), name: null }));
      const { ids, refused } = await createDrafts(drafts);
      return { ...route, openStretch: [], savedReportIds: [...route.savedReportIds, ...ids], refused: route.refused + refused.length };
    };

    return {
      online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
      fieldPreset: 'outdoors',
      maxAccuracyM: DEFAULT_MAX_ACCURACY_M,
      noSignalCapture: { status: 'idle' },
      route: null,
      lastRoute: null,
      gpxImport: null,
      appUpdate: 'none',

      setOnline: (online) => set({ online }),
      setFieldPreset: (fieldPreset) => set({ fieldPreset }),
      setMaxAccuracyM: (value) => {
        const metres = maxAccuracyFrom(value);
        if (metres === null) return false;
        set({ maxAccuracyM: metres });
        return true;
      },

      startLocating: () => set({ noSignalCapture: { status: 'locating' } }),
      locatingFailed: (code) => set({ noSignalCapture: { status: 'failed', code } }),

      reportNoSignalAt: async (position) => {
        const draft = draftFromPosition(position, get().fieldPreset);
        const placed = await get().placeReport(draft.geometry, { fields: draft.fields, capture: draft.capture });
        const { notice, createdReportId } = get().editor;
        if (!placed || !createdReportId) {
          set({ noSignalCapture: { status: 'refused', problems: notice?.kind === 'refused' ? notice.problems : [] } });
          return;
        }
        const report = get().reports[createdReportId];
        const kraj = report?.place?.kraj;
        // Bring the new point into view with its uncertainty around it (a laptop's map may show another place).
        if (report?.geometry.type === 'Point') {
          const [lon, lat] = report.geometry.coordinates as [number, number];
          const radiusM = Math.min(Math.max(position.accuracyM, 150), 5_000);
          const dLat = radiusM / 111_320;
          const dLon = dLat / Math.cos((lat * Math.PI) / 180);
          get().requestView([lon - dLon, lat - dLat, lon + dLon, lat + dLat], 16);
        }
        set({
          noSignalCapture: {
            status: 'saved',
            reportId: createdReportId,
            accuracyM: position.accuracyM,
            inaccurate: report ? captureProblems(report, get().maxAccuracyM).length > 0 : false,
            otherKraj: kraj && kraj.nuts3 !== get().krajId ? { nuts3: kraj.nuts3, nazev: kraj.nazev } : null,
          },
        });
      },

      dismissNoSignalCapture: () => set({ noSignalCapture: { status: 'idle' } }),

      startRoute: (startedAt) => {
        if (get().route) return;
        setRoute({
          status: 'recording',
          preset: get().fieldPreset,
          startedAt,
          noSignal: false,
          track: [],
          openStretch: [],
          lastPosition: null,
          savedReportIds: [],
          refused: 0,
          problem: null,
        });
        set({ lastRoute: null });
      },

      resumeRoute: () => {
        const route = get().route;
        if (route?.status === 'interrupted') setRoute({ ...route, status: 'recording', problem: null });
      },

      addRoutePosition: async (position) => {
        const route = get().route;
        if (!route || route.status !== 'recording') return;
        const sample: RouteSample = { ...position, noSignal: route.noSignal };
        const last = route.track[route.track.length - 1] ?? null;
        if (!shouldKeepSample(last, sample, ROUTE_PRESETS[route.preset].sampleDistanceM)) {
          set({ route: { ...route, lastPosition: position, problem: null } });
          return;
        }
        setRoute({
          ...route,
          lastPosition: position,
          problem: null,
          track: [...route.track, sample],
          openStretch: route.noSignal ? [...route.openStretch, sample] : route.openStretch,
        });
      },

      toggleNoSignal: async () => {
        const route = get().route;
        if (!route || route.status !== 'recording' || !route.lastPosition) return false;
        const noSignal = !route.noSignal;
        const at = route.lastPosition;
        if (noSignal) {
          const start: RouteSample = { ...at, at: now(), noSignal: true };
          setRoute({ ...route, noSignal, track: [...route.track, start], openStretch: [start] });
          return true;
        }
        const end: RouteSample = { ...at, at: now(), noSignal: false };
        setRoute({ ...route, noSignal, track: [...route.track, end] });
        const closed = await closeStretch({ ...route, noSignal, track: [...route.track, end] }, end);
        const current = get().route;
        if (!current) return true;
        // Positions (and a new mark) that came while the reports were being saved are kept.
        setRoute({
          ...current,
          openStretch: current.openStretch === route.openStretch ? [] : current.openStretch,
          savedReportIds: [...closed.savedReportIds, ...current.savedReportIds.filter((id) => !closed.savedReportIds.includes(id))],
          refused: closed.refused,
        });
        return true;
      },

      routeFailed: (code) => {
        const route = get().route;
        if (route) set({ route: { ...route, problem: code } });
      },

      stopRoute: async () => {
        const route = get().route;
        if (!route) return;
        const end = route.noSignal && route.lastPosition ? { ...route.lastPosition, at: now(), noSignal: false } : null;
        const closed = route.openStretch.length > 0 ? await closeStretch(route, end) : route;
        setRoute(null);
        set({ lastRoute: { savedReportIds: closed.savedReportIds, refused: closed.refused } });
      },

      restoreRoute: () => {
        if (get().route || !storage) return;
        let persisted: PersistedRoute | null = null;
        try {
          persisted = readPersistedRoute(storage.getItem(ROUTE_STORAGE_KEY));
        } catch {
          persisted = null;
        }
        if (!persisted) return;
        const last = persisted.openStretch[persisted.openStretch.length - 1];
        set({
          route: {
            status: 'interrupted',
            ...persisted,
            track: [...persisted.openStretch],
            lastPosition: last ? { lon: last.lon, lat: last.lat, accuracyM: last.accuracyM, at: last.at } : null,
            problem: null,
          },
        });
      },

      importGpx: async (fileName, text) => {
        // The GPX reader (and its XML parser) is loaded when a first GPX file is read.
        const { parseGpx } = await import('../core/gpx/gpx.ts');
        const parsed = parseGpx(text);
        let result: GpxImportResult;
        if (!parsed.ok) {
          result = { fileName, problem: { code: parsed.code, ...(parsed.params ? { params: parsed.params } : {}) }, created: 0, refused: [] };
        } else {
          const importedAt = now();
          const drafts = [
            ...parsed.lines.map((line) => ({ draft: draftFromGpxLine(line, importedAt), name: line.name })),
            ...parsed.waypoints.map((waypoint) => ({ draft: draftFromGpxWaypoint(waypoint, importedAt), name: waypoint.name })),
          ];
          const { ids, refused } = await createDrafts(drafts);
          result = { fileName, problem: null, created: ids.length, refused };
        }
        set({ gpxImport: result });
        return result;
      },

      refuseGpxFile: (fileName, code, params) => set({ gpxImport: { fileName, problem: { code, ...(params ? { params } : {}) }, created: 0, refused: [] } }),
      dismissGpxImport: () => set({ gpxImport: null }),
      setAppUpdate: (appUpdate) => set({ appUpdate }),
    };
  };
}
