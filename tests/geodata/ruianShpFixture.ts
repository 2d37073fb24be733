/**
 * Writes, at test time, a small look-alike of the ČÚZK RÚIAN state-level SHP export (EPSG:5514): five real obce of
 * Karlovarský kraj from ../shared/geodata/cz/obce.geojson projected to S-JTSK, and the POU/ORP/okres/VÚSC layers they
 * point to, with the layer and attribute names of the real export (see geodata/README-ruian.md). Nothing is committed:
 * every test writes its own folder.
 *
 * Geometry is written with @mapbox/shp-write; the DBF is built here because that library writes text one byte per
 * UTF-16 unit and cannot produce windows-1250 or UTF-8, nor date fields. .cpg and .prj are plain text files.
 */
import { readFileSync, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { write as writeShapefile } from '@mapbox/shp-write';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { SJTSK_PROJ4 } from '../../src/core/geo/sjtsk.ts';

import { SHARED_GEODATA } from '../support/packs.ts';
import { signedRingArea } from '../../src/core/geo/ringArea.ts';

export const SHARED_GEODATA_DIR = SHARED_GEODATA;
export const SHARED_OBCE_GEOJSON = path.join(SHARED_GEODATA_DIR, 'cz', 'obce.geojson');
export const SHARED_ORP_KODY_CSV = path.join(SHARED_GEODATA_DIR, 'cz', 'orp_kody.csv');
export const hasSharedGeodata = existsSync(SHARED_OBCE_GEOJSON) && existsSync(SHARED_ORP_KODY_CSV);

/** Properties of an obec in the shared GeoJSON (ČSÚ codes; the truth the adapter's output is checked against). */
export interface SharedObecProperties {
  KOD_OBEC: string;
  NAZ_OBEC: string;
  KOD_POU: string;
  NAZ_POU: string;
  KOD_ORP: string;
  NAZ_ORP: string;
  KOD_OKRES: string;
  KOD_LAU1: string;
  NAZ_LAU1: string;
  KOD_KRAJ: string;
  KOD_CZNUTS3: string;
  NAZ_CZNUTS3: string;
}

export interface SharedObec {
  properties: SharedObecProperties;
  geometry: Polygon | MultiPolygon;
}

/** Boží Dar, Ostrov, Jáchymov (ORP Ostrov), Karlovy Vary (a MultiPolygon) and Cheb (another okres). */
export const FIXTURE_OBEC_CODES = ['506486', '555428', '555215', '554961', '554481'] as const;

/**
 * RÚIAN codes of the units the fixture obce belong to. ORP and VÚSC codes are the real RÚIAN codes (orp_kody.csv,
 * DOMAIN.md); okres 3403 Karlovy Vary is the real RÚIAN code and 3402 Cheb follows the same numbering. The RÚIAN POU
 * codes could not be checked offline: the values here are placeholders that only have to be consistent.
 */
const RUIAN_ORP_BY_CSU: Readonly<Record<string, string>> = { '4102': '515', '4103': '531', '4106': '540' };
const RUIAN_OKRES_BY_LAU1: Readonly<Record<string, string>> = { CZ0411: '3402', CZ0412: '3403' };
export const RUIAN_POU_PLACEHOLDER_BY_CSU: Readonly<Record<string, string>> = {
  '41021': '9021',
  '41031': '9031',
  '41061': '9061',
};
const RUIAN_VUSC_BY_NUTS3: Readonly<Record<string, string>> = { CZ041: '51' };
const REGION_SOUDRZNOSTI_SEVEROZAPAD = '43';

let sharedObceCache: ReadonlyMap<string, string> | null = null;

/** The fixture obce as fresh objects (the parsed shared file is cached as text per feature, never shared). */
export function readSharedObce(codes: readonly string[] = FIXTURE_OBEC_CODES): SharedObec[] {
  if (sharedObceCache === null) {
    const collection = JSON.parse(readFileSync(SHARED_OBCE_GEOJSON, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, SharedObecProperties>;
    const wanted = new Set<string>(FIXTURE_OBEC_CODES);
    sharedObceCache = new Map(
      collection.features
        .filter((feature) => wanted.has(String(feature.properties.KOD_OBEC)))
        .map((feature) => [String(feature.properties.KOD_OBEC), JSON.stringify(feature)]),
    );
  }
  return codes.map((code) => {
    const text = sharedObceCache?.get(code);
    if (text === undefined) throw new Error(`fixture: obec ${code} is not in ${SHARED_OBCE_GEOJSON}`);
    return JSON.parse(text) as SharedObec;
  });
}

export type FixtureLayer = 'OBCE_P' | 'POU_P' | 'ORP_P' | 'OKRESY_P' | 'VUSC_P';
export type DbfEncoding = 'windows-1250' | 'utf-8';

export interface RuianFixtureOptions {
  encoding: DbfEncoding;
  /** Text of every layer's .cpg, or null to write none (RÚIAN's own archive has them; re-saved copies may not). */
  cpg: string | null;
  /** Sub-folder of `root` that holds the layers, like the `1/` of the real archive; null for `root` itself. */
  subfolder?: string | null;
  fileNameCase?: 'upper' | 'lower';
  omitLayers?: readonly FixtureLayer[];
  omitAttributes?: ReadonlyArray<{ layer: FixtureLayer; attribute: string }>;
  /** Adds a PLATI_OD date field (YYYY-MM-DD) to OBCE_P; the latest value goes to Boží Dar. */
  obceValidFrom?: string | null;
  /** 'positive' writes S-JTSK with both axes positive (ESRI "S-JTSK Krovak", EPSG:5513 style). */
  coordinateStyle?: 'eastNorth' | 'positive';
  /** Punches a synthetic 200 m square hole into Ostrov (real obce here have none) to check ring orientation. */
  holeInOstrov?: boolean;
}

export interface RuianFixture {
  /** Folder holding the layer files. */
  layerFolder: string;
  /** The obce as written, in WGS84, with the synthetic hole when one was added. */
  obce: SharedObec[];
}

const ESRI_KROVAK_EAST_NORTH_PRJ =
  'PROJCS["S-JTSK_Krovak_East_North",GEOGCS["GCS_S_JTSK",DATUM["D_S_JTSK",SPHEROID["Bessel_1841",6377397.155,' +
  '299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Krovak"],' +
  'PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Pseudo_Standard_Parallel_1",78.5],' +
  'PARAMETER["Scale_Factor",0.9999],PARAMETER["Azimuth",30.28813975277778],' +
  'PARAMETER["Longitude_Of_Center",24.83333333333333],PARAMETER["Latitude_Of_Center",49.5],' +
  'PARAMETER["X_Scale",-1.0],PARAMETER["Y_Scale",1.0],PARAMETER["XY_Plane_Rotation",90.0],UNIT["Meter",1.0]]';

export async function writeRuianShpFixture(root: string, options: RuianFixtureOptions): Promise<RuianFixture> {
  const layerFolder = options.subfolder ? path.join(root, options.subfolder) : root;
  await mkdir(layerFolder, { recursive: true });
  const obce = readSharedObce();
  if (options.holeInOstrov) punchHoleIntoOstrov(obce);

  const toSjtsk = createSjtskProjection(options.coordinateStyle ?? 'eastNorth');
  const projected = obce.map((obec) => polygonsOf(obec.geometry).map((rings) => rings.map((ring) => ring.map(toSjtsk))));
  const layers = buildLayers(obce, projected, options.obceValidFrom ?? null);

  for (const layer of layers) {
    if (options.omitLayers?.includes(layer.name)) continue;
    const omitted = new Set((options.omitAttributes ?? []).filter((entry) => entry.layer === layer.name).map((entry) => entry.attribute));
    const fields = layer.fields.filter((field) => !omitted.has(field.name));
    const baseName = options.fileNameCase === 'lower' ? layer.name.toLowerCase() : layer.name;
    const extension = (suffix: string) => (options.fileNameCase === 'lower' ? suffix : suffix.toUpperCase());
    const { shp, shx } = shapefileGeometry(layer.polygons);
    await writeFile(path.join(layerFolder, `${baseName}.${extension('shp')}`), shp);
    await writeFile(path.join(layerFolder, `${baseName}.${extension('shx')}`), shx);
    const dbf = buildDbf(fields, layer.records, options.encoding);
    await writeFile(path.join(layerFolder, `${baseName}.${extension('dbf')}`), dbf);
    await writeFile(path.join(layerFolder, `${baseName}.${extension('prj')}`), ESRI_KROVAK_EAST_NORTH_PRJ);
    if (options.cpg !== null) await writeFile(path.join(layerFolder, `${baseName}.${extension('cpg')}`), options.cpg);
  }
  return { layerFolder, obce };
}

// ---------------------------------------------------------------------------------------------------------------
// Layers

type Rings = Position[][];
type FieldValue = string | number | null;

interface DbfField {
  name: string;
  type: 'C' | 'N' | 'D';
  length: number;
}

interface LayerToWrite {
  name: FixtureLayer;
  fields: readonly DbfField[];
  records: ReadonlyArray<Record<string, FieldValue>>;
  /** One entry per record: its polygons in S-JTSK. */
  polygons: readonly Rings[][];
}

const CODE = (name: string): DbfField => ({ name, type: 'N', length: 10 });
const TEXT = (name: string, length = 60): DbfField => ({ name, type: 'C', length });

function buildLayers(obce: readonly SharedObec[], projected: readonly Rings[][], obceValidFrom: string | null): LayerToWrite[] {
  const ruianCodes = obce.map(({ properties }) => ({
    pou: requireCode(RUIAN_POU_PLACEHOLDER_BY_CSU, properties.KOD_POU),
    orp: requireCode(RUIAN_ORP_BY_CSU, properties.KOD_ORP),
    okres: requireCode(RUIAN_OKRES_BY_LAU1, properties.KOD_LAU1),
    vusc: requireCode(RUIAN_VUSC_BY_NUTS3, properties.KOD_CZNUTS3),
  }));

  const obceFields = [
    CODE('KOD'),
    TEXT('NAZEV'),
    CODE('POU_KOD'),
    CODE('ORP_KOD'),
    CODE('OKRES_KOD'),
    TEXT('LAU1_KOD', 6),
    CODE('VUSC_KOD'),
    ...(obceValidFrom === null ? [] : [{ name: 'PLATI_OD', type: 'D', length: 8 } as const]),
  ];
  const obceRecords = obce.map(({ properties }, index) => {
    const codes = ruianCodes[index] as (typeof ruianCodes)[number];
    return {
      KOD: Number(properties.KOD_OBEC),
      NAZEV: properties.NAZ_OBEC,
      POU_KOD: Number(codes.pou),
      ORP_KOD: Number(codes.orp),
      OKRES_KOD: Number(codes.okres),
      LAU1_KOD: properties.KOD_LAU1,
      VUSC_KOD: Number(codes.vusc),
      PLATI_OD: obceValidFrom === null ? null : properties.KOD_OBEC === '506486' ? obceValidFrom : '2011-07-01',
    };
  });

  /** One record per distinct unit, shaped as the bounding rectangle of its obce (the adapter reads only its DBF). */
  const unitLayer = (
    name: FixtureLayer,
    fields: readonly DbfField[],
    unitCode: (index: number) => string,
    record: (obec: SharedObecProperties, code: string) => Record<string, FieldValue>,
  ): LayerToWrite => {
    const members = new Map<string, number[]>();
    obce.forEach((_, index) => members.set(unitCode(index), [...(members.get(unitCode(index)) ?? []), index]));
    const entries = [...members];
    return {
      name,
      fields,
      records: entries.map(([code, indexes]) => record((obce[indexes[0] as number] as SharedObec).properties, code)),
      polygons: entries.map(([, indexes]) => [boundingRectangle(indexes.flatMap((index) => projected[index] as Rings[]))]),
    };
  };
  const codesAt = (index: number) => ruianCodes[index] as (typeof ruianCodes)[number];

  return [
    { name: 'OBCE_P', fields: obceFields, records: obceRecords, polygons: projected },
    unitLayer(
      'POU_P',
      [CODE('KOD'), TEXT('NAZEV'), CODE('ORP_KOD'), CODE('VUSC_KOD'), TEXT('NUTS3_KOD', 5)],
      (index) => codesAt(index).pou,
      (obec, code) => ({
        KOD: Number(code),
        NAZEV: obec.NAZ_POU,
        ORP_KOD: Number(RUIAN_ORP_BY_CSU[obec.KOD_ORP]),
        VUSC_KOD: Number(RUIAN_VUSC_BY_NUTS3[obec.KOD_CZNUTS3]),
        NUTS3_KOD: obec.KOD_CZNUTS3,
      }),
    ),
    unitLayer(
      'ORP_P',
      [CODE('KOD'), TEXT('NAZEV'), CODE('VUSC_KOD'), TEXT('NUTS3_KOD', 5)],
      (index) => codesAt(index).orp,
      (obec, code) => ({
        KOD: Number(code),
        NAZEV: obec.NAZ_ORP,
        VUSC_KOD: Number(RUIAN_VUSC_BY_NUTS3[obec.KOD_CZNUTS3]),
        NUTS3_KOD: obec.KOD_CZNUTS3,
      }),
    ),
    unitLayer(
      'OKRESY_P',
      [CODE('KOD'), TEXT('NAZEV'), TEXT('LAU1_KOD', 6), CODE('VUSC_KOD'), TEXT('NUTS3_KOD', 5)],
      (index) => codesAt(index).okres,
      (obec, code) => ({
        KOD: Number(code),
        NAZEV: obec.NAZ_LAU1,
        LAU1_KOD: obec.KOD_LAU1,
        VUSC_KOD: Number(RUIAN_VUSC_BY_NUTS3[obec.KOD_CZNUTS3]),
        NUTS3_KOD: obec.KOD_CZNUTS3,
      }),
    ),
    unitLayer(
      'VUSC_P',
      [CODE('KOD'), TEXT('NAZEV'), CODE('REGS_KOD'), TEXT('NUTS3_KOD', 5)],
      (index) => codesAt(index).vusc,
      (obec, code) => ({
        KOD: Number(code),
        NAZEV: obec.NAZ_CZNUTS3,
        REGS_KOD: Number(REGION_SOUDRZNOSTI_SEVEROZAPAD),
        NUTS3_KOD: obec.KOD_CZNUTS3,
      }),
    ),
  ];
}

function requireCode(table: Readonly<Record<string, string>>, key: string): string {
  const code = table[key];
  if (code === undefined) throw new Error(`fixture: no RÚIAN code for ${key}`);
  return code;
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry

function createSjtskProjection(style: 'eastNorth' | 'positive'): (position: Position) => Position {
  const converter = proj4(SJTSK_PROJ4, 'EPSG:4326');
  const sign = style === 'positive' ? -1 : 1;
  return (position) => {
    const [x, y] = converter.inverse([position[0] as number, position[1] as number]) as number[];
    return [sign * roundToCentimetre(x as number), sign * roundToCentimetre(y as number)];
  };
}

function roundToCentimetre(value: number): number {
  return Math.round(value * 100) / 100;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Rings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** A 200 m square around Ostrov's town centre (inside the obec), as a clockwise hole per RFC 7946. */
function punchHoleIntoOstrov(obce: SharedObec[]): void {
  const ostrov = obce.find((obec) => obec.properties.KOD_OBEC === '555428');
  if (ostrov === undefined || ostrov.geometry.type !== 'Polygon') throw new Error('fixture: Ostrov is not a Polygon');
  const [lon, lat, halfWidthLon, halfHeightLat] = [12.9395, 50.3059, 0.0014, 0.0009];
  ostrov.geometry.coordinates.push([
    [lon - halfWidthLon, lat - halfHeightLat],
    [lon - halfWidthLon, lat + halfHeightLat],
    [lon + halfWidthLon, lat + halfHeightLat],
    [lon + halfWidthLon, lat - halfHeightLat],
    [lon - halfWidthLon, lat - halfHeightLat],
  ]);
}

function boundingRectangle(polygons: readonly Rings[]): Rings {
  const positions = polygons.flat(2);
  const xs = positions.map((position) => position[0] as number);
  const ys = positions.map((position) => position[1] as number);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return [
    [
      [minX, minY],
      [minX, maxY],
      [maxX, maxY],
      [maxX, minY],
      [minX, minY],
    ],
  ];
}

/** Shapefile convention: outer rings clockwise, holes counter-clockwise (the reverse of RFC 7946). */
function orientForShapefile(polygon: Rings): Rings {
  return polygon.map((ring, index) => {
    const clockwise = signedRingArea(ring) < 0;
    return clockwise === (index === 0) ? ring : [...ring].reverse();
  });
}

function shapefileGeometry(records: readonly Rings[][]): { shp: Buffer; shx: Buffer } {
  const geometries = records.map((polygons) => {
    const oriented = polygons.map(orientForShapefile);
    return oriented.length === 1 ? oriented[0] : oriented;
  });
  let files: { shp: DataView; shx: DataView } | null = null;
  writeShapefile(
    records.map(() => ({ ID: 1 })),
    'POLYGON',
    geometries as object[],
    (error, written) => {
      if (error) throw error;
      files = written as { shp: DataView; shx: DataView };
    },
  );
  if (files === null) throw new Error('fixture: @mapbox/shp-write returned nothing');
  const { shp, shx } = files as { shp: DataView; shx: DataView };
  return { shp: Buffer.from(shp.buffer), shx: Buffer.from(shx.buffer) };
}

// ---------------------------------------------------------------------------------------------------------------
// DBF (dBase III) with windows-1250 or UTF-8 text

let windows1250Bytes: Map<string, number> | null = null;

function encodeText(text: string, encoding: DbfEncoding): Uint8Array {
  return encoding === 'utf-8' ? new TextEncoder().encode(text) : encodeWindows1250(text);
}

/** Text as windows-1250 bytes (what Czech Excel and RÚIAN's DBFs use); throws for characters outside it. */
export function encodeWindows1250(text: string): Uint8Array {
  if (windows1250Bytes === null) {
    const decoder = new TextDecoder('windows-1250');
    windows1250Bytes = new Map();
    for (let byte = 0; byte < 256; byte++) windows1250Bytes.set(decoder.decode(Uint8Array.of(byte)), byte);
  }
  return Uint8Array.from([...text], (character) => {
    const byte = windows1250Bytes?.get(character);
    if (byte === undefined) throw new Error(`fixture: "${character}" has no windows-1250 byte`);
    return byte;
  });
}

function buildDbf(fields: readonly DbfField[], records: ReadonlyArray<Record<string, FieldValue>>, encoding: DbfEncoding): Buffer {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const dbf = Buffer.alloc(headerLength + records.length * recordLength + 1, 0x20);
  dbf.fill(0, 0, headerLength);
  dbf.writeUInt8(0x03, 0);
  dbf.writeUInt8(125, 1); // last update 2025-01-01
  dbf.writeUInt8(1, 2);
  dbf.writeUInt8(1, 3);
  dbf.writeUInt32LE(records.length, 4);
  dbf.writeUInt16LE(headerLength, 8);
  dbf.writeUInt16LE(recordLength, 10);
  dbf.writeUInt8(encoding === 'windows-1250' ? 0xc8 : 0x00, 29); // language driver: 0xC8 = Windows EE (1250)
  fields.forEach((field, index) => {
    const offset = 32 + index * 32;
    dbf.write(field.name, offset, 'ascii');
    dbf.write(field.type, offset + 11, 'ascii');
    dbf.writeUInt8(field.length, offset + 16);
  });
  dbf.writeUInt8(0x0d, headerLength - 1);

  records.forEach((record, recordIndex) => {
    let offset = headerLength + recordIndex * recordLength + 1; // the first byte is the deletion flag (space)
    for (const field of fields) {
      const bytes = fieldBytes(field, record[field.name] ?? null, encoding);
      if (bytes.length > field.length) {
        throw new Error(`fixture: ${field.name} value does not fit ${field.length} bytes`);
      }
      const start = field.type === 'N' ? offset + field.length - bytes.length : offset;
      dbf.set(bytes, start);
      offset += field.length;
    }
  });
  dbf.writeUInt8(0x1a, dbf.length - 1);
  return dbf;
}

function fieldBytes(field: DbfField, value: FieldValue, encoding: DbfEncoding): Uint8Array {
  if (value === null) return new Uint8Array(0);
  if (field.type === 'D') return new TextEncoder().encode(String(value).replaceAll('-', ''));
  if (field.type === 'N') return new TextEncoder().encode(String(value));
  return encodeText(String(value), encoding);
}
