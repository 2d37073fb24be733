/**
 * The measurements in the store: a NetTest file imported (in-process here; a worker in the browser) near reported
 * places is attached to their locality and counts in its evidence meter; the measurements survive a reload
 * (IndexedDB), a second import adds (deduplicated) or replaces, "Odstranit měření" removes them, and a full disk
 * is reported while the measurements stay on the map. The package's localities list them by open_test_uuid.
 */
import { describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { createInProcessMeasurementClient } from '../../src/store/nettestClient.ts';
import { packageLocalitiesOf } from '../../src/store/packageLocalities.ts';
import { generateNettestRows, nettestCsv } from '../support/nettestGenerator.ts';
import { BOZI_DAR, failPuts, loadIndexFromDisk, newProfile, point, validReport, type Profile } from './reportsStoreKit.ts';
import { zipSync, strToU8 } from 'fflate';
import { onTestFinished } from 'vitest';

const NOW = '2026-11-25T10:00:00.000Z';

function openCoordinator(profile: Profile): AppStore {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName: null, storageManager: null, now: () => NOW },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null, now: () => NOW },
    measurements: { client: createInProcessMeasurementClient(loadIndexFromDisk), indexedDB: profile.indexedDB, now: () => NOW },
  });
  onTestFinished(() => store.getState().closeReports());
  return store;
}

function fileOf(name: string, bytes: Uint8Array) {
  const blob = new Blob([bytes as BlobPart]);
  return { name, size: blob.size, stream: () => blob.stream() as ReadableStream<Uint8Array> };
}

async function withReport(store: AppStore) {
  await store.getState().loadReports();
  const report = { ...validReport(BOZI_DAR), geometry: point(BOZI_DAR) };
  const text = JSON.stringify({
    type: 'FeatureCollection',
    hluchaMista: { format: 'hlucha-mista/obec-file', schemaVersion: 2, exportedAt: NOW, obec: null, signOff: null },
    features: [{ type: 'Feature', geometry: report.geometry, properties: { ...report, geometry: undefined, place: undefined } }],
  });
  const summary = await store.getState().importObecFile(text);
  expect(summary.ok && summary.added).toBe(1);
  store.getState().setAppView('coordinator');
}

const near = generateNettestRows({ seed: 21, around: [[BOZI_DAR[0], BOZI_DAR[1]]], perPoint: 30, weakShare: 0.5, spreadM: 40, withSkipped: true });

