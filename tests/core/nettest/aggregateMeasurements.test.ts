/**
 * The per-hexagon summary against a straightforward reference (one H3 call per row, a map of string keys, an array
 * per group, medians by sorting), on a generated NetTest file parsed the way the import parses it: the fast path
 * must give exactly the same cells, counts, medians and failures, in the same order.
 */
import Papa from 'papaparse';
import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { aggregateMeasurements, FCC_5G_DOWNLOAD_MBPS, type MeasurementCell } from '../../../src/core/nettest/aggregateMeasurements.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../../../src/core/evidence/evidenceMeter.ts';
import type { MeasurementTable } from '../../../src/core/nettest/measurementTable.ts';
import { NettestConsumer } from '../../../src/core/nettest/nettestConsumer.ts';
import { seededRandom } from '../../../src/core/random/seededRandom.ts';
import { countryObecIndex } from '../../support/packs.ts';

const HEADER =
  'open_test_uuid,time_utc,network_type,lat,long,loc_accuracy,download_kbit,upload_kbit,ping_ms,lte_rsrp,signal_strength,network_mcc_mnc,sim_mcc_mnc,implausible';

/**
 * A NetTest file over Czechia and beyond: most rows spread over the country's box, some crowded into a few
 * hexagons (groups of hundreds, as in a city), runs of the same place one after another (one device's repeated
 * tests), unknown operators, missing and odd values (−0, empty, infinite).
 */
function generatedFile(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const types = ['LTE', 'LTE', 'NR NSA', 'NR', 'GSM', 'UMTS', 'HSPA+', 'WLAN'];
  const mccMnc = ['230-01', '230-02', '230-03', '23001', '232-01', ''];
  const crowded = [
    [50.0755, 14.4378],
    [49.1951, 16.6068],
    [50.231, 12.871],
  ];
  const lines = [HEADER];
  let lat = 0;
  let lon = 0;
  for (let i = 0; i < rows; i++) {
    const pick = random();
    if (pick < 0.1 && i > 0) {
      // The same place as the row before.
    } else if (pick < 0.45) {
      const [y, x] = crowded[Math.floor(random() * crowded.length)]!;
      lat = +(y! + (random() - 0.5) * 0.004).toFixed(6);
      lon = +(x! + (random() - 0.5) * 0.006).toFixed(6);
    } else {
      lat = +(48.5 + random() * 2.6).toFixed(6);
      lon = +(12.0 + random() * 7.0).toFixed(6);
    }
    const odd = random();
    const download = odd < 0.03 ? '-0' : odd < 0.08 ? '' : odd < 0.09 ? 'Infinity' : String(Math.floor(random() * 40_000));
    const upload = odd > 0.95 ? '' : String(Math.floor(random() * 5_000));
    const rsrp = odd < 0.2 ? '' : odd < 0.25 ? '0' : String(-60 - Math.floor(random() * 70));
    const type = types[Math.floor(random() * types.length)]!;
    const operator = mccMnc[Math.floor(random() * mccMnc.length)]!;
    lines.push(
      `u${seed}-${i},2026-10-${String(1 + (i % 28)).padStart(2, '0')} 08:00:00,${type},${lat},${lon},${(random() * 50).toFixed(1)},${download},${upload},30,${rsrp},${odd < 0.5 ? '' : -90},${operator},${operator},${random() < 0.02}`,
    );
  }
  return lines.join('\r\n');
}

function importTable(text: string): MeasurementTable {
  const index = countryObecIndex();
  const consumer = new NettestConsumer((lon, lat) => index.findContaining(lon, lat) >= 0);
  Papa.parse<string[]>(text, { header: false, skipEmptyLines: true, step: (result) => consumer.row(result.data) });
  const result = consumer.finish();
  if (!result.ok) throw new Error(result.code);
  return result.ingest.table;
}

