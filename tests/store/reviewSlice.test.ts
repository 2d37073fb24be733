/**
 * The review slice: every action through applyReviewAction against the analysis' localities, kept in IndexedDB
 * (a new tab reads it back), the audit trail with who and when, the reviewer asked once, the review file.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { importConflictRows } from '../../src/store/importConflicts.ts';
import { loadIndexFromDisk, newProfile, validReport, type Profile } from './reportsStoreKit.ts';

const AT = '2026-11-21T10:00:00.000Z';

function openCoordinatorTab(profile: Profile, channelName: string | null = null): AppStore {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName, storageManager: null, now: () => AT },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null, now: () => AT },
  });
  onTestFinished(() => {
    store.getState().closeReports();
    store.getState().closeReview();
  });
  return store;
}

/** Two places 50 m apart (one locality) and one 3 km away (another). */
async function withThreeReports(store: AppStore): Promise<{ near: string[]; far: string }> {
  const a = validReport([12.87, 50.23], { description: 'U školy' });
  const b = validReport([12.8707, 50.2301], { description: 'U školy, za rohem' });
  const c = validReport([12.91, 50.23], { description: 'Na kopci' });
  await store.getState().loadReports();
  await store.getState().loadReview();
  const text = exportObecFile([a, b, c], { obec: null, signOff: null, exportedAt: AT, appVersion: 'test' });
  await store.getState().importObecFile(text);
  await store.getState().runAnalysis();
  return { near: [a.id, b.id], far: c.id };
}

function localityOf(store: AppStore, reportId: string): string {
  const locality = store.getState().analysis.result?.localities.find((l) => l.reportIds.includes(reportId));
  if (!locality) throw new Error(`no locality holds ${reportId}`);
  return locality.id;
}

describe('review slice', () => {
  it('asks who reviews before anything is recorded, and remembers the name across tabs of the profile', async () => {
    const profile = newProfile();
    const store = openCoordinatorTab(profile);
    const { far } = await withThreeReports(store);
    const outcome = await store.getState().reviewLocality({ type: 'setStatus', localityId: localityOf(store, far), status: 'inReview' });
    expect(outcome).toEqual({ ok: false, code: 'review.noReviewer' });
    expect(store.getState().review.audit).toEqual([]);
    store.getState().setReviewerName('  Jana Dvořáková ');
    expect(store.getState().reviewerName).toBe('Jana Dvořáková');
    expect(openCoordinatorTab(profile).getState().reviewerName).toBe('Jana Dvořáková');
  });

  it('sets a status, merges two localities and keeps it all, with its audit trail, after a reload', async () => {
    const profile = newProfile();
    const store = openCoordinatorTab(profile);
    const { near, far } = await withThreeReports(store);
    expect(store.getState().analysis.result?.localities).toHaveLength(2);
    store.getState().setReviewerName('Jana Dvořáková');
    const target = localityOf(store, near[0]!);
    const source = localityOf(store, far);
    expect(await store.getState().reviewLocality({ type: 'setStatus', localityId: target, status: 'inReview' })).toEqual({ ok: true });
    expect(await store.getState().reviewLocality({ type: 'merge', targetId: target, sourceId: source })).toEqual({ ok: true });
    await store.getState().runAnalysis();
    expect(store.getState().analysis.result?.localities.map((l) => l.reportIds.length)).toEqual([3]);

    const reloaded = openCoordinatorTab(profile);
    await reloaded.getState().loadReports();
    await reloaded.getState().loadReview();
    await reloaded.getState().runAnalysis();
    const review = reloaded.getState().review;
    expect(review.reviews[target]?.status).toBe('inReview');
    expect(review.audit.map((entry) => [entry.by, entry.at, entry.action.type])).toEqual([
      ['Jana Dvořáková', AT, 'setStatus'],
      ['Jana Dvořáková', AT, 'merge'],
    ]);
    expect(reloaded.getState().analysis.result?.localities.map((l) => l.id)).toEqual([target]);
  });

  it('refuses a transition the model does not allow, and says why, changing nothing', async () => {
    const store = openCoordinatorTab(newProfile());
    const { far } = await withThreeReports(store);
    store.getState().setReviewerName('Jana');
    const localityId = localityOf(store, far);
    const outcome = await store.getState().reviewLocality({ type: 'setStatus', localityId, status: 'resolved' });
    expect(outcome).toEqual({ ok: false, code: 'review.transitionNotAllowed', params: { from: 'new', to: 'resolved' } });
    expect(store.getState().reviewNotice?.code).toBe('review.transitionNotAllowed');
    expect(store.getState().review.audit).toHaveLength(0);
  });

  it('splits a locality and moves a report back, each one audit entry', async () => {
    const store = openCoordinatorTab(newProfile());
    const { near } = await withThreeReports(store);
    store.getState().setReviewerName('Jana');
    const original = localityOf(store, near[0]!);
    expect(await store.getState().reviewLocality({ type: 'split', localityId: original, reportIds: [near[1]!] })).toEqual({ ok: true });
    await store.getState().runAnalysis();
    expect(localityOf(store, near[1]!)).not.toBe(original);
    expect(await store.getState().reviewLocality({ type: 'moveReport', reportId: near[1]!, targetId: original })).toEqual({ ok: true });
    await store.getState().runAnalysis();
    expect(localityOf(store, near[1]!)).toBe(original);
    expect(store.getState().review.audit.map((entry) => entry.action.type)).toEqual(['split', 'moveReport']);
  });

  it('exports the review file and imports it into another profile; importing it twice changes nothing', async () => {
    const store = openCoordinatorTab(newProfile());
    const { far } = await withThreeReports(store);
    store.getState().setReviewerName('Jana');
    await store.getState().reviewLocality({ type: 'addNote', localityId: localityOf(store, far), text: 'Ověřit u starosty' });
    const file = store.getState().exportReview();

    const other = openCoordinatorTab(newProfile());
    await other.getState().loadReview();
    expect(await other.getState().importReview(file)).toEqual({ ok: true });
    const once = other.getState().review;
    expect(await other.getState().importReview(file)).toEqual({ ok: true });
    expect(other.getState().review).toEqual(once);
    expect(once.reviews[localityOf(store, far)]?.notes.map((n) => n.text)).toEqual(['Ověřit u starosty']);
    expect(await other.getState().importReview('{"type":"FeatureCollection"}')).toEqual({ ok: false, code: 'reviewFile.notReviewFile' });
  });
});

