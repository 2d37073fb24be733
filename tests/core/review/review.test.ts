import { describe, expect, it } from 'vitest';
import { clusterReports, localityIdFor, type ClusterableReport } from '../../../src/core/cluster/clusterReports.ts';
import { METRES_PER_DEGREE } from '../../../src/core/geo/earth.ts';
import { applyReviewAction, type ReviewContext } from '../../../src/core/review/applyReviewAction.ts';
import { exportReviewFile, mergeReviewStates, parseReviewFile } from '../../../src/core/review/reviewFile.ts';
import { EMPTY_REVIEW_STATE, pinsForClustering, type ReviewAction, type ReviewState } from '../../../src/core/review/reviewModel.ts';

const KX = METRES_PER_DEGREE * Math.cos((50.4 * Math.PI) / 180);
const at = (id: string, east: number, day: number): ClusterableReport => ({
  id,
  createdAt: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
  geometry: { type: 'Point', coordinates: [12.9 + east / KX, 50.4] },
});
const reports = [at('a', 0, 1), at('b', 100, 2), at('c', 5000, 3), at('d', 5100, 4)];
const createdAt = new Map(reports.map((r) => [r.id, r.createdAt]));

function apply(state: ReviewState, action: ReviewAction, time = '2026-11-01T10:00:00Z') {
  const clustering = clusterReports(reports, { distanceM: 300, pins: pinsForClustering(state) });
  const context: ReviewContext = { clustering, createdAt, by: 'koordinátor BCO', at: time };
  const result = applyReviewAction(state, action, context);
  if (!result.ok) throw new Error(result.code);
  return result.state;
}

describe('review of localities', () => {
  const A = localityIdFor('a');
  const C = localityIdFor('c');

  it('moves a locality through allowed statuses and refuses skipping ahead, recording who and when', () => {
    let state = apply(EMPTY_REVIEW_STATE, { type: 'setStatus', localityId: A, status: 'inReview' });
    state = apply(state, { type: 'setStatus', localityId: A, status: 'confirmed' }, '2026-11-02T10:00:00Z');
    expect(state.reviews[A]).toMatchObject({ status: 'confirmed', updatedAt: '2026-11-02T10:00:00Z' });
    expect(state.audit.map((e) => [e.by, e.details.from, e.details.to])).toEqual([
      ['koordinátor BCO', 'new', 'inReview'],
      ['koordinátor BCO', 'inReview', 'confirmed'],
    ]);
    const clustering = clusterReports(reports, { distanceM: 300 });
    expect(applyReviewAction(state, { type: 'setStatus', localityId: A, status: 'resolved' }, { clustering, createdAt, by: 'x', at: 't' })).toMatchObject({
      ok: false,
      code: 'review.transitionNotAllowed',
    });
    expect(applyReviewAction(state, { type: 'addNote', localityId: A, text: '  ' }, { clustering, createdAt, by: 'x', at: 't' })).toMatchObject({
      ok: false,
      code: 'review.emptyNote',
    });
  });

  it('a note marked for the obec keeps its flag (and the audit trail says so); other notes are internal', () => {
    let state = apply(EMPTY_REVIEW_STATE, { type: 'addNote', localityId: A, text: 'Interní poznámka' });
    state = apply(state, { type: 'addNote', localityId: A, text: 'Předáme ČTÚ', forMayor: true }, '2026-11-02T10:00:00Z');
    expect(state.reviews[A]!.notes).toEqual([
      { at: '2026-11-01T10:00:00Z', by: 'koordinátor BCO', text: 'Interní poznámka' },
      { at: '2026-11-02T10:00:00Z', by: 'koordinátor BCO', text: 'Předáme ČTÚ', forMayor: true },
    ]);
    expect(state.audit.map((e) => e.details.forMayor ?? null)).toEqual([null, 1]);
    // Two people's copies merged: the flag stays with its note.
    const other = apply(EMPTY_REVIEW_STATE, { type: 'addNote', localityId: A, text: 'Jiná', forMayor: true }, '2026-11-03T10:00:00Z');
    const merged = mergeReviewStates(state, other).reviews[A]!.notes;
    expect(merged.map((n) => [n.text, n.forMayor ?? false])).toEqual([
      ['Interní poznámka', false],
      ['Předáme ČTÚ', true],
      ['Jiná', true],
    ]);
  });

  it('merges two localities, and the merge holds when clustering runs again', () => {
    const state = apply(apply(EMPTY_REVIEW_STATE, { type: 'addNote', localityId: C, text: 'ověřeno na místě' }), { type: 'merge', targetId: A, sourceId: C });
    const clustering = clusterReports(reports, { distanceM: 300, pins: pinsForClustering(state) });
    expect(clustering.localities.map((l) => [l.id, l.reportIds])).toEqual([[A, ['a', 'b', 'c', 'd']]]);
    expect(state.reviews[C]!.mergedInto).toBe(A);
    expect(state.reviews[A]!.notes.map((n) => n.text)).toEqual(['ověřeno na místě']);
  });

  it('splits a locality and moves a report between localities', () => {
    const split = apply(EMPTY_REVIEW_STATE, { type: 'split', localityId: A, reportIds: ['b'] });
    let clustering = clusterReports(reports, { distanceM: 300, pins: pinsForClustering(split) });
    expect(clustering.localityOf.get('b')).toBe(localityIdFor('b'));
    expect(clustering.localityOf.get('a')).toBe(A);
    const moved = apply(split, { type: 'moveReport', reportId: 'd', targetId: A });
    clustering = clusterReports(reports, { distanceM: 300, pins: pinsForClustering(moved) });
    expect(clustering.localityOf.get('d')).toBe(A);
    expect(clustering.localityOf.get('c')).toBe(C);
  });

  it('survives export and import; importing twice changes nothing; the newer review wins', () => {
    const state = apply(apply(EMPTY_REVIEW_STATE, { type: 'setStatus', localityId: A, status: 'inReview' }), {
      type: 'setPriority',
      localityId: A,
      priority: 'urgent',
    });
    const parsed = parseReviewFile(exportReviewFile(state, '2026-11-03T00:00:00Z'));
    expect(parsed).toEqual({ ok: true, state });
    if (!parsed.ok) return;
    const once = mergeReviewStates(EMPTY_REVIEW_STATE, parsed.state);
    expect(mergeReviewStates(once, parsed.state)).toEqual(once);
    const later = apply(once, { type: 'setStatus', localityId: A, status: 'confirmed' }, '2026-11-05T00:00:00Z');
    expect(mergeReviewStates(later, parsed.state).reviews[A]!.status).toBe('confirmed');
    expect(parseReviewFile('{"format":"something"}')).toEqual({ ok: false, code: 'reviewFile.notReviewFile' });
  });
});
