import { describe, expect, it } from 'vitest';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { parseObecFile } from '../../src/core/obecFile/parseObecFile.ts';
import {
  BOZI_DAR,
  bowTie,
  IN_GERMANY,
  KARLOVY_VARY,
  newProfile,
  openLoadedTab,
  openTab,
  OSTROV,
  point,
  PRAHA,
  reportsOnDisk,
  road,
  square,
  validReport,
} from './reportsStoreKit.ts';

const header = { obec: null, signOff: null, exportedAt: '2026-11-20T09:00:00.000Z', appVersion: 'test' };

async function createOk(
  store: Awaited<ReturnType<typeof openLoadedTab>>,
  ...args: Parameters<ReturnType<typeof store.getState>['createReport']>
): Promise<string> {
  const result = await store.getState().createReport(...args);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.id;
}

describe('reports slice: create, update, delete, persisted', () => {
  it('starts loading, then is ready with nothing stored', async () => {
    const store = openTab(newProfile());
    expect(store.getState().storage).toEqual({ state: 'loading' });
    await store.getState().loadReports();
    expect(store.getState().storage).toEqual({ state: 'ready', persisted: null });
    expect(store.getState().reports).toEqual({});
  });

  it('creates a point report with its place derived, and finds it again in a new store instance', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const id = await createOk(store, point(KARLOVY_VARY), { description: 'U nádraží' });
    const report = store.getState().reports[id]!;
    expect(report.revision).toBe(1);
    expect(report.description).toBe('U nádraží');
    expect(report.place?.obec).toEqual({ kod: '554961', nazev: 'Karlovy Vary' });
    expect(report.place?.kraj.nuts3).toBe('CZ041');
    expect(report.demo).toBe(false);
    expect(store.getState().storage.state).toBe('ready');
    expect(await reportsOnDisk(profile)).toEqual({ [id]: report });
  });

  it('derives the place of lines and polygons', async () => {
    const store = await openLoadedTab(newProfile());
    const lineId = await createOk(store, road());
    const areaId = await createOk(store, square(OSTROV));
    expect(store.getState().reports[lineId]!.place?.obec.nazev).toBeTruthy();
    expect(store.getState().reports[lineId]!.place?.alsoIn.length).toBeGreaterThan(0);
    expect(store.getState().reports[areaId]!.place?.obec).toEqual({ kod: '555428', nazev: 'Ostrov' });
  });

  it('falls back to the country pack for a place outside the selected kraj', async () => {
    const store = await openLoadedTab(newProfile());
    const id = await createOk(store, point(PRAHA));
    expect(store.getState().reports[id]!.place?.kraj.nuts3).toBe('CZ010');
  });

  it('refuses a self-intersecting polygon with its problem, and stores nothing', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const result = await store.getState().createReport(bowTie(KARLOVY_VARY));
    expect(result).toEqual({ ok: false, problems: [{ path: 'geometry', code: 'geometry.selfIntersects' }] });
    expect(store.getState().reports).toEqual({});
    expect(store.getState().history.canUndo).toBe(false);
    expect(await reportsOnDisk(profile)).toEqual({});
  });

  it('refuses a point outside Czechia with the lookup code', async () => {
    const store = await openLoadedTab(newProfile());
    const result = await store.getState().createReport(point(IN_GERMANY));
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'geometry', code: 'geometry.outsideCzechia', params: { lookup: 'lookup.outsideCzechia' } }],
    });
  });

  it('refuses coordinates far outside Czechia before any lookup', async () => {
    const store = await openLoadedTab(newProfile());
    const result = await store.getState().createReport(point([2.35, 48.86]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: 'geometry', code: 'geometry.outsideCzechia' });
  });

  it('ignores fields that are not editable', async () => {
    const store = await openLoadedTab(newProfile());
    const fields = { description: 'x', revision: 99, id: 'mine', place: null } as unknown as { description: string };
    const id = await createOk(store, point(KARLOVY_VARY), fields);
    expect(store.getState().reports[id]).toMatchObject({ id, revision: 1, description: 'x' });
    expect(store.getState().reports[id]!.place).not.toBeNull();
  });

  it('updates fields as a new revision, persisted', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const id = await createOk(store, point(KARLOVY_VARY));
    const created = store.getState().reports[id]!;
    await store.getState().updateReport(id, { description: 'Nové', operators: ['o2'] });
    const updated = store.getState().reports[id]!;
    expect(updated).toMatchObject({ revision: 2, description: 'Nové', operators: ['o2'], createdAt: created.createdAt });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);
    expect((await reportsOnDisk(profile))[id]).toEqual(updated);
  });

  it('makes no revision and no history entry when an update changes nothing', async () => {
    const store = await openLoadedTab(newProfile());
    const id = await createOk(store, point(KARLOVY_VARY), { description: 'Stejné' });
    await store.getState().updateReport(id, { description: 'Stejné' });
    expect(store.getState().reports[id]!.revision).toBe(1);
    expect(store.getState().history.undoKey).toBe('history.createReport');
  });

  it('moves a report to another obec and re-derives its place', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const id = await createOk(store, point(KARLOVY_VARY));
    expect(await store.getState().updateGeometry(id, point(BOZI_DAR))).toEqual({ ok: true });
    const moved = store.getState().reports[id]!;
    expect(moved.revision).toBe(2);
    expect(moved.place?.obec.nazev).toBe('Boží Dar');
    expect((await reportsOnDisk(profile))[id]!.place?.obec.nazev).toBe('Boží Dar');
  });

  it('refuses to reshape a report into a self-intersecting polygon and keeps it as it was', async () => {
    const store = await openLoadedTab(newProfile());
    const id = await createOk(store, square(KARLOVY_VARY));
    const before = store.getState().reports[id];
    const result = await store.getState().updateGeometry(id, bowTie(KARLOVY_VARY));
    expect(result).toEqual({ ok: false, problems: [{ path: 'geometry', code: 'geometry.selfIntersects' }] });
    expect(store.getState().reports[id]).toBe(before);
  });

  it('deletes a report, also on disk', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const kept = await createOk(store, point(KARLOVY_VARY));
    const deleted = await createOk(store, point(OSTROV));
    await store.getState().deleteReport(deleted);
    expect(Object.keys(store.getState().reports)).toEqual([kept]);
    expect(Object.keys(await reportsOnDisk(profile))).toEqual([kept]);
  });

  it('clears every report in one undoable step', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    await createOk(store, point(KARLOVY_VARY));
    await createOk(store, point(OSTROV));
    await store.getState().clearReports();
    expect(store.getState().reports).toEqual({});
    expect(await reportsOnDisk(profile)).toEqual({});
    expect(store.getState().history.undoKey).toBe('history.clearReports');
    await store.getState().undo();
    expect(Object.keys(store.getState().reports)).toHaveLength(2);
    expect(Object.keys(await reportsOnDisk(profile))).toHaveLength(2);
  });

  it('keeps the chosen obec ("Moje obec") across a reload', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    store.getState().setMyObec('506486');
    expect(openTab(profile).getState().myObecKod).toBe('506486');
  });
});