describe('review slice: two tabs', () => {
  async function openLoaded(profile: Profile, channelName: string | null): Promise<AppStore> {
    const tab = openCoordinatorTab(profile, channelName);
    await tab.getState().loadReports();
    await tab.getState().loadReview();
    await tab.getState().runAnalysis();
    tab.getState().setReviewerName(channelName ? 'Tab s kanálem' : 'Jana Dvořáková');
    return tab;
  }

  it('a tab that saves without knowing the other tab’s review keeps it: both decisions, both notes, both audit entries', async () => {
    const profile = newProfile();
    const a = openCoordinatorTab(profile);
    const { near, far } = await withThreeReports(a);
    a.getState().setReviewerName('Jana Dvořáková');
    // Tab B opened before A reviewed anything, and hears nothing from A (no channel, a tab asleep).
    const b = await openLoaded(profile, null);
    const nearLocality = localityOf(a, near[0]!);
    const farLocality = localityOf(a, far);
    expect(await a.getState().reviewLocality({ type: 'setStatus', localityId: nearLocality, status: 'inReview' })).toEqual({ ok: true });
    expect(await a.getState().reviewLocality({ type: 'addNote', localityId: farLocality, text: 'Poznámka z tabu A' })).toEqual({ ok: true });
    expect(b.getState().review.audit).toEqual([]);
    expect(await b.getState().reviewLocality({ type: 'setPriority', localityId: farLocality, priority: 'high' })).toEqual({ ok: true });
    expect(await b.getState().reviewLocality({ type: 'addNote', localityId: farLocality, text: 'Poznámka z tabu B' })).toEqual({ ok: true });

    // B's save merged A's review in, and B now shows it too.
    expect(b.getState().review.reviews[nearLocality]?.status).toBe('inReview');
    const fresh = await openLoaded(profile, null);
    const review = fresh.getState().review;
    expect(review.reviews[nearLocality]?.status).toBe('inReview');
    expect(review.reviews[farLocality]?.priority).toBe('high');
    expect(review.reviews[farLocality]?.notes.map((n) => n.text).sort()).toEqual(['Poznámka z tabu A', 'Poznámka z tabu B']);
    expect(review.audit.map((entry) => entry.action.type).sort()).toEqual(['addNote', 'addNote', 'setPriority', 'setStatus']);
  });

  it('with the tabs’ channel, the other tab shows a review saved here without a reload', async () => {
    const profile = newProfile();
    const channel = `review-test-${crypto.randomUUID()}`;
    const a = openCoordinatorTab(profile, channel);
    const { near } = await withThreeReports(a);
    a.getState().setReviewerName('Jana Dvořáková');
    const b = await openLoaded(profile, channel);
    const locality = localityOf(a, near[0]!);
    expect(await a.getState().reviewLocality({ type: 'setStatus', localityId: locality, status: 'inReview' })).toEqual({ ok: true });
    await expect.poll(() => b.getState().review.reviews[locality]?.status).toBe('inReview');
    expect(b.getState().review.audit).toHaveLength(1);
    // Reading what it was told about does not make B write and announce again (no echo between tabs).
    const auditBefore = a.getState().review;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.getState().review).toBe(auditBefore);
  });
});

