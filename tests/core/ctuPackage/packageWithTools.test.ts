/**
 * The package as other tools see it: the PDF's text extracted by poppler's pdftotext (Czech diacritics intact), a
 * page rendered by pdftoppm, and the GeoPackage opened by GDAL's ogrinfo with EPSG:5514. Skipped, with a message,
 * where these Debian tools are absent; CI installs them (.ci/run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { generateDemoReports } from '../../../src/core/demo/generateDemoReports.ts';
import { buildSubmissionPackage } from '../../../src/core/ctuPackage/buildSubmissionPackage.ts';
import { buildPackageLocalities } from '../../../src/core/ctuPackage/packageLocalities.ts';
import type { KrajeCollection } from '../../../src/core/packs/packFormat.ts';
import { EMPTY_REVIEW_STATE } from '../../../src/core/review/reviewModel.ts';
import { readPackFile } from '../../../src/cli/packsOnDisk.ts';
import { labelIn } from '../../../src/i18n/translate.ts';
import { countryObecIndex } from '../../support/packs.ts';
import { pdfFonts } from '../../support/pdfFonts.ts';
import { loadSqlJs } from '../../support/sqlJs.ts';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const popplerMissing = !has('pdftotext') || !has('pdftoppm');
const gdalMissing = !has('ogrinfo');
if (popplerMissing) console.warn('poppler-utils (pdftotext, pdftoppm) not installed: the PDF text checks are skipped');
if (gdalMissing) console.warn('gdal-bin (ogrinfo) not installed: the GeoPackage check with GDAL is skipped');

const now = '2026-11-25T10:00:00.000Z';
const dir = mkdtempSync(path.join(tmpdir(), 'hm-tools-'));
const index = countryObecIndex();
const reports = generateDemoReports(index, { count: 80, seed: 21, now, krajNuts3: 'CZ041' });
const localities = buildPackageLocalities(reports, clusterReports(reports, { distanceM: 300 }), EMPTY_REVIEW_STATE, now);
const { zip } = await buildSubmissionPackage({
  localities,
  kraj: { nuts3: 'CZ041', nazev: 'Karlovarský kraj' },
  contact: { name: 'Ing. Jana Dvořáková', function: 'koordinátorka BCO', email: 'jana@example.cz', phone: '' },
  outline: readPackFile<KrajeCollection>('CZ041', 'kraje.display.geojson').features[0]!.geometry,
  fonts: pdfFonts(),
  label: labelIn('cs'),
  generatedAt: now,
  appVersion: 'test',
  selection: {},
  boundaries: { source: 'test', describesDate: '2024-06', attribution: '© ČÚZK' },
  includeReporters: false,
  sqlJs: await loadSqlJs(),
  review: EMPTY_REVIEW_STATE,
});
const files = unzipSync(zip);
writeFileSync(path.join(dir, 'zadost.pdf'), files['zadost.pdf']!);
writeFileSync(path.join(dir, 'vrstvy.gpkg'), files['vrstvy_s-jtsk_5514.gpkg']!);

describe.skipIf(popplerMissing)('zadost.pdf through poppler', () => {
  it('has its text with Czech diacritics, the ORP summary and the localities', () => {
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'zadost.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Český telekomunikační úřad');
    expect(text).toContain('Žádost o měření pokrytí mobilním signálem');
    expect(text).toContain('Souhrn podle ORP');
    expect(text).toContain('Mariánské Lázně');
    expect(text).toContain('Ing. Jana Dvořáková');
  });

  it('renders its pages (A4)', () => {
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'zadost.pdf'), path.join(dir, 'page')]);
    expect(statSync(path.join(dir, 'page.png')).size).toBeGreaterThan(2000);
    const info = execFileSync('pdfinfo', [path.join(dir, 'zadost.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
  });
});

describe.skipIf(gdalMissing)('the GeoPackage through GDAL', () => {
  it('opens both layers in EPSG:5514 with Czech text', () => {
    const info = execFileSync('ogrinfo', ['-ro', '-so', path.join(dir, 'vrstvy.gpkg'), 'lokality'], { encoding: 'utf8' });
    expect(info).toContain('S-JTSK / Krovak East North');
    expect(info).toMatch(/ID\["EPSG",5514\]/);
    expect(info).toContain(`Feature Count: ${localities.length}`);
    const reportsInfo = execFileSync('ogrinfo', ['-ro', '-so', path.join(dir, 'vrstvy.gpkg'), 'hlaseni'], { encoding: 'utf8' });
    expect(reportsInfo).toContain('Feature Count: 80');
    const feature = execFileSync('ogrinfo', ['-ro', path.join(dir, 'vrstvy.gpkg'), 'lokality', '-fid', '1'], { encoding: 'utf8' });
    expect(feature).toMatch(/POINT \(-8\d{5}(\.\d+)? -10\d{5}(\.\d+)?\)|POINT \(-8\d{5}(\.\d+)? -9\d{5}(\.\d+)?\)/);
    expect(feature).toMatch(/obec \(String\) = \S/);
    expect(readFileSync(path.join(dir, 'vrstvy.gpkg')).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
