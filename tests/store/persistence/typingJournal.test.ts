import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import type { Report } from '../../../src/core/reports/report.ts';
import {
  createTypingJournal,
  parseTypingJournal,
  recoverTyping,
  typingToRecover,
  TYPING_JOURNAL_KEY,
  type JournalStorage,
} from '../../../src/store/persistence/typingJournal.ts';

function memoryStorage(): JournalStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const report = (updatedAt = '2026-12-06T10:00:00.000Z'): Report => ({
  ...createEmptyReport({ type: 'Point', coordinates: [12.87, 50.23] }, { id: randomUUID(), now: '2026-12-06T09:00:00.000Z' }),
  updatedAt,
});

describe('the typing journal', () => {
  it('keeps what a page typed per report, replaces it as typing goes on and forgets it when saved', () => {
    const storage = memoryStorage();
    const journal = createTypingJournal(storage, 'page-a');
    journal.write('r1', { description: 'Hasičská' }, '2026-12-06T10:00:01.000Z');
    journal.write('r1', { description: 'Hasičská zbrojnice' }, '2026-12-06T10:00:02.000Z');
    journal.write('r2', { description: 'Údolí Rolavy' }, '2026-12-06T10:00:03.000Z');
    expect(journal.entries().map((e) => [e.reportId, e.fields.description])).toEqual([
      ['r1', 'Hasičská zbrojnice'],
      ['r2', 'Údolí Rolavy'],
    ]);
    // Another page writing the same report keeps its own entry.
    createTypingJournal(storage, 'page-b').write('r1', { description: 'z druhé karty' }, '2026-12-06T10:00:04.000Z');
    expect(journal.entries()).toHaveLength(3);
    journal.clear('r1');
    expect(
      journal
        .entries()
        .map((e) => `${e.pageId}/${e.reportId}`)
        .sort(),
    ).toEqual(['page-a/r2', 'page-b/r1']);
    journal.write('r2', {}, '2026-12-06T10:00:05.000Z');
    createTypingJournal(storage, 'page-b').clear('r1');
    expect(storage.data.has(TYPING_JOURNAL_KEY)).toBe(false);
  });

  it('reads damaged or foreign text as nothing, and keeps only editable fields', () => {
    expect(parseTypingJournal('{not json')).toEqual([]);
    expect(parseTypingJournal('[1,2]')).toEqual([]);
    expect(parseTypingJournal(null)).toEqual([]);
    const text = JSON.stringify({
      a: { pageId: 'p', reportId: 'r', at: '2026-12-06T10:00:00Z', fields: { description: 'ok', revision: 99, place: {} } },
      b: { pageId: 'p', reportId: 'r2', at: 'včera', fields: { description: 'bad date' } },
      c: { pageId: 'p', reportId: 'r3', at: '2026-12-06T10:00:00Z', fields: { id: 'x' } },
    });
    expect(parseTypingJournal(text)).toEqual([{ pageId: 'p', reportId: 'r', at: '2026-12-06T10:00:00Z', fields: { description: 'ok' } }]);
  });

  it('survives a storage that refuses to write (full or blocked)', () => {
    const refusing: JournalStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const journal = createTypingJournal(refusing, 'p');
    expect(() => journal.write('r', { description: 'x' }, '2026-12-06T10:00:00Z')).not.toThrow();
    expect(createTypingJournal(null, 'p').entries()).toEqual([]);
  });
});

describe('recovering typing after a page was closed', () => {
  it('saves typing of closed pages that the stored report lacks; leaves open pages, gone reports and later saves', () => {
    const a = report();
    const b = report('2026-12-06T10:05:00.000Z');
    const entries = [
      { pageId: 'closed', reportId: a.id, fields: { description: 'Hasičská zbrojnice, uvnitř nelze volat' }, at: '2026-12-06T10:01:00.000Z' },
      { pageId: 'closed', reportId: b.id, fields: { description: 'starší psaní' }, at: '2026-12-06T10:01:00.000Z' },
      { pageId: 'closed', reportId: 'gone', fields: { description: 'smazané' }, at: '2026-12-06T10:01:00.000Z' },
      { pageId: 'open', reportId: a.id, fields: { description: 'ještě se píše' }, at: '2026-12-06T10:02:00.000Z' },
    ];
    const recovery = typingToRecover(entries, { [a.id]: a, [b.id]: b }, new Set(['open']));
    expect(recovery.toSave).toEqual([{ id: a.id, fields: { description: 'Hasičská zbrojnice, uvnitř nelze volat' } }]);
    expect(recovery.skipped).toEqual([
      { id: b.id, reason: 'typing.savedLater' },
      { id: 'gone', reason: 'typing.reportGone' },
    ]);
    expect(recovery.handled.map((e) => e.pageId)).toEqual(['closed', 'closed', 'closed']);
  });

  it('takes the newer of two closed pages and nothing when the text is already stored', () => {
    const a = report();
    const older = { pageId: 'p1', reportId: a.id, fields: { description: 'první' }, at: '2026-12-06T10:01:00.000Z' };
    const newer = { pageId: 'p2', reportId: a.id, fields: { description: 'druhá' }, at: '2026-12-06T10:02:00.000Z' };
    expect(typingToRecover([newer, older], { [a.id]: a }).toSave).toEqual([{ id: a.id, fields: { description: 'druhá' } }]);
    expect(typingToRecover([{ ...newer, fields: { description: a.description } }], { [a.id]: a }).toSave).toEqual([]);
  });

  it('saves through updateReport, then empties the journal; keeps it while storage is failing', async () => {
    const storage = memoryStorage();
    const a = report();
    createTypingJournal(storage, 'closed-page').write(a.id, { description: 'Rolava' }, '2026-12-06T10:01:00.000Z');
    const reports: Record<string, Report> = { [a.id]: a };
    const saved: unknown[] = [];
    const journal = createTypingJournal(storage, 'this-page');
    const failing = await recoverTyping(
      journal,
      () => reports,
      async (id, fields) => void saved.push([id, fields]),
      { isSaved: () => false },
    );
    expect(failing.toSave).toHaveLength(1);
    expect(journal.entries()).toHaveLength(1);
    await recoverTyping(
      journal,
      () => reports,
      async (id, fields) => void saved.push([id, fields]),
    );
    expect(saved).toEqual([
      [a.id, { description: 'Rolava' }],
      [a.id, { description: 'Rolava' }],
    ]);
    expect(journal.entries()).toEqual([]);
  });
});
