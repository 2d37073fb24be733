import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessColumns } from '../../../src/core/tableImport/guessColumns.ts';
import { readWorkbookTable } from '../../../src/core/tableImport/readWorkbookTable.ts';
import type { TableReadResult } from '../../../src/core/tableImport/table.ts';
import * as XLSX from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { makeXlsx } from '../../support/xlsx.ts';
import { libreOfficeOds } from '../../support/ods.ts';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'nettest', 'netztest-opendata-2021-11.xlsx');

function tableOf(result: TableReadResult) {
  if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
  return result.table;
}

describe('readWorkbookTable', () => {
  it.skipIf(!existsSync(FIXTURE))('reads the real NetTest workbook: header, rows and cells as text (skipped without ../shared/fixtures)', async () => {
    const table = tableOf(await readWorkbookTable(new Uint8Array(readFileSync(FIXTURE)), 'netztest.xlsx'));
    // The CSV exported from the same workbook is the independent reference.
    const reference = readFileSync(FIXTURE.replace(/\.xlsx$/, '.from_xlsx.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(table.header).toEqual(reference[0]!.split(','));
    expect(table.rows.length).toBe(reference.length - 1);
    expect(table.source).toMatchObject({ format: 'xlsx', sheet: table.source.sheets[0] });
    expect(table.rows[0]!.slice(0, 3)).toEqual(reference[1]!.split(',').slice(0, 3));
    const mapping = guessColumns(table);
    expect(table.header[mapping.columns.latitude!]).toBe('lat');
    expect(table.header[mapping.columns.longitude!]).toBe('long');
    expect(table.header[mapping.columns.date!]).toBe('time_utc');
  });

  it('reads the first sheet or a chosen one, with numbers and formula results as text', async () => {
    const bytes = makeXlsx({
      Místa: [
        ['Zeměpisná šířka', 'Zeměpisná délka', 'Popis', 'Odkaz'],
        [50.1, 14.25, 'Za školou', { formula: 'HYPERLINK("http://example.invalid","klik")', cached: 'klik' }],
        ["50°13'N", 14.5, '=HYPERLINK("x")', null],
      ],
      Druhý: [['Obec'], ['Boží Dar']],
    });
    const first = tableOf(await readWorkbookTable(bytes, 'místa.xlsx'));
    expect(first.source).toMatchObject({ sheet: 'Místa', sheets: ['Místa', 'Druhý'] });
    expect(first.rows).toEqual([
      ['50.1', '14.25', 'Za školou', 'klik'],
      ["50°13'N", '14.5', '=HYPERLINK("x")', ''],
    ]);
    const second = tableOf(await readWorkbookTable(bytes, 'místa.xlsx', 'Druhý'));
    expect(second.rows).toEqual([['Boží Dar']]);
    expect(await readWorkbookTable(bytes, 'místa.xlsx', 'Třetí')).toEqual({ ok: false, problem: { code: 'table.sheetNotFound', params: { sheet: 'Třetí' } } });
  });

  it('refuses what is not a readable workbook with a reason', async () => {
    expect(await readWorkbookTable(new TextEncoder().encode('PK\u0003\u0004not really a zip'), 'x.xlsx')).toEqual({
      ok: false,
      problem: { code: 'table.notAWorkbook' },
    });
    // An OLE header with nothing readable behind it, and an OpenDocument package without its content.
    expect(await readWorkbookTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls')).toEqual({
      ok: false,
      problem: { code: 'table.notAReadableSheet', params: { format: 'XLS' } },
    });
    const emptyOds = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }] });
    expect(await readWorkbookTable(emptyOds, 'x.ods')).toEqual({ ok: false, problem: { code: 'table.notAReadableSheet', params: { format: 'ODS' } } });
    expect(await readWorkbookTable(new Uint8Array(), 'e.xlsx')).toEqual({ ok: false, problem: { code: 'table.empty' } });
    expect(await readWorkbookTable(makeXlsx({ List1: [['a', 'b']] }), 'h.xlsx')).toEqual({ ok: false, problem: { code: 'table.headerOnly' } });
  });
});

describe('readWorkbookTable: OpenDocument and the old Excel format', () => {
  it('reads a LibreOffice .ods: values, not display texts; dates as ISO; formulas by their results; trailing empty rows dropped', async () => {
    const table = tableOf(await readWorkbookTable(libreOfficeOds(), 'místa.ods'));
    expect(table.source).toMatchObject({ format: 'ods', sheet: 'Hluchá místa', sheets: ['Hluchá místa', 'List2'] });
    expect(table.header).toEqual(['Obec', 'Zeměpisná šířka', 'Zeměpisná délka', 'Popis', 'Datum']);
    expect(table.rows).toEqual([
      ['Boží Dar', '50.4102', '12.9247', 'U kapličky & „vleku“', '2025-03-07'],
      ['Žlutice', '50.0917', '13.1627', '', ''],
    ]);
    const mapping = guessColumns(table);
    expect([mapping.columns.latitude, mapping.columns.longitude, mapping.columns.date]).toEqual([1, 2, 4]);
    expect(tableOf(await readWorkbookTable(libreOfficeOds(), 'místa.ods', 'List2')).rows).toEqual([['jiný list']]);
  });

  it('reads an Excel 97–2003 .xls (BIFF8, written here by SheetJS: no Excel on this machine)', async () => {
    const workbook = XLSX.utils.book_new();
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ['Obec', 'Souřadnice Y', 'Souřadnice X', 'Datum'],
        ['Bražec', 835804.84, 1019584.24, new Date(Date.UTC(2025, 2, 7))],
      ],
      { cellDates: true, UTC: true },
    );
    XLSX.utils.book_append_sheet(workbook, sheet, 'Seznam');
    const bytes = new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const table = tableOf(await readWorkbookTable(bytes, 'seznam.xls'));
    expect(table.source).toMatchObject({ format: 'xls', sheet: 'Seznam' });
    expect(table.rows).toEqual([['Bražec', '835804.84', '1019584.24', '2025-03-07']]);
  });
});
