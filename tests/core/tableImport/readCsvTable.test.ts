import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsvTable } from '../../../src/core/tableImport/readCsvTable.ts';
import { TABLE_LIMITS, type TableReadResult } from '../../../src/core/tableImport/table.ts';
import { encodeWindows1250 } from '../../support/windows1250.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function tableOf(result: TableReadResult) {
  if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
  return result.table;
}

describe('readCsvTable', () => {
  it('reads a windows-1250 semicolon file with decimal commas, quoted fields and CRLF', () => {
    const text =
      'Obec;Zeměpisná šířka;Zeměpisná délka;Popis\r\nBoží Dar;50,4102;12,9247;"U kapličky; za potokem"\r\nŽlutice;50,0917;13,1627;"Řekl: ""nejde to"""\r\n';
    const table = tableOf(readCsvTable(encodeWindows1250(text), 'místa.csv'));
    expect(table.source).toMatchObject({ format: 'csv', encoding: 'windows-1250', delimiter: ';' });
    expect(table.header).toEqual(['Obec', 'Zeměpisná šířka', 'Zeměpisná délka', 'Popis']);
    expect(table.rows).toEqual([
      ['Boží Dar', '50,4102', '12,9247', 'U kapličky; za potokem'],
      ['Žlutice', '50,0917', '13,1627', 'Řekl: "nejde to"'],
    ]);
    expect(table.firstRowNumber).toBe(2);
  });

  it('detects comma and tab delimiters, and a UTF-8 BOM', () => {
    const comma = tableOf(readCsvTable(utf8('\uFEFFlat,lon,note\n50.1,14.2,"a, b"\n50.2,14.3,c\n'), 'a.csv'));
    expect(comma.source).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(comma.header[0]).toBe('lat');
    expect(comma.rows[0]).toEqual(['50.1', '14.2', 'a, b']);
    const tab = tableOf(readCsvTable(utf8('lat\tlon\n50,1\t14,2\n'), 'a.tsv'));
    expect(tab.source.delimiter).toBe('\t');
    expect(tab.rows[0]).toEqual(['50,1', '14,2']);
  });

  it('keeps a semicolon file with decimal commas a semicolon file', () => {
    expect(detectDelimiter('a;b;c\n50,1;14,2;x\n50,3;14,4;y\n')).toBe(';');
  });

  it('reads old Mac CR line ends', () => {
    const table = tableOf(readCsvTable(utf8('a;b\r1;2\r3;4\r'), 'mac.csv'));
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('honours an encoding and a delimiter chosen by the person', () => {
    const bytes = encodeWindows1250('Název,Obec\nčást;x,Šindelová\n');
    const table = tableOf(readCsvTable(bytes, 'a.csv', { delimiter: ';' }));
    expect(table.header).toEqual(['Název,Obec']);
    const asUtf8 = tableOf(readCsvTable(bytes, 'a.csv', { encoding: 'utf-8', delimiter: ',' }));
    expect(asUtf8.source.encoding).toBe('utf-8');
    expect(asUtf8.header[0]).toContain('\uFFFD'); // the person chose wrongly: replacement characters, nothing thrown
  });
});

describe('readCsvTable on broken files', () => {
  it('refuses an empty file and a file of blank lines', () => {
    expect(readCsvTable(new Uint8Array(), 'e.csv')).toEqual({ ok: false, problem: { code: 'table.empty' } });
    expect(readCsvTable(utf8('\r\n \r\n\r\n'), 'e.csv')).toEqual({ ok: false, problem: { code: 'table.empty' } });
  });

  it('refuses a header without rows', () => {
    expect(readCsvTable(utf8('lat;lon;popis\r\n'), 'h.csv')).toEqual({ ok: false, problem: { code: 'table.headerOnly' } });
    expect(readCsvTable(utf8('lat;lon;popis\r\n;;\r\n'), 'h.csv')).toEqual({ ok: false, problem: { code: 'table.headerOnly' } });
  });

  it('flags the row of a quote never closed (a truncated file) and keeps the rows before it', () => {
    const table = tableOf(readCsvTable(utf8('lat;lon;popis\n50,1;14,2;ok\n50,2;14,3;"useknuto upro'), 't.csv'));
    expect(table.rows[0]).toEqual(['50,1', '14,2', 'ok']);
    expect(table.rowProblems).toEqual([{ row: 3, column: null, code: 'row.unclosedQuote' }]);
    expect(table.warnings).toContainEqual({ code: 'table.unclosedQuote', params: { row: 3 } });
  });

  it('reads a file whose lines are in two encodings line by line, and says so', () => {
    const bytes = new Uint8Array([...encodeWindows1250('obec;popis\nŽlutice;Hřbitov\n'), ...utf8('Chodov;Žižkova ulice\n')]);
    const table = tableOf(readCsvTable(bytes, 'mix.csv'));
    expect(table.source.encoding).toBe('mixed');
    expect(table.rows).toEqual([
      ['Žlutice', 'Hřbitov'],
      ['Chodov', 'Žižkova ulice'],
    ]);
    expect(table.warnings).toContainEqual({ code: 'table.mixedEncoding' });
  });

  it('reads a file with the wrong delimiter for its contents as one column (nothing lost, nothing invented)', () => {
    const table = tableOf(readCsvTable(utf8('lat|lon|popis\n50.1|14.2|x\n'), 'pipe.csv'));
    expect(table.header).toEqual(['lat|lon|popis']);
    expect(table.rows).toEqual([['50.1|14.2|x']]);
  });

  it('refuses a 5 MB line (line limit) and a long header cell, and cuts an over-long cell in a row with its reason', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    expect(readCsvTable(utf8(huge), 'line.csv')).toEqual({ ok: false, problem: { code: 'table.longLine', params: { limit: TABLE_LIMITS.maxLineChars } } });
    expect(readCsvTable(utf8(huge.slice(0, 100_000)), 'line.csv')).toEqual({
      ok: false,
      problem: { code: 'table.lineTooLong', params: { limit: TABLE_LIMITS.maxHeaderCellChars } },
    });
    const table = tableOf(readCsvTable(utf8(`lat;lon;popis\n50,1;14,2;${huge.slice(0, 200_000)}\n50,2;14,3;ok\n`), 'cell.csv'));
    expect(table.rows[0]![2]!.length).toBe(TABLE_LIMITS.maxCellChars);
    expect(table.rows[1]).toEqual(['50,2', '14,3', 'ok']);
    expect(table.rowProblems).toEqual([{ row: 2, column: 2, code: 'row.cellTooLong', params: { limit: TABLE_LIMITS.maxCellChars } }]);
  });

  it('keeps formula cells such as =HYPERLINK(…) as inert text', () => {
    const table = tableOf(readCsvTable(utf8('lat;lon;popis\n50,1;14,2;"=HYPERLINK(""http://example.invalid"";""klik"")"\n'), 'f.csv'));
    expect(table.rows[0]![2]).toBe('=HYPERLINK("http://example.invalid";"klik")');
  });

  it('pads short rows and warns about cells beyond the header', () => {
    const table = tableOf(readCsvTable(utf8('a;b;c\n1\n1;2;3;4\n'), 'r.csv'));
    expect(table.rows[0]).toEqual(['1', '', '']);
    expect(table.warnings).toContainEqual({ code: 'table.ragged' });
  });

  it('refuses a file over the size limit before decoding it', () => {
    const result = readCsvTable(new Uint8Array(TABLE_LIMITS.maxBytes + 1), 'big.csv');
    expect(result).toEqual({ ok: false, problem: { code: 'table.tooLarge', params: { limitMb: 50 } } });
  });

  it('reads exactly the row limit (a final line end is no row) and refuses one more', () => {
    const atLimit = readCsvTable(utf8(`a;b\n${'1;2\n'.repeat(TABLE_LIMITS.maxRows)}\n`), 'rows.csv');
    expect(atLimit.ok && atLimit.table.rows.length).toBe(TABLE_LIMITS.maxRows);

    const text = `a;b\n${'1;2\n'.repeat(TABLE_LIMITS.maxRows + 1)}`;
    expect(readCsvTable(utf8(text), 'rows.csv')).toEqual({ ok: false, problem: { code: 'table.tooManyRows', params: { limit: TABLE_LIMITS.maxRows } } });
  });

  it('counts rows after empty lines above the header as Excel does', () => {
    const table = tableOf(readCsvTable(utf8('\n\na;b\n1;2\n'), 'top.csv'));
    expect(table.header).toEqual(['a', 'b']);
    expect(table.firstRowNumber).toBe(4);
  });
});
