import { spawnSync } from 'node:child_process';
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
    const csv = run(['aggregate', ...files, '--by', 'orp', '--format', 'csv']).stdout.trimEnd().split('\n');
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

  it('refuses bad arguments with usage', () => {
    expect(run(['aggregate', ...files, '--by', 'okres']).status).toBe(2);
    expect(run(['cluster']).status).toBe(2);
  });
});
