import { describe, expect, it } from 'vitest';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import type { Report } from '../../../src/core/reports/report.ts';
import { assessEvidence, DEFAULT_EVIDENCE_THRESHOLDS } from '../../../src/core/evidence/evidenceMeter.ts';

const NOW = '2026-11-25T12:00:00.000Z';
function report(i: number, changes: Partial<Report> = {}): Report {
  return {
    ...createEmptyReport({ type: 'Point', coordinates: [12.92, 50.41] }, { id: `00000000-0000-4000-8000-00000000000${i}`, now: '2026-11-01T08:00:00.000Z' }),
    ...changes,
  };
}

describe('assessEvidence', () => {
  it('says what a single report lacks', () => {
    const result = assessEvidence([report(1)], NOW);
    expect(result.level).toBe(0);
    expect(result.missing.map((m) => [m.code, m.have, m.need])).toEqual([
      ['evidence.reports', 1, 3],
      ['evidence.distinctSources', 1, 2],
      ['evidence.temporalSpread', 0, 4],
      ['evidence.failedMeasurement', 0, 1],
    ]);
  });

  it('reaches level 4 with several reporters, observations hours apart and a failed measurement', () => {
    const reports = [
      report(1, { reporter: { name: 'A', role: 'starosta', contact: '' }, observations: [{ date: '2026-11-10', time: '07:00', note: '' }] }),
      report(2, { reporter: { name: 'B', role: 'obcan', contact: '' }, observations: [{ date: '2026-11-10', time: '19:30', note: '' }] }),
      report(3, {
        measurements: [
          { takenAt: '2026-11-11T10:00:00Z', operator: 'o2', technology: '4g', rsrpDbm: -118, downloadMbps: 12, uploadMbps: 2, openTestUuid: null },
        ],
      }),
    ];
    const result = assessEvidence(reports, NOW);
    expect(result).toMatchObject({ level: 4, missing: [], figures: { reports: 3, distinctReporters: 3, hoursSpan: 227.5, failedMeasurements: 1 } });
  });

  it('ignores observations older than the validity window and follows changed thresholds', () => {
    const old = [
      report(1, {
        observations: [
          { date: '2024-01-01', time: '08:00', note: '' },
          { date: '2024-01-01', time: '20:00', note: '' },
        ],
      }),
    ];
    expect(assessEvidence(old, NOW).figures.hoursSpan).toBe(0);
    const strict = { ...DEFAULT_EVIDENCE_THRESHOLDS, minReports: 1 };
    expect(assessEvidence([report(1)], NOW, strict).met).toEqual(['evidence.reports']);
  });
});
