/** Version 3 of the database adds the "measurements" store; a version-2 database keeps its reports and review. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { columnsFrom, columnsFromTable, uuidsOf } from '../../src/core/nettest/measurementColumns.ts';
import { MeasurementTable } from '../../src/core/nettest/measurementTable.ts';
import { EMPTY_REVIEW_STATE } from '../../src/core/review/reviewModel.ts';
import { openReportDatabase, REPORT_DATABASE_VERSION } from '../../src/store/persistence/reportDatabase.ts';
import { KARLOVY_VARY, validReport } from './reportsStoreKit.ts';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function table(): MeasurementTable {
  const t = new MeasurementTable();
  for (let i = 0; i < 3; i++) {
    t.add({
      uuid: `O${i}-uuid`,
      lon: 12.9 + i / 1000,
      lat: 50.4,
      time: Date.UTC(2026, 9, 1 + i),
      accuracyM: 5,
      downloadKbit: 1000 * (i + 1),
      uploadKbit: Number.NaN,
      pingMs: 30,
      rsrpDbm: -100 - i,
      signalDbm: Number.NaN,
      operator: 'o2',
      technology: '4g',
    });
  }
  return t;
}

describe('report database: the measurements store', () => {
  it('upgrades a version-2 database, keeping its reports and review, and stores the measurement columns as they are', async () => {
    expect(REPORT_DATABASE_VERSION).toBe(3);
    const factory = new IDBFactory();
    const report = validReport(KARLOVY_VARY);
    const old = factory.open('hlucha-mista', 2);
    old.onupgradeneeded = () => {
      old.result.createObjectStore('reports', { keyPath: 'id' });
      old.result.createObjectStore('deletions', { keyPath: 'id' });
      old.result.createObjectStore('meta');
      old.result.createObjectStore('review');
      old.transaction!.objectStore('reports').put(report);
      old.transaction!.objectStore('review').put(EMPTY_REVIEW_STATE, 'state');
    };
    (await request(old)).close();

    const opened = await openReportDatabase({ factory });
    if (!opened.ok) throw new Error(opened.code);
    const database = opened.database;
    expect(await database.readAll()).toEqual({ ok: true, value: { reports: [report], deletions: [] } });
    expect(await database.readReview()).toEqual({ ok: true, value: EMPTY_REVIEW_STATE });
    expect(await database.readMeasurements()).toEqual({ ok: true, value: undefined });

    const columns = columnsFromTable(table());
    expect(await database.writeMeasurements({ columns, files: ['a.csv'], savedAt: '2026-11-25T10:00:00Z' })).toEqual({ ok: true, value: null });
    const read = await database.readMeasurements();
    if (!read.ok || !read.value) throw new Error('not stored');
    const back = columnsFrom(read.value.columns);
    expect(back).not.toBeNull();
    expect(back!.lat).toBeInstanceOf(Float64Array);
    expect(Array.from(back!.downloadKbit)).toEqual([1000, 2000, 3000]);
    expect(uuidsOf(back!)).toEqual(['O0-uuid', 'O1-uuid', 'O2-uuid']);
    expect(await database.deleteMeasurements()).toEqual({ ok: true, value: null });
    expect(await database.readMeasurements()).toEqual({ ok: true, value: undefined });
    database.close();
  });

  it('refuses stored columns that do not fit together', () => {
    const columns = columnsFromTable(table());
    expect(columnsFrom({ ...columns, lat: new Float64Array(2) })).toBeNull();
    expect(columnsFrom({ ...columns, operator: new Float32Array(3) })).toBeNull();
    expect(columnsFrom({ ...columns, uuidBytes: new Uint8Array(4) })).toBeNull();
    expect(columnsFrom('junk')).toBeNull();
    expect(columnsFrom(columns)).toBe(columns);
  });
});
