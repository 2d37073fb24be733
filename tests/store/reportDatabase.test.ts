import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openReportDatabase, REPORT_DATABASE_VERSION, storageFailureCode, type ReportDatabase } from '../../src/store/persistence/reportDatabase.ts';
import { KARLOVY_VARY, OSTROV, validReport } from './reportsStoreKit.ts';

async function openFresh(factory = new IDBFactory()): Promise<ReportDatabase> {
  const opened = await openReportDatabase({ factory, name: `test-${randomUUID()}` });
  if (!opened.ok) throw new Error(opened.code);
  return opened.database;
}

describe('report database', () => {
  it('creates its stores at the current version and reads back what it wrote', async () => {
    const factory = new IDBFactory();
    const database = await openFresh(factory);
    const report = validReport(KARLOVY_VARY);
    const written = await database.write([{ id: report.id, expected: null, next: { report } }]);
    expect(written).toEqual({ ok: true, written: [{ id: report.id, state: { revision: 1, deleted: false } }], refused: [] });
    const all = await database.readAll();
    expect(all).toEqual({ ok: true, value: { reports: [report], deletions: [] } });
    expect((await database.readMeta('createdAt')).ok).toBe(true);
    database.close();
    const databases = await factory.databases();
    expect(databases.map((row) => row.version)).toEqual([REPORT_DATABASE_VERSION]);
  });

  it('records a deletion with its revision, and removes the report in the same transaction', async () => {
    const database = await openFresh();
    const report = validReport(OSTROV);
    await database.write([{ id: report.id, expected: null, next: { report } }]);
    const deletion = { id: report.id, revision: 2, deletedAt: '2026-11-20T10:00:00.000Z' };
    const result = await database.write([{ id: report.id, expected: { revision: 1, deleted: false }, next: { deletion } }]);
    expect(result.ok && result.written).toEqual([{ id: report.id, state: { revision: 2, deleted: true } }]);
    expect(await database.readMany([report.id])).toEqual({ ok: true, value: new Map([[report.id, { deletion }]]) });
    database.close();
  });

  it('writes only where the stored state is the expected one, and returns the stored copy elsewhere', async () => {
    const database = await openFresh();
    const theirs = { ...validReport(KARLOVY_VARY), revision: 3, description: 'Jejich' };
    await database.write([{ id: theirs.id, expected: null, next: { report: theirs } }]);
    const mine = { ...theirs, revision: 3, description: 'Moje' };
    const fresh = validReport(OSTROV);
    const result = await database.write([
      { id: mine.id, expected: { revision: 2, deleted: false }, next: { report: mine } },
      { id: fresh.id, expected: null, next: { report: fresh } },
    ]);
    expect(result).toEqual({
      ok: true,
      written: [{ id: fresh.id, state: { revision: 1, deleted: false } }],
      refused: [{ id: mine.id, stored: { report: theirs } }],
    });
    const stored = await database.readMany([mine.id, fresh.id]);
    expect(stored.ok && stored.value.get(mine.id)).toEqual({ report: theirs });
    database.close();
  });

  it('writes back a report that is expected but missing (a cleared database) rather than losing it', async () => {
    const database = await openFresh();
    const report = { ...validReport(KARLOVY_VARY), revision: 4 };
    const result = await database.write([{ id: report.id, expected: { revision: 3, deleted: false }, next: { report } }]);
    expect(result.ok && result.written.length).toBe(1);
    database.close();
  });

  it('says "unavailable" where there is no IndexedDB', async () => {
    expect(await openReportDatabase({ factory: null })).toMatchObject({ ok: false, code: 'storage.unavailable' });
  });

  it('says "blocked" when a newer version of the app has upgraded the database', async () => {
    const factory = new IDBFactory();
    const name = `test-${randomUUID()}`;
    const newer = factory.open(name, REPORT_DATABASE_VERSION + 1);
    await new Promise((resolve) => (newer.onsuccess = resolve));
    newer.result.close();
    expect(await openReportDatabase({ factory, name })).toMatchObject({ ok: false, code: 'storage.blocked' });
  });

  it('names storage failures by their DOMException', () => {
    expect(storageFailureCode(new DOMException('full', 'QuotaExceededError'))).toBe('storage.quotaExceeded');
    expect(storageFailureCode(new DOMException('private', 'InvalidStateError'))).toBe('storage.unavailable');
    expect(storageFailureCode(new DOMException('newer', 'VersionError'))).toBe('storage.blocked');
    expect(storageFailureCode(new Error('anything else'))).toBe('storage.failed');
  });
});
