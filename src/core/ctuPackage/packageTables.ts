/**
 * The tables and layers of the ČTÚ package: lokality.csv (one row per locality and domain), hlaseni.csv (one row per
 * report, with its locality), souhrn_orp.csv (one row per ORP), and the same as GeoJSON (WGS84, RFC 7946).
 * Labels come from the caller (`label(key)`, the Czech UI texts), so core stays free of i18n.
 * Personal data: reporters' names and contacts only when `includeReporters` is set.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Report, ReportGeometry } from '../reports/report.ts';
import { lonLat } from '../geo/coordinates.ts';
import { wgs84ToSjtsk } from '../geo/sjtsk.ts';
import { representativePoint } from '../reports/derivePlace.ts';
import { tableValues, toExcelCsv, toExcelCsvFromValues, type CsvColumn, type CsvValue } from './excelCsv.ts';
import type { PackageLocality } from './packageLocalities.ts';

/** A Czech sentence for a code; `params` fill its `{name}` and plural forms (see core/text/formatMessage.ts). */
export type Label = (key: string, params?: Readonly<Record<string, string | number>>) => string;

export const OBSERVATIONS_HEADER = 'Pozorování';

export interface TableOptions {
  label: Label;
  includeReporters: boolean;
  /** Official contact of each obec (kód obce → e-mail or phone), e.g. from the obec files' sign-off. */
  obecContacts?: ReadonlyMap<string, string>;
}

const list = (label: Label, prefix: string, codes: readonly string[]) => codes.map((code) => label(`${prefix}.${code}`)).join(', ');

export function localityColumns(options: TableOptions): Array<CsvColumn<PackageLocality>> {
  const { label } = options;
  return [
    { header: 'Číslo lokality', kind: 'text', value: (l) => l.number },
    { header: 'ID lokality', kind: 'text', value: (l) => l.id },
    { header: 'Oblast', kind: 'text', value: (l) => label(`enum.domain.${l.domain}`) },
    { header: 'Priorita', kind: 'text', value: (l) => label(`review.priority.${l.priority}`) },
    { header: 'Kraj NUTS3', kind: 'text', value: (l) => l.place?.kraj.nuts3 },
    { header: 'Kraj', kind: 'text', value: (l) => l.place?.kraj.nazev },
    { header: 'Okres LAU1', kind: 'text', value: (l) => l.place?.okres.lau1 },
    { header: 'Okres', kind: 'text', value: (l) => l.place?.okres.nazev },
    { header: 'ORP kód ČSÚ', kind: 'text', value: (l) => l.place?.orp.kod },
    { header: 'ORP kód RÚIAN', kind: 'text', value: (l) => l.place?.orp.kodRuian },
    { header: 'ORP', kind: 'text', value: (l) => l.place?.orp.nazev },
    { header: 'Kód obce', kind: 'text', value: (l) => l.place?.obec.kod },
    { header: 'Obec', kind: 'text', value: (l) => l.place?.obec.nazev },
    { header: 'Všechny obce (kód)', kind: 'text', value: (l) => l.obce.map((o) => `${o.nazev} (${o.kod})`).join(', ') },
    { header: 'Kód ZSJ', kind: 'text', value: (l) => l.zsj },
    { header: 'Část obce', kind: 'text', value: (l) => l.castObce },
    { header: 'Popis lokality', kind: 'text', value: (l) => l.description },
    { header: 'Co nefunguje', kind: 'text', value: (l) => list(label, 'enum.failure', l.failures) },
    { header: 'Operátoři', kind: 'text', value: (l) => list(label, 'enum.operator', l.operators) },
    { header: 'Technologie', kind: 'text', value: (l) => list(label, 'enum.technology', l.technologies) },
    { header: 'Prostředí', kind: 'text', value: (l) => list(label, 'enum.environment', l.environments) },
    { header: 'Počet hlášení', kind: 'integer', value: (l) => l.reports.length },
    { header: 'Počet obcí', kind: 'integer', value: (l) => l.obceCount },
    { header: 'První pozorování', kind: 'date', value: (l) => l.firstObservation },
    { header: 'Poslední pozorování', kind: 'date', value: (l) => l.lastObservation },
    { header: 'Dotčení obyvatelé (odhad)', kind: 'integer', value: (l) => l.inhabitants },
    { header: 'Úroveň důkazů (0–4)', kind: 'integer', value: (l) => l.evidence.level },
    { header: 'Počet měření NetTest', kind: 'integer', value: (l) => l.measurements?.length ?? 0 },
    { header: 'Stav', kind: 'text', value: (l) => label(`review.status.${l.review.status}`) },
    { header: 'Poznámka pro ČTÚ', kind: 'text', value: (l) => l.ctuNotes.join(' | ') },
    { header: 'Kontakt obce', kind: 'text', value: (l) => (l.place ? options.obecContacts?.get(l.place.obec.kod) : undefined) },
    {
      header: 'Kontakty všech obcí',
      kind: 'text',
      value: (l) =>
        l.obce
          .map((o) => ({ o, contact: options.obecContacts?.get(o.kod) }))
          .filter((x) => x.contact)
          .map((x) => `${x.o.nazev} (${x.o.kod}): ${x.contact}`)
          .join(' | '),
    },
    { header: 'Ukázková data', kind: 'text', value: (l) => (l.demo ? 'DEMO' : '') },
    { header: 'Těžiště zeměpisná délka (WGS84)', kind: 'number', decimals: 6, value: (l) => l.centroid.lon },
    { header: 'Těžiště zeměpisná šířka (WGS84)', kind: 'number', decimals: 6, value: (l) => l.centroid.lat },
    { header: 'Těžiště X (S-JTSK, EPSG:5514)', kind: 'number', decimals: 2, value: (l) => l.centroid.x },
    { header: 'Těžiště Y (S-JTSK, EPSG:5514)', kind: 'number', decimals: 2, value: (l) => l.centroid.y },
  ];
}

