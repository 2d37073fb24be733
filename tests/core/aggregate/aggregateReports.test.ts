import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../src/core/aggregate/aggregateReports.ts';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import type { Report, ReportGeometry } from '../../../src/core/reports/report.ts';
import { countryObecIndex } from '../../support/packs.ts';

let n = 0;
function report(geometry: ReportGeometry, changes: Partial<Report> = {}): Report {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    ...createEmptyReport(geometry, { id, now: `2026-10-${String((n % 28) + 1).padStart(2, '0')}T08:00:00.000Z` }),
    description: 'x',
    failures: ['noSignal'],
    operators: ['o2'],
    ...changes,
  };
}
const at = (lon: number, lat: number, changes: Partial<Report> = {}) => report({ type: 'Point', coordinates: [lon, lat] }, changes);

describe('aggregateReports', () => {
  const index = countryObecIndex();
  const reports = [
    at(12.9245, 50.4098, { affected: { inhabitants: 10, households: null }, reporter: { name: 'Jan Novák', role: 'starosta', contact: 'a' } }),
    at(12.9255, 50.4101, { operators: ['all'], reporter: { name: 'Jan Novák', role: 'starosta', contact: 'a' } }),
    at(12.9412, 50.3237, { affected: { inhabitants: 5, households: null } }), // Ostrov
    at(12.3706, 50.0795), // Cheb
    at(16.37, 48.2), // Vienna: outside
    report(
      {
        type: 'LineString',
        coordinates: [
          [12.9245, 50.4098],
          [12.93, 50.39],
          [12.935, 50.372],
        ],
      },
      { affected: { inhabitants: 100, households: null }, failures: ['noData'] },
    ),
  ];

  it('counts reports per obec, with distinct reporters and shares of lines', () => {
    const { units, outside } = aggregateReports(reports, index, { by: 'obec' });
    expect(outside).toHaveLength(1);
    const bozi = units.find((u) => u.unit.kod === '506486')!;
    expect(bozi).toMatchObject({ reports: 3, distinctReporters: 2, byOperator: { o2: 2, all: 1 }, byFailure: { noSignal: 2, noData: 1 } });
    expect(bozi.weightedReports).toBeGreaterThan(2);
    expect(bozi.weightedReports).toBeLessThan(3);
    // The line's other obce together hold the rest of its weight.
    const lineWeight = units.reduce((s, u) => s + u.weightedReports, 0) - 4;
    expect(lineWeight).toBeCloseTo(1, 2);
  });

  it('rolls obce up to ORP and kraj through the obec codes', () => {
    const orp = aggregateReports(reports, index, { by: 'orp' }).units;
    expect(orp.map((u) => [u.unit.kod, u.unit.kodRuian, u.reports])).toEqual([
      ['4106', '540', 4],
      ['4102', '515', 1],
    ]);
    expect(orp[0]!.inhabitantsAffected).toBe(115);
    expect(orp[0]!.distinctObce).toBeGreaterThanOrEqual(2);
    const kraj = aggregateReports(reports, index, { by: 'kraj' }).units;
    expect(kraj).toHaveLength(1);
    expect(kraj[0]).toMatchObject({ unit: { kod: 'CZ041', nazev: 'Karlovarský kraj' }, reports: 5, weightedReports: 5 });
  });

  it('groups by H3 cells (resolution 8) and counts localities per unit', () => {
    const clustering = clusterReports(reports, { distanceM: 300 });
    const h3 = aggregateReports(reports, index, { by: 'h3', localityOf: clustering.localityOf });
    expect(h3.units[0]!.unit.kod).toMatch(/^88[0-9a-f]+$/);
    expect(h3.units.reduce((s, u) => s + u.reports, 0)).toBe(5);
    const orp = aggregateReports(reports, index, { by: 'orp', localityOf: clustering.localityOf }).units;
    expect(orp[0]!.localities).toBeLessThan(orp[0]!.reports);
  });

  it('gives nothing for no reports (no reports is not zero)', () => {
    expect(aggregateReports([], index, { by: 'orp' })).toEqual({ by: 'orp', units: [], outside: [] });
  });
});
