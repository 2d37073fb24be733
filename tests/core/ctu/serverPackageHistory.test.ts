/**
 * The kraj's server's package history merged into a browser's (by number and SHA-256), and a package built again in
 * place of one whose number was taken: the record it replaces leaves every copy of the history, the colleague's
 * package under that number comes in.
 */
import { describe, expect, it } from 'vitest';
import { mergePackageHistories, mergeServerPackageHistory, nextPackageNumber, type PackageRecord } from '../../../src/core/ctu/packageHistory.ts';

const record = (number: string, sha: string, createdAt: string, by: string, extra: Partial<PackageRecord> = {}): PackageRecord =>
  Object.freeze({
    number,
    nuts3: 'CZ041',
    createdAt,
    by,
    fileName: `ctu-${number}-${sha}.zip`,
    sha256: sha.repeat(64 / sha.length),
    selection: { statuses: ['confirmed'], orp: 'all', from: null, to: null },
    localities: [],
    sent: null,
    ...extra,
  });

describe('the package history from the kraj’s server', () => {
  const janas = record('KV-2026-B001', 'a1', '2026-05-01T08:00:00.000Z', 'Jana');
  const petrs = record('KV-2026-B002', 'b2', '2026-05-02T08:00:00.000Z', 'Petr');
  const janasOffline = record('KV-2026-B002', 'c3', '2026-05-02T09:00:00.000Z', 'Jana');

  it('adds a colleague’s package, takes the server’s sent state for the same package, and lists another package under a held number as a clash', () => {
    const sent = { at: '2026-05-03T08:00:00.000Z', by: 'Petr' };
    const merged = mergeServerPackageHistory(Object.freeze([janas, janasOffline]), [{ ...janas, sent }, petrs]);
    expect(merged.history.map((r) => [r.number, r.by, r.sent])).toEqual([
      ['KV-2026-B001', 'Jana', sent],
      ['KV-2026-B002', 'Jana', null],
    ]);
    expect(merged.clashes).toEqual([petrs]);
    expect(nextPackageNumber(mergeServerPackageHistory([], [janas, petrs]).history, 'CZ041', '2026-05-04T00:00:00.000Z')).toBe('KV-2026-B003');
    const same = [janas];
    expect(mergeServerPackageHistory(same, [janas]).history).toBe(same); // nothing new: the same array, nothing to save
  });

  it('a package built again in place of a refused one removes it from every copy; the colleague’s package takes the number', () => {
    const rebuilt = record('KV-2026-B003', 'd4', '2026-05-02T10:00:00.000Z', 'Jana', {
      replaces: { number: 'KV-2026-B002', sha256: janasOffline.sha256, fileName: janasOffline.fileName, createdAt: janasOffline.createdAt },
    });
    // Another tab still has the old record: the merge of the two keeps the rebuilt one only.
    expect(mergePackageHistories([janas, janasOffline], [janas, rebuilt]).map((r) => [r.number, r.sha256.slice(0, 2)])).toEqual([
      ['KV-2026-B001', 'a1'],
      ['KV-2026-B003', 'd4'],
    ]);
    expect(mergePackageHistories([janas, rebuilt], [janas, janasOffline]).map((r) => r.number)).toEqual(['KV-2026-B001', 'KV-2026-B003']);
    const fromServer = mergeServerPackageHistory([janas, rebuilt], [janas, petrs]);
    expect(fromServer.clashes).toEqual([]);
    expect(fromServer.history.map((r) => [r.number, r.by])).toEqual([
      ['KV-2026-B001', 'Jana'],
      ['KV-2026-B002', 'Petr'],
      ['KV-2026-B003', 'Jana'],
    ]);
  });
});