interface ReportRow {
  report: Report;
  localityId: string;
  localityNumber: string;
  point: [number, number];
  sjtsk: [number, number];
}

export function reportColumns(options: TableOptions): Array<CsvColumn<ReportRow>> {
  const { label } = options;
  const columns: Array<CsvColumn<ReportRow>> = [
    { header: 'ID hlášení', kind: 'text', value: (r) => r.report.id },
    { header: 'Číslo lokality', kind: 'text', value: (r) => r.localityNumber },
    { header: 'ID lokality', kind: 'text', value: (r) => r.localityId },
    { header: 'Oblast', kind: 'text', value: (r) => label(`enum.domain.${r.report.domain}`) },
    { header: 'Kód obce', kind: 'text', value: (r) => r.report.place?.obec.kod },
    { header: 'Obec', kind: 'text', value: (r) => r.report.place?.obec.nazev },
    { header: 'ORP kód ČSÚ', kind: 'text', value: (r) => r.report.place?.orp.kod },
    { header: 'ORP', kind: 'text', value: (r) => r.report.place?.orp.nazev },
    { header: 'Kód ZSJ', kind: 'text', value: (r) => r.report.zsj?.kod },
    { header: 'Část obce', kind: 'text', value: (r) => r.report.castObce?.nazev },
    { header: 'Tvar', kind: 'text', value: (r) => label(`report.kind.${r.report.geometry.type.toLowerCase()}`) },
    { header: 'Popis lokality', kind: 'text', value: (r) => r.report.description },
    { header: 'Co nefunguje', kind: 'text', value: (r) => list(label, 'enum.failure', r.report.failures) },
    { header: 'Operátoři', kind: 'text', value: (r) => list(label, 'enum.operator', r.report.operators) },
    { header: 'Technologie', kind: 'text', value: (r) => list(label, 'enum.technology', r.report.technologies) },
    { header: 'Prostředí', kind: 'text', value: (r) => list(label, 'enum.environment', r.report.environments) },
    { header: 'Trvání', kind: 'text', value: (r) => (r.report.persistence ? label(`enum.persistence.${r.report.persistence}`) : '') },
    { header: OBSERVATIONS_HEADER, kind: 'text', value: (r) => r.report.observations.map((o) => `${o.date}${o.time ? ` ${o.time}` : ''}`).join(', ') },
    { header: 'Dotčení obyvatelé (odhad)', kind: 'integer', value: (r) => r.report.affected.inhabitants },
    { header: 'Dotčené domácnosti (odhad)', kind: 'integer', value: (r) => r.report.affected.households },
    { header: 'Počet měření', kind: 'integer', value: (r) => r.report.measurements.length },
    { header: 'Nejhorší RSRP (dBm)', kind: 'number', decimals: 0, value: (r) => minOf(r.report.measurements.map((m) => m.rsrpDbm)) },
    { header: 'Nejnižší download (Mbit/s)', kind: 'number', decimals: 2, value: (r) => minOf(r.report.measurements.map((m) => m.downloadMbps)) },
    { header: 'Ukázková data', kind: 'text', value: (r) => (r.report.demo ? 'DEMO' : '') },
    { header: 'Vytvořeno', kind: 'date', value: (r) => r.report.createdAt.slice(0, 10) },
    { header: 'Zeměpisná délka (WGS84)', kind: 'number', decimals: 6, value: (r) => r.point[0] },
    { header: 'Zeměpisná šířka (WGS84)', kind: 'number', decimals: 6, value: (r) => r.point[1] },
    { header: 'X (S-JTSK, EPSG:5514)', kind: 'number', decimals: 2, value: (r) => r.sjtsk[0] },
    { header: 'Y (S-JTSK, EPSG:5514)', kind: 'number', decimals: 2, value: (r) => r.sjtsk[1] },
  ];
  if (options.includeReporters) {
    columns.push(
      { header: 'Hlásil(a)', kind: 'text', value: (r) => r.report.reporter?.name },
      { header: 'Role', kind: 'text', value: (r) => (r.report.reporter ? label(`enum.role.${r.report.reporter.role}`) : '') },
      { header: 'Kontakt (osobní údaj)', kind: 'text', value: (r) => r.report.reporter?.contact },
    );
  }
  return columns;
}

