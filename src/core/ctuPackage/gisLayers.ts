/**
 * The GIS layer set of the package: lokality and hlaseni in EPSG:5514, as one GeoPackage. Attribute names are the
 * CSV headers made safe for GIS tools (ASCII, lower case, underscores); values are the same as in the CSV files.
 */
import type { SqlJsStatic } from 'sql.js';
import { lonLat } from '../geo/coordinates.ts';
import { wgs84ToSjtsk } from '../geo/sjtsk.ts';
import { normalizeForSearch } from '../text/normalizeForSearch.ts';
import type { ReportGeometry } from '../reports/report.ts';
import type { CsvColumn, CsvValue } from './excelCsv.ts';
import { buildGeoPackage, type GpkgField, type GpkgGeometry, type GpkgLayer } from './geoPackage.ts';
import type { PackageLocality } from './packageLocalities.ts';
import { buildPackageTables, type PackageTableValues, type TableOptions } from './packageTables.ts';

export const GIS_FILE_NAME = 'vrstvy_s-jtsk_5514.gpkg';

export function gisFieldName(header: string): string {
  return (
    normalizeForSearch(header)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'pole'
  );
}

function toSjtsk(geometry: ReportGeometry): GpkgGeometry {
  const project = (p: number[]) => {
    const [x, y] = wgs84ToSjtsk(lonLat(p[0]!, p[1]!));
    return [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
  };
  if (geometry.type === 'Point') return { type: 'Point', coordinates: project(geometry.coordinates) };
  if (geometry.type === 'LineString') return { type: 'LineString', coordinates: geometry.coordinates.map(project) };
  return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(project)) };
}

function layerFields<Row>(columns: ReadonlyArray<CsvColumn<Row>>): Array<GpkgField & { column: CsvColumn<Row> }> {
  const used = new Set<string>();
  return columns.map((column) => {
    let name = gisFieldName(column.header);
    while (used.has(name)) name = `${name}_2`;
    used.add(name);
    return { name, type: column.kind === 'integer' ? 'INTEGER' : column.kind === 'number' ? 'REAL' : 'TEXT', column };
  });
}

function gisValue(value: CsvValue): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * The two layers (locality centroids, reports with their own geometry) in one GeoPackage in EPSG:5514. Pass the
 * tables' precomputed values (buildPackageTables) to skip computing every cell a second time.
 */
export function buildGisLayers(
  SQL: SqlJsStatic,
  localities: readonly PackageLocality[],
  options: TableOptions,
  generatedAt: string,
  precomputed?: PackageTableValues,
): Uint8Array {
  const values = precomputed ?? buildPackageTables(localities, options).values;
  const localityFields = layerFields(values.localityColumns);
  const reportFields = layerFields(values.reportColumns);
  const record = (row: readonly CsvValue[]) => row.map(gisValue);
  const layers: GpkgLayer[] = [
    {
      name: 'lokality',
      description: 'Lokality (těžiště), S-JTSK / Krovak East North',
      geometryType: 'POINT',
      fields: localityFields.map(({ name, type }) => ({ name, type })),
      features: localities.map((l, k) => ({
        geometry: { type: 'Point', coordinates: [l.centroid.x, l.centroid.y] },
        values: record(values.localityValues[k]!),
      })),
    },
    {
      name: 'hlaseni',
      description: 'Hlášení obcí (bod, úsek, oblast), S-JTSK / Krovak East North',
      geometryType: 'GEOMETRY',
      fields: reportFields.map(({ name, type }) => ({ name, type })),
      features: values.rows.map((row, k) => ({
        geometry: toSjtsk(row.report.geometry),
        values: record(values.reportValues[k]!),
      })),
    },
  ];
  return buildGeoPackage(SQL, layers, generatedAt);
}