describe('reports slice: obec files', () => {
  it('imports a file: summary, places re-derived, saved, one history entry', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const reports = [validReport(KARLOVY_VARY), validReport(BOZI_DAR), validReport(OSTROV)];
    const text = exportObecFile([{ ...reports[0]!, place: null }, ...reports.slice(1)], header);
    const summary = await store.getState().importObecFile(text);
    expect(summary).toMatchObject({ ok: true, fileProblem: null, added: 3, updated: 0, unchanged: 0, olderIgnored: 0, conflicts: [], rejected: [] });
    expect(store.getState().reports[reports[0]!.id]!.place?.obec.nazev).toBe('Karlovy Vary');
    expect(store.getState().reports[reports[1]!.id]!.place?.obec.nazev).toBe('Boží Dar');
    expect(Object.keys(await reportsOnDisk(profile)).sort()).toEqual(reports.map((r) => r.id).sort());
    expect(store.getState().history.undoKey).toBe('history.importObecFile');
    await store.getState().undo();
    expect(store.getState().reports).toEqual({});
    expect(await reportsOnDisk(profile)).toEqual({});
  });

  it('changes nothing when the same file is imported twice', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const text = exportObecFile([validReport(KARLOVY_VARY), validReport(OSTROV)], header);
    await store.getState().importObecFile(text);
    const afterFirst = store.getState().reports;
    const diskAfterFirst = await reportsOnDisk(profile);
    const second = await store.getState().importObecFile(text);
    expect(second).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 2, conflicts: [] });
    expect(store.getState().reports).toBe(afterFirst);
    expect(await reportsOnDisk(profile)).toEqual(diskAfterFirst);
  });

  it('changes nothing when a file is refused', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const id = await createOk(store, point(KARLOVY_VARY));
    const before = store.getState().reports;
    for (const text of ['not json', '{"type":"FeatureCollection","features":[]}', '<script>alert(1)</script>']) {
      const summary = await store.getState().importObecFile(text);
      expect(summary.ok).toBe(false);
      expect(summary.fileProblem?.code).toMatch(/^file\./);
    }
    expect(store.getState().reports).toBe(before);
    expect(Object.keys(await reportsOnDisk(profile))).toEqual([id]);
    expect(store.getState().history.undoKey).toBe('history.createReport');
  });

  it('takes newer revisions, ignores older ones, reports conflicts with their feature index', async () => {
    const store = await openLoadedTab(newProfile());
    const newer = validReport(KARLOVY_VARY, { revision: 2 });
    const older = validReport(OSTROV, { revision: 3 });
    const conflicting = validReport(BOZI_DAR, { revision: 1 });
    await store.getState().importObecFile(exportObecFile([{ ...newer, revision: 1 }, older, conflicting], header));
    const text = exportObecFile([newer, { ...older, revision: 2 }, { ...conflicting, description: 'Jiný text se stejnou revizí' }], header);
    const summary = await store.getState().importObecFile(text);
    expect(summary).toMatchObject({ ok: true, added: 0, updated: 1, olderIgnored: 1, unchanged: 0 });
    const parsed = parseObecFile(text);
    const conflictIndex = parsed.ok ? parsed.reports.findIndex((r) => r.id === conflicting.id) : -1;
    expect(summary.conflicts).toMatchObject([{ id: conflicting.id, featureIndex: conflictIndex, incoming: { description: 'Jiný text se stejnou revizí' } }]);
    expect(store.getState().reports[conflicting.id]!.description).toBe(conflicting.description);
    expect(store.getState().reports[newer.id]!.revision).toBe(2);
  });

  it('lists invalid features with their index and imports the rest', async () => {
    const store = await openLoadedTab(newProfile());
    const good = validReport(KARLOVY_VARY);
    const bad = { ...validReport(OSTROV), description: '' };
    const summary = await store.getState().importObecFile(exportObecFile([good, bad], header));
    expect(summary.added).toBe(1);
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]).toMatchObject({ id: bad.id, problems: [{ path: 'description', code: 'field.required' }] });
    expect(Object.keys(store.getState().reports)).toEqual([good.id]);
  });

  it('exports the chosen obec, or everything, as an obec file that imports back identically', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const text = exportObecFile([validReport(KARLOVY_VARY), validReport(KARLOVY_VARY), validReport(OSTROV)], header);
    await store.getState().importObecFile(text);
    const signOff = { name: 'Jan Novák', function: 'starosta', date: '2026-11-20' };
    const forKarlovyVary = parseObecFile(store.getState().exportObecFile(signOff, '554961'));
    expect(forKarlovyVary.ok && forKarlovyVary.reports.length).toBe(2);
    expect(forKarlovyVary.ok && forKarlovyVary.header.obec).toEqual({ kod: '554961', nazev: 'Karlovy Vary' });
    expect(forKarlovyVary.ok && forKarlovyVary.header.signOff).toEqual(signOff);

    const everything = store.getState().exportObecFile(signOff, null);
    const before = store.getState().reports;
    await store.getState().clearReports();
    const summary = await store.getState().importObecFile(everything);
    expect(summary.added).toBe(3);
    expect(store.getState().reports).toEqual(before);
  });

  it('leaves incomplete reports out of the export, so the kraj never receives what its import would refuse', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const complete = await createOk(store, point(KARLOVY_VARY), { description: 'Hotové', failures: ['noSignal'], operators: ['o2'] });
    const draft = await createOk(store, point(OSTROV), { description: 'Rozpracované' });
    const exported = parseObecFile(store.getState().exportObecFile({ name: 'Jan Novák', function: 'starosta', date: '2026-11-20' }, null));
    expect(exported.ok && exported.reports.map((r) => r.id)).toEqual([complete]);
    expect(exported.ok && exported.rejected).toEqual([]);
    expect(store.getState().reports[draft]).toBeDefined();
  });
});