function minOf(values: Array<number | null>): number | null {
  const numbers = values.filter((v): v is number => v !== null);
  return numbers.length > 0 ? Math.min(...numbers) : null;
}

function reportRows(localities: readonly PackageLocality[]): ReportRow[] {
  return localities.flatMap((locality) =>
    locality.reports.map((report) => {
      const point = representativePoint(report.geometry);
      const [x, y] = wgs84ToSjtsk(lonLat(point[0], point[1]));
      return {
        report,
        localityId: locality.id,
        localityNumber: locality.number,
        point,
        sjtsk: [Math.round(x * 100) / 100, Math.round(y * 100) / 100] as [number, number],
      };
    }),
  );
}

/** One row per locality and obec (lokality_obce.csv): ČTÚ's request is per obec, so each obec with its contact. */
export interface LocalityObecRow {
  locality: PackageLocality;
  obec: { kod: string; nazev: string };
  /** Reports of the locality held by this obec (a line or area counts for the obec with its largest share). */
  reports: number;
  contact: string | undefined;
}

export function localityObecRows(localities: readonly PackageLocality[], options: TableOptions): LocalityObecRow[] {
  return localities.flatMap((locality) =>
    locality.obce.map((obec) => ({
      locality,
      obec,
      reports: locality.reports.filter((r) => r.place?.obec.kod === obec.kod).length,
      contact: options.obecContacts?.get(obec.kod),
    })),
  );
}

export function localityObecColumns(label: Label): Array<CsvColumn<LocalityObecRow>> {
  return [
    { header: 'Číslo lokality', kind: 'text', value: (r) => r.locality.number },
    { header: 'ID lokality', kind: 'text', value: (r) => r.locality.id },
    { header: 'Oblast', kind: 'text', value: (r) => label(`enum.domain.${r.locality.domain}`) },
    { header: 'Kód obce', kind: 'text', value: (r) => r.obec.kod },
    { header: 'Obec', kind: 'text', value: (r) => r.obec.nazev },
    { header: 'Hlášení v obci', kind: 'integer', value: (r) => r.reports },
    { header: 'Kontakt obce', kind: 'text', value: (r) => r.contact },
  ];
}

export interface OrpSummaryRow {
  kod: string;
  kodRuian: string | null;
  nazev: string;
  domain: 'mobile' | 'fixed';
  localities: number;
  reports: number;
  obce: number;
  inhabitants: number;
  confirmed: number;
}

export function orpSummary(localities: readonly PackageLocality[]): OrpSummaryRow[] {
  const rows = new Map<string, OrpSummaryRow & { obceSet: Set<string> }>();
  for (const l of localities) {
    if (!l.place) continue;
    const key = `${l.place.orp.kod}|${l.domain}`;
    let row = rows.get(key);
    if (!row)
      rows.set(
        key,
        (row = {
          kod: l.place.orp.kod,
          kodRuian: l.place.orp.kodRuian,
          nazev: l.place.orp.nazev,
          domain: l.domain,
          localities: 0,
          reports: 0,
          obce: 0,
          inhabitants: 0,
          confirmed: 0,
          obceSet: new Set(),
        }),
      );
    row.localities++;
    row.reports += l.reports.length;
    row.inhabitants += l.inhabitants ?? 0;
    if (l.review.status === 'confirmed' || l.review.status === 'sentToCtu') row.confirmed++;
    for (const r of l.reports) if (r.place) row.obceSet.add(r.place.obec.kod);
  }
  return [...rows.values()]
    .map(({ obceSet, ...row }) => ({ ...row, obce: obceSet.size }))
    .sort((a, b) => (a.kod < b.kod ? -1 : a.kod > b.kod ? 1 : a.domain < b.domain ? -1 : 1));
}

