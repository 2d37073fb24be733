/**
 * ČTÚ's answer entered by hand in the locality panel (issue 16, the loop back from ČTÚ): recorded by the same store
 * command as the answers imported from odpoved_ctu.csv, so the status follows, the audit trail names the reviewer,
 * the same answer is not added twice (by hand or by file), and a bad date or state is refused with its reason.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { ANSWER_COLUMNS } from '../../src/core/ctu/ctuAnswers.ts';
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { enterCtuAnswer, importCtuAnswers } from '../../src/store/ctuLoop.ts';
import { loadIndexFromDisk, newProfile, validReport } from './reportsStoreKit.ts';

const AT = '2026-12-03T10:00:00.000Z';

async function analysedTab(): Promise<{ store: AppStore; localityId: string; number: string }> {
  const store = createAppStore({
    settingsStorage: newProfile().settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: newProfile().indexedDB, channelName: null, storageManager: null, now: () => AT },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null, now: () => AT },
  });
  onTestFinished(() => {
    store.getState().closeReports();
    store.getState().closeReview();
  });
  await store.getState().loadReports();
  await store.getState().loadReview();
  const report = validReport([12.87, 50.23], { description: 'Náves u kaple' });
  await store.getState().importObecFile(exportObecFile([report], { obec: null, signOff: null, exportedAt: AT, appVersion: 'test' }));
  await store.getState().runAnalysis();
  const localityId = store.getState().analysis.result!.localities[0]!.id;
  await expect.poll(() => store.getState().review.reviews[localityId]?.number).toBeTruthy();
  return { store, localityId, number: store.getState().review.reviews[localityId]!.number! };
}

describe('ČTÚ answer entered by hand', () => {
  it('asks who reviews first, and records nothing without a name', async () => {
    const { store, localityId } = await analysedTab();
    const outcome = await enterCtuAnswer(store, localityId, { state: 'measured', date: '2026-12-01', reference: '', note: '' }, AT);
    expect(outcome).toEqual({ ok: false, code: 'review.noReviewer' });
    expect(store.getState().review.reviews[localityId]?.ctuAnswers).toBeUndefined();
  });

  it('records the answer: the status follows, the audit trail names who entered it, the same answer is not added twice', async () => {
    const { store, localityId, number } = await analysedTab();
    store.getState().setReviewerName('Jana Dvořáková');
    const fields = { state: 'confirmedWhiteSpot', date: '2026-12-01', reference: ' ČTÚ-12345/2026-613 ', note: 'Zařazeno do seznamu bílých míst.' };
    const outcome = await enterCtuAnswer(store, localityId, fields, AT);
    expect(outcome).toMatchObject({ ok: true, alreadyKnown: 0, refused: [], applied: [{ number, localityId }] });
    const review = store.getState().review.reviews[localityId]!;
    expect(review.status).toBe('measuredByCtu');
    expect(review.ctuAnswers).toEqual([
      { state: 'confirmedWhiteSpot', date: '2026-12-01', reference: 'ČTÚ-12345/2026-613', note: 'Zařazeno do seznamu bílých míst.' },
    ]);
    const entry = store.getState().review.audit.at(-1)!;
    expect(entry).toMatchObject({ by: 'Jana Dvořáková', at: AT, action: { type: 'ctuAnswer', localityId } });
    expect(entry.details).toMatchObject({ from: 'new', to: 'measuredByCtu', answer: 'confirmedWhiteSpot', date: '2026-12-01' });

    // The same answer again, by hand or in ČTÚ's CSV: known, nothing added.
    expect(await enterCtuAnswer(store, localityId, fields, AT)).toMatchObject({ ok: true, applied: [], alreadyKnown: 1 });
    const csv = `${ANSWER_COLUMNS.number};${ANSWER_COLUMNS.state};${ANSWER_COLUMNS.date};${ANSWER_COLUMNS.reference};${ANSWER_COLUMNS.note}\r\n${number};potvrzené bílé místo;1. 12. 2026;ČTÚ-12345/2026-613;Zařazeno do seznamu bílých míst.\r\n`;
    expect(await importCtuAnswers(store, csv, AT)).toMatchObject({ ok: true, applied: [], alreadyKnown: 1 });
    expect(store.getState().review.reviews[localityId]!.ctuAnswers).toHaveLength(1);

    // A later answer: resolved.
    await enterCtuAnswer(store, localityId, { state: 'resolved', date: '2027-03-15', reference: '', note: '' }, AT);
    expect(store.getState().review.reviews[localityId]!.status).toBe('resolved');
    expect(store.getState().review.audit.filter((e) => e.action.type === 'ctuAnswer')).toHaveLength(2);
  });

  it('refuses an impossible date or an unknown state with its reason, and changes nothing', async () => {
    const { store, localityId } = await analysedTab();
    store.getState().setReviewerName('Jana Dvořáková');
    const before = store.getState().review;
    expect(await enterCtuAnswer(store, localityId, { state: 'measured', date: '2026-02-30', reference: '', note: '' }, AT)).toMatchObject({
      ok: true,
      applied: [],
      refused: [{ code: 'ctu.badDate', value: '2026-02-30' }],
    });
    expect(await enterCtuAnswer(store, localityId, { state: 'maybe', date: '2026-02-03', reference: '', note: '' }, AT)).toMatchObject({
      refused: [{ code: 'ctu.badState' }],
    });
    expect(store.getState().review.reviews).toEqual(before.reviews);
    expect(store.getState().review.audit).toEqual(before.audit);
  });
});
