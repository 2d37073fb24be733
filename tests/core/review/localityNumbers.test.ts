import { describe, expect, it } from 'vitest';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { applyReviewAction } from '../../../src/core/review/applyReviewAction.ts';
import { assignLocalityNumbers, compareLocalityNumbers, localityNumberIndex, parseLocalityNumber } from '../../../src/core/review/localityNumbers.ts';
import { queryLocalities, type ListedLocality } from '../../../src/core/review/localityQuery.ts';
import { mergeReviewStates } from '../../../src/core/review/reviewFile.ts';
import { EMPTY_REVIEW_STATE, type ReviewState } from '../../../src/core/review/reviewModel.ts';

const AT = '2026-11-21T10:00:00.000Z';

/** Three places in a row, 100 m apart in pairs, and one far away. */
function reports() {
  const point = (n: number, lon: number, createdAt: string) => ({ id: `r${n}`, createdAt, geometry: { type: 'Point' as const, coordinates: [lon, 50.23] } });
  return [
    point(1, 12.87, '2026-10-01T08:00:00Z'),
    point(2, 12.8714, '2026-10-02T08:00:00Z'),
    point(3, 12.95, '2026-10-03T08:00:00Z'),
    point(4, 12.96, '2026-10-04T08:00:00Z'),
  ];
}

function numbered(state: ReviewState, clustering = clusterReports(reports(), { distanceM: 300 }), at = AT) {
  const createdAt = new Map(reports().map((r) => [r.id, r.createdAt]));
  const localities = clustering.localities.map((l) => ({ id: l.id, nuts3: 'CZ041', firstAt: createdAt.get(l.reportIds[0]!)! }));
  return assignLocalityNumbers(state, localities, at);
}

describe('locality numbers (issue 16, item 14)', () => {
  it("numbers the kraj's localities in the order of their first report, and keeps the numbers on re-analysis", () => {
    const first = numbered(EMPTY_REVIEW_STATE);
    expect([...first.assigned.entries()]).toEqual([
      ['L-r1', 'KV-2026-0001'],
      ['L-r3', 'KV-2026-0002'],
      ['L-r4', 'KV-2026-0003'],
    ]);
    const again = numbered(first.state, undefined, '2027-01-05T10:00:00Z');
    expect(again.assigned.size).toBe(0);
    expect(again.state).toBe(first.state);
    expect(parseLocalityNumber('kv-2026-0042')).toEqual({ prefix: 'KV', year: 2026, sequence: 42 });
    expect(['KV-2027-0001', 'KV-2026-0010', 'KV-2026-0002'].sort(compareLocalityNumbers)).toEqual(['KV-2026-0002', 'KV-2026-0010', 'KV-2027-0001']);
  });

  it('gives a split-off part a new number and keeps the old one on the rest', () => {
    const { state } = numbered(EMPTY_REVIEW_STATE);
    const clustering = clusterReports(reports(), { distanceM: 300 });
    const createdAt = new Map(reports().map((r) => [r.id, r.createdAt]));
    const split = applyReviewAction(state, { type: 'split', localityId: 'L-r1', reportIds: ['r2'] }, { clustering, createdAt, by: 'Jana', at: AT });
    if (!split.ok) throw new Error(split.code);
    const after = clusterReports(reports(), { distanceM: 300, pins: Object.fromEntries(Object.entries(split.state.pins).map(([k, v]) => [k, v.localityId])) });
    const renumbered = numbered(split.state, after, '2026-11-22T10:00:00Z');
    expect(renumbered.state.reviews['L-r1']!.number).toBe('KV-2026-0001');
    expect(renumbered.state.reviews['L-r2']!.number).toBe('KV-2026-0004');
  });

  it('keeps the older number on a merge and records the other; both find the merged locality', () => {
    const { state } = numbered(EMPTY_REVIEW_STATE);
    const clustering = clusterReports(reports(), { distanceM: 300 });
    const merged = applyReviewAction(state, { type: 'merge', targetId: 'L-r4', sourceId: 'L-r3' }, { clustering, createdAt: new Map(), by: 'Jana', at: AT });
    if (!merged.ok) throw new Error(merged.code);
    expect(merged.state.reviews['L-r4']).toMatchObject({ number: 'KV-2026-0002', formerNumbers: ['KV-2026-0003'] });
    expect(merged.entry.details).toMatchObject({ number: 'KV-2026-0002', absorbedNumber: 'KV-2026-0003' });
    const index = localityNumberIndex(merged.state);
    expect(index.localityOfNumber.get('KV-2026-0002')).toBe('L-r4');
    expect(index.localityOfNumber.get('KV-2026-0003')).toBe('L-r4');
    // Neither number is given again.
    const next = assignLocalityNumbers(merged.state, [{ id: 'L-new', nuts3: 'CZ041', firstAt: '2026-11-01' }], AT);
    expect(next.assigned.get('L-new')).toBe('KV-2026-0004');
  });

  it('keeps a number when another tab saved the review without it, and resolves a number given twice', () => {
    const { state } = numbered(EMPTY_REVIEW_STATE);
    const otherTab: ReviewState = {
      ...EMPTY_REVIEW_STATE,
      reviews: { 'L-r1': { localityId: 'L-r1', status: 'inReview', priority: 'normal', notes: [], mergedInto: null, updatedAt: '2026-11-21T11:00:00.000Z' } },
    };
    expect(mergeReviewStates(state, otherTab).reviews['L-r1']).toMatchObject({ status: 'inReview', number: 'KV-2026-0001' });
    const twice: ReviewState = { ...state, reviews: { ...state.reviews, 'L-x': { ...state.reviews['L-r3']!, localityId: 'L-x' } } };
    const fixed = assignLocalityNumbers(
      twice,
      [
        { id: 'L-x', nuts3: 'CZ041', firstAt: '2026-10-10' },
        { id: 'L-r3', nuts3: 'CZ041', firstAt: '2026-10-03' },
      ],
      AT,
    );
    expect(fixed.state.reviews['L-r3']!.number).toBe('KV-2026-0002');
    expect(fixed.state.reviews['L-x']!.number).toBe('KV-2026-0004');
  });
});