describe('reports slice: undo and redo', () => {
  it('undoes and redoes a creation, an update, a move and a deletion, each persisted as a new revision', async () => {
    const profile = newProfile();
    const store = await openLoadedTab(profile);
    const state = () => store.getState();
    const id = await createOk(store, point(KARLOVY_VARY), { description: 'A' });
    await state().updateReport(id, { description: 'B' });
    await state().updateGeometry(id, point(BOZI_DAR));
    await state().deleteReport(id);
    expect(state().history).toEqual({ canUndo: true, canRedo: false, undoKey: 'history.deleteReport', redoKey: null });

    await state().undo(); // the deletion
    expect(state().reports[id]).toMatchObject({ description: 'B', revision: 5 });
    expect(state().reports[id]!.place?.obec.nazev).toBe('Boží Dar');
    await state().undo(); // the move
    expect(state().reports[id]).toMatchObject({ revision: 6 });
    expect(state().reports[id]!.place?.obec.nazev).toBe('Karlovy Vary');
    await state().undo(); // the update
    expect(state().reports[id]).toMatchObject({ description: 'A', revision: 7 });
    expect(state().history).toEqual({ canUndo: true, canRedo: true, undoKey: 'history.createReport', redoKey: 'history.updateReport' });
    expect((await reportsOnDisk(profile))[id]).toEqual(state().reports[id]);

    await state().undo(); // the creation
    expect(state().reports[id]).toBeUndefined();
    expect(await reportsOnDisk(profile)).toEqual({});
    expect(state().history.canUndo).toBe(false);

    await state().redo();
    expect(state().reports[id]).toMatchObject({ description: 'A', revision: 9 });
    await state().redo();
    expect(state().reports[id]).toMatchObject({ description: 'B', revision: 10 });
    await state().redo();
    expect(state().reports[id]!.place?.obec.nazev).toBe('Boží Dar');
    await state().redo();
    expect(state().reports[id]).toBeUndefined();
    expect(state().history.canRedo).toBe(false);
    expect(await reportsOnDisk(profile)).toEqual({});
  });

  it('forgets what could be redone when a new edit is made', async () => {
    const store = await openLoadedTab(newProfile());
    const id = await createOk(store, point(KARLOVY_VARY), { description: 'A' });
    await store.getState().updateReport(id, { description: 'B' });
    await store.getState().undo();
    expect(store.getState().history.canRedo).toBe(true);
    await store.getState().updateReport(id, { operators: ['o2'] });
    expect(store.getState().history.canRedo).toBe(false);
  });

  it('merges quick edits of the same field into one entry (typing), but not edits of other fields', async () => {
    let clock = Date.parse('2026-11-20T10:00:00.000Z');
    const store = await openLoadedTab(newProfile(), { now: () => new Date(clock).toISOString() });
    const id = await createOk(store, point(KARLOVY_VARY), { description: '' });
    for (const text of ['Z', 'Za', 'Za k', 'Za kostelem']) {
      clock += 200;
      await store.getState().updateReport(id, { description: text });
    }
    clock += 200;
    await store.getState().updateReport(id, { operators: ['o2'] });
    await store.getState().undo();
    expect(store.getState().reports[id]).toMatchObject({ description: 'Za kostelem', operators: [] });
    await store.getState().undo();
    expect(store.getState().reports[id]!.description).toBe('');
    expect(store.getState().history.undoKey).toBe('history.createReport');
  });

  it('keeps at most 200 entries', async () => {
    let clock = Date.parse('2026-11-20T10:00:00.000Z');
    const store = await openLoadedTab(newProfile(), { now: () => new Date((clock += 2000)).toISOString() });
    const id = await createOk(store, point(KARLOVY_VARY));
    for (let i = 0; i < 205; i++) await store.getState().updateReport(id, { affected: { inhabitants: i, households: null } });
    let undone = 0;
    while (store.getState().history.canUndo) {
      await store.getState().undo();
      undone++;
    }
    expect(undone).toBe(200);
    expect(store.getState().reports[id]!.affected.inhabitants).toBe(4);
  });
});
