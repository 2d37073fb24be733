/**
 * Issue 18, "not saved" in the bulk import of "Přehled kraje": several obec files at once while the storage refuses
 * writes (a full disk) from some file on. The result names, per file, which reports were NOT saved; what was saved
 * before (earlier reports, earlier files) stays on disk; the unsaved reports stay in memory; a later file whose
 * write succeeds also saves what an earlier one left, and then no file is called unsaved.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import type { ObecFileLike } from '../../src/store/regionOverviewSlice.ts';
import { BOZI_DAR, KARLOVY_VARY, loadIndexFromDisk, newProfile, OSTROV, reportsOnDisk, validReport, type Profile } from './reportsStoreKit.ts';

const NOW = '2026-11-25T10:00:00.000Z';
const header = { obec: null, signOff: null, exportedAt: NOW, appVersion: 'test' };

function openStore(profile: Profile): AppStore {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName: null, storageManager: null, now: () => NOW },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null, now: () => NOW },
  });
  onTestFinished(() => store.getState().closeReports());
  return store;
}

/** The storage refuses every write while `full` is on, as a full disk does (QuotaExceededError from put). */
function diskThatFills(): { set(full: boolean): void } {
  const prototype = globalThis.IDBObjectStore.prototype;
  const original = prototype.put;
  let full = false;
  prototype.put = function put(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args);
  };
  onTestFinished(() => {
    prototype.put = original;
  });
  return { set: (value) => void (full = value) };
}

/** An obec file of two reports; `onRead` runs when the import reads it (to fill or free the disk at that moment). */
function obecFile(name: string, at: readonly [number, number], onRead: () => void = () => undefined): { file: ObecFileLike; ids: string[] } {
  const reports = [validReport(at, { description: `${name} 1` }), validReport(at, { description: `${name} 2` })];
  const text = exportObecFile(reports, header);
  return {
    file: {
      name,
      size: text.length,
      text: async () => {
        onRead();
        return text;
      },
    },
    ids: reports.map((report) => report.id).sort(),
  };
}

async function seeded(): Promise<{ profile: Profile; store: AppStore; seededIds: string[] }> {
  const profile = newProfile();
  const store = openStore(profile);
  await store.getState().loadReports();
  const seed = [validReport(KARLOVY_VARY, { description: 'Uložené dříve A' }), validReport(OSTROV, { description: 'Uložené dříve B' })];
  const summary = await store.getState().importObecFile(exportObecFile(seed, header));
  expect(summary.added).toBe(2);
  return { profile, store, seededIds: seed.map((report) => report.id).sort() };
}

describe('bulk import of obec files when the storage fails', () => {
  it('names the files and reports NOT saved; earlier files and reports stay on disk, the unsaved ones in memory', async () => {
    const { profile, store, seededIds } = await seeded();
    const seededOnDisk = await reportsOnDisk(profile);
    const disk = diskThatFills();
    const first = obecFile('pernink.geojson', BOZI_DAR);
    const second = obecFile('ostrov.geojson', OSTROV, () => disk.set(true));
    const third = obecFile('karlovy-vary.geojson', KARLOVY_VARY);

    await store.getState().importObecFiles([first.file, second.file, third.file]);

    const bulk = store.getState().bulkImport;
    expect(bulk.status).toBe('done');
    const files = bulk.status === 'done' ? bulk.files : [];
    expect(files.map((f) => f.fileName)).toEqual(['pernink.geojson', 'ostrov.geojson', 'karlovy-vary.geojson']);
    // The first file was written before the disk filled up: saved, nothing said.
    expect(files[0]!.summary).toMatchObject({ ok: true, added: 2 });
    expect(files[0]!.summary.notSaved).toBeUndefined();
    expect(files[0]!.summary.notSavedIds).toBeUndefined();
    // The second and third: added to what is shown, NOT saved, each with its own reports named.
    expect(files[1]!.summary).toMatchObject({ ok: true, added: 2, notSaved: 'storage.quotaExceeded' });
    expect([...files[1]!.summary.notSavedIds!].sort()).toEqual(second.ids);
    expect(files[2]!.summary).toMatchObject({ ok: true, added: 2, notSaved: 'storage.quotaExceeded' });
    expect([...files[2]!.summary.notSavedIds!].sort()).toEqual(third.ids);

    // Nothing earlier is lost: the reports stored before and the first file are on disk, unchanged.
    disk.set(false);
    const onDisk = await reportsOnDisk(profile);
    expect(Object.keys(onDisk).sort()).toEqual([...seededIds, ...first.ids].sort());
    for (const id of seededIds) expect(onDisk[id]).toEqual(seededOnDisk[id]);
    // The unsaved ones stay in memory (shown, exportable) and the storage status lists exactly them.
    expect(Object.keys(store.getState().reports).sort()).toEqual([...seededIds, ...first.ids, ...second.ids, ...third.ids].sort());
    expect(store.getState().storage).toEqual({ state: 'failing', code: 'storage.quotaExceeded', unsavedIds: [...second.ids, ...third.ids].sort() });

    // Space freed, "try again": everything is written after all.
    await store.getState().retrySaving();
    expect(Object.keys(await reportsOnDisk(profile)).sort()).toEqual(Object.keys(store.getState().reports).sort());
  });

  it('a later file that is written saves what an earlier one left: then no file is called unsaved', async () => {
    const { profile, store, seededIds } = await seeded();
    const disk = diskThatFills();
    const first = obecFile('ostrov.geojson', OSTROV, () => disk.set(true));
    const second = obecFile('bozi-dar.geojson', BOZI_DAR, () => disk.set(false));

    await store.getState().importObecFiles([first.file, second.file]);

    const bulk = store.getState().bulkImport;
    const files = bulk.status === 'done' ? bulk.files : [];
    expect(files).toHaveLength(2);
    for (const { summary } of files) {
      expect(summary).toMatchObject({ ok: true, added: 2 });
      expect(summary.notSaved).toBeUndefined();
      expect(summary.notSavedIds).toBeUndefined();
    }
    expect(store.getState().storage.state).toBe('ready');
    expect(Object.keys(await reportsOnDisk(profile)).sort()).toEqual([...seededIds, ...first.ids, ...second.ids].sort());
  });

  it('a file the browser cannot read is refused with its code; the other files are imported', async () => {
    const { profile, store, seededIds } = await seeded();
    const good = obecFile('bozi-dar.geojson', BOZI_DAR);
    const gone: ObecFileLike = {
      name: 'zmizely.geojson',
      size: 10,
      text: () => Promise.reject(new DOMException('A requested file or directory could not be found.', 'NotFoundError')),
    };

    await store.getState().importObecFiles([gone, good.file]);

    const bulk = store.getState().bulkImport;
    const files = bulk.status === 'done' ? bulk.files : [];
    expect(files[0]!.summary).toMatchObject({ ok: false, added: 0, fileProblem: { code: 'file.unreadable' } });
    expect(files[1]!.summary).toMatchObject({ ok: true, added: 2 });
    expect(Object.keys(await reportsOnDisk(profile)).sort()).toEqual([...seededIds, ...good.ids].sort());
  });
});
