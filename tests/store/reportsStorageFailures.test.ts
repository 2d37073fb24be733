import { describe, expect, it } from 'vitest';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { parseObecFile } from '../../src/core/obecFile/parseObecFile.ts';
import { KARLOVY_VARY, failPuts, newProfile, openLoadedTab, openTab, OSTROV, point, reportsOnDisk, validReport } from './reportsStoreKit.ts';

const header = { obec: null, signOff: null, exportedAt: '2026-11-20T09:00:00.000Z', appVersion: 'test' };
const signOff = { name: 'Jan Novák', function: 'starosta', date: '2026-11-20' };

function fileOf(count: number): { text: string; ids: string[] } {
  const reports = Array.from({ length: count }, (_, i) => validReport(i % 2 === 0 ? KARLOVY_VARY : OSTROV, { description: `Místo ${i}` }));
  return { text: exportObecFile(reports, header), ids: reports.map((report) => report.id).sort() };
}

describe('reports slice: when storage fails, nothing is lost', () => {
  it('writes an import of 500 reports in one transaction: a failure half-way writes none of them', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const { text, ids } = fileOf(500);
    failPuts({ from: 250, name: 'UnknownError' });
    const summary = await store.getState().importObecFile(text);
    expect(summary.added).toBe(500);
    expect(await reportsOnDisk(profile)).toEqual({});
    // The work is kept in memory, listed as unsaved, and can still be exported.
    expect(Object.keys(store.getState().reports).sort()).toEqual(ids);
    expect(store.getState().storage).toEqual({ state: 'failing', code: 'storage.unavailable', unsavedIds: ids });
    const exported = parseObecFile(store.getState().exportObecFile(signOff, null));
    expect(exported.ok && exported.reports.length).toBe(500);
  });

  it('goes to the failing state on a full disk, keeps the work, and saves it with the next change', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const savedId = (await store.getState().createReport(point(KARLOVY_VARY))) as { ok: true; id: string };
    const restore = failPuts({ from: 1 });
    const created = await store.getState().createReport(point(OSTROV), { description: 'Neuloženo' });
    expect(created.ok).toBe(true);
    const unsavedId = created.ok ? created.id : '';
    await store.getState().updateReport(savedId.id, { description: 'Také neuloženo' });
    expect(store.getState().storage).toEqual({
      state: 'failing',
      code: 'storage.quotaExceeded',
      unsavedIds: [savedId.id, unsavedId].sort(),
    });
    expect(store.getState().reports[unsavedId]!.description).toBe('Neuloženo');
    expect((await reportsOnDisk(profile))[savedId.id]!.description).toBe('');
    expect(store.getState().history.undoKey).toBe('history.updateReport');

    restore(); // space freed
    const third = await store.getState().createReport(point(KARLOVY_VARY));
    expect(store.getState().storage).toEqual({ state: 'ready', persisted: null });
    const disk = await reportsOnDisk(profile);
    expect(Object.keys(disk).sort()).toEqual([savedId.id, unsavedId, third.ok ? third.id : ''].sort());
    expect(disk[savedId.id]).toEqual(store.getState().reports[savedId.id]);
    expect(disk[unsavedId]!.description).toBe('Neuloženo');
  });

  it('saves the waiting work when asked to try again', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const restore = failPuts({ from: 1 });
    const created = await store.getState().createReport(point(OSTROV));
    expect(store.getState().storage.state).toBe('failing');
    restore();
    await store.getState().retrySaving();
    expect(store.getState().storage.state).toBe('ready');
    expect(Object.keys(await reportsOnDisk(profile))).toEqual([created.ok ? created.id : '']);
  });

  it('saves a deletion made while failing, once saving works again', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const created = await store.getState().createReport(point(OSTROV));
    const id = created.ok ? created.id : '';
    const restore = failPuts({ from: 1 });
    await store.getState().deleteReport(id);
    expect(store.getState().storage).toMatchObject({ state: 'failing', unsavedIds: [id] });
    expect(Object.keys(await reportsOnDisk(profile))).toEqual([id]);
    restore();
    await store.getState().retrySaving();
    expect(await reportsOnDisk(profile)).toEqual({});
  });

  it('works in memory, and says so, where there is no IndexedDB (private window)', async () => {
    const store = openTab(newProfile(), { indexedDB: null });
    await store.getState().loadReports();
    expect(store.getState().storage).toEqual({ state: 'failing', code: 'storage.unavailable', unsavedIds: [] });
    const created = await store.getState().createReport(point(KARLOVY_VARY), {
      description: 'Jen v paměti',
      failures: ['noSignal'],
      operators: ['all'],
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : '';
    expect(store.getState().storage).toEqual({ state: 'failing', code: 'storage.unavailable', unsavedIds: [id] });
    await store.getState().undo();
    expect(store.getState().reports).toEqual({});
    await store.getState().redo();
    expect(store.getState().reports[id]!.description).toBe('Jen v paměti');
    expect(parseObecFile(store.getState().exportObecFile(signOff, null))).toMatchObject({ ok: true, reports: [{ id }] });
  });

  it('asks for persistent storage once there is something to keep, and records the answer', async () => {
    const asked: string[] = [];
    const storageManager = {
      persisted: async () => (asked.push('persisted'), false),
      persist: async () => (asked.push('persist'), true),
    };
    const store = await openLoadedTab(newProfile(), { storageManager });
    expect(asked).toEqual([]);
    await store.getState().createReport(point(KARLOVY_VARY));
    await expect.poll(() => store.getState().storage).toEqual({ state: 'ready', persisted: true });
    await store.getState().createReport(point(OSTROV));
    expect(asked).toEqual(['persisted', 'persist']);
  });

  it('records a refusal of persistent storage', async () => {
    const storageManager = { persisted: async () => false, persist: async () => false };
    const profile = newProfile();
    const first = await openLoadedTab(profile);
    await first.getState().createReport(point(KARLOVY_VARY));
    const store = await openLoadedTab(profile, { storageManager });
    await expect.poll(() => store.getState().storage).toEqual({ state: 'ready', persisted: false });
  });
});
