import { describe, expect, it } from 'vitest';
import { listRowProblems, rowProblemsCsv } from '../../../src/core/tableImport/rowProblemsCsv.ts';
import { columnLetter } from '../../../src/core/tableImport/table.ts';

describe('rowProblemsCsv', () => {
  it('lists row, column letter and name, reason and value in Czech-Excel CSV, formulas neutralised', () => {
    const table = {
      header: ['Obec', 'Šířka', 'Popis'],
      rows: [
        ['Boží Dar', 'x', '=HYPERLINK("a")'],
        ['Žlutice', '50,1', ''],
      ],
      firstRowNumber: 2,
    };
    const csv = rowProblemsCsv(
      listRowProblems(table, [
        { row: 2, column: 1, code: 'value.notACoordinate' },
        { row: 2, column: 2, code: 'field.containsMarkup' },
        { row: 3, column: null, code: 'row.noPosition', params: { obec: 'Žlutice' } },
      ]),
      (problem) => `důvod ${problem.code}`,
      { row: 'Řádek', column: 'Sloupec', reason: 'Důvod', value: 'Hodnota' },
    );
    expect(csv).toBe(
      '\uFEFFŘádek;Sloupec;Důvod;Hodnota\r\n' +
        '2;B (Šířka);důvod value.notACoordinate;x\r\n' +
        '2;C (Popis);důvod field.containsMarkup;"\'=HYPERLINK(""a"")"\r\n' +
        '3;;důvod row.noPosition;\r\n',
    );
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
