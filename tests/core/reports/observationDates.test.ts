/**
 * One meaning of the date on both screens (issue 16, item 15): the region overview's filter and the package's
 * "Pozorováno od / do" both select by the observation date (a report without observations: the day it was created).
 */
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../../src/core/analysis/analysisTypes.ts';
import { reportPassesFilters } from '../../../src/core/analysis/analyseReports.ts';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { buildPackageLocalities } from '../../../src/core/ctuPackage/packageLocalities.ts';
import { selectPackageLocalities } from '../../../src/core/ctuPackage/packageSelection.ts';
import { observationDays, observationSpan, observedWithin } from '../../../src/core/reports/observationDates.ts';
import type { Report } from '../../../src/core/reports/report.ts';
import { EMPTY_REVIEW_STATE } from '../../../src/core/review/reviewModel.ts';
import { validReport } from '../../store/reportsStoreKit.ts';

const observed = (dates: string[]) => dates.map((date) => ({ date, time: null, note: '' }));

function reportAt(lon: number, description: string, createdAt: string, dates: string[]): Report {
  return Object.freeze({ ...validReport([lon, 50.23], { description }), createdAt, updatedAt: createdAt, observations: observed(dates) });
}

// Created in November about an outage seen in September; created in September, seen in November; no observation.
const lateFiling = reportAt(12.7, 'Zapsáno v listopadu, pozorováno v září', '2026-11-20T08:00:00.000Z', ['2026-09-10', '2026-09-03']);
const earlyFiling = reportAt(12.8, 'Zapsáno v září, pozorováno v listopadu', '2026-09-20T08:00:00.000Z', ['2026-11-02']);
const noObservation = reportAt(12.9, 'Bez pozorování, zapsáno v září', '2026-09-05T08:00:00.000Z', []);
const reports = [lateFiling, earlyFiling, noObservation];

describe('observation dates', () => {
  it('are the observations’ dates, else the day the report was created', () => {
    expect(observationDays(lateFiling)).toEqual(['2026-09-03', '2026-09-10']);
    expect(observationDays(noObservation)).toEqual(['2026-09-05']);
    expect(observationSpan(reports)).toEqual({ first: '2026-09-03', last: '2026-11-02' });
    expect(observationSpan([])).toBeNull();
  });

  it('select a place when its span of observation days overlaps the period (inclusive, open ends)', () => {
    const span = { first: '2026-09-03', last: '2026-09-10' };
    expect(observedWithin(span, '2026-09-10', null)).toBe(true);
    expect(observedWithin(span, '2026-09-11', null)).toBe(false);
    expect(observedWithin(span, null, '2026-09-03')).toBe(true);
    expect(observedWithin(span, null, '2026-09-02')).toBe(false);
    expect(observedWithin(span, '2026-09-05', '2026-09-06')).toBe(true); // inside the span
    expect(observedWithin(null, null, null)).toBe(true);
    expect(observedWithin(null, '2026-09-01', null)).toBe(false);
  });

  it('mean the same in the region overview’s filter and in the package’s “Pozorováno od / do”', () => {
    const september = { from: '2026-09-01', to: '2026-09-30' };
    const onMap = reports.filter((report) => reportPassesFilters(report, { ...NO_FILTERS, ...september })).map((r) => r.description);
    expect(onMap).toEqual(['Zapsáno v listopadu, pozorováno v září', 'Bez pozorování, zapsáno v září']);

    const localities = buildPackageLocalities(reports, clusterReports(reports, { distanceM: 300 }), EMPTY_REVIEW_STATE, '2026-12-01T00:00:00.000Z');
    expect(localities).toHaveLength(3);
    const inPackage = selectPackageLocalities(localities, { statuses: ['new'], orpKod: null, ...september }).map((l) => l.description);
    expect(inPackage.sort()).toEqual([...onMap].sort());

    const november = { from: '2026-11-01', to: '2026-11-30' };
    expect(reports.filter((report) => reportPassesFilters(report, { ...NO_FILTERS, ...november })).map((r) => r.description)).toEqual([
      'Zapsáno v září, pozorováno v listopadu',
    ]);
    expect(selectPackageLocalities(localities, { statuses: ['new'], orpKod: null, ...november }).map((l) => l.description)).toEqual([
      'Zapsáno v září, pozorováno v listopadu',
    ]);
  });
});
