/**
 * A GeoPackage (OGC 12-128, written as version 1.2 for the widest support) in EPSG:5514 that GDAL, QGIS and ArcGIS open with the right CRS and
 * with Czech text intact (SQLite stores UTF-8). SQLite itself comes from sql.js, passed in by the caller (the
 * browser loads its wasm, Node reads it from node_modules), so this module stays pure. Geometries are written as
 * GeoPackage binary (the "GP" header with an envelope, then little-endian WKB).
 */
import type { Database, SqlJsStatic } from 'sql.js';

/** EPSG:5514 as OGC WKT 1 with the 7-parameter TOWGS84 (as GDAL writes it). */
export const EPSG_5514_WKT =
  'PROJCS["S-JTSK / Krovak East North",GEOGCS["S-JTSK",DATUM["System_Jednotne_Trigonometricke_Site_Katastralni",' +
  'SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],TOWGS84[570.8,85.7,462.8,4.998,1.587,5.261,3.56],' +
  'AUTHORITY["EPSG","6156"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],' +
  'AUTHORITY["EPSG","4156"]],PROJECTION["Krovak"],PARAMETER["latitude_of_center",49.5],PARAMETER["longitude_of_center",24.8333333333333],' +
  'PARAMETER["azimuth",30.2881397527778],PARAMETER["pseudo_standard_parallel_1",78.5],PARAMETER["scale_factor",0.9999],' +
  'PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["X",EAST],AXIS["Y",NORTH],' +
  'AUTHORITY["EPSG","5514"]]';

export type GpkgGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'Polygon'; coordinates: number[][][] };

export interface GpkgField {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL';
}

export interface GpkgLayer {
  /** Table name: letters, digits and underscores. */
  name: string;
  description: string;
  geometryType: 'POINT' | 'LINESTRING' | 'POLYGON' | 'GEOMETRY';
  fields: GpkgField[];
  /** Attribute values by field name, or as `values` in the order of `fields` (no object per feature to build). */
  features: Array<{ geometry: GpkgGeometry } & ({ properties: Record<string, string | number | null> } | { values: ReadonlyArray<string | number | null> })>;
}

const WKB_TYPES = { Point: 1, LineString: 2, Polygon: 3 } as const;

function positionsOf(geometry: GpkgGeometry): number[][] {
  return geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates.flat();
}

