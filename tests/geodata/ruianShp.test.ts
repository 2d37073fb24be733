import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoundarySource, ObecFeature } from '../../geodata/sources/boundarySource.ts';
import { CSU_KRAJ_KOD_BY_NUTS3, CSU_OKRES_KOD_BY_LAU1, RuianShpError, loadRuianShpSource } from '../../geodata/sources/ruianShp.ts';
import {
  FIXTURE_OBEC_CODES,
  RUIAN_POU_PLACEHOLDER_BY_CSU,
  SHARED_GEODATA_DIR,
  SHARED_ORP_KODY_CSV,
  encodeWindows1250,
  hasSharedGeodata,
  writeRuianShpFixture,
  type RuianFixtureOptions,
  type SharedObec,
} from './ruianShpFixture.ts';
import { signedRingArea } from '../../src/core/geo/ringArea.ts';

const temporaryFolders: string[] = [];

async function newFolder(name = 'ruian-shp-'): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), name));
  temporaryFolders.push(folder);
  return folder;
}

afterEach(async () => {
  await Promise.all(temporaryFolders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** As ČÚZK publishes it: windows-1250 DBFs with a .cpg, upper-case names, inside the archive's folder `1/`. */
const OFFICIAL_LAYOUT: RuianFixtureOptions = {
  encoding: 'windows-1250',
  cpg: '1250',
  subfolder: '1',
  fileNameCase: 'upper',
};

async function loadFixture(
  options: RuianFixtureOptions,
  loadOptions: { orpKodyCsv?: string; addressPointsRoot?: string } = { orpKodyCsv: SHARED_ORP_KODY_CSV },
): Promise<{ source: BoundarySource; written: SharedObec[]; root: string }> {
  const root = await newFolder();
  const fixture = await writeRuianShpFixture(root, options);
  return { source: await loadRuianShpSource(root, loadOptions), written: fixture.obce, root };
}

function obecByCode(source: BoundarySource, kod: string): ObecFeature {
  const obec = source.obce.find((feature) => feature.properties.kod === kod);
  if (obec === undefined) throw new Error(`obec ${kod} missing from the source`);
  return obec;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Distance in metres between two WGS84 positions (equirectangular; exact enough at 1 m). */
function metresBetween(a: Position, b: Position): number {
  const metresPerDegreeLat = 111_320;
  const dx = ((a[0] as number) - (b[0] as number)) * metresPerDegreeLat * Math.cos(((a[1] as number) * Math.PI) / 180);
  const dy = ((a[1] as number) - (b[1] as number)) * metresPerDegreeLat;
  return Math.hypot(dx, dy);
}

describe.skipIf(!hasSharedGeodata)('loadRuianShpSource (ČÚZK RÚIAN state SHP, EPSG:5514)', () => {
  it('maps the RÚIAN codes of Boží Dar onto the ČSÚ codes and names of ObecProperties', async () => {
    const { source } = await loadFixture(OFFICIAL_LAYOUT);

    expect(source.adapter).toBe('ruian-shp');
    expect(source.attribution).toBe('© ČÚZK (RÚIAN), CC BY 4.0');
    expect(source.populationDate).toBeNull();
    expect(obecByCode(source, '506486').properties).toEqual({
      kod: '506486',
      nazev: 'Boží Dar',
      pouKod: RUIAN_POU_PLACEHOLDER_BY_CSU['41061'],
      pouNazev: 'Ostrov',
      orpKod: '4106',
      orpKodRuian: '540',
      orpNazev: 'Ostrov',
      okresKod: '40436',
      okresLau1: 'CZ0412',
      okresNazev: 'Karlovy Vary',
      krajKod: '3051',
      krajNuts3: 'CZ041',
      krajNazev: 'Karlovarský kraj',
      obyvatel: null,
    });
    expect(source.orp.get('4106')).toEqual({
      kod: '4106',
      kodRuian: '540',
      nazev: 'Ostrov',
      krajKod: '3051',
      krajNuts3: 'CZ041',
      krajNazev: 'Karlovarský kraj',
      sidloKod: '555428',
    });
    expect([...source.orp.keys()].sort()).toEqual(['4102', '4103', '4106']);
  });

  it('gives every obec the same ČSÚ codes and names as the shared ČSÚ-based layer', async () => {
    const { source, written } = await loadFixture(OFFICIAL_LAYOUT);

    expect(source.obce.map((obec) => obec.properties.kod).sort()).toEqual([...FIXTURE_OBEC_CODES].sort());
    for (const { properties: expected } of written) {
      const actual = obecByCode(source, expected.KOD_OBEC).properties;
      expect({
        nazev: actual.nazev,
        pouNazev: actual.pouNazev,
        orpKod: actual.orpKod,
        orpNazev: actual.orpNazev,
        okresKod: actual.okresKod,
        okresLau1: actual.okresLau1,
        okresNazev: actual.okresNazev,
        krajKod: actual.krajKod,
        krajNuts3: actual.krajNuts3,
        krajNazev: actual.krajNazev,
      }).toEqual({
        nazev: expected.NAZ_OBEC,
        pouNazev: expected.NAZ_POU,
        orpKod: expected.KOD_ORP,
        orpNazev: expected.NAZ_ORP,
        okresKod: expected.KOD_OKRES,
        okresLau1: expected.KOD_LAU1,
        okresNazev: expected.NAZ_LAU1,
        krajKod: expected.KOD_KRAJ,
        krajNuts3: expected.KOD_CZNUTS3,
        krajNazev: expected.NAZ_CZNUTS3,
      });
    }
  });

  it('reprojects EPSG:5514 back to WGS84 within 1 m, rounded to 6 decimals, as RFC 7946 rings', async () => {
    const { source, written } = await loadFixture({ ...OFFICIAL_LAYOUT, holeInOstrov: true });

    let largestErrorMetres = 0;
    for (const original of written) {
      const loaded = obecByCode(source, original.properties.KOD_OBEC).geometry;
      expect(loaded.type).toBe(original.geometry.type);
      const originalPolygons = polygonsOf(original.geometry);
      const loadedPolygons = polygonsOf(loaded);
      expect(loadedPolygons).toHaveLength(originalPolygons.length);
      loadedPolygons.forEach((rings, polygonIndex) => {
        const originalRings = originalPolygons[polygonIndex] as Position[][];
        expect(rings).toHaveLength(originalRings.length);
        rings.forEach((ring, ringIndex) => {
          const isOuter = ringIndex === 0;
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(signedRingArea(ring) > 0).toBe(isOuter); // outer counter-clockwise, holes clockwise
          const originalRing = originalRings[ringIndex] as Position[];
          const sameOrientation = signedRingArea(originalRing) > 0 === isOuter ? originalRing : [...originalRing].reverse();
          expect(ring).toHaveLength(sameOrientation.length);
          ring.forEach((position, index) => {
            expect(position.every((value) => value === Math.round(value * 1e6) / 1e6)).toBe(true);
            const errorMetres = metresBetween(position, sameOrientation[index] as Position);
            largestErrorMetres = Math.max(largestErrorMetres, errorMetres);
          });
        });
      });
    }
    expect(largestErrorMetres).toBeLessThan(1);
    expect(obecByCode(source, '554961').geometry.type).toBe('MultiPolygon');
    expect(polygonsOf(obecByCode(source, '555428').geometry)[0]).toHaveLength(2); // Ostrov with its hole
  });

  it.each([
    { encoding: 'windows-1250', cpg: '1250', fileNameCase: 'upper', subfolder: '1' },
    { encoding: 'windows-1250', cpg: null, fileNameCase: 'lower', subfolder: null },
    { encoding: 'utf-8', cpg: 'UTF-8', fileNameCase: 'lower', subfolder: '1' },
    { encoding: 'utf-8', cpg: null, fileNameCase: 'upper', subfolder: null },
  ] as const)('keeps Czech diacritics: $encoding DBF, .cpg $cpg, $fileNameCase-case names', async (layout) => {
    const { source } = await loadFixture(layout);

    expect(obecByCode(source, '506486').properties.nazev).toBe('Boží Dar');
    expect(obecByCode(source, '555215').properties.nazev).toBe('Jáchymov');
    expect(obecByCode(source, '554961').properties.krajNazev).toBe('Karlovarský kraj');
    expect(source.warnings.filter((warning) => warning.startsWith('ruianShp.dbfEncoding'))).toEqual([]);
  });

  it('reads a DBF re-saved as UTF-8 under a stale .cpg that still says 1250, and says so', async () => {
    const { source } = await loadFixture({ encoding: 'utf-8', cpg: '1250', subfolder: '1' });

    expect(obecByCode(source, '506486').properties.nazev).toBe('Boží Dar');
    expect(source.warnings.some((warning) => warning.startsWith('ruianShp.dbfEncoding: OBCE_P.dbf'))).toBe(true);
  });

  it('fails with ruianShp.missingLayer naming the missing file', async () => {
    const root = await newFolder();
    await writeRuianShpFixture(root, { ...OFFICIAL_LAYOUT, omitLayers: ['VUSC_P'] });

    const loading = loadRuianShpSource(root, { orpKodyCsv: SHARED_ORP_KODY_CSV });
    await expect(loading).rejects.toBeInstanceOf(RuianShpError);
    await expect(loading).rejects.toMatchObject({
      code: 'ruianShp.missingLayer',
      params: { layer: 'VUSC_P', file: 'VUSC_P.dbf' },
    });
    await expect(loading).rejects.toThrow(/VUSC_P\.dbf/);
  });

  it('fails with ruianShp.missingLayer when the obce polygons are missing', async () => {
    const root = await newFolder();
    await writeRuianShpFixture(root, { ...OFFICIAL_LAYOUT, omitLayers: ['OBCE_P'] });

    await expect(loadRuianShpSource(root)).rejects.toMatchObject({
      code: 'ruianShp.missingLayer',
      params: { layer: 'OBCE_P', file: 'OBCE_P.shp' },
    });
  });

  it('fails with ruianShp.missingAttribute naming the attribute', async () => {
    const root = await newFolder();
    await writeRuianShpFixture(root, {
      ...OFFICIAL_LAYOUT,
      omitAttributes: [{ layer: 'OKRESY_P', attribute: 'LAU1_KOD' }],
    });

    await expect(loadRuianShpSource(root, { orpKodyCsv: SHARED_ORP_KODY_CSV })).rejects.toMatchObject({
      code: 'ruianShp.missingAttribute',
      params: { layer: 'OKRESY_P', attribute: 'LAU1_KOD' },
    });
  });

  it('fills ORP and VÚSC through POU_P and OKRESY_P when OBCE_P lacks ORP_KOD and VUSC_KOD', async () => {
    const { source } = await loadFixture({
      ...OFFICIAL_LAYOUT,
      omitAttributes: [
        { layer: 'OBCE_P', attribute: 'ORP_KOD' },
        { layer: 'OBCE_P', attribute: 'VUSC_KOD' },
      ],
    });

    expect(obecByCode(source, '506486').properties).toMatchObject({
      orpKod: '4106',
      orpKodRuian: '540',
      krajNuts3: 'CZ041',
    });
  });

  it('without an ORP crosswalk keeps the RÚIAN ORP code in orpKod and warns', async () => {
    const { source } = await loadFixture(OFFICIAL_LAYOUT, {});

    expect(obecByCode(source, '506486').properties).toMatchObject({ orpKod: '540', orpKodRuian: '540' });
    expect(source.orp.get('540')).toMatchObject({ kod: '540', kodRuian: '540', sidloKod: null });
    expect(source.warnings.some((warning) => warning.startsWith('ruianShp.orpCrosswalkMissing'))).toBe(true);
  });

  it('finds orp_kody.csv in the folder, also as windows-1250 with semicolons', async () => {
    const root = await newFolder();
    await writeRuianShpFixture(root, OFFICIAL_LAYOUT);
    const shared = await readFile(SHARED_ORP_KODY_CSV, 'utf8');
    await writeFile(path.join(root, 'ORP_KODY.csv'), encodeWindows1250(shared.replaceAll(',', ';')));

    const source = await loadRuianShpSource(root);

    expect(obecByCode(source, '554481').properties).toMatchObject({ orpKod: '4102', orpKodRuian: '515' });
    expect(source.warnings.some((warning) => warning.startsWith('ruianShp.orpCrosswalkMissing'))).toBe(false);
  });

  it('reports RÚIAN POU codes as such: there is no ČSÚ crosswalk for POU', async () => {
    const { source } = await loadFixture(OFFICIAL_LAYOUT);

    expect(source.warnings.some((warning) => warning.startsWith('ruianShp.pouKodIsRuian'))).toBe(true);
  });

  it('dates the boundaries from the latest PLATI_OD when OBCE_P has it', async () => {
    const { source } = await loadFixture({ ...OFFICIAL_LAYOUT, obceValidFrom: '2025-01-01' });

    expect(source.describesDate).toBe('2025-01-01');
  });

  it('dates the boundaries from a date in the folder name, else from the obce file time with a warning', async () => {
    const parent = await newFolder();
    const datedRoot = path.join(parent, 'ruian-stat-20250301');
    await writeRuianShpFixture(datedRoot, OFFICIAL_LAYOUT);
    expect((await loadRuianShpSource(datedRoot)).describesDate).toBe('2025-03-01');

    const root = await newFolder();
    const { layerFolder } = await writeRuianShpFixture(root, OFFICIAL_LAYOUT);
    const exported = new Date('2024-12-31T10:00:00Z');
    await utimes(path.join(layerFolder, 'OBCE_P.SHP'), exported, exported);
    const source = await loadRuianShpSource(root);
    expect(source.describesDate).toBe('2024-12-31');
    expect(source.warnings.some((warning) => warning.startsWith('ruianShp.describesDateFromFileTime'))).toBe(true);
  });

  it('reads positive S-JTSK coordinates (EPSG:5513 style) as EPSG:5514, with a warning', async () => {
    const { source: positive } = await loadFixture({ ...OFFICIAL_LAYOUT, coordinateStyle: 'positive' });
    const { source: eastNorth } = await loadFixture(OFFICIAL_LAYOUT);

    expect(obecByCode(positive, '506486').geometry).toEqual(obecByCode(eastNorth, '506486').geometry);
    expect(positive.warnings.some((warning) => warning.startsWith('ruianShp.positiveSjtsk'))).toBe(true);
  });

  it('serves the address-point folder of a kraj from addressPointsRoot, null elsewhere', async () => {
    const addressPointsRoot = path.join(SHARED_GEODATA_DIR, 'adresni-mista');
    const { source } = await loadFixture(OFFICIAL_LAYOUT, { orpKodyCsv: SHARED_ORP_KODY_CSV, addressPointsRoot });

    expect(source.addressPointsDir('CZ041')).toBe(path.join(addressPointsRoot, 'CZ041'));
    expect(source.addressPointsDir('CZ010')).toBeNull();
    const { source: withoutRoot } = await loadFixture(OFFICIAL_LAYOUT);
    expect(withoutRoot.addressPointsDir('CZ041')).toBeNull();
  });

  it('fails with ruianShp.missingDirectory for a folder that does not exist', async () => {
    const missing = path.join(await newFolder(), 'nowhere');

    await expect(loadRuianShpSource(missing)).rejects.toMatchObject({ code: 'ruianShp.missingDirectory' });
  });

  it('carries the ČSÚ okres and kraj codes of all 77 okresy and 14 kraje', async () => {
    const okresy = JSON.parse(await readFile(path.join(SHARED_GEODATA_DIR, 'cz', 'okresy.geojson'), 'utf8')) as {
      features: Array<{ properties: { KOD_OKRES: string; KOD_LAU1: string; KOD_KRAJ: string; KOD_CZNUTS3: string } }>;
    };

    expect(Object.keys(CSU_OKRES_KOD_BY_LAU1)).toHaveLength(77);
    expect(Object.keys(CSU_KRAJ_KOD_BY_NUTS3)).toHaveLength(14);
    for (const { properties } of okresy.features) {
      expect(CSU_OKRES_KOD_BY_LAU1[properties.KOD_LAU1]).toBe(properties.KOD_OKRES);
      expect(CSU_KRAJ_KOD_BY_NUTS3[properties.KOD_CZNUTS3]).toBe(properties.KOD_KRAJ);
    }
  });
});
