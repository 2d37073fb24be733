/**
 * CSV that Czech Excel opens correctly by double-click: UTF-8 with BOM (diacritics), `;` between cells (the cs-CZ
 * list separator), CRLF line ends, a header row in Czech, numbers with a decimal comma (so Excel reads them as
 * numbers), and text cells that could start a formula (=, +, -, @, tab, CR) neutralised with a leading apostrophe
 * (OWASP "CSV injection"). Cells are typed, so a negative S-JTSK coordinate stays a number while a text "-5" does not
 * become a formula.
 */

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  kind: 'text' | 'number' | 'integer' | 'date';
  /** Decimal places for 'number' cells (rounded; trailing zeros kept off). */
  decimals?: number;
  value: (row: Row) => CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '';
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return String(rounded).replace('.', ',');
}

function cell<Row>(column: CsvColumn<Row>, value: CsvValue): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind) {
    case 'integer':
      return typeof value === 'number' ? csvNumber(value, 0) : csvText(String(value));
    case 'number':
      return typeof value === 'number' ? csvNumber(value, column.decimals ?? 6) : csvText(String(value));
    case 'date':
      // ISO dates (YYYY-MM-DD) Excel recognises as dates; anything else is text.
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(value) ? value : csvText(String(value));
    default:
      return csvText(typeof value === 'boolean' ? (value ? 'ano' : 'ne') : String(value));
  }
}

/**
 * Every row's cell values, column by column: computed once and shared by the CSV, GeoJSON and GIS writers. Numbers
 * of a column with `decimals` are rounded here, so the GeoJSON and the GeoPackage carry what the CSV shows
 * (12.404722, not 12.4047215 or 50.137851999999995: a centroid's average has no more precision than its inputs).
 */
export function tableValues<Row>(columns: ReadonlyArray<CsvColumn<Row>>, rows: readonly Row[]): CsvValue[][] {
  const factors = columns.map((column) => (column.kind === 'number' && column.decimals !== undefined ? 10 ** column.decimals : 0));
  return rows.map((row) =>
    columns.map((column, i) => {
      const value = column.value(row);
      const factor = factors[i]!;
      return factor && typeof value === 'number' && Number.isFinite(value) ? Math.round(value * factor) / factor : value;
    }),
  );
}

/** The whole file as text from precomputed values (see tableValues), BOM included; encode with TextEncoder. */
export function toExcelCsvFromValues<Row>(columns: ReadonlyArray<CsvColumn<Row>>, values: readonly CsvValue[][]): string {
  const lines = [columns.map((c) => csvText(c.header)).join(';')];
  for (const row of values) lines.push(columns.map((c, i) => cell(c, row[i])).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The whole file as text, BOM included; encode with TextEncoder (UTF-8). */
export function toExcelCsv<Row>(columns: ReadonlyArray<CsvColumn<Row>>, rows: readonly Row[]): string {
  return toExcelCsvFromValues(columns, tableValues(columns, rows));
}