/** GeoPackage binary: "GP", version 0, flags (little endian, envelope [minx, maxx, miny, maxy]), srs id, envelope, WKB. */
export function encodeGpkgGeometry(geometry: GpkgGeometry, srsId: number): Uint8Array {
  const positions = positionsOf(geometry);
  const wkbLength =
    1 +
    4 +
    (geometry.type === 'Point'
      ? 16
      : geometry.type === 'LineString'
        ? 4 + 16 * positions.length
        : 4 + geometry.coordinates.reduce((s, ring) => s + 4 + 16 * ring.length, 0));
  const buffer = new ArrayBuffer(8 + 32 + wkbLength);
  const view = new DataView(buffer);
  view.setUint8(0, 0x47);
  view.setUint8(1, 0x50);
  view.setUint8(2, 0);
  view.setUint8(3, 0b0000_0011); // envelope type 1, little endian
  view.setInt32(4, srsId, true);
  const xs = positions.map((p) => p[0]!);
  const ys = positions.map((p) => p[1]!);
  [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((v, i) => view.setFloat64(8 + i * 8, v, true));
  let offset = 40;
  view.setUint8(offset, 1);
  view.setUint32(offset + 1, WKB_TYPES[geometry.type], true);
  offset += 5;
  const writePoints = (points: number[][]) => {
    for (const [x, y] of points as Array<[number, number]>) {
      view.setFloat64(offset, x, true);
      view.setFloat64(offset + 8, y, true);
      offset += 16;
    }
  };
  if (geometry.type === 'Point') writePoints([geometry.coordinates]);
  else if (geometry.type === 'LineString') {
    view.setUint32(offset, geometry.coordinates.length, true);
    offset += 4;
    writePoints(geometry.coordinates);
  } else {
    view.setUint32(offset, geometry.coordinates.length, true);
    offset += 4;
    for (const ring of geometry.coordinates) {
      view.setUint32(offset, ring.length, true);
      offset += 4;
      writePoints(ring);
    }
  }
  return new Uint8Array(buffer);
}

/** Strings longer than this are bound as bytes (see buildGeoPackage); shorter ones cost less as strings. */
const LONG_TEXT = 24;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function createCoreTables(db: Database): void {
  // The database lives only in memory until export(): no rollback journal and no syncs, and a page cache that holds
  // the whole file, so SQLite does not spill pages to sql.js's in-memory file system mid-transaction. None of the
  // three is stored in the file.
  db.run('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072');
  db.run(`PRAGMA application_id = 1196444487; PRAGMA user_version = 10200;
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
      srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
  const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
  srs.run(['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system']);
  srs.run(['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system']);
  srs.run([
    'WGS 84 geodetic',
    4326,
    'EPSG',
    4326,
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]',
    'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
  ]);
  srs.run(['S-JTSK / Krovak East North', 5514, 'EPSG', 5514, EPSG_5514_WKT, 'S-JTSK / Krovak East North (7-parameter TOWGS84, EPSG:1623)']);
  srs.free();
}

/** One GeoPackage file with the given layers, all in EPSG:5514. `lastChange` fixes the timestamp for reproducibility. */
export function buildGeoPackage(SQL: SqlJsStatic, layers: readonly GpkgLayer[], lastChange: string): Uint8Array {
  const db = new SQL.Database();
  try {
    createCoreTables(db);
    for (const layer of layers) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(layer.name)) throw new Error(`Invalid layer name: ${layer.name}`);
      const columns = layer.fields.map((f) => `${quote(f.name)} ${f.type}`).join(', ');
      db.run(`CREATE TABLE ${quote(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}${columns ? `, ${columns}` : ''})`);
      // A loop, not Math.min(...positions): a spread of a large layer's vertices would overflow the stack.
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      for (const feature of layer.features) {
        for (const p of positionsOf(feature.geometry)) {
          minX = Math.min(minX, p[0]!);
          maxX = Math.max(maxX, p[0]!);
          minY = Math.min(minY, p[1]!);
          maxY = Math.max(maxY, p[1]!);
        }
      }
      const box = minX <= maxX ? [minX, minY, maxX, maxY] : [null, null, null, null];
      db.run('INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        layer.name,
        'features',
        layer.name,
        layer.description,
        lastChange,
        ...box,
        5514,
      ]);
      db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, ?, ?)', [layer.name, 'geom', layer.geometryType, 5514, 0, 0]);
      // Text goes in as UTF-8 bytes that SQL casts back to TEXT: sql.js would otherwise measure and encode every
      // string twice in JavaScript, the largest part of the GeoPackage's time. The stored text is the same.
      const insert = db.prepare(
        `INSERT INTO ${quote(layer.name)} (geom${layer.fields.map((f) => `, ${quote(f.name)}`).join('')}) VALUES (?${layer.fields.map((f) => (f.type === 'TEXT' ? ', CAST(? AS TEXT)' : ', ?')).join('')})`,
      );
      const encoder = new TextEncoder();
      const text = layer.fields.map((f) => f.type === 'TEXT');
      db.run('BEGIN');
      for (const feature of layer.features) {
        const row: Array<string | number | Uint8Array | null> = [encodeGpkgGeometry(feature.geometry, 5514)];
        const values = 'values' in feature ? feature.values : layer.fields.map((f) => feature.properties[f.name] ?? null);
        layer.fields.forEach((_, i) => {
          const value = values[i] ?? null;
          row.push(text[i] && typeof value === 'string' && value.length > LONG_TEXT ? encoder.encode(value) : value);
        });
        insert.run(row);
      }
      db.run('COMMIT');
      insert.free();
    }
    return db.export();
  } finally {
    db.close();
  }
}
