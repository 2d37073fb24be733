/**
 * What the store tests share, as factories (no shared mutable fixtures): a fresh in-memory IndexedDB, channel and
 * settings storage per test ("a browser profile"), stores on it ("tabs"), real boundary indexes for derivePlace,
 * and geometries and reports built anew on every call.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import type { LineString, Point, Polygon } from 'geojson';
import { onTestFinished } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { COUNTRY_PACK_ID } from '../../src/core/packs/packFormat.ts';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import type { ReportsDependencies } from '../../src/store/reportsSlice.ts';
import { countryObecIndex, requirePacks } from '../support/packs.ts';

let karlovarskyIndex: ObecIndex | undefined;
/** The Karlovarský kraj's index (read-only, built once per test file). */
function krajIndex(): ObecIndex {
  requirePacks();
  karlovarskyIndex ??= ObecIndex.fromCollection(readObce('CZ041'), { coverage: 'pack' });
  return karlovarskyIndex;
}

/** The index loader the app gets from packRepository, here from the packs on disk. */
export async function loadIndexFromDisk(packId: string): Promise<ObecIndex> {
  if (packId === 'CZ041') return krajIndex();
  if (packId === COUNTRY_PACK_ID) return countryObecIndex();
  throw new Error(`pack ${packId} is not used in these tests`);
}

/** One browser profile: its IndexedDB, its BroadcastChannel name, its localStorage. */
export interface Profile {
  indexedDB: IDBFactory;
  channelName: string;
  settings: StateStorage;
}

export function newProfile(): Profile {
  const items = new Map<string, string>();
  return {
    indexedDB: new IDBFactory(),
    channelName: `hlucha-mista-test-${randomUUID()}`,
    settings: {
      getItem: (name) => items.get(name) ?? null,
      setItem: (name, value) => void items.set(name, value),
      removeItem: (name) => void items.delete(name),
    },
  };
}

/** A store ("a tab") on the profile; closed when the test ends. */
export function openTab(profile: Profile, overrides: Partial<ReportsDependencies> = {}): AppStore {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: {
      loadIndex: loadIndexFromDisk,
      indexedDB: profile.indexedDB,
      channelName: profile.channelName,
      storageManager: null,
      ...overrides,
    },
  });
  onTestFinished(() => store.getState().closeReports());
  return store;
}

/** A tab that has read the database. */
export async function openLoadedTab(profile: Profile, overrides: Partial<ReportsDependencies> = {}): Promise<AppStore> {
  const store = openTab(profile, overrides);
  await store.getState().loadReports();
  return store;
}

/** What is on disk, read the way the app reads it at start: a new tab. */
export async function reportsOnDisk(profile: Profile): Promise<Record<string, Report>> {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName: null, storageManager: null },
  });
  try {
    await store.getState().loadReports();
    return store.getState().reports;
  } finally {
    store.getState().closeReports();
  }
}

// Places in the Karlovarský kraj (real boundaries).
export const KARLOVY_VARY = [12.87, 50.23] as const;
export const BOZI_DAR = [12.92, 50.41] as const;
export const OSTROV = [13.0, 50.3] as const;
/** Within Czechia's extent but in Germany. */
export const IN_GERMANY = [12.3, 50.5] as const;
export const PRAHA = [14.42, 50.08] as const;

export function point(at: readonly [number, number]): Point {
  return { type: 'Point', coordinates: [at[0], at[1]] };
}

export function road(): LineString {
  return {
    type: 'LineString',
    coordinates: [
      [12.9245, 50.4098],
      [12.93, 50.39],
      [12.935, 50.372],
    ],
  };
}

/** A small square (~700 m) around a point. */
export function square(at: readonly [number, number]): Polygon {
  const [lon, lat] = at;
  const d = 0.005;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  };
}

/** A bow-tie: its edges cross. */
export function bowTie(at: readonly [number, number]): Polygon {
  const [lon, lat] = at;
  const d = 0.005;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat + d],
        [lon + d, lat - d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  };
}

/** A complete, valid report (what an obec file from elsewhere carries). */
export function validReport(at: readonly [number, number], options: { id?: string; revision?: number; description?: string } = {}): Report {
  const report = createEmptyReport(point(at), { id: options.id ?? randomUUID(), now: '2026-11-20T08:00:00.000Z' });
  return {
    ...report,
    revision: options.revision ?? 1,
    description: options.description ?? 'Za hasičskou zbrojnicí není signál',
    failures: ['noSignal'],
    operators: ['all'],
  };
}

/** Makes IndexedDB refuse writes from the nth `put` on (as a full disk does), until the test ends or it is undone. */
export function failPuts(options: { from: number; name?: string }): () => void {
  const prototype = globalThis.IDBObjectStore.prototype;
  const original = prototype.put;
  let calls = 0;
  prototype.put = function put(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    calls++;
    if (calls >= options.from) throw new DOMException('The quota has been exceeded.', options.name ?? 'QuotaExceededError');
    return original.apply(this, args);
  };
  const restore = () => {
    prototype.put = original;
  };
  onTestFinished(restore);
  return restore;
}