/** The summary written the plain way: a group object per (cell, operator, technology) string key. */
function referenceSummary(table: MeasurementTable, resolution: number, thresholds: EvidenceThresholds): MeasurementCell[] {
  const groups = new Map<
    string,
    { cell: string; operator: string; technology: string; count: number; failures: number; downloads: number[]; rsrps: number[] }
  >();
  for (let i = 0; i < table.count; i++) {
    const cell = latLngToCell(table.lat[i]!, table.lon[i]!, resolution);
    const operator = table.operatorAt(i) ?? 'unknown';
    const technology = table.technologyAt(i);
    const key = `${cell}|${operator}|${technology}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { cell, operator, technology, count: 0, failures: 0, downloads: [], rsrps: [] }));
    group.count++;
    const download = table.downloadKbit[i]!;
    const upload = table.uploadKbit[i]!;
    const rsrp = table.rsrpDbm[i]!;
    const downloadLimit = technology === '5g' ? FCC_5G_DOWNLOAD_MBPS : thresholds.maxDownloadMbps;
    const failed =
      (Number.isFinite(download) && download / 1000 < downloadLimit) ||
      (Number.isFinite(rsrp) && rsrp < thresholds.maxRsrpDbm) ||
      (Number.isFinite(upload) && upload / 1000 < thresholds.maxUploadMbps);
    if (failed) group.failures++;
    // Mbit/s kept at the precision the columns hold (32-bit floats), as the summary has always computed them.
    if (Number.isFinite(download)) group.downloads.push(Math.fround(download / 1000));
    if (Number.isFinite(rsrp)) group.rsrps.push(rsrp);
  }
  const median = (values: number[]): number | null => {
    if (values.length === 0) return null;
    const sorted = Float64Array.from(values).sort();
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .sort((a, b) => compare(a.cell, b.cell) || compare(a.operator, b.operator) || compare(a.technology, b.technology))
    .map((group) => {
      const download = median(group.downloads);
      return {
        cell: group.cell,
        operator: group.operator,
        technology: group.technology,
        count: group.count,
        medianDownloadMbps: download === null ? null : Math.round(download * 100) / 100,
        medianRsrpDbm: median(group.rsrps),
        failures: group.failures,
      };
    });
}

/** Object.is on every number (toEqual would let −0 pass for +0). */
function expectIdentical(actual: MeasurementCell[], expected: MeasurementCell[]): void {
  expect(actual.length).toBe(expected.length);
  const differing = actual.findIndex((cell, k) => {
    const other = expected[k]!;
    return (
      (Object.keys(other) as Array<keyof MeasurementCell>).some((key) => !Object.is(cell[key], other[key])) ||
      Object.keys(cell).length !== Object.keys(other).length
    );
  });
  expect(differing === -1 ? null : { actual: actual[differing], expected: expected[differing] }).toBeNull();
}

describe('aggregateMeasurements', () => {
  it('gives exactly the reference summary on a generated NetTest file (crowded cells, repeated places, odd values)', () => {
    const table = importTable(generatedFile(30_000, 21));
    const cells = aggregateMeasurements(table);
    const reference = referenceSummary(table, 8, DEFAULT_EVIDENCE_THRESHOLDS);
    // The file exercises what the fast path has special cases for.
    expect(table.count).toBeGreaterThan(10_000);
    expect(Math.max(...reference.map((c) => c.count))).toBeGreaterThan(100);
    expect(reference.filter((c) => c.count === 1).length).toBeGreaterThan(1_000);
    expect(reference.some((c) => c.operator === 'unknown')).toBe(true);
    expect(reference.some((c) => Object.is(c.medianDownloadMbps, -0))).toBe(true);
    expectIdentical(cells, reference);
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(table.count);
  });

  it('gives the reference summary at another resolution and other thresholds', () => {
    const table = importTable(generatedFile(8_000, 22));
    const thresholds = { ...DEFAULT_EVIDENCE_THRESHOLDS, maxDownloadMbps: 20, maxRsrpDbm: -100, maxUploadMbps: 2 };
    expectIdentical(aggregateMeasurements(table, { resolution: 6, thresholds }), referenceSummary(table, 6, thresholds));
    expectIdentical(aggregateMeasurements(table, { resolution: 10 }), referenceSummary(table, 10, DEFAULT_EVIDENCE_THRESHOLDS));
  });
});
