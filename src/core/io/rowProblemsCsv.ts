/**
 * The rows of an office's table that could not become reports, as a Czech-Excel CSV (UTF-8 with BOM, `;`, CRLF,
 * formula-looking cells neutralised): row number, column (letter and header name), the reason in the user's
 * language (the caller translates the codes) and the cell's value, so the office can fix its table and import again.
 */
import { toExcelCsv, type CsvColumn } from '../export/excelCsv.ts';
import { columnLetter, type Table, type TableRowProblem } from './table.ts';

export interface RowProblemsCsvLabels {
  row: string;
  column: string;
  reason: string;
  value: string;
}

export function rowProblemsCsv(
  table: Pick<Table, 'header' | 'rows' | 'firstRowNumber'>,
  problems: readonly TableRowProblem[],
  describe: (problem: TableRowProblem) => string,
  labels: RowProblemsCsvLabels,
): string {
  const columnName = (problem: TableRowProblem) =>
    problem.column === null ? '' : `${columnLetter(problem.column)}${table.header[problem.column] ? ` (${table.header[problem.column]})` : ''}`;
  const value = (problem: TableRowProblem) =>
    problem.column === null ? '' : (table.rows[problem.row - table.firstRowNumber]?.[problem.column] ?? '').slice(0, 200);
  const columns: Array<CsvColumn<TableRowProblem>> = [
    { header: labels.row, kind: 'integer', value: (problem) => problem.row },
    { header: labels.column, kind: 'text', value: columnName },
    { header: labels.reason, kind: 'text', value: describe },
    { header: labels.value, kind: 'text', value },
  ];
  return toExcelCsv(columns, problems);
}