describe('measurements in the store', () => {
  it('imports a NetTest CSV, attaches the measurements near a locality and counts the failed ones as evidence', async () => {
    const profile = newProfile();
    const store = openCoordinator(profile);
    await withReport(store);
    await store.getState().runAnalysis();
    const before = store.getState().analysis.result!.localities[0]!;
    expect(before.evidence.met).not.toContain('evidence.failedMeasurement');

    await store.getState().importMeasurementFiles([fileOf('nettest.csv', strToU8(nettestCsv(near)))]);
    const job = store.getState().measurementImport;
    expect(job.status).toBe('done');
    if (job.status !== 'done') return;
    expect(job.results[0]!.result).toMatchObject({
      ok: true,
      added: 30,
      duplicates: 0,
      summary: { rows: 34, kept: 30, skipped: { noLocation: 1, outsideCzechia: 1, implausible: 1, notMobile: 1, invalid: 0 } },
    });
    expect(store.getState().measurements).toMatchObject({ count: 30, files: ['nettest.csv'], storageProblem: null });

    await store.getState().runAnalysis();
    const locality = store.getState().analysis.result!.localities[0]!;
    const weak = near.slice(0, 30).filter((r) => r.rsrpDbm !== null && r.rsrpDbm < -111).length;
    expect(locality.measurements).toMatchObject({ valid: 30, failed: weak });
    expect(locality.measurements!.rows).toHaveLength(30);
    expect(locality.evidence.met).toContain('evidence.failedMeasurement');
    expect(locality.evidence.figures).toMatchObject({ nettestMeasurements: 30, nettestFailed: weak, failedMeasurements: weak });

    // The package's locality lists them by open_test_uuid.
    const packaged = packageLocalitiesOf(store.getState(), NOW)!;
    expect(packaged[0]!.measurements!.map((m) => m.uuid).sort()).toEqual(
      near
        .slice(0, 30)
        .map((r) => r.uuid)
        .sort(),
    );

    // The map layer: hexagons for the current version.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const cells = store.getState().measurementCells;
    expect(cells?.version).toBe(store.getState().measurements.version);
    expect(cells!.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(30);
  });

  it('keeps the measurements over a reload, adds a second file without duplicates, replaces on request, and removes them', async () => {
    const profile = newProfile();
    const first = openCoordinator(profile);
    await first.getState().loadMeasurements();
    await first.getState().importMeasurementFiles([fileOf('nettest.csv', strToU8(nettestCsv(near)))]);
    expect(first.getState().measurements.count).toBe(30);

    const second = openCoordinator(profile);
    await second.getState().loadMeasurements();
    expect(second.getState().measurements).toMatchObject({ status: 'ready', count: 30, files: ['nettest.csv'] });

    const more = generateNettestRows({ seed: 22, around: [[BOZI_DAR[0], BOZI_DAR[1]]], perPoint: 10, prefix: 'Q' });
    // A ZIP with the new ten and five already loaded: adds ten.
    await second
      .getState()
      .importMeasurementFiles([fileOf('nettest-11.zip', zipSync({ 'nettest-11.csv': strToU8(nettestCsv([...more, ...near.slice(0, 5)])) }))]);
    const added = second.getState().measurementImport;
    expect(added.status === 'done' && added.results[0]!.result).toMatchObject({ ok: true, added: 10, duplicates: 5, total: 40 });
    expect(second.getState().measurements.count).toBe(40);

    second.getState().setMeasurementImportMode('replace');
    await second.getState().importMeasurementFiles([fileOf('nettest-11.csv', strToU8(nettestCsv(more)))]);
    expect(second.getState().measurements).toMatchObject({ count: 10, files: ['nettest-11.csv'] });

    const third = openCoordinator(profile);
    await third.getState().loadMeasurements();
    expect(third.getState().measurements.count).toBe(10);
    await third.getState().removeMeasurements();
    expect(third.getState().measurements.count).toBe(0);
    const fourth = openCoordinator(profile);
    await fourth.getState().loadMeasurements();
    expect(fourth.getState().measurements).toMatchObject({ status: 'ready', count: 0 });
  });

  it('reports a file it cannot read in Czech codes and keeps what was loaded', async () => {
    const profile = newProfile();
    const store = openCoordinator(profile);
    await store.getState().importMeasurementFiles([fileOf('nettest.csv', strToU8(nettestCsv(near)))]);
    // A file the browser can no longer read (moved, permission withdrawn): its stream fails.
    const gone = {
      name: 'presunuty.csv',
      size: 100,
      stream: () => new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new DOMException('gone', 'NotReadableError')) }),
    };
    await store
      .getState()
      .importMeasurementFiles([
        fileOf('seznam.zip', zipSync({ 'seznam.csv': strToU8('Kód obce;Název\r\n1;Aš\r\n') })),
        fileOf('prazdny.csv', new Uint8Array(0)),
        gone,
      ]);
    const job = store.getState().measurementImport;
    expect(job.status === 'done' && job.results.map((r) => r.result)).toEqual([
      { ok: false, code: 'nettest.zipWithoutNettest', files: ['seznam.csv'], missing: ['open_test_uuid', 'network_type', 'lat', 'long'] },
      { ok: false, code: 'nettest.empty' },
      { ok: false, code: 'nettest.unreadable' },
    ]);
    expect(store.getState().measurements.count).toBe(30);
  });

  it('on a full disk says so, keeps the new measurements in memory and the stored ones on disk', async () => {
    const profile = newProfile();
    const store = openCoordinator(profile);
    await store.getState().importMeasurementFiles([fileOf('nettest.csv', strToU8(nettestCsv(near)))]);
    const undo = failPuts({ from: 0 });
    const more = generateNettestRows({ seed: 23, around: [[BOZI_DAR[0], BOZI_DAR[1]]], perPoint: 7, prefix: 'R' });
    await store.getState().importMeasurementFiles([fileOf('more.csv', strToU8(nettestCsv(more)))]);
    undo();
    expect(store.getState().measurements).toMatchObject({ count: 37, storageProblem: 'storage.quotaExceeded' });
    const reloaded = openCoordinator(profile);
    await reloaded.getState().loadMeasurements();
    expect(reloaded.getState().measurements.count).toBe(30);
  });
});
