import { unzipSync } from 'fflate';
import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { buildPublicPackage, publicCells } from '../../../src/core/ctuPackage/publicVariant.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import type { Report } from '../../../src/core/reports/report.ts';

let n = 0;
function report(lon: number, lat: number, reporter: string | null, changes: Partial<Report> = {}): Report {
  n++;
  return {
    ...createEmptyReport(
      { type: 'Point', coordinates: [lon, lat] },
      { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, now: '2026-11-01T00:00:00Z' },
    ),
    description: 'x',
    failures: ['noSignal'],
    operators: ['o2'],
    reporter: reporter ? { name: reporter, role: 'obcan', contact: `${reporter}@example.cz` } : null,
    ...changes,
  };
}

describe('public variant', () => {
  // Four people in one cell near Boží Dar; three in another cell; demo data in a third.
  const reports = [
    ...['Anna', 'Bedřich', 'Cyril', 'Dana'].map((name, i) => report(12.9245 + i * 0.0003, 50.4098, name)),
    report(12.9246, 50.4099, 'Anna'),
    ...['Eva', 'Filip', 'Gustav'].map((name) => report(12.5, 50.2, name)),
    ...['H', 'I', 'J', 'K'].map((name) => report(13.0, 50.3, name, { demo: true })),
  ];

  it('publishes only cells with at least 4 distinct reporters, never demo data', () => {
    const { cells, withheld } = publicCells(reports);
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ cell: latLngToCell(50.4098, 12.9245, 8), reports: 5, distinctReporters: 4 });
    expect(withheld).toBe(3);
  });

  it('counts one person filing with different contacts and spellings once (issue 16, defect 6)', () => {
    const one = ['Jan Novák', 'JAN NOVAK', 'jan  novák', 'Jan Novák'].map((name, i) =>
      report(14.0 + i * 0.0003, 50.0, name, { reporter: { name, role: 'obcan', contact: `kontakt${i}@example.cz` } }),
    );
    expect(publicCells(one)).toEqual({ cells: [], withheld: 4 });
    const four = ['Jan Novák', 'Jana Nováková', 'Petr Svoboda', 'Eva Dvořáková'].map((name, i) => report(14.0 + i * 0.0003, 50.0, name));
    expect(publicCells(four).cells[0]).toMatchObject({ distinctReporters: 4 });
  });

  it('builds a ZIP without personal data, reproducibly', async () => {
    const options = { kraj: { nuts3: 'CZ041', nazev: 'Karlovarský kraj' }, generatedAt: '2026-11-25T10:00:00Z', appVersion: '0.1.0', label: (k: string) => k };
    const a = await buildPublicPackage(reports, options);
    const b = await buildPublicPackage(reports, options);
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
    const files = unzipSync(a.zip);
    const all = Object.values(files)
      .map((bytes) => new TextDecoder().decode(bytes))
      .join('\n');
    expect(all).not.toContain('@example.cz');
    expect(all).not.toContain('Bedřich');
    const geojson = JSON.parse(new TextDecoder().decode(files['bunky_h3.geojson']!));
    expect(geojson.features[0].geometry.coordinates[0]).toHaveLength(7);
  });
});
