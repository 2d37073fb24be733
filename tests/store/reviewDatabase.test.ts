/** Version 2 of the database adds the "review" store; a version-1 database keeps its reports through the upgrade. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { EMPTY_REVIEW_STATE, type ReviewState } from '../../src/core/review/reviewModel.ts';
import { openReportDatabase, REPORT_DATABASE_VERSION } from '../../src/store/persistence/reportDatabase.ts';
import { KARLOVY_VARY, validReport } from './reportsStoreKit.ts';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

describe('report database: the review store', () => {
  it('upgrades a version-1 database, keeping its reports, and stores the review', async () => {
    expect(REPORT_DATABASE_VERSION).toBeGreaterThanOrEqual(2);
    const factory = new IDBFactory();
    const report = validReport(KARLOVY_VARY);
    const old = factory.open('hlucha-mista', 1);
    old.onupgradeneeded = () => {
      old.result.createObjectStore('reports', { keyPath: 'id' });
      old.result.createObjectStore('deletions', { keyPath: 'id' });
      old.result.createObjectStore('meta');
      old.transaction!.objectStore('reports').put(report);
    };
    (await request(old)).close();

    const opened = await openReportDatabase({ factory });
    if (!opened.ok) throw new Error(opened.code);
    const database = opened.database;
    expect(await database.readAll()).toEqual({ ok: true, value: { reports: [report], deletions: [] } });
    expect(await database.readReview()).toEqual({ ok: true, value: undefined });
    const state: ReviewState = {
      ...EMPTY_REVIEW_STATE,
      pins: { [report.id]: { localityId: `L-${report.id}`, at: '2026-11-21T10:00:00.000Z' } },
    };
    expect(await database.writeReview(state)).toEqual({ ok: true, value: null });
    expect(await database.readReview()).toEqual({ ok: true, value: state });
    database.close();
  });
});
