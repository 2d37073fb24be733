import { readFileSync } from 'node:fs';
import { onTestFinished, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { ROUTE_STORAGE_KEY, type DevicePosition } from '../../src/store/fieldSlice.ts';
import { validateReport } from '../../src/core/reports/validateReport.ts';
import { loadIndexFromDisk, newProfile, reportsOnDisk, type Profile } from './reportsStoreKit.ts';

/** localStorage of one profile, for the route. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

let clock = Date.parse('2026-11-25T10:00:00.000Z');
const tick = () => new Date((clock += 1000)).toISOString();

async function openFieldTab(profile: Profile, routeStorage: ReturnType<typeof memoryStorage>): Promise<AppStore> {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName: profile.channelName, storageManager: null },
    field: { routeStorage, now: tick },
  });
  onTestFinished(() => store.getState().closeReports());
  await store.getState().loadReports();
  return store;
}

/** A position `metresEast` east of Boží Dar's square (CZ041). */
function at(metresEast: number, accuracyM = 8): DevicePosition {
  return { lon: 12.9245 + metresEast / 71_100, lat: 50.4098, accuracyM, at: tick() };
}

describe('field slice: "Tady není signál"', () => {
  it('a position becomes a point report with time, accuracy and the environment preset; its form opens', async () => {
    const profile = newProfile();
    const store = await openFieldTab(profile, memoryStorage());
    store.getState().setFieldPreset('vehicle');
    const position = at(0, 12);
    await store.getState().reportNoSignalAt(position);
    const capture = store.getState().noSignalCapture;
    expect(capture).toMatchObject({ status: 'saved', accuracyM: 12, inaccurate: false, otherKraj: null });
    const id = capture.status === 'saved' ? capture.reportId : '';
    const report = store.getState().reports[id]!;
    expect(report).toMatchObject({
      geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
      environments: ['vehicle'],
      capture: { method: 'gps', capturedAt: position.at, accuracyM: 12 },
      place: { obec: { kod: '506486' } },
    });
    expect(report.observations).toEqual([{ date: '2026-11-25', time: expect.stringMatching(/^11:00$/), note: '' }]);
    expect(store.getState().editor.selectedReportId).toBe(id);
    expect((await reportsOnDisk(profile))[id]?.capture).toEqual(report.capture);
  });

  it('a position less accurate than the setting is kept and flagged; the setting is checked', async () => {
    const store = await openFieldTab(newProfile(), memoryStorage());
    await store.getState().reportNoSignalAt(at(0, 80));
    expect(store.getState().noSignalCapture).toMatchObject({ status: 'saved', inaccurate: true });
    expect(store.getState().setMaxAccuracyM('100')).toBe(true);
    expect(store.getState().setMaxAccuracyM('nic')).toBe(false);
    expect(store.getState().maxAccuracyM).toBe(100);
    await store.getState().reportNoSignalAt(at(500, 80));
    expect(store.getState().noSignalCapture).toMatchObject({ status: 'saved', inaccurate: false });
  });

  it('a position in another kraj is kept and named; one abroad is refused with its problem', async () => {
    const store = await openFieldTab(newProfile(), memoryStorage());
    await store.getState().reportNoSignalAt({ lon: 14.4207, lat: 50.0875, accuracyM: 5, at: tick() });
    expect(store.getState().noSignalCapture).toMatchObject({ status: 'saved', otherKraj: { nuts3: 'CZ010' } });
    await store.getState().reportNoSignalAt({ lon: 12.5, lat: 50.5, accuracyM: 5, at: tick() });
    expect(store.getState().noSignalCapture).toMatchObject({ status: 'refused', problems: [{ path: 'geometry', code: 'geometry.outsideCzechia' }] });
  });
});

describe('field slice: recording a route', () => {
  it('samples every 10 m on foot, saves the marked stretch as a simplified line report when signal is back', async () => {
    const routeStorage = memoryStorage();
    const store = await openFieldTab(newProfile(), routeStorage);
    store.getState().startRoute(tick());
    for (const metres of [0, 4, 12, 15, 25]) await store.getState().addRoutePosition(at(metres));
    expect(store.getState().route!.track.map((s) => Math.round((s.lon - 12.9245) * 71_100))).toEqual([0, 12, 25]);
    expect(await store.getState().toggleNoSignal()).toBe(true);
    for (let metres = 30; metres <= 300; metres += 5) await store.getState().addRoutePosition(at(metres, metres >= 140 && metres <= 160 ? 35 : 8));
    expect(JSON.parse(routeStorage.items.get(ROUTE_STORAGE_KEY)!).openStretch.length).toBeGreaterThanOrEqual(15);
    await store.getState().toggleNoSignal();
    const route = store.getState().route!;
    expect(route.openStretch).toEqual([]);
    expect(route.savedReportIds).toHaveLength(1);
    const line = store.getState().reports[route.savedReportIds[0]!]!;
    expect(line.geometry.type).toBe('LineString');
    // a straight walk: simplified to its ends
    expect((line.geometry.coordinates as number[][]).length).toBe(2);
    expect(line).toMatchObject({ environments: ['outdoors'], capture: { method: 'route', accuracyM: 35 } });
    await store.getState().stopRoute();
    expect(store.getState().route).toBeNull();
    expect(store.getState().lastRoute).toEqual({ savedReportIds: route.savedReportIds, refused: 0 });
    expect(routeStorage.items.has(ROUTE_STORAGE_KEY)).toBe(false);
  });

  it('a reload mid-recording keeps the open stretch; stopping saves it', async () => {
    const profile = newProfile();
    const routeStorage = memoryStorage();
    const first = await openFieldTab(profile, routeStorage);
    first.getState().setFieldPreset('vehicle');
    first.getState().startRoute(tick());
    await first.getState().addRoutePosition(at(0));
    await first.getState().toggleNoSignal();
    for (const metres of [60, 120, 200]) await first.getState().addRoutePosition(at(metres));
    first.getState().closeReports();

    const second = await openFieldTab(profile, routeStorage);
    second.getState().restoreRoute();
    expect(second.getState().route).toMatchObject({ status: 'interrupted', preset: 'vehicle', noSignal: true });
    expect(second.getState().route!.openStretch).toHaveLength(4);
    await second.getState().stopRoute();
    const [id] = second.getState().lastRoute!.savedReportIds;
    expect(second.getState().reports[id!]).toMatchObject({ geometry: { type: 'LineString' }, environments: ['vehicle'], capture: { method: 'route' } });
  });
});

describe('field slice: GPX import', () => {
  const fixture = (name: string) => readFileSync(new URL(`../fixtures/gpx/${name}`, import.meta.url), 'utf8');

  it('tracks become simplified line reports, a waypoint a point; the names become descriptions', async () => {
    const store = await openFieldTab(newProfile(), memoryStorage());
    const result = await store.getState().importGpx('osmand.gpx', fixture('osmand-track-route-waypoint.gpx'));
    expect(result).toMatchObject({ problem: null, created: 3, refused: [] });
    const reports = Object.values(store.getState().reports);
    expect(reports.map((r) => [r.geometry.type, r.description, r.capture?.method]).sort()).toEqual([
      ['LineString', 'Jáchymov, údolí', 'gpx'],
      ['LineString', 'Plánovaná trasa', 'gpx'],
      ['Point', 'Tady nic & nikde', 'gpx'],
    ]);
    // incomplete (what fails, which operators) until the form is completed, but otherwise valid
    for (const report of reports)
      expect(
        validateReport(report)
          .map((p) => p.path)
          .sort(),
      ).toEqual(['failures', 'operators']);
    const dense = await store.getState().importGpx('strava.gpx', fixture('strava-dense-track.gpx'));
    expect(dense.created).toBe(1);
  });

  it('a broken file is refused with its code and changes nothing', async () => {
    const store = await openFieldTab(newProfile(), memoryStorage());
    expect(await store.getState().importGpx('x.gpx', fixture('broken-cut-off.gpx'))).toMatchObject({ problem: { code: 'gpx.notXml' }, created: 0 });
    expect(store.getState().reports).toEqual({});
  });
});
