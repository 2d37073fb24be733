/**
 * The public variant for open data: no personal data, nothing finer than an H3 cell, and only cells backed by at
 * least 4 distinct reporters (the BNetzA rule for its published maps: a cell shows only with ≥ 4 measurements from
 * different connections). Reports are coarsened to the cell of their representative point (resolution 8 by default,
 * as the FCC uses). Deterministic: cells in id order, a fixed generated-at.
 */
import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import type { FeatureCollection, Polygon } from 'geojson';
import { DEFAULT_H3_RESOLUTION } from '../aggregate/aggregateReports.ts';
import { sourceOf } from '../evidence/evidenceMeter.ts';
import { representativePoint } from '../reports/derivePlace.ts';
import type { Report } from '../reports/report.ts';
import { toExcelCsv, type CsvColumn } from './excelCsv.ts';
import type { Label } from './packageTables.ts';
import { buildZip } from './zipPackage.ts';

/** BNetzA publishes a cell only with at least 4 measurements from different connections. */
export const PUBLIC_MIN_DISTINCT_REPORTERS = 4;

export interface PublicCell {
  cell: string;
  lon: number;
  lat: number;
  reports: number;
  distinctReporters: number;
  mobile: number;
  fixed: number;
  failures: Record<string, number>;
  operators: Record<string, number>;
}

export function publicCells(
  reports: readonly Report[],
  options: { resolution?: number; minDistinctReporters?: number } = {},
): { cells: PublicCell[]; withheld: number } {
  const resolution = options.resolution ?? DEFAULT_H3_RESOLUTION;
  const minimum = options.minDistinctReporters ?? PUBLIC_MIN_DISTINCT_REPORTERS;
  const byCell = new Map<string, { reports: Report[]; sources: Set<string> }>();
  for (const report of reports) {
    if (report.demo) continue; // demo data never goes public
    const [lon, lat] = representativePoint(report.geometry);
    const cell = latLngToCell(lat, lon, resolution);
    let entry = byCell.get(cell);
    if (!entry) byCell.set(cell, (entry = { reports: [], sources: new Set() }));
    entry.reports.push(report);
    entry.sources.add(sourceOf(report));
  }
  const cells: PublicCell[] = [];
  let withheld = 0;
  for (const [cell, { reports: members, sources }] of [...byCell.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (sources.size < minimum) {
      withheld += members.length;
      continue;
    }
    const [lat, lon] = cellToLatLng(cell);
    const count = (codes: string[][]) => {
      const result: Record<string, number> = {};
      for (const code of codes.flat()) result[code] = (result[code] ?? 0) + 1;
      return result;
    };
    cells.push({
      cell,
      lon: Math.round(lon * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      reports: members.length,
      distinctReporters: sources.size,
      mobile: members.filter((r) => r.domain === 'mobile').length,
      fixed: members.filter((r) => r.domain === 'fixed').length,
      failures: count(members.map((r) => r.failures)),
      operators: count(members.map((r) => r.operators)),
    });
  }
  return { cells, withheld };
}

export async function buildPublicPackage(
  reports: readonly Report[],
  options: { kraj: { nuts3: string; nazev: string }; generatedAt: string; appVersion: string; label: Label; resolution?: number },
): Promise<{ fileName: string; zip: Uint8Array; cells: number; withheld: number }> {
  const { cells, withheld } = publicCells(reports, { resolution: options.resolution });
  const label = options.label;
  const list = (counts: Record<string, number>, prefix: string) =>
    Object.entries(counts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => `${label(`${prefix}.${code}`)}: ${n}`)
      .join(', ');
  const columns: Array<CsvColumn<PublicCell>> = [
    { header: 'Buňka H3', kind: 'text', value: (c) => c.cell },
    { header: 'Střed zeměpisná délka (WGS84)', kind: 'number', decimals: 6, value: (c) => c.lon },
    { header: 'Střed zeměpisná šířka (WGS84)', kind: 'number', decimals: 6, value: (c) => c.lat },
    { header: 'Počet hlášení', kind: 'integer', value: (c) => c.reports },
    { header: 'Různých hlásících', kind: 'integer', value: (c) => c.distinctReporters },
    { header: 'Mobilní signál', kind: 'integer', value: (c) => c.mobile },
    { header: 'Pevný internet', kind: 'integer', value: (c) => c.fixed },
    { header: 'Co nefunguje', kind: 'text', value: (c) => list(c.failures, 'enum.failure') },
    { header: 'Operátoři', kind: 'text', value: (c) => list(c.operators, 'enum.operator') },
  ];
  const geojson: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: cells.map((c) => {
      const ring = cellToBoundary(c.cell, true).map(([lon, lat]) => [Math.round(lon! * 1e6) / 1e6, Math.round(lat! * 1e6) / 1e6]);
      // h3-js closes the loop in GeoJSON order already; close it only if a version does not.
      const closed = ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring : [...ring, ring[0]!];
      return {
        type: 'Feature',
        id: c.cell,
        geometry: { type: 'Polygon', coordinates: [closed] },
        properties: Object.fromEntries(columns.map((col) => [col.header, col.value(c) ?? null])),
      };
    }),
  };
  const text = (s: string) => new TextEncoder().encode(s);
  const readme = [
    `Veřejná data hluchých míst — ${options.kraj.nazev} (${options.kraj.nuts3})`,
    `Vytvořeno: ${options.generatedAt}`,
    '',
    `Hlášení jsou zhrubena na buňky H3 (rozlišení ${options.resolution ?? DEFAULT_H3_RESOLUTION}); zveřejněny jsou jen buňky, za nimiž stojí`,
    `alespoň ${PUBLIC_MIN_DISTINCT_REPORTERS} různí hlásící (pravidlo BNetzA). Neobsahuje osobní údaje ani ukázková data.`,
    `Zveřejněno buněk: ${cells.length}; nezveřejněných hlášení (méně zdrojů v buňce): ${withheld}.`,
    '',
    '  bunky_h3.csv      pro Excel (UTF-8 s BOM, středník)',
    '  bunky_h3.geojson  šestiúhelníky H3, WGS84',
    '',
  ].join('\r\n');
  const zip = await buildZip(
    [
      { name: 'README.txt', bytes: text(`\uFEFF${readme}`) },
      { name: 'bunky_h3.csv', bytes: text(toExcelCsv(columns, cells)) },
      { name: 'bunky_h3.geojson', bytes: text(JSON.stringify(geojson)) },
    ],
    {
      format: 'hlucha-mista/verejna-data',
      schemaVersion: 1,
      app: { name: 'hlucha-mista', version: options.appVersion },
      generatedAt: options.generatedAt,
      kraj: options.kraj,
      rule: { h3Resolution: options.resolution ?? DEFAULT_H3_RESOLUTION, minDistinctReporters: PUBLIC_MIN_DISTINCT_REPORTERS },
      counts: { cells: cells.length, withheldReports: withheld },
      personalData: false,
    },
    options.generatedAt,
  );
  return { fileName: `verejna-data-${options.kraj.nuts3}-${options.generatedAt.slice(0, 10)}.zip`, zip, cells: cells.length, withheld };
}
