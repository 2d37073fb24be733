/**
 * The public layer without sign-in: core's publicCells (H3 cells backed by at least 4 distinct sources, BNetzA's
 * rule) where a source is an **account** (the user who filed the report), never a self-declared name. No personal
 * data leaves: hlucha.public_report_points gives only a point on the geometry, codes and an account id, and the
 * account ids are used for counting only.
 */
import type { FeatureCollection, Polygon } from 'geojson';
import { cellToBoundary } from 'h3-js';
import { publicCells, PUBLIC_MIN_DISTINCT_REPORTERS } from '../core/ctuPackage/publicVariant.ts';
import { createEmptyReport } from '../core/reports/createReport.ts';
import type { Report } from '../core/reports/report.ts';
import type pg from 'pg';

export async function publicCellsGeoJson(client: pg.ClientBase): Promise<FeatureCollection<Polygon>> {
  const rows = await client.query<{
    id: string;
    geometry: string;
    domain: string;
    failures: Report['failures'];
    operators: Report['operators'];
    account: string;
  }>('SELECT * FROM hlucha.public_report_points()');
  const reports: Report[] = rows.rows.map((row) => ({
    ...createEmptyReport(JSON.parse(row.geometry) as Report['geometry'], { id: row.id, now: '1970-01-01T00:00:00.000Z' }),
    domain: row.domain === 'fixed' ? 'fixed' : 'mobile',
    failures: row.failures ?? [],
    operators: row.operators ?? [],
    // The account stands in as the reporter, so core counts distinct accounts.
    reporter: { name: `account:${row.account}`, role: 'jiny', contact: '' },
  }));
  const { cells } = publicCells(reports, { minDistinctReporters: PUBLIC_MIN_DISTINCT_REPORTERS });
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => {
      const ring = cellToBoundary(c.cell, true).map(([lon, lat]) => [Math.round(lon! * 1e6) / 1e6, Math.round(lat! * 1e6) / 1e6]);
      const closed = ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring : [...ring, ring[0]!];
      return {
        type: 'Feature',
        id: c.cell,
        geometry: { type: 'Polygon', coordinates: [closed] },
        properties: {
          cell: c.cell,
          reports: c.reports,
          distinctAccounts: c.distinctReporters,
          mobile: c.mobile,
          fixed: c.fixed,
          failures: c.failures,
          operators: c.operators,
        },
      };
    }),
  };
}
