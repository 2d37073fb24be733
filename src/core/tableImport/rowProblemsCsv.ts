/**
 * The rows of an office's table that could not become reports, as a Czech-Excel CSV (UTF-8 with BOM, `;`, CRLF,
 * formula-looking cells neutralised): row number, column (letter and header name), the reason in the user's
 * language (the caller translates the codes) and the cell's value, so the office can fix its table and import again.
 */
import { toExcelCsv, type CsvColumn } from '../ctuPackage/excelCsv.ts';
import { columnLetter, type Table, type TableRowProblem } from './table.ts';

/** A row problem with what a person needs to find it: the column as Excel names it and the cell's value. */
export interface ListedRowProblem extends TableRowProblem {
  /** "B (Zeměpisná šířka)", or '' when the problem is not about one column. */
  columnLabel: string;
  /** The cell's text (at most 200 characters), or ''. */
  value: string;
}

export interface RowProblemsCsvLabels {
  row: string;
  column: string;
  reason: string;
  value: string;
}

export function listRowProblems(table: Pick<Table, 'header' | 'rows' | 'firstRowNumber'>, problems: readonly TableRowProblem[]): ListedRowProblem[] {
  return problems.map((problem) => {
    if (problem.column === null) return { ...problem, columnLabel: '', value: '' };
    const name = table.header[problem.column];
    return {
      ...problem,
      columnLabel: `${columnLetter(problem.column)}${name ? ` (${name})` : ''}`,
      value: (table.rows[problem.row - table.firstRowNumber]?.[problem.column] ?? '').slice(0, 200),
    };
  });
}

export function rowProblemsCsv(problems: readonly ListedRowProblem[], describe: (problem: ListedRowProblem) => string, labels: RowProblemsCsvLabels): string {
  const columns: Array<CsvColumn<ListedRowProblem>> = [
    { header: labels.row, kind: 'integer', value: (problem) => problem.row },
    { header: labels.column, kind: 'text', value: (problem) => problem.columnLabel },
    { header: labels.reason, kind: 'text', value: describe },
    { header: labels.value, kind: 'text', value: (problem) => problem.value },
  ];
  return toExcelCsv(columns, problems);
}
