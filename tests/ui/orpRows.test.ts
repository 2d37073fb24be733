import { describe, expect, test } from 'vitest';
import type { UnitStatistics } from '../../src/core/aggregate/aggregateReports.ts';
import { EMPTY_REVIEW_STATE } from '../../src/core/review/reviewModel.ts';
import { orpRows, sortOrpRows } from '../../src/ui/regionOverview/orpRows.ts';
import type { AnalysisResult, LocalitySummary } from '../../src/worker/analysisProtocol.ts';

function unit(kod: string, reports: number, operators: Record<string, number>): UnitStatistics {
  return {
    unit: { kind: 'orp', kod, nazev: kod },
    reports,
    weightedReports: reports,
    distinctObce: 1,
    distinctReporters: 1,
    inhabitantsAffected: reports * 10,
    localities: 1,
    byOperator: operators,
    byFailure: {},
    byDomain: { mobile: reports, fixed: 0 },
  };
}

function locality(id: string, orp: string): LocalitySummary {
  return {
    id,
    reportIds: [id],
    reviewed: false,
    centre: [13, 50],
    radiusM: 120,
    orp: { kod: orp, nazev: orp },
    obce: [],
    operators: [],
    failures: [],
    firstAt: '2026-01-01',
    lastAt: '2026-01-01',
    evidence: {
      level: 0,
      met: [],
      missing: [],
      figures: { reports: 1, distinctReporters: 1, distinctObce: 1, hoursSpan: 0, failedMeasurements: 0, measurements: 0 },
    },
    addressPoints: null,
    shown: true,
  };
}

describe('ORP table rows', () => {
  const result: AnalysisResult = {
    localities: [locality('L-a', '4101'), locality('L-b', '4101'), locality('L-c', '4102')],
    byOrp: [unit('4101', 5, { o2: 5 }), unit('4102', 2, { o2: 1, vodafone: 1, tmobile: 2 })],
    byObec: [],
    byH3: [],
    byZsj: [],
    addressPoints: null,
    shownReports: 7,
    totalReports: 7,
    outside: 0,
    durationMs: 1,
  };
  const orp = [
    { kod: '4101', nazev: 'Cheb' },
    { kod: '4102', nazev: 'Aš' },
    { kod: '4103', nazev: 'Sokolov' },
  ];

  test('counts open and confirmed localities per ORP and keeps ORP without reports', () => {
    const review = {
      ...EMPTY_REVIEW_STATE,
      reviews: { 'L-b': { localityId: 'L-b', status: 'confirmed' as const, priority: 'normal' as const, notes: [], mergedInto: null, updatedAt: '' } },
    };
    const rows = orpRows(orp, result, review);
    expect(rows.map((r) => [r.kod, r.open, r.confirmed, r.stats?.reports ?? null])).toEqual([
      ['4101', 1, 1, 5],
      ['4102', 1, 0, 2],
      ['4103', 0, 0, null],
    ]);
  });

  test('sorts by a figure with "no reports" always last, or by name in Czech order', () => {
    const rows = orpRows(orp, result, EMPTY_REVIEW_STATE);
    expect(sortOrpRows(rows, 'reports', true).map((r) => r.kod)).toEqual(['4101', '4102', '4103']);
    expect(sortOrpRows(rows, 'reports', false).map((r) => r.kod)).toEqual(['4102', '4101', '4103']);
    expect(sortOrpRows(rows, 'operators', true).map((r) => r.kod)).toEqual(['4102', '4101', '4103']);
    expect(sortOrpRows(rows, 'nazev', false).map((r) => r.nazev)).toEqual(['Aš', 'Cheb', 'Sokolov']);
  });
});
