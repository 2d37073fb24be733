/**
 * The reports' persistence engine on its own, without Zustand: a plain object is its host. It saves what the host
 * shows, hands every write to a second sink (where the server sync will plug in), reads back in a second "tab",
 * refuses a stale write (compare-and-set) and takes records from elsewhere like another tab's.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createReportSync, type ReportsView, type WrittenRecord } from '../../../src/store/persistence/reportSync.ts';
import { BOZI_DAR, OSTROV, validReport } from '../reportsStoreKit.ts';

const NOW = '2026-11-25T10:00:00.000Z';

function host(): { view: ReportsView; get(): ReportsView; set(partial: Partial<ReportsView>): void } {
  const h = {
    view: { reports: {}, storage: { state: 'loading' }, lastExternalChange: null } as ReportsView,
    get: () => h.view,
    set: (partial: Partial<ReportsView>) => void (h.view = { ...h.view, ...partial }),
  };
  return h;
}

describe('reportSync (no Zustand)', () => {
  it('saves the host’s reports, tells the sink, and a second engine reads them back', async () => {
    const indexedDB = new IDBFactory();
    const heard: WrittenRecord[][] = [];
    const first = host();
    const sync = createReportSync(first, {
      indexedDB,
      channelName: null,
      storageManager: null,
      now: () => NOW,
      sinks: [{ written: (records) => heard.push([...records]) }],
    });
    const report = validReport(BOZI_DAR);
    first.set({ reports: { [report.id]: report } });
    const outcome = await sync.enqueue(() => sync.save([report.id]));
    expect(outcome.saved).toBe(true);
    expect(first.view.storage).toEqual({ state: 'ready', persisted: null });
    expect(heard).toEqual([[{ id: report.id, state: { revision: report.revision, deleted: false }, report }]]);

    const second = host();
    const other = createReportSync(second, { indexedDB, channelName: null, storageManager: null, now: () => NOW });
    const database = await other.openDatabase();
    expect(database).not.toBeNull();
    expect(await other.readEverything(database!)).toBe(true);
    expect(Object.keys(second.view.reports)).toEqual([report.id]);

    // The second engine stores a newer revision; the first, which has not seen it, is refused and takes it.
    const newer = { ...report, revision: report.revision + 1, description: 'newer' };
    second.set({ reports: { [report.id]: newer } });
    expect((await other.save([report.id])).saved).toBe(true);
    first.set({ reports: { [report.id]: { ...report, revision: report.revision + 1, description: 'mine' } } });
    const refused = await sync.save([report.id]);
    expect([...refused.refused]).toEqual([report.id]);
    expect(first.view.reports[report.id]!.description).toBe('newer');
    expect(first.view.lastExternalChange).toEqual({ at: NOW, changedIds: [report.id] });
    sync.close();
    other.close();
  });

  it('takes records from elsewhere (a server) as another tab’s', () => {
    const h = host();
    const sync = createReportSync(h, { indexedDB: null, channelName: null, storageManager: null, now: () => NOW });
    const report = validReport(OSTROV);
    sync.takeExternal([{ id: report.id, stored: { report } }]);
    expect(h.view.reports[report.id]).toEqual(report);
    expect(h.view.lastExternalChange).toEqual({ at: NOW, changedIds: [report.id] });
    sync.close();
  });
});
