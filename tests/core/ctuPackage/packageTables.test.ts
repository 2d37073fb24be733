import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { buildPackageLocalities } from '../../../src/core/ctuPackage/packageLocalities.ts';
import { buildPackageTables } from '../../../src/core/ctuPackage/packageTables.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import { derivePlace } from '../../../src/core/reports/derivePlace.ts';
import type { Report } from '../../../src/core/reports/report.ts';
import { EMPTY_REVIEW_STATE } from '../../../src/core/review/reviewModel.ts';
import { countryObecIndex } from '../../support/packs.ts';

const NOW = '2026-11-25T10:00:00.000Z';
const label = (key: string) => `«${key}»`;

describe('package tables', () => {
  const index = countryObecIndex();
  let n = 0;
  const report = (lon: number, lat: number, changes: Partial<Report>): Report => {
    n++;
    const geometry = { type: 'Point' as const, coordinates: [lon, lat] };
    const derived = derivePlace(index, geometry);
    return {
      ...createEmptyReport(geometry, { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, now: NOW }),
      place: derived.ok ? derived.place : null,
      description: 'Hasičská zbrojnice',
      failures: ['callsFail'],
      operators: ['o2'],
      ...changes,
    };
  };
  const reports = [
    report(12.9245, 50.4098, { reporter: { name: 'Jan Novák', role: 'starosta', contact: 'jan@example.cz' }, affected: { inhabitants: 12, households: null } }),
    report(12.9255, 50.4099, { description: '=HYPERLINK("http://zlo.example")', affected: { inhabitants: 30, households: null } }),
    report(12.925, 50.41, { domain: 'fixed', description: 'Pomalý pevný internet', failures: ['slowData'] }),
    report(12.3706, 50.0795, { description: 'Cheb, nádraží' }),
  ];
  const clustering = clusterReports(reports, { distanceM: 300 });
  const localities = buildPackageLocalities(reports, clustering, EMPTY_REVIEW_STATE, NOW);

  it('keeps mobile and fixed problems of one place in separate localities, as clustering does (one definition)', () => {
    expect(localities.map((l) => [l.domain, l.reports.length])).toEqual([
      ['mobile', 2],
      ['fixed', 1],
      ['mobile', 1],
    ]);
    // The same localities as the clustering the app and `cluster` show: one row each.
    expect(localities.map((l) => l.id)).toEqual(clustering.localities.map((l) => l.id));
    expect(localities[0]!.inhabitants).toBe(30);
    expect(localities[0]!.place?.orp).toEqual({ kod: '4106', kodRuian: '540', nazev: 'Ostrov' });
  });

  it('writes lokality.csv that Excel and a CSV reader both read back, with the formula neutralised', () => {
    const tables = buildPackageTables(localities, { label, includeReporters: false });
    expect(tables.lokalityCsv.startsWith('\uFEFFČíslo lokality;ID lokality;Oblast;Priorita;Kraj NUTS3')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(tables.lokalityCsv.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(rows).toHaveLength(3);
    const bozi = rows.find((r) => r['Počet hlášení'] === '2')!;
    expect(bozi['Kód obce']).toBe('506486');
    expect(bozi['Popis lokality']).toContain('=HYPERLINK');
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+@\t\r]/);
    const reportRows = Papa.parse<Record<string, string>>(tables.hlaseniCsv.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(reportRows.find((r) => r['Popis lokality']!.includes('HYPERLINK'))!['Popis lokality']).toBe(`'=HYPERLINK("http://zlo.example")`);
    expect(bozi['Těžiště X (S-JTSK, EPSG:5514)']).toMatch(/^-8\d{5},\d{1,2}$/);
  });

  it('leaves personal data out unless asked, and always lists each report with its locality', () => {
    const without = buildPackageTables(localities, { label, includeReporters: false });
    expect(without.hlaseniCsv).not.toContain('jan@example.cz');
    expect(JSON.stringify(without.hlaseniGeoJson)).not.toContain('Novák');
    const withReporters = buildPackageTables(localities, { label, includeReporters: true });
    expect(withReporters.hlaseniCsv).toContain('jan@example.cz');
    const rows = Papa.parse<Record<string, string>>(without.hlaseniCsv.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r['ID lokality'])).size).toBe(3);
  });

  it('sums localities per ORP and domain, and writes GeoJSON in WGS84', () => {
    const tables = buildPackageTables(localities, { label, includeReporters: false });
    const orp = Papa.parse<Record<string, string>>(tables.souhrnOrpCsv.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(orp.map((r) => [r['ORP kód ČSÚ'], r['Počet lokalit'], r['Počet hlášení']])).toEqual([
      ['4102', '1', '1'],
      ['4106', '1', '1'],
      ['4106', '1', '2'],
    ]);
    expect(tables.lokalityGeoJson.features[0]!.geometry.coordinates[0]).toBeGreaterThan(12);
    expect(tables.hlaseniGeoJson.features).toHaveLength(4);
  });
});