describe('coordinator: import of many obec files', () => {
  it('imports every file in turn and keeps one summary per file, refused files with their reason', async () => {
    const store = openCoordinatorTab(newProfile());
    await store.getState().loadReports();
    const file = (name: string, text: string) => ({ name, size: text.length, text: () => Promise.resolve(text) });
    const one = exportObecFile([validReport([12.87, 50.23])], { obec: null, signOff: null, exportedAt: AT, appVersion: 'test' });
    const two = exportObecFile([validReport([13.0, 50.3]), validReport([12.92, 50.41])], { obec: null, signOff: null, exportedAt: AT, appVersion: 'test' });
    await store.getState().importObecFiles([file('a.geojson', one), file('b.geojson', two), file('junk.txt', 'not json'), file('a-again.geojson', one)]);
    const state = store.getState().bulkImport;
    expect(state.status).toBe('done');
    if (state.status !== 'done') return;
    expect(state.files.map((f) => [f.fileName, f.summary.ok, f.summary.added, f.summary.unchanged])).toEqual([
      ['a.geojson', true, 1, 0],
      ['b.geojson', true, 2, 0],
      ['junk.txt', false, 0, 0],
      ['a-again.geojson', true, 0, 1],
    ]);
    expect(state.files[2]!.summary.fileProblem?.code).toBeTruthy();
    expect(Object.keys(store.getState().reports)).toHaveLength(3);
  });

  it('names each conflict with its file and report, keeps both copies to compare, and opens the stored one', async () => {
    const store = openCoordinatorTab(newProfile());
    await store.getState().loadReports();
    const file = (name: string, text: string) => ({ name, size: text.length, text: () => Promise.resolve(text) });
    const exported = (reports: Parameters<typeof exportObecFile>[0]) =>
      exportObecFile(reports, { obec: null, signOff: null, exportedAt: AT, appVersion: 'test' });
    const shared: Report = { ...validReport([12.87, 50.23], { description: 'U hasičské zbrojnice' }), failures: ['callsFail'] };
    const other = validReport([12.92, 50.41]);
    // The same report, the same revision, edited differently in the second obec's copy.
    const edited: Report = { ...shared, description: 'U hasičárny, uvnitř nelze volat', failures: ['callsFail', 'noData'] };
    const second = exported([other, edited]);
    const editedIndex = (JSON.parse(second) as { features: Array<{ properties: { id: string } }> }).features.findIndex((f) => f.properties.id === shared.id);
    await store.getState().importObecFiles([file('bozi-dar.geojson', exported([shared])), file('jachymov.geojson', second)]);
    const state = store.getState().bulkImport;
    if (state.status !== 'done') throw new Error(`bulk import ${state.status}`);
    expect(state.files.map((f) => f.summary.conflicts.length)).toEqual([0, 1]);

    const rows = importConflictRows(store.getState().reports, state.files);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fileName: 'jachymov.geojson', featureIndex: editedIndex, id: shared.id, fields: ['description', 'failures'] });
    expect(rows[0]!.stored?.description).toBe('U hasičské zbrojnice'); // the stored copy is kept
    expect(rows[0]!.incoming.description).toBe('U hasičárny, uvnitř nelze volat');
    expect(rows[0]!.incoming.place?.obec.nazev).toBeTruthy(); // the file's copy is placed like any report

    store.getState().setAppView('coordinator');
    store.getState().openReport(shared.id);
    expect(store.getState().appView).toBe('reports');
    expect(store.getState().editor.selectedReportId).toBe(shared.id);
  });
});
