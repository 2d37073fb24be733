/**
 * `hlucha-mista measurements`: a generated NetTest export as a CSV and as a ZIP (both streamed from disk) gives the
 * per-hexagon summary that the core computes from the same rows; broken and foreign files give coded errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { aggregateMeasurements } from '../../src/core/nettest/aggregateMeasurements.ts';
import { NettestConsumer } from '../../src/core/nettest/nettestConsumer.ts';
import { countryObecIndex, requirePacks } from '../support/packs.ts';
import { generateNettestRows, nettestCsv } from '../support/nettestGenerator.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Measurements around Ostrov, Karlovy Vary and Praha (hundreds of hexagons' worth), plus the rows to skip. */
function generatedExport(): string {
  const around: Array<[number, number]> = Array.from({ length: 40 }, (_, k) => [12.9 + (k % 8) * 0.2, 50.05 + Math.floor(k / 8) * 0.07]);
  around.push([14.42, 50.08]);
  return nettestCsv(generateNettestRows({ seed: 31, around, perPoint: 60, spreadM: 900, withSkipped: true }));
}

describe('hlucha-mista measurements', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hm-measurements-'));
  const csv = generatedExport();
  const csvPath = path.join(dir, 'nettest-opendata-2026-10.csv');
  writeFileSync(csvPath, csv);

  // What the core gives for the same rows, parsed in one piece.
  const index = countryObecIndex();
  const consumer = new NettestConsumer((lon, lat) => index.findContaining(lon, lat) >= 0);
  Papa.parse<string[]>(csv, { header: false, skipEmptyLines: true, step: (result) => consumer.row(result.data) });
  const expected = consumer.finish();
  if (!expected.ok) throw new Error(expected.code);
  const expectedCells = aggregateMeasurements(expected.ingest.table);

  it('streams a CSV and a ZIP of it from disk to the same per-hexagon summary as the core', () => {
    const zipPath = path.join(dir, 'nettest-opendata-2026-10.zip');
    writeFileSync(
      zipPath,
      zipSync({ 'nettest-opendata-2026-10.csv': readFileSync(csvPath), 'LICENSE.txt': new TextEncoder().encode('CC BY 4.0') }, { level: 6 }),
    );
    expect(readFileSync(zipPath).length).toBeLessThan(csv.length / 3);
    for (const [file, name] of [
      [csvPath, 'nettest-opendata-2026-10.csv'],
      [zipPath, 'nettest-opendata-2026-10.csv'],
    ] as const) {
      const result = run(['measurements', file]);
      expect(result.status, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as { rows: number; kept: number; skipped: Record<string, number>; files: string[]; cells: typeof expectedCells };
      expect(output).toMatchObject({
        rows: 2_464,
        kept: expected.summary.kept,
        skipped: expected.summary.skipped,
        files: [name],
        encoding: 'utf-8',
        truncated: false,
        duplicates: 0,
      });
      expect(output.skipped).toMatchObject({ notMobile: 1, outsideCzechia: 1, noLocation: 1, implausible: 1 });
      expect(output.cells.length).toBeGreaterThan(200);
      expect(output.cells).toEqual(expectedCells);
    }
  });

  it('gives GeoJSON hexagons at another resolution', () => {
    const result = run(['measurements', csvPath, '--format', 'geojson', '--resolution', '7']);
    expect(result.status, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      type: string;
      features: Array<{ geometry: { type: string; coordinates: number[][][] }; properties: { cell: string; count: number } }>;
    };
    expect(output.type).toBe('FeatureCollection');
    expect(output.features.map((f) => f.properties)).toEqual(aggregateMeasurements(expected.ingest.table, { resolution: 7 }));
    expect(output.features[0]!.geometry.type).toBe('Polygon');
    expect(output.features[0]!.geometry.coordinates[0]!.length).toBeGreaterThanOrEqual(7);
  });

  it('names what is wrong with a broken ZIP, a ZIP without a NetTest CSV, a foreign CSV, a missing file, a bad resolution', () => {
    const zip = readFileSync(path.join(dir, 'nettest-opendata-2026-10.zip'));
    const cut = path.join(dir, 'cut.zip');
    writeFileSync(cut, zip.subarray(0, Math.floor(zip.length / 2)));
    const foreign = path.join(dir, 'seznam.csv');
    writeFileSync(foreign, 'Kód obce;Název\r\n1;Aš\r\n');
    const otherZip = path.join(dir, 'jine.zip');
    writeFileSync(otherZip, zipSync({ 'seznam.csv': readFileSync(foreign) }));
    const cases: Array<[string, Record<string, unknown>]> = [
      [cut, { code: 'nettest.zipTruncated' }],
      [otherZip, { code: 'nettest.zipWithoutNettest', files: ['seznam.csv'] }],
      [foreign, { code: 'nettest.missingColumns' }],
      [path.join(dir, 'missing.csv'), { code: 'file.unreadable' }],
    ];
    for (const [file, error] of cases) {
      const result = run(['measurements', file]);
      expect(result.status, file).toBe(1);
      expect((JSON.parse(result.stdout) as { error: Record<string, unknown> }).error).toMatchObject(error);
    }
    expect(run(['measurements', csvPath, '--resolution', 'x']).status).toBe(2);
  });
});
