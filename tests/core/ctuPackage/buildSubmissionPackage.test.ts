import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { generateDemoReports } from '../../../src/core/demo/generateDemoReports.ts';
import { buildSubmissionPackage, type SubmissionPackageInput } from '../../../src/core/ctuPackage/buildSubmissionPackage.ts';
import { buildPackageLocalities } from '../../../src/core/ctuPackage/packageLocalities.ts';
import { verifyPackage } from '../../../src/core/ctuPackage/zipPackage.ts';
import { importSubmissionPackage } from '../../../src/core/ctuPackage/importSubmissionPackage.ts';
import { EMPTY_REVIEW_STATE } from '../../../src/core/review/reviewModel.ts';
import { countryObecIndex } from '../../support/packs.ts';
import { pdfFonts } from '../../support/pdfFonts.ts';
import { loadSqlJs } from '../../support/sqlJs.ts';

const SQL = await loadSqlJs();

describe('buildSubmissionPackage', () => {
  const index = countryObecIndex();
  const now = '2026-11-25T10:00:00.000Z';
  const reports = generateDemoReports(index, { count: 60, seed: 8, now, krajNuts3: 'CZ041' }).map((r, i) =>
    i === 0 ? { ...r, reporter: { name: 'Jan Novák', role: 'starosta' as const, contact: 'jan.novak@example.cz' } } : r,
  );
  const localities = buildPackageLocalities(reports, clusterReports(reports, { distanceM: 300 }), EMPTY_REVIEW_STATE, now);
  const input: SubmissionPackageInput = {
    localities,
    kraj: { nuts3: 'CZ041', nazev: 'Karlovarský kraj' },
    contact: { name: 'Jana Dvořáková', function: 'referentka', email: 'jana@example.cz', phone: '' },
    outline: null,
    fonts: pdfFonts(),
    label: (key) => key,
    generatedAt: now,
    appVersion: '0.1.0',
    selection: { statuses: ['new'] },
    boundaries: { source: 'shared-cz', describesDate: '2024-06', attribution: '© ČÚZK (RÚIAN), CC BY 4.0' },
    includeReporters: false,
    sqlJs: SQL,
    review: EMPTY_REVIEW_STATE,
  };

  it('holds every file, a manifest with CRS definitions and checksums, and verifies', async () => {
    const { zip, fileName, counts } = await buildSubmissionPackage(input);
    expect(fileName).toBe('balicek-ctu-CZ041-2026-11-25.zip');
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'hlaseni.csv',
        'hlaseni.geojson',
        'lokality.csv',
        'lokality.geojson',
        'manifest.json',
        'data/hlaseni.obec-file.geojson',
        'data/kontakty_obci.json',
        'data/lokality.json',
        'data/posouzeni.json',
        'lokality_obce.csv',
        'odpoved_ctu.csv',
        'souhrn_orp.csv',
        'vrstvy_s-jtsk_5514.gpkg',
        'zadost.pdf',
        'zadost.docx',
      ].sort(),
    );
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']!));
    expect(manifest).toMatchObject({ schemaVersion: 1, generatedAt: now, kraj: { nuts3: 'CZ041' }, counts: { hlaseni: 60 }, personalData: false });
    expect(manifest.crs['EPSG:5514'].proj4).toContain('+towgs84=570.8,85.7,462.8');
    expect(counts.lokality).toBe(localities.length);
    expect(await verifyPackage(zip)).toMatchObject({ ok: true });
  });

  it('is byte-identical for the same data and generated-at, and a tampered file is detected', async () => {
    const a = await buildSubmissionPackage(input);
    const b = await buildSubmissionPackage(input);
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
    const files = unzipSync(a.zip);
    files['lokality.csv'] = new TextEncoder().encode('\uFEFFupraveno\r\n');
    expect(await verifyPackage(zipSync(files))).toMatchObject({ ok: false, changed: ['lokality.csv'] });
  });

  it('holds a GeoPackage in EPSG:5514 with both layers, Czech text intact and negative S-JTSK coordinates', async () => {
    const gpkg = unzipSync((await buildSubmissionPackage(input)).zip)['vrstvy_s-jtsk_5514.gpkg']!;
    const db = new SQL.Database(gpkg);
    const one = (sql: string) => db.exec(sql)[0]!.values;
    expect(one('PRAGMA application_id')[0]![0]).toBe(0x47504b47);
    expect(one('SELECT table_name, srs_id FROM gpkg_contents ORDER BY table_name')).toEqual([
      ['hlaseni', 5514],
      ['lokality', 5514],
    ]);
    expect(String(one('SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 5514')[0]![0])).toContain('TOWGS84[570.8,85.7,462.8');
    expect(one('SELECT COUNT(*) FROM hlaseni')[0]![0]).toBe(60);
    expect(one('SELECT COUNT(*) FROM lokality')[0]![0]).toBe(localities.length);
    const [blob, obec] = one('SELECT geom, obec FROM lokality ORDER BY fid LIMIT 1')[0]! as [Uint8Array, string];
    expect(String.fromCharCode(blob[0]!, blob[1]!)).toBe('GP');
    const view = new DataView(blob.buffer, blob.byteOffset);
    expect(view.getInt32(4, true)).toBe(5514);
    const x = view.getFloat64(40 + 5, true);
    expect(x).toBeGreaterThan(-910_000);
    expect(x).toBeLessThan(-800_000);
    expect(obec).toBe(localities[0]!.place!.obec.nazev);
    expect(one("SELECT COUNT(*) FROM lokality WHERE obec LIKE '%á%' OR obec LIKE '%í%' OR obec LIKE '%ř%'")[0]![0]).toBeGreaterThan(0);
    db.close();
  });

  it('round-trips: importing the package gives the same reports, review and localities; tampering is refused', async () => {
    const clustering = clusterReports(reports, { distanceM: 300 });
    const first = clustering.localities[0]!.id;
    const review = {
      ...EMPTY_REVIEW_STATE,
      reviews: { [first]: { localityId: first, status: 'confirmed' as const, priority: 'high' as const, notes: [], mergedInto: null, updatedAt: now } },
    };
    const packaged = await buildSubmissionPackage({ ...input, review, localities: buildPackageLocalities(reports, clustering, review, now) });
    const imported = await importSubmissionPackage(packaged.zip);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const stripped = reports.map((r) => ({ ...r, reporter: null }));
    expect([...imported.reports].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...stripped].sort((a, b) => a.id.localeCompare(b.id)));
    expect(imported.review.reviews[first]!.status).toBe('confirmed');
    const again = buildPackageLocalities(imported.reports, clusterReports(imported.reports, { distanceM: 300 }), imported.review, now);
    expect(again.map((l) => [l.id, l.reports.map((r) => r.id), l.review.status])).toEqual(
      buildPackageLocalities(stripped, clustering, review, now).map((l) => [l.id, l.reports.map((r) => r.id), l.review.status]),
    );
    const files = unzipSync(packaged.zip);
    files['data/hlaseni.obec-file.geojson'] = new TextEncoder().encode('{}');
    expect(await importSubmissionPackage(zipSync(files))).toMatchObject({ ok: false, code: 'package.tampered' });
  });

  it('carries the reports’ photos as evidence files', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const withPhoto = localities.map((l, i) =>
      i === 0
        ? {
            ...l,
            reports: l.reports.map((r, k) =>
              k === 0 ? { ...r, photo: { id: 'p1', mimeType: 'image/png' as const, bytes: 68, dataUrl: `data:image/png;base64,${png}` } } : r,
            ),
          }
        : l,
    );
    const files = unzipSync((await buildSubmissionPackage({ ...input, localities: withPhoto })).zip);
    const evidence = Object.keys(files).filter((name) => name.startsWith('dukazy/'));
    expect(evidence).toEqual([`dukazy/${withPhoto[0]!.reports[0]!.id}.png`]);
    expect([...files[evidence[0]!]!.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  it('carries reporters’ contacts only when the user opts in', async () => {
    const without = unzipSync((await buildSubmissionPackage(input)).zip);
    const text = (name: string, files: Record<string, Uint8Array>) => new TextDecoder().decode(files[name]!);
    expect(text('hlaseni.csv', without)).not.toContain('jan.novak@example.cz');
    expect(text('README.txt', without)).toContain('nejsou součástí balíčku');
    const withContacts = unzipSync((await buildSubmissionPackage({ ...input, includeReporters: true })).zip);
    expect(text('hlaseni.csv', withContacts)).toContain('jan.novak@example.cz');
  });
});