export function orpColumns(label: Label): Array<CsvColumn<OrpSummaryRow>> {
  return [
    { header: 'ORP kód ČSÚ', kind: 'text', value: (r) => r.kod },
    { header: 'ORP kód RÚIAN', kind: 'text', value: (r) => r.kodRuian },
    { header: 'ORP', kind: 'text', value: (r) => r.nazev },
    { header: 'Oblast', kind: 'text', value: (r) => label(`enum.domain.${r.domain}`) },
    { header: 'Počet lokalit', kind: 'integer', value: (r) => r.localities },
    { header: 'Z toho potvrzených', kind: 'integer', value: (r) => r.confirmed },
    { header: 'Počet hlášení', kind: 'integer', value: (r) => r.reports },
    { header: 'Počet obcí', kind: 'integer', value: (r) => r.obce },
    { header: 'Dotčení obyvatelé (odhad)', kind: 'integer', value: (r) => r.inhabitants },
  ];
}

/** The report rows with their locality (for hlaseni.csv, hlaseni.geojson and the GIS layer). */
export { reportRows };
export type { ReportRow };

/** The tables' columns and cell values, computed once, for the GIS layers (see buildGisLayers). */
export interface PackageTableValues {
  localityColumns: Array<CsvColumn<PackageLocality>>;
  localityValues: CsvValue[][];
  rows: ReportRow[];
  reportColumns: Array<CsvColumn<ReportRow>>;
  reportValues: CsvValue[][];
}

export interface PackageTables {
  values: PackageTableValues;
  lokalityCsv: string;
  hlaseniCsv: string;
  souhrnOrpCsv: string;
  lokalityObceCsv: string;
  lokalityGeoJson: FeatureCollection<Point>;
  hlaseniGeoJson: FeatureCollection<ReportGeometry>;
}

export function buildPackageTables(localities: readonly PackageLocality[], options: TableOptions): PackageTables {
  const rows = reportRows(localities);
  const localityCsvColumns = localityColumns(options);
  const localityValues = tableValues(localityCsvColumns, localities);
  const reportCsvColumns = reportColumns(options);
  const reportValues = tableValues(reportCsvColumns, rows);
  const properties = (columns: ReadonlyArray<CsvColumn<never>>, values: readonly CsvValue[]) => {
    const result: Record<string, CsvValue | string[]> = {};
    columns.forEach((c, i) => (result[c.header] = values[i] ?? null));
    return result;
  };
  const lokalityGeoJson: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: localities.map(
      (l, k): Feature<Point> => ({
        type: 'Feature',
        id: l.id,
        geometry: { type: 'Point', coordinates: [l.centroid.lon, l.centroid.lat] },
        properties: properties(localityCsvColumns, localityValues[k]!),
      }),
    ),
  };
  const hlaseniGeoJson: FeatureCollection<ReportGeometry> = {
    type: 'FeatureCollection',
    features: rows.map((row, k) => ({
      type: 'Feature',
      id: row.report.id,
      geometry: row.report.geometry,
      properties: {
        ...properties(reportCsvColumns, reportValues[k]!),
        // Several dates in one text cell read as one date in GDAL (it keeps the first): an array of strings is a
        // list field (StringList) there, and every observation survives.
        [OBSERVATIONS_HEADER]: row.report.observations.map((o) => `${o.date}${o.time ? ` ${o.time}` : ''}`),
      },
    })),
  };
  return {
    values: { localityColumns: localityCsvColumns, localityValues, rows, reportColumns: reportCsvColumns, reportValues },
    lokalityCsv: toExcelCsvFromValues(localityCsvColumns, localityValues),
    hlaseniCsv: toExcelCsvFromValues(reportCsvColumns, reportValues),
    souhrnOrpCsv: toExcelCsv(orpColumns(options.label), orpSummary(localities)),
    lokalityObceCsv: toExcelCsv(localityObecColumns(options.label), localityObecRows(localities, options)),
    lokalityGeoJson,
    hlaseniGeoJson,
  };
}
