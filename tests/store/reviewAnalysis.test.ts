/** The analysis the worker runs (analyseReports), called directly: localities over all reports, statistics of the filtered ones. */
import { describe, expect, it } from 'vitest';
import { derivePlace } from '../../src/core/reports/derivePlace.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { analyseReports } from '../../src/core/analysis/analyseReports.ts';
import { NO_FILTERS, type AnalysisRequest } from '../../src/worker/analysisProtocol.ts';
import { countryObecIndex } from '../support/packs.ts';
import { validReport } from './reportsStoreKit.ts';

function placed(at: [number, number], overrides: Partial<Report> = {}): Report {
  const report = { ...validReport(at), ...overrides };
  const place = derivePlace(countryObecIndex(), report.geometry);
  if (!place.ok) throw new Error('no place');
  return { ...report, place: place.place };
}

function request(reports: Report[], extra: Partial<AnalysisRequest> = {}): AnalysisRequest {
  return { packId: 'CZ', reports, pins: {}, statuses: {}, distanceM: 300, h3Resolution: 8, filters: NO_FILTERS, now: '2026-11-21T10:00:00.000Z', ...extra };
}

describe('analyseReports', () => {
  it('groups near reports into one locality with its extent, obce and evidence; aggregates per ORP, obec and H3', () => {
    const a = placed([12.87, 50.23], { createdAt: '2026-10-01T08:00:00.000Z' });
    const b = placed([12.8707, 50.2301], { createdAt: '2026-10-01T16:00:00.000Z', reporter: { name: 'Eva', role: 'obcan', contact: '' } });
    const c = placed([13.0, 50.3]);
    const progress: string[] = [];
    const result = analyseReports(countryObecIndex(), request([a, b, c]), (p) => progress.push(p.phase));
    expect(result.localities).toHaveLength(2);
    const pair = result.localities.find((l) => l.reportIds.includes(a.id))!;
    expect(pair.reportIds).toEqual([a.id, b.id]);
    expect(pair.radiusM).toBeGreaterThanOrEqual(120);
    expect(pair.obce.map((o) => o.nazev)).toEqual(['Karlovy Vary']);
    expect(pair.evidence.met).toContain('evidence.temporalSpread');
    expect(result.byOrp.map((u) => [u.unit.nazev, u.reports, u.localities])).toEqual([
      ['Karlovy Vary', 2, 1],
      ['Ostrov', 1, 1],
    ]);
    expect(result.byH3.every((cell) => cell.boundary.length === 7)).toBe(true);
    expect(progress).toEqual(['clustering', 'evidence', 'aggregation', 'aggregation', 'aggregation', 'aggregation']);
  });

  it('filters what is counted, not what the localities are: ids stay the same whatever is filtered', () => {
    const a = placed([12.87, 50.23], { operators: ['o2'], createdAt: '2026-10-01T08:00:00.000Z' });
    const b = placed([12.8707, 50.2301], { operators: ['vodafone'], createdAt: '2026-10-02T08:00:00.000Z' });
    const all = analyseReports(countryObecIndex(), request([a, b]));
    const onlyVodafone = analyseReports(countryObecIndex(), request([a, b], { filters: { ...NO_FILTERS, operators: ['vodafone'] } }));
    expect(onlyVodafone.localities.map((l) => l.id)).toEqual(all.localities.map((l) => l.id));
    expect(onlyVodafone.shownReports).toBe(1);
    expect(onlyVodafone.byOrp[0]!.reports).toBe(1);
    const inReview = analyseReports(countryObecIndex(), request([a, b], { filters: { ...NO_FILTERS, statuses: ['inReview'] } }));
    expect(inReview.shownReports).toBe(0);
    expect(inReview.localities.every((l) => !l.shown)).toBe(true);
  });

  it('filters by technology and by environment (any of the report’s own)', () => {
    const a = placed([12.87, 50.23], { technologies: ['4g'], environments: ['indoors'] });
    const b = placed([12.8707, 50.2301], { technologies: ['2g', '5g'], environments: ['vehicle', 'outdoors'] });
    const shown = (filters: Partial<typeof NO_FILTERS>) =>
      analyseReports(countryObecIndex(), request([a, b], { filters: { ...NO_FILTERS, ...filters } })).shownReports;
    expect(shown({})).toBe(2);
    expect(shown({ technologies: ['5g'] })).toBe(1);
    expect(shown({ technologies: ['none'] })).toBe(0);
    expect(shown({ environments: ['indoors'] })).toBe(1);
    expect(shown({ environments: ['outdoors'], technologies: ['2g'] })).toBe(1);
    expect(shown({ environments: ['outdoors'], technologies: ['4g'] })).toBe(0);
  });
});
