/**
 * Issue 18 through the store: each importer gets a seeded store, a bad file, and the store before and after is
 * compared (reports in memory and on disk, the ZSJ layer, the measurements) — a refusal with a code and nothing
 * changed. Two tabs editing the same field make a visible conflict (no silent loss); different fields are both
 * kept. An import the storage refuses says "not saved" in its summary.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { createInProcessMeasurementClient } from '../../src/store/nettestClient.ts';
import { createInProcessTableImportClient } from '../../src/store/tableImportClient.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { deepJson, manyEntryZip, utf16le, utf8, zipBomb } from '../support/hostileFiles.ts';
import { NETTEST_HEADER } from '../support/nettestGenerator.ts';
import { failPuts, KARLOVY_VARY, loadIndexFromDisk, newProfile, OSTROV, point, reportsOnDisk, validReport, type Profile } from './reportsStoreKit.ts';

const NOW = '2026-11-25T10:00:00.000Z';
const header = { obec: null, signOff: null, exportedAt: NOW, appVersion: 'test' };

function openStore(profile: Profile, channelName: string | null = null): AppStore {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName, storageManager: null, now: () => NOW },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null, now: () => NOW },
    measurements: { client: createInProcessMeasurementClient(loadIndexFromDisk), indexedDB: profile.indexedDB, now: () => NOW },
  });
  onTestFinished(() => store.getState().closeReports());
  return store;
}

async function seeded(): Promise<{ profile: Profile; store: AppStore }> {
  const profile = newProfile();
  const store = openStore(profile);
  await store.getState().loadReports();
  const text = exportObecFile([validReport(KARLOVY_VARY, { description: 'Uložené A' }), validReport(OSTROV, { description: 'Uložené B' })], header);
  const summary = await store.getState().importObecFile(text);
  expect(summary.ok && summary.added).toBe(2);
  return { profile, store };
}

async function snapshot(profile: Profile, store: AppStore) {
  const state = store.getState();
  return {
    memory: JSON.stringify(state.reports),
    disk: JSON.stringify(await reportsOnDisk(profile)),
    zsj: state.zsjLayer?.count ?? null,
    measurements: state.measurements.count,
  };
}

function fileOf(name: string, bytes: Uint8Array) {
  const blob = new Blob([bytes as BlobPart]);
  return { name, size: blob.size, stream: () => blob.stream() as ReadableStream<Uint8Array> };
}

describe('a bad file changes nothing stored, and says why with a code', () => {
  it('obec file: deep nesting, junk, UTF-16, a revision of 1e308', async () => {
    const { profile, store } = await seeded();
    const before = await snapshot(profile, store);
    const huge = JSON.parse(exportObecFile([validReport(KARLOVY_VARY, { description: 'Nový' })], header)) as {
      features: Array<{ properties: Record<string, unknown> }>;
    };
    huge.features[0]!.properties.revision = 1e308;
    const cases: Array<[string, string]> = [
      [deepJson(200_000), 'file.tooDeep'],
      ['\u0000\u0001PK\u0003\u0004 junk', 'file.notJson'],
      [new TextDecoder('latin1').decode(utf16le('{"type":"FeatureCollection"}')), 'file.notJson'],
    ];
    for (const [text, code] of cases) {
      const summary = await store.getState().importObecFile(text);
      expect(summary.fileProblem?.code).toBe(code);
    }
    const revision = await store.getState().importObecFile(JSON.stringify(huge));
    expect(revision.added).toBe(0);
    expect(revision.rejected[0]!.problems).toContainEqual(expect.objectContaining({ path: 'revision', code: 'field.outOfRange' }));
    expect(await snapshot(profile, store)).toEqual(before);
  });

  it('ZSJ layer: empty, binary, UTF-16 of junk, a ZIP, deep nesting, null and junk geometries', async () => {
    const { profile, store } = await seeded();
    const before = await snapshot(profile, store);
    const cases: Array<[Uint8Array, string]> = [
      [new Uint8Array(0), 'zsj.empty'],
      [new Uint8Array([0, 1, 2, 3, 0, 0, 255]), 'zsj.binary'],
      [zipSync({ 'zsj.geojson': strToU8('{}') }), 'zsj.isZip'],
      [utf8(deepJson(100_000)), 'zsj.tooDeep'],
      [utf8('{"type":"FeatureCollection","features":[NaN]}'), 'zsj.notJson'],
      [utf8('{"type":"FeatureCollection","features":[null,{"type":"Feature","geometry":null}]}'), 'zsj.noFeatures'],
      [
        utf8('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[["a",1]]]},"properties":{"kod":"1"}}]}'),
        'zsj.invalidGeometry',
      ],
      [utf16le('{"type":"FeatureCollection","features":[]}'), 'zsj.noFeatures'],
    ];
    for (const [bytes, code] of cases) {
      expect(await store.getState().loadZsjLayer(bytes, 'zsj.geojson')).toBe(false);
      expect(store.getState().zsjNotice?.code).toBe(code);
    }
    expect(await snapshot(profile, store)).toEqual(before);
  });

  it('GPX: entities, NULs, not XML', async () => {
    const { profile, store } = await seeded();
    const before = await snapshot(profile, store);
    const cases: Array<[string, string]> = [
      ['<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><gpx><wpt lat="50.2" lon="12.9"><name>&lol;</name></wpt></gpx>', 'gpx.xmlEntities'],
      ['<gpx>\u0000\u0000</gpx>', 'gpx.binary'],
      ['<gpx><trk><trkseg><trkpt lat="50.2" lon="12.9"', 'gpx.notXml'],
    ];
    for (const [text, code] of cases) {
      const result = await store.getState().importGpx('bad.gpx', text);
      expect(result.problem?.code).toBe(code);
      expect(result.created).toBe(0);
    }
    expect(await snapshot(profile, store)).toEqual(before);
  });

  it('NetTest: a bomb, too many entries, a long line, a million columns', async () => {
    const { profile, store } = await seeded();
    const before = await snapshot(profile, store);
    const cases: Array<[string, Uint8Array, string]> = [
      ['bomb.zip', zipBomb('a.csv', 8 * 1024 * 1024, '\n'), 'nettest.zipBomb'],
      ['many.zip', manyEntryZip(1_001, utf8(`${NETTEST_HEADER}\n`)), 'nettest.zipTooManyEntries'],
      ['line.csv', utf8(`${NETTEST_HEADER}\n${'x'.repeat(2 * 1024 * 1024)}`), 'nettest.lineTooLong'],
      ['columns.csv', utf8(`${','.repeat(1_000_000)}\n`), 'nettest.tooManyColumns'],
    ];
    for (const [name, bytes, code] of cases) {
      await store.getState().importMeasurementFiles([fileOf(name, bytes)]);
      const state = store.getState().measurementImport;
      expect(state.status === 'done' && state.results[0]!.result).toMatchObject({ ok: false, code });
    }
    expect(await snapshot(profile, store)).toEqual(before);
  });

  it('office table: refused files never reach the store (UTF-16 is read, not refused)', async () => {
    const { profile, store } = await seeded();
    const before = await snapshot(profile, store);
    const client = createInProcessTableImportClient();
    const refusals: Array<[Uint8Array, 'csv' | 'xlsx', string]> = [
      [utf8(`${';'.repeat(1_000_000)}\n1;2\n`), 'csv', 'table.tooManyColumns'],
      [utf8('x'.repeat(3 * 1024 * 1024)), 'csv', 'table.longLine'],
      [new Uint8Array(4096).map((_, i) => (i * 7919) % 256), 'csv', 'table.binary'],
      [zipBomb('xl/worksheets/sheet1.xml', 8 * 1024 * 1024), 'xlsx', 'table.zipBomb'],
    ];
    for (const [bytes, format, code] of refusals) {
      const read = await client.read({ fileName: `bad.${format}`, format, bytes });
      expect(read.ok && read.value.ok === false && read.value.problem.code).toBe(code);
    }
    const utf16 = await client.read({ fileName: 'unicode.txt', format: 'csv', bytes: utf16le('Obec\tPopis\tLat\tLon\nBoží Dar\tParkoviště\t50,41\t12,92\n') });
    expect(utf16.ok && utf16.value.ok && utf16.value.preview.source.encoding).toBe('utf-16');
    expect(await snapshot(profile, store)).toEqual(before);
  });
});

describe('two tabs, one report', () => {
  it('same field at the same moment: the other tab wins on disk, and this tab shows a conflict with both values', async () => {
    const profile = newProfile();
    const a = openStore(profile);
    await a.getState().loadReports();
    const created = await a.getState().createReport(point(KARLOVY_VARY), { description: 'Původní' });
    const id = created.ok ? created.id : '';
    const b = openStore(profile);
    await b.getState().loadReports();
    await a.getState().updateReport(id, { description: 'Z tabu A' });
    await b.getState().updateReport(id, { description: 'Z tabu B' });
    expect((await reportsOnDisk(profile))[id]!.description).toBe('Z tabu A');
    expect(b.getState().editConflicts).toEqual([{ id, at: NOW, fields: [{ field: 'description', mine: 'Z tabu B', theirs: 'Z tabu A' }] }]);
    await b.getState().resolveEditConflict(id, 'mine');
    expect(b.getState().editConflicts).toEqual([]);
    expect((await reportsOnDisk(profile))[id]!.description).toBe('Z tabu B');
  });

  it('different fields at the same moment: both edits are kept, no conflict', async () => {
    const profile = newProfile();
    const a = openStore(profile);
    await a.getState().loadReports();
    const created = await a.getState().createReport(point(KARLOVY_VARY), { description: 'Původní' });
    const id = created.ok ? created.id : '';
    const b = openStore(profile);
    await b.getState().loadReports();
    await a.getState().updateReport(id, { description: 'Z tabu A' });
    await b.getState().updateReport(id, { operators: ['o2'] });
    const onDisk = (await reportsOnDisk(profile))[id]!;
    expect(onDisk.description).toBe('Z tabu A');
    expect(onDisk.operators).toEqual(['o2']);
    expect(b.getState().editConflicts).toEqual([]);
  });
});

describe('storage full during an import', () => {
  it('the summary says not saved (the reports stay in memory, listed as unsaved)', async () => {
    const profile = newProfile();
    const store = openStore(profile);
    await store.getState().loadReports();
    failPuts({ from: 1 });
    const summary = await store.getState().importObecFile(exportObecFile([validReport(KARLOVY_VARY), validReport(OSTROV)], header));
    expect(summary.added).toBe(2);
    expect(summary.notSaved).toBe('storage.quotaExceeded');
    expect(await reportsOnDisk(profile)).toEqual({});
  });
});
