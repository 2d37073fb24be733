import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessColumns } from '../../../src/core/io/guessColumns.ts';
import { readWorkbookTable } from '../../../src/core/io/readWorkbookTable.ts';
import type { TableReadResult } from '../../../src/core/io/table.ts';
import { makeXlsx } from '../../support/xlsx.ts';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'nettest', 'netztest-opendata-2021-11.xlsx');

function tableOf(result: TableReadResult) {
  if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
  return result.table;
}

describe('readWorkbookTable', () => {
  it.skipIf(!existsSync(FIXTURE))('reads the real NetTest workbook: header, rows and cells as text (skipped without ../shared/fixtures)', async () => {
    const table = tableOf(await readWorkbookTable(new Uint8Array(readFileSync(FIXTURE)), 'netztest.xlsx'));
    // The CSV exported from the same workbook is the independent reference.
    const reference = readFileSync(FIXTURE.replace(/\.xlsx$/, '.from_xlsx.csv'), 'utf8').trim().split(/\r?\n/);
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
        ['50°13\'N', 14.5, '=HYPERLINK("x")', null],
      ],
      Druhý: [['Obec'], ['Boží Dar']],
    });
    const first = tableOf(await readWorkbookTable(bytes, 'místa.xlsx'));
    expect(first.source).toMatchObject({ sheet: 'Místa', sheets: ['Místa', 'Druhý'] });
    expect(first.rows).toEqual([
      ['50.1', '14.25', 'Za školou', 'klik'],
      ['50°13\'N', '14.5', '=HYPERLINK("x")', ''],
    ]);
    const second = tableOf(await readWorkbookTable(bytes, 'místa.xlsx', 'Druhý'));
    expect(second.rows).toEqual([['Boží Dar']]);
    expect(await readWorkbookTable(bytes, 'místa.xlsx', 'Třetí')).toEqual({ ok: false, problem: { code: 'table.sheetNotFound', params: { sheet: 'Třetí' } } });
  });

  it('refuses what is not a readable workbook with a reason', async () => {
    expect(await readWorkbookTable(new TextEncoder().encode('PK\u0003\u0004not really a zip'), 'x.xlsx')).toEqual({ ok: false, problem: { code: 'table.notAWorkbook' } });
    expect(await readWorkbookTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls')).toEqual({ ok: false, problem: { code: 'table.oldExcelFormat' } });
    expect(await readWorkbookTable(new Uint8Array(), 'e.xlsx')).toEqual({ ok: false, problem: { code: 'table.empty' } });
    expect(await readWorkbookTable(makeXlsx({ List1: [['a', 'b']] }), 'h.xlsx')).toEqual({ ok: false, problem: { code: 'table.headerOnly' } });
  });
});