describe('the locality list: search and sort (item 14)', () => {
  const item = (over: Partial<ListedLocality>): ListedLocality => ({
    id: 'L-a',
    number: '',
    formerNumbers: [],
    reports: 1,
    obce: [],
    texts: [],
    priority: 'normal',
    status: 'new',
    lastObservation: '',
    evidenceLevel: 0,
    ...over,
  });
  const list = [
    item({
      id: 'L-a',
      number: 'KV-2026-0003',
      reports: 5,
      obce: [{ kod: '560464', nazev: 'Stříbrná' }],
      texts: ['U kostela'],
      priority: 'low',
      status: 'confirmed',
      lastObservation: '2026-10-01',
    }),
    item({
      id: 'L-b',
      number: 'KV-2026-0001',
      reports: 2,
      obce: [{ kod: '506486', nazev: 'Boží Dar' }],
      texts: ['Hasičská zbrojnice'],
      priority: 'urgent',
      status: 'new',
      lastObservation: '2026-11-10',
    }),
    item({
      id: 'L-c',
      number: 'KV-2026-0042',
      formerNumbers: ['KV-2026-0007'],
      reports: 2,
      obce: [{ kod: '560464', nazev: 'Stříbrná' }],
      texts: ['Silnice na Bublavu'],
      priority: 'high',
      status: 'inReview',
      lastObservation: '2026-09-01',
    }),
  ];
  const ids = (search: string, sort: Parameters<typeof queryLocalities>[1]['sort'] = 'reports') => queryLocalities(list, { search, sort }).map((l) => l.id);

  it('finds by obec without diacritics, by kód, by number or its digits (absorbed ones too) and by text', () => {
    expect(ids('stribrna')).toEqual(['L-a', 'L-c']);
    expect(ids('506486')).toEqual(['L-b']);
    expect(ids('0042')).toEqual(['L-c']);
    expect(ids('kv-2026-0007')).toEqual(['L-c']);
    expect(ids('hasicska')).toEqual(['L-b']);
    expect(ids('stribrna silnice')).toEqual(['L-c']);
    expect(ids('')).toEqual(['L-a', 'L-b', 'L-c']);
  });

  it('sorts by reports, priority, status, last observation and number', () => {
    expect(ids('', 'reports')).toEqual(['L-a', 'L-b', 'L-c']);
    expect(ids('', 'priority')).toEqual(['L-b', 'L-c', 'L-a']);
    expect(ids('', 'status')).toEqual(['L-b', 'L-c', 'L-a']);
    expect(ids('', 'lastObservation')).toEqual(['L-b', 'L-a', 'L-c']);
    expect(ids('', 'number')).toEqual(['L-b', 'L-a', 'L-c']);
  });
});
