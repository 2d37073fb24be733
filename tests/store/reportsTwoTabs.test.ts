/** Two store instances on one database and one BroadcastChannel behave as two tabs of the app. */
import { describe, expect, it } from 'vitest';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { REPORT_DATABASE_VERSION } from '../../src/store/persistence/reportDatabase.ts';
import { BOZI_DAR, KARLOVY_VARY, newProfile, openLoadedTab, OSTROV, point, reportsOnDisk, validReport } from './reportsStoreKit.ts';

type Tab = Awaited<ReturnType<typeof openLoadedTab>>;

async function created(tab: Tab, at: readonly [number, number], description = ''): Promise<string> {
  const result = await tab.getState().createReport(point(at), { description });
  if (!result.ok) throw new Error('refused');
  return result.id;
}

describe('reports slice: two tabs', () => {
  it('shows what the other tab created, changed and deleted', async () => {
    const profile = newProfile();
    const a = await openLoadedTab(profile);
    const b = await openLoadedTab(profile);
    const id = await created(a, KARLOVY_VARY, 'Z tabu A');
    await expect.poll(() => b.getState().reports[id]?.description).toBe('Z tabu A');
    expect(b.getState().lastExternalChange?.changedIds).toEqual([id]);

    await a.getState().updateReport(id, { description: 'Změněno v A' });
    await expect.poll(() => b.getState().reports[id]?.revision).toBe(2);
    expect(b.getState().reports[id]).toEqual(a.getState().reports[id]);

    await a.getState().deleteReport(id);
    await expect.poll(() => b.getState().reports[id]).toBeUndefined();
    expect(b.getState().storage.state).toBe('ready');
  });

  it('never overwrites a newer record: the tab that saves second takes the stored copy and says so', async () => {
    const profile = newProfile();
    const a = await openLoadedTab(profile);
    const id = await created(a, KARLOVY_VARY, 'Původní');
    // Tab B opens on the same data, but the channel is silent (a message not yet delivered, a tab asleep).
    const b = await openLoadedTab(profile, { channelName: null });
    await a.getState().updateReport(id, { description: 'Z tabu A' });
    await b.getState().updateReport(id, { description: 'Z tabu B' });

    const onDisk = (await reportsOnDisk(profile))[id]!;
    expect(onDisk.description).toBe('Z tabu A');
    expect(b.getState().reports[id]).toEqual(onDisk);
    expect(b.getState().lastExternalChange?.changedIds).toEqual([id]);
    expect(b.getState().storage.state).toBe('ready');
    // B's refused edit is not in its history: undo does not bring back what A wrote over.
    expect(b.getState().history.canUndo).toBe(false);
  });

  it('does not bring back a report the other tab deleted', async () => {
    const profile = newProfile();
    const a = await openLoadedTab(profile);
    const id = await created(a, KARLOVY_VARY);
    const b = await openLoadedTab(profile, { channelName: null });
    await a.getState().deleteReport(id);
    await b.getState().updateReport(id, { description: 'Ještě upravuji' });
    expect(await reportsOnDisk(profile)).toEqual({});
    expect(b.getState().reports[id]).toBeUndefined();
    expect(b.getState().lastExternalChange?.changedIds).toEqual([id]);
  });

  it('undo in one tab leaves alone what the other tab changed since', async () => {
    const profile = newProfile();
    const a = await openLoadedTab(profile);
    const b = await openLoadedTab(profile);
    const mine = await created(a, KARLOVY_VARY, 'A1');
    const other = await created(a, OSTROV, 'O1');
    await a.getState().updateReport(mine, { description: 'A2' });
    await expect.poll(() => b.getState().reports[mine]?.description).toBe('A2');
    await b.getState().updateReport(mine, { description: 'B3' });
    await expect.poll(() => a.getState().reports[mine]?.description).toBe('B3');

    await a.getState().undo(); // A's own edit of `mine` was overwritten by B's newer one: left alone
    expect(a.getState().reports[mine]!.description).toBe('B3');
    await a.getState().undo(); // the creation of `other`: nobody changed it since
    expect(a.getState().reports[other]).toBeUndefined();
    await expect.poll(() => b.getState().reports[other]).toBeUndefined();
    expect((await reportsOnDisk(profile))[mine]!.description).toBe('B3');
  });

  it('sees an import made in the other tab, and importing it again there changes nothing', async () => {
    const profile = newProfile();
    const a = await openLoadedTab(profile);
    const b = await openLoadedTab(profile);
    const text = exportObecFile([validReport(KARLOVY_VARY), validReport(BOZI_DAR)], {
      obec: null,
      signOff: null,
      exportedAt: '2026-11-20T09:00:00.000Z',
      appVersion: 'test',
    });
    await a.getState().importObecFile(text);
    await expect.poll(() => Object.keys(b.getState().reports).length).toBe(2);
    expect(await b.getState().importObecFile(text)).toMatchObject({ added: 0, unchanged: 2 });
  });

  it('steps aside when a newer version of the app upgrades the database, keeping its work', async () => {
    const profile = newProfile();
    const a = await openLoadedTab(profile);
    const id = await created(a, KARLOVY_VARY, 'Uloženo');
    // Another tab runs a newer app with the next database version.
    const upgrade = profile.indexedDB.open('hlucha-mista', REPORT_DATABASE_VERSION + 1);
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      upgrade.onsuccess = () => resolve(upgrade.result);
      upgrade.onerror = () => reject(upgrade.error);
    });
    expect(a.getState().storage).toEqual({ state: 'failing', code: 'storage.blocked', unsavedIds: [] });
    await a.getState().updateReport(id, { description: 'Neuloženo' });
    expect(a.getState().storage).toEqual({ state: 'failing', code: 'storage.blocked', unsavedIds: [id] });
    expect(a.getState().reports[id]!.description).toBe('Neuloženo');
    newer.close();
  });

  it('writes everything back when another tab deletes the database', async () => {
    const profile = newProfile();
    const a = await openLoadedTab(profile);
    const first = await created(a, KARLOVY_VARY, 'První');
    const deleting = profile.indexedDB.deleteDatabase('hlucha-mista');
    await new Promise((resolve) => (deleting.onsuccess = resolve));
    expect(a.getState().storage).toMatchObject({ state: 'failing', code: 'storage.blocked' });
    const second = await created(a, OSTROV, 'Druhé');
    await expect.poll(() => a.getState().storage).toEqual({ state: 'ready', persisted: null });
    const onDisk = await reportsOnDisk(profile);
    expect(Object.keys(onDisk).sort()).toEqual([first, second].sort());
    expect(onDisk[first]).toEqual(a.getState().reports[first]);
  });
});
