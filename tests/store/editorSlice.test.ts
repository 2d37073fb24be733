import { describe, expect, it } from 'vitest';
import { BOZI_DAR, bowTie, KARLOVY_VARY, newProfile, openLoadedTab, point, square } from './reportsStoreKit.ts';

/** A point ~100 m east of another. */
function near(at: readonly [number, number]): [number, number] {
  return [at[0] + 0.0014, at[1]];
}

describe('editor slice: placing reports', () => {
  it('placing a geometry creates the report, opens its form and leaves the tool', async () => {
    const store = await openLoadedTab(newProfile());
    store.getState().setTool('point');
    expect(await store.getState().placeReport(point(KARLOVY_VARY))).toBe(true);
    const { editor, reports } = store.getState();
    const id = editor.selectedReportId!;
    expect(reports[id]?.place?.obec.kod).toBe('554961');
    expect(editor.createdReportId).toBe(id);
    expect(editor.mode).toEqual({ kind: 'browse' });
    expect(editor.notice).toBeNull();
    expect(editor.nearby).toBeNull();
  });

  it('a self-intersecting polygon is refused with its problem, nothing is created and the tool stays', async () => {
    const store = await openLoadedTab(newProfile());
    store.getState().setTool('polygon');
    expect(await store.getState().placeReport(bowTie(KARLOVY_VARY))).toBe(false);
    const { editor, reports } = store.getState();
    expect(Object.keys(reports)).toEqual([]);
    expect(editor.notice).toEqual({ kind: 'refused', problems: [expect.objectContaining({ path: 'geometry', code: 'geometry.selfIntersects' })] });
    expect(editor.mode).toEqual({ kind: 'draw', tool: 'polygon' });
  });

  it('offers existing reports within a few hundred metres; "open that one instead" deletes the new one', async () => {
    const store = await openLoadedTab(newProfile());
    await store.getState().placeReport(point(KARLOVY_VARY));
    const first = store.getState().editor.selectedReportId!;
    await store.getState().placeReport(point(near(KARLOVY_VARY)));
    const second = store.getState().editor.selectedReportId!;
    const offer = store.getState().editor.nearby!;
    expect(offer.reportId).toBe(second);
    expect(offer.candidates).toEqual([{ id: first, distanceM: expect.any(Number), overlap: null }]);
    expect(offer.candidates[0]!.distanceM).toBeGreaterThan(80);
    expect(offer.candidates[0]!.distanceM).toBeLessThan(120);

    await store.getState().openNearbyInstead(first);
    const { editor, reports } = store.getState();
    expect(Object.keys(reports)).toEqual([first]);
    expect(editor.selectedReportId).toBe(first);
    expect(editor.nearby).toBeNull();
  });

  it('an offer neither answered nor dismissed comes back when the report is reopened; a dismissed one does not', async () => {
    const store = await openLoadedTab(newProfile());
    await store.getState().placeReport(point(KARLOVY_VARY));
    await store.getState().placeReport(point(near(KARLOVY_VARY)));
    const second = store.getState().editor.selectedReportId!;
    store.getState().selectReport(null);
    expect(store.getState().editor.nearby).toBeNull();
    expect(store.getState().editor.closedReportId).toBe(second);
    store.getState().selectReport(second);
    expect(store.getState().editor.nearby?.reportId).toBe(second);
    expect(store.getState().editor.closedReportId).toBeNull();
    store.getState().dismissNearby();
    store.getState().selectReport(null);
    store.getState().selectReport(second);
    expect(store.getState().editor.nearby).toBeNull();
  });

  it('a point is never offered to be swapped for an area around it', async () => {
    const store = await openLoadedTab(newProfile());
    await store.getState().placeReport(square(KARLOVY_VARY));
    await store.getState().placeReport(point(KARLOVY_VARY));
    expect(store.getState().editor.nearby).toBeNull();
  });

  it('nothing is offered for a report far away', async () => {
    const store = await openLoadedTab(newProfile());
    await store.getState().placeReport(point(KARLOVY_VARY));
    await store.getState().placeReport(square(BOZI_DAR));
    expect(store.getState().editor.nearby).toBeNull();
  });

  it('a report outside "Moje obec" is assigned to the obec it lies in, with a notice', async () => {
    const store = await openLoadedTab(newProfile());
    store.getState().setMyObec('554961');
    await store.getState().placeReport(point(BOZI_DAR));
    const { editor, reports } = store.getState();
    const id = editor.selectedReportId!;
    expect(reports[id]?.place?.obec.kod).toBe('506486');
    expect(editor.notice).toEqual({ kind: 'outsideMyObec', reportId: id, obec: { kod: '506486', nazev: 'Boží Dar' } });
  });

  it('a new report starts with the reporter of the newest real report', async () => {
    const store = await openLoadedTab(newProfile());
    await store.getState().placeReport(point(KARLOVY_VARY));
    const first = store.getState().editor.selectedReportId!;
    await store.getState().updateReport(first, { reporter: { name: 'Jana Nováková', role: 'starosta', contact: 'jana@example.cz' } });
    await store.getState().placeReport(square(BOZI_DAR));
    const second = store.getState().editor.selectedReportId!;
    expect(store.getState().reports[second]?.reporter).toEqual({ name: 'Jana Nováková', role: 'starosta', contact: 'jana@example.cz' });
  });

  it('reshaping refuses a self-intersecting polygon and keeps the stored one', async () => {
    const store = await openLoadedTab(newProfile());
    await store.getState().placeReport(square(KARLOVY_VARY));
    const id = store.getState().editor.selectedReportId!;
    const stored = store.getState().reports[id]!.geometry;
    store.getState().startEditShape(id);
    expect(await store.getState().reshapeReport(id, bowTie(KARLOVY_VARY))).toBe(false);
    expect(store.getState().reports[id]!.geometry).toBe(stored);
    expect(store.getState().editor.notice?.kind).toBe('refused');
    expect(store.getState().editor.mode).toEqual({ kind: 'editShape', reportId: id });
  });

  it('choosing a tool closes the form; selecting a report while browsing keeps the tool off', async () => {
    const store = await openLoadedTab(newProfile());
    await store.getState().placeReport(point(KARLOVY_VARY));
    const id = store.getState().editor.selectedReportId!;
    store.getState().setTool('linestring');
    expect(store.getState().editor.selectedReportId).toBeNull();
    store.getState().setTool(null);
    store.getState().selectReport(id);
    expect(store.getState().editor).toMatchObject({ selectedReportId: id, mode: { kind: 'browse' } });
  });
});
