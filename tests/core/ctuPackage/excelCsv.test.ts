import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tableValues, toExcelCsv, type CsvColumn } from '../../../src/core/ctuPackage/excelCsv.ts';

interface Row {
  name: string;
  x: number | null;
  count: number;
  date: string;
}
const columns: Array<CsvColumn<Row>> = [
  { header: 'Název obce', kind: 'text', value: (r) => r.name },
  { header: 'S-JTSK x', kind: 'number', decimals: 2, value: (r) => r.x },
  { header: 'Počet hlášení', kind: 'integer', value: (r) => r.count },
  { header: 'Datum', kind: 'date', value: (r) => r.date },
];

describe('toExcelCsv', () => {
  it('writes UTF-8 with BOM, ; separators, CRLF, a Czech header and decimal commas', () => {
    const text = toExcelCsv(columns, [{ name: 'Boží Dar', x: -843163.614, count: 3, date: '2026-11-20' }]);
    expect(text).toBe('\uFEFFNázev obce;S-JTSK x;Počet hlášení;Datum\r\nBoží Dar;-843163,61;3;2026-11-20\r\n');
  });

  it('neutralises text that would start a formula, but keeps negative numbers as numbers', () => {
    const evil = ['=HYPERLINK("http://x","klik")', '+420 123', '-5', '@SUM(A1)', '\tx', '\rx'];
    const text = toExcelCsv(
      columns,
      evil.map((name) => ({ name, x: -1.5, count: 0, date: '' })),
    );
    const rows = text.slice(1).split('\r\n').slice(1, -1);
    for (const row of rows) {
      const first = Papa.parse<string[]>(row, { delimiter: ';' }).data[0]![0]!;
      expect(first.startsWith("'")).toBe(true);
      expect(row).toContain(';-1,5;0;');
    }
  });

  it('quotes cells with separators, quotes and line breaks, and reads back identically', () => {
    const name = 'Údolí; "U Mlýna"\r\ndruhý řádek';
    const text = toExcelCsv(columns, [{ name, x: null, count: 1, date: 'neznámé' }]);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';', newline: '\r\n' }).data;
    expect(parsed[1]).toEqual([name, '', '1', 'neznámé']);
  });

  it('shares values rounded as the CSV shows them (for the GeoJSON and the GeoPackage), text and counts untouched', () => {
    const values = tableValues(columns, [
      { name: '50.137851999999995', x: -884567.2549999, count: 3, date: '2026-11-20' },
      { name: 'Loket', x: null, count: 0, date: '' },
    ]);
    expect(values).toEqual([
      ['50.137851999999995', -884567.25, 3, '2026-11-20'],
      ['Loket', null, 0, ''],
    ]);
  });
});
