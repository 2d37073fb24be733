import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const FIXTURES = path.resolve(import.meta.dirname, '../core/reports/fixtures');
const files = ['obec-file-v2.geojson', 'obec-file-v1.geojson', 'from-another-tool.geojson'].map((f) => path.join(FIXTURES, f));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('hlucha-mista aggregate and cluster', () => {
  it('aggregates obec files per ORP as JSON and as CSV', () => {
    const json = JSON.parse(run(['aggregate', ...files, '--by', 'orp']).stdout);
    expect(json.reports).toBe(6);
    expect(json.units.map((u: { unit: { kod: string }; reports: number }) => [u.unit.kod, u.reports])).toEqual([
      ['4106', 5],
      ['4103', 1],
    ]);
    const csv = run(['aggregate', ...files, '--by', 'orp', '--format', 'csv'])
      .stdout.replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]!.split(';').slice(0, 5)).toEqual(['kind', 'kod', 'kod_ruian', 'nazev', 'reports']);
    expect(csv[1]!.split(';').slice(0, 5)).toEqual(['orp', '4106', '540', 'Ostrov', '5']);
  });

  it('aggregates per H3 cell and per kraj', () => {
    const h3 = JSON.parse(run(['aggregate', ...files, '--by', 'h3']).stdout);
    expect(h3.units.every((u: { unit: { kod: string } }) => /^88/.test(u.unit.kod))).toBe(true);
    const kraj = JSON.parse(run(['aggregate', ...files, '--by', 'kraj']).stdout);
    expect(kraj.units).toHaveLength(1);
  });

  it('clusters into localities with evidence levels, as JSON and GeoJSON', () => {
    const json = JSON.parse(run(['cluster', ...files, '--distance', '500']).stdout);
    expect(json.localities.reduce((s: number, l: { reports: number }) => s + l.reports, 0)).toBe(6);
    const biggest = json.localities.reduce((a: { reports: number }, b: { reports: number }) => (b.reports > a.reports ? b : a));
    expect(biggest.obce).toContain('506486');
    const geojson = JSON.parse(run(['cluster', ...files, '--format', 'geojson']).stdout);
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features[0].geometry.type).toBe('Point');
  });

  it('takes the analysis settings from a file: grouping distance and evidence thresholds; bad settings are refused with the reason', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hlucha-settings-'));
    const strict = path.join(dir, 'strict.json');
    writeFileSync(strict, JSON.stringify({ distanceM: 5000, thresholds: { minReports: 1, minDistinctSources: 1 } }));
    const args = ['cluster', ...files, '--now', '2026-11-25T10:00:00Z'];
    const byDefault = JSON.parse(run(args).stdout);
    const withSettings = JSON.parse(run([...args, '--settings', strict]).stdout);
    expect(withSettings.distanceM).toBe(5000);
    expect(withSettings.thresholds.minReports).toBe(1);
    expect(withSettings.evaluatedAt).toBe('2026-11-25T10:00:00Z');
    expect(withSettings.localities.length).toBeLessThan(byDefault.localities.length);
    // One report and one source are enough now: no locality lacks those two.
    for (const locality of withSettings.localities) expect(locality.evidenceMissing).not.toContain('evidence.reports');
    expect(byDefault.localities.some((l: { evidenceMissing: string[] }) => l.evidenceMissing.includes('evidence.reports'))).toBe(true);
    // --distance still wins over the file.
    expect(JSON.parse(run([...args, '--settings', strict, '--distance', '300']).stdout).distanceM).toBe(300);

    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ distanceM: -5, thresholds: { maxRsrpDbm: 'hodně' } }));
    const refused = run([...args, '--settings', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('distanceM (outOfRange');
    expect(refused.stderr).toContain('maxRsrpDbm (notNumber');
    writeFileSync(bad, '{ rozbité');
    expect(run(['aggregate', ...files, '--by', 'orp', '--settings', bad]).stderr).toContain('not readable JSON');
    const aggregated = JSON.parse(run(['aggregate', ...files, '--by', 'orp', '--settings', strict]).stdout);
    expect(aggregated.units[0].localities).toBeLessThanOrEqual(JSON.parse(run(['aggregate', ...files, '--by', 'orp']).stdout).units[0].localities);
  });

  it('refuses bad arguments with usage', () => {
    expect(run(['aggregate', ...files, '--by', 'okres']).status).toBe(2);
    expect(run(['cluster']).status).toBe(2);
  });
});
