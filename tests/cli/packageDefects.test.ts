/**
 * Issue 16, defects of the ČTÚ package seen by a BCO coordinator: a locality over an obec border (1), reports of a
 * neighbouring kraj (2), observations read by GDAL (3), priority and notes for ČTÚ (5), no local path (8). Built
 * with the CLI from obec files, as a kraj would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportReviewFile } from '../../src/core/review/reviewFile.ts';
import type { ReviewState } from '../../src/core/review/reviewModel.ts';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const GENERATED = '2026-11-25T10:00:00Z';
const hasGdal = spawnSync('ogr2ogr', ['--version']).status === 0;

interface FeatureSpec {
  n: number;
  at: [number, number];
  createdAt: string;
  observations?: Array<{ date: string; time: string | null }>;
  domain?: 'mobile' | 'fixed';
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function obecFile(dir: string, name: string, obec: { kod: string; nazev: string }, contact: string, features: FeatureSpec[]): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      hluchaMista: {
        format: 'hlucha-mista/obec-file',
        schemaVersion: 3,
        exportedAt: '2026-11-20T09:00:00Z',
        obec,
        signOff: { name: `Starosta ${obec.nazev}`, function: 'starosta', date: '2026-11-20', contact },
      },
      features: features.map((f) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: f.at },
        properties: {
          id: uuid(f.n),
          createdAt: f.createdAt,
          description: `Místo ${f.n}, nelze volat`,
          failures: ['callsFail'],
          operators: ['o2'],
          domain: f.domain ?? 'mobile',
          observations: f.observations ?? [],
        },
      })),
    }),
  );
  return file;
}

const csvRows = (bytes: Uint8Array) =>
  Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;

describe('the ČTÚ package built from obec files with a locality over an obec border (issue 16)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hm-defects-'));
  // Boží Dar and Jáchymov share a border at about 50.4057 N on 12.93 E: two reports 170 m apart, one each side.
  const bozi = obecFile(dir, 'bozi-dar.geojson', { kod: '506486', nazev: 'Boží Dar' }, 'podatelna@bozidar.example', [
    {
      n: 1,
      at: [12.93, 50.4065],
      createdAt: '2026-10-01T08:00:00Z',
      observations: [
        { date: '2026-09-01', time: '08:15' },
        { date: '2026-09-15', time: null },
        { date: '2026-10-01', time: '18:00' },
      ],
    },
  ]);
  const jachymov = obecFile(dir, 'jachymov.geojson', { kod: '555215', nazev: 'Jáchymov' }, 'podatelna@jachymov.example', [
    {
      n: 2,
      at: [12.93, 50.405],
      createdAt: '2026-10-02T08:00:00Z',
      observations: [
        { date: '2026-09-20', time: null },
        { date: '2026-10-02', time: null },
      ],
    },
    { n: 3, at: [12.93, 50.4052], createdAt: '2026-10-03T08:00:00Z' },
  ]);
  // Loučná pod Klínovcem (Ústecký kraj, CZ042) borders Jáchymov at about 12.9745 E on 50.39 N: a locality of two
  // reports in Loučná and one in Jáchymov belongs to CZ042.
  const loucna = obecFile(dir, 'loucna.geojson', { kod: '546518', nazev: 'Loučná pod Klínovcem' }, 'obec@loucna.example', [
    { n: 10, at: [12.9758, 50.39], createdAt: '2026-10-05T08:00:00Z' },
    { n: 11, at: [12.9762, 50.3902], createdAt: '2026-10-06T08:00:00Z' },
  ]);
  const jachymovEdge = obecFile(dir, 'jachymov-okraj.geojson', { kod: '555215', nazev: 'Jáchymov' }, 'podatelna@jachymov.example', [
    { n: 12, at: [12.9735, 50.39], createdAt: '2026-10-07T08:00:00Z' },
  ]);
  const review: ReviewState = {
    reviews: {
      [`L-${uuid(1)}`]: {
        localityId: `L-${uuid(1)}`,
        status: 'confirmed',
        priority: 'urgent',
        notes: [
          { at: '2026-11-01T10:00:00Z', by: 'Koordinátorka', text: 'Interní: zavolat starostovi', forCtu: false },
          { at: '2026-11-02T10:00:00Z', by: 'Koordinátorka', text: 'Hasičská zbrojnice, výjezdy IZS', forCtu: true },
        ],
        mergedInto: null,
        updatedAt: '2026-11-02T10:00:00Z',
      },
    },
    pins: {},
    audit: [],
  };
  const reviewFile = path.join(dir, 'posouzeni.json');
  writeFileSync(reviewFile, exportReviewFile(review, '2026-11-02T10:00:00Z'));
  const out = path.join(dir, 'balicek.zip');
  const built = run(['export', bozi, jachymov, loucna, jachymovEdge, '--kraj', 'CZ041', '--review', reviewFile, '--generated-at', GENERATED, '--out', out]);
  const files = built.status === 0 ? unzipSync(readFileSync(out)) : {};

  it('writes the package and says in a sentence which reports of another kraj it leaves out (defect 2)', () => {
    expect(built.status, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout)).toMatchObject({ lokality: 1, hlaseni: 3, obce: 2 });
    expect(built.stderr).toContain('CZ042 Ústecký kraj: 3');
    expect(built.stderr).toMatch(/patří jinému kraji/);
  });

  it("lists every obec of the locality with each obec's contact (defect 1)", () => {
    const [row] = csvRows(files['lokality.csv']!);
    expect(row!['Obec']).toBe('Jáchymov'); // most reports
    expect(row!['Všechny obce (kód)']).toBe('Jáchymov (555215), Boží Dar (506486)');
    expect(row!['Počet obcí']).toBe('2');
    expect(row!['Kontakty všech obcí']).toBe(
      'Jáchymov (555215): Starosta Jáchymov, starosta, podatelna@jachymov.example | Boží Dar (506486): Starosta Boží Dar, starosta, podatelna@bozidar.example',
    );
    const perObec = csvRows(files['lokality_obce.csv']!);
    expect(perObec.map((r) => [r['Kód obce'], r['Obec'], r['Hlášení v obci'], r['Kontakt obce']])).toEqual([
      ['555215', 'Jáchymov', '2', 'Starosta Jáchymov, starosta, podatelna@jachymov.example'],
      ['506486', 'Boží Dar', '1', 'Starosta Boží Dar, starosta, podatelna@bozidar.example'],
    ]);
    expect(perObec.every((r) => r['Číslo lokality'] === row!['Číslo lokality'])).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(files['data/kontakty_obci.json']!))).toEqual({
      '506486': 'Starosta Boží Dar, starosta, podatelna@bozidar.example',
      '555215': 'Starosta Jáchymov, starosta, podatelna@jachymov.example',
    });
  });

  it('gives the locality its number within the kraj and carries it into the review copy (item 14)', () => {
    const [row] = csvRows(files['lokality.csv']!);
    expect(row!['Číslo lokality']).toBe('KV-2026-0001');
    expect(csvRows(files['hlaseni.csv']!).every((r) => r['Číslo lokality'] === 'KV-2026-0001')).toBe(true);
    const data = JSON.parse(new TextDecoder().decode(files['data/posouzeni.json']!)) as { state: ReviewState };
    expect(data.state.reviews[`L-${uuid(1)}`]!.number).toBe('KV-2026-0001');
  });

  it('puts the priority and the notes for ČTÚ (not the internal ones) in lokality.csv (defect 5)', () => {
    const [row] = csvRows(files['lokality.csv']!);
    expect(row!['Priorita']).toBe('naléhavá');
    expect(row!['Poznámka pro ČTÚ']).toBe('Hasičská zbrojnice, výjezdy IZS');
    expect(new TextDecoder().decode(files['lokality.csv']!)).not.toContain('zavolat starostovi');
  });

  it('carries no path of the machine that built it, in any file (defect 8)', () => {
    const local = [path.resolve(import.meta.dirname, '../..'), dir, homedir(), '/work/', '/home/', '/tmp/'].filter((p) => p.length > 1);
    for (const [name, bytes] of Object.entries(files)) {
      if (name.endsWith('.pdf') || name.endsWith('.gpkg')) continue; // binary: checked through their text below
      const text = new TextDecoder().decode(bytes);
      for (const p of local) expect(text, `${name} contains ${p}`).not.toContain(p);
    }
    const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
    for (const name of ['zadost.pdf', 'vrstvy_s-jtsk_5514.gpkg']) for (const p of local) expect(latin1(files[name]!)).not.toContain(p);
  });

  it.skipIf(!hasGdal)('keeps every observation when GDAL converts hlaseni.geojson and the GeoPackage to CSV (defects 1, 3)', () => {
    const geojson = path.join(dir, 'hlaseni.geojson');
    writeFileSync(geojson, files['hlaseni.geojson']!);
    const csv = path.join(dir, 'hlaseni-gdal.csv');
    const converted = spawnSync('ogr2ogr', ['-f', 'CSV', csv, geojson], { encoding: 'utf8' });
    expect(converted.status, converted.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(csv, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const first = rows.find((r) => r['ID hlášení'] === uuid(1))!;
    for (const observed of ['2026-09-01 08:15', '2026-09-15', '2026-10-01 18:00']) expect(first['Pozorování']).toContain(observed);
    expect(rows.find((r) => r['ID hlášení'] === uuid(2))!['Pozorování']).toMatch(/2026-09-20.*2026-10-02/);

    const gpkg = path.join(dir, 'vrstvy.gpkg');
    writeFileSync(gpkg, files['vrstvy_s-jtsk_5514.gpkg']!);
    const layerCsv = path.join(dir, 'lokality-gdal.csv');
    expect(spawnSync('ogr2ogr', ['-f', 'CSV', layerCsv, gpkg, 'lokality'], { encoding: 'utf8' }).status).toBe(0);
    const [layerRow] = Papa.parse<Record<string, string>>(readFileSync(layerCsv, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(layerRow!['vsechny_obce_kod']).toBe('Jáchymov (555215), Boží Dar (506486)');
    expect(layerRow!['priorita']).toBe('naléhavá');
    expect(layerRow!['poznamka_pro_ctu']).toBe('Hasičská zbrojnice, výjezdy IZS');
    expect(layerRow!['cislo_lokality']).toBe('KV-2026-0001');
    const reportsCsv = path.join(dir, 'hlaseni-gpkg.csv');
    expect(spawnSync('ogr2ogr', ['-f', 'CSV', reportsCsv, gpkg, 'hlaseni'], { encoding: 'utf8' }).status).toBe(0);
    const gpkgRows = Papa.parse<Record<string, string>>(readFileSync(reportsCsv, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(gpkgRows.find((r) => r['id_hlaseni'] === uuid(1))!['pozorovani']).toBe('2026-09-01 08:15, 2026-09-15, 2026-10-01 18:00');
  });

  it('exits 1 with a sentence, writing nothing, when no locality of the kraj is left (defect 2)', () => {
    const empty = path.join(dir, 'prazdny.zip');
    const result = run(['export', loucna, jachymovEdge, '--kraj', 'CZ041', '--generated-at', GENERATED, '--out', empty]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CZ042 Ústecký kraj: 3');
    expect(result.stderr).toContain('Pro kraj CZ041 není žádná lokalita k předání');
    expect(spawnSync('test', ['-e', empty]).status).not.toBe(0);
    // In English when asked.
    expect(run(['export', loucna, jachymovEdge, '--kraj', 'CZ041', '--lang', 'en', '--out', empty]).stderr).toContain(
      'There is no locality to hand over for kraj CZ041',
    );
  });

  it('finds the kraj by the same rule without --kraj, and names the kraje when there are several (defect 2)', () => {
    const own = path.join(dir, 'ustecky.zip');
    const single = run(['export', loucna, jachymovEdge, '--generated-at', GENERATED, '--out', own]);
    expect(single.status, single.stderr).toBe(0);
    expect(JSON.parse(single.stdout)).toMatchObject({ lokality: 1, hlaseni: 3 });
    expect(csvRows(unzipSync(readFileSync(own))['lokality.csv']!)[0]!['Číslo lokality']).toMatch(/^UL-2026-\d{4}$/);
    const several = run(['export', bozi, jachymov, loucna, jachymovEdge, '--out', path.join(dir, 'x.zip')]);
    expect(several.status).toBe(2);
    expect(several.stderr).toContain('Lokality leží ve více krajích');
    expect(several.stderr).toContain('CZ041 Karlovarský kraj: 3, CZ042 Ústecký kraj: 3');
  });
});
