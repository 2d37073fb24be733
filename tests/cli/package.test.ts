import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyPackage } from '../../src/core/ctuPackage/zipPackage.ts';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const FIXTURES = path.resolve(import.meta.dirname, '../core/reports/fixtures');
const files = ['obec-file-v2.geojson', 'obec-file-v1.geojson'].map((f) => path.join(FIXTURES, f));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('hlucha-mista package', () => {
  it('writes the same verified ZIP twice for the same files and generated-at', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-package-'));
    const outputs = ['a.zip', 'b.zip'].map((name) => {
      const out = path.join(dir, name);
      const result = run(['package', ...files, '--kraj', 'CZ041', '--generated-at', '2026-11-25T10:00:00Z', '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ lokality: 3, hlaseni: 5, obce: 2 });
      return readFileSync(out);
    });
    expect(outputs[0]!.equals(outputs[1]!)).toBe(true);
    expect(await verifyPackage(outputs[0]!)).toMatchObject({ ok: true });
    const csv = new TextDecoder().decode(unzipSync(outputs[0]!)['lokality.csv']!);
    expect(csv).toContain('Boží Dar');
    expect(csv).not.toContain('starosta@bozidar.example');
  });

  it('fills "Kontakt obce" from the newest signed obec file of each obec (an official contact, kept without opt-in)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-contact-'));
    const signed = JSON.parse(readFileSync(files[0]!, 'utf8')) as { hluchaMista: Record<string, unknown> };
    signed.hluchaMista.obec = { kod: '506486', nazev: 'Boží Dar' };
    signed.hluchaMista.signOff = { name: 'Jan Novák', function: 'starosta', date: '2026-11-20', contact: 'podatelna@bozidar.example' };
    const file = path.join(dir, 'bozi-dar.geojson');
    writeFileSync(file, JSON.stringify(signed));
    const out = path.join(dir, 'p.zip');
    const result = run(['package', file, '--kraj', 'CZ041', '--generated-at', '2026-11-25T10:00:00Z', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const rows = new TextDecoder().decode(unzipSync(readFileSync(out))['lokality.csv']!).split('\r\n');
    const column = rows[0]!.split(';').indexOf('Kontakt obce');
    expect(column).toBeGreaterThan(0);
    const bozi = rows.filter((row) => row.includes('Boží Dar'));
    expect(bozi.length).toBeGreaterThan(0);
    for (const row of bozi) expect(row.split(';')[column]).toBe('Jan Novák, starosta, podatelna@bozidar.example');
  });

  it('writes the public variant, and refuses a missing kraj', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'hm-public-')), 'public.zip');
    const result = run(['package', ...files, '--kraj', 'CZ041', '--public', '--generated-at', '2026-11-25T10:00:00Z', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    // Five reports from at most three sources: no cell reaches 4 distinct reporters.
    expect(JSON.parse(result.stdout)).toMatchObject({ cells: 0, withheldReports: 5 });
    expect(run(['package']).status).toBe(2);
  });

  it('export finds the kraj itself when all reports lie in one, and verify checks the result', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-export-'));
    const out = path.join(dir, 'balicek.zip');
    expect(run(['export', ...files, '--out', out]).status).toBe(0);
    const verified = run(['verify', out, '--format', 'json']);
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, format: 'hlucha-mista/balicek-ctu', counts: { hlaseni: 5 } });
  });

  it('verify names a changed file and a file that is not a package', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-verify-'));
    const out = path.join(dir, 'balicek.zip');
    run(['export', ...files, '--kraj', 'CZ041', '--out', out]);
    const entries = unzipSync(readFileSync(out));
    entries['souhrn_orp.csv'] = new TextEncoder().encode('\uFEFFzměněno\r\n');
    const tampered = path.join(dir, 'tampered.zip');
    writeFileSync(tampered, zipSync(entries));
    const result = run(['verify', tampered, '--format', 'json']);
    expect(result.status).toBe(1);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([{ code: 'package.fileChanged', file: 'souhrn_orp.csv' }]);
    const junk = path.join(dir, 'junk.zip');
    writeFileSync(junk, 'not a zip');
    expect(JSON.parse(run(['verify', junk, '--format', 'json']).stdout)).toEqual({ code: 'package.notZip' });
  });
});

describe('hlucha-mista export --measurements', () => {
  it('attaches the NetTest measurements near the localities: mereni.csv by open_test_uuid, a count in lokality.csv, verify passes', async () => {
    const { generateNettestRows, nettestCsv } = await import('../support/nettestGenerator.ts');
    const obecFile = JSON.parse(readFileSync(files[0]!, 'utf8')) as { features: Array<{ geometry: { type: string; coordinates: [number, number] } }> };
    const at = obecFile.features.find((f) => f.geometry.type === 'Point')!.geometry.coordinates;
    const near = generateNettestRows({ seed: 11, around: [at], perPoint: 12, weakShare: 1, spreadM: 30, withSkipped: true });
    // Far from every report (Praha): read, drawn in the app, but attached to no locality.
    const far = generateNettestRows({ seed: 12, around: [[14.42, 50.08]], perPoint: 5, prefix: 'F' });
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-measure-'));
    const csvPath = path.join(dir, 'nettest-2026-10.csv');
    writeFileSync(csvPath, nettestCsv([...near, ...far]));
    const zipPath = path.join(dir, 'nettest-2026-10.zip');
    writeFileSync(zipPath, zipSync({ 'nettest-2026-10.csv': readFileSync(csvPath) }));
    for (const input of [csvPath, zipPath]) {
      const out = path.join(dir, `balicek-${path.basename(input)}.zip`);
      const result = run(['export', ...files, '--kraj', 'CZ041', '--generated-at', '2026-11-25T10:00:00Z', '--measurements', input, '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ mereni: 12 });
      const zip = readFileSync(out);
      expect(await verifyPackage(zip)).toMatchObject({ ok: true });
      const entries = unzipSync(zip);
      const mereni = new TextDecoder().decode(entries['mereni.csv']!);
      const lines = mereni.trim().split('\r\n');
      expect(lines[0]).toContain('ID lokality;open_test_uuid;Čas (UTC);Operátor;Technologie;Stahování (Mbit/s)');
      expect(
        lines
          .slice(1)
          .map((line) => line.split(';')[1])
          .sort(),
      ).toEqual(
        near
          .slice(0, 12)
          .map((r) => r.uuid)
          .sort(),
      );
      // Every one of them is weak: "ano" in the last column.
      expect(lines.slice(1).every((line) => line.endsWith(';ano'))).toBe(true);
      const lokality = new TextDecoder().decode(entries['lokality.csv']!);
      expect(lokality.split('\r\n')[0]).toContain('Počet měření NetTest');
      const readme = new TextDecoder().decode(entries['README.txt']!);
      expect(readme).toContain('mereni.csv');
      const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']!)) as { counts: Record<string, number> };
      expect(manifest.counts.mereni).toBe(12);
    }
  });

  it('refuses a file that is not a NetTest export, naming why', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-measure-bad-'));
    const bad = path.join(dir, 'seznam.csv');
    writeFileSync(bad, 'Kód obce;Název\r\n1;Aš\r\n');
    const result = run(['export', ...files, '--kraj', 'CZ041', '--measurements', bad, '--out', path.join(dir, 'x.zip')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nettest.missingColumns');
  });
});
