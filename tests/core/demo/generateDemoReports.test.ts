import { describe, expect, it } from 'vitest';
import { DEMO_PREFIX, generateDemoReports } from '../../../src/core/demo/generateDemoReports.ts';
import { validateReport } from '../../../src/core/reports/validateReport.ts';
import { countryObecIndex } from '../../support/packs.ts';

describe('generateDemoReports', () => {
  const index = countryObecIndex();
  const options = { count: 300, seed: 42, now: '2026-11-25T10:00:00.000Z', krajNuts3: 'CZ041' };

  it('makes valid, clearly labelled reports inside the kraj, of all three geometry types', () => {
    const reports = generateDemoReports(index, options);
    expect(reports).toHaveLength(300);
    for (const report of reports) {
      expect(validateReport(report)).toEqual([]);
      expect(report.demo).toBe(true);
      expect(report.description.startsWith(DEMO_PREFIX)).toBe(true);
      expect(report.place?.kraj.nuts3).toBe('CZ041');
      expect(report.reporter).toBeNull();
    }
    expect(new Set(reports.map((r) => r.geometry.type))).toEqual(new Set(['Point', 'LineString', 'Polygon']));
    expect(new Set(reports.map((r) => r.id)).size).toBe(300);
  });

  it('is deterministic for a seed and differs for another', () => {
    expect(generateDemoReports(index, options)).toEqual(generateDemoReports(index, options));
    expect(generateDemoReports(index, { ...options, seed: 43 })[0]!.id).not.toBe(generateDemoReports(index, options)[0]!.id);
  });
});
