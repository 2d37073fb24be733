/**
 * A table read from an office's file (CSV or a workbook's sheet): a header row and the rows below it, every cell
 * as text. Row numbers everywhere are the ones the user sees in Excel: the header is row 1, `rows[0]` is row 2.
 * Plain serialisable data (it crosses the worker boundary).
 */
import { INPUT_LIMITS } from '../limits/inputLimits.ts';

export type TableEncoding = 'utf-8' | 'windows-1250' | 'mixed' | 'utf-16';
export type TableDelimiter = ';' | ',' | '\t';
export const TABLE_DELIMITERS: readonly TableDelimiter[] = [';', ',', '\t'];

export interface TableSource {
  fileName: string;
  /** 'xlsx' also stands for .xlsm; 'xls' is Excel 97–2003 (BIFF), 'ods' OpenDocument (LibreOffice). */
  format: 'csv' | 'xlsx' | 'xls' | 'ods';
  /** CSV only: detected or chosen. */
  encoding: TableEncoding | null;
  delimiter: TableDelimiter | null;
  /** Workbooks: the sheet read and all sheets' names. */
  sheet: string | null;
  sheets: string[];
}

export interface Table {
  header: string[];
  rows: string[][];
  /** The Excel row number of `rows[0]` (2 unless empty lines precede the header). */
  firstRowNumber: number;
  source: TableSource;
  /** Rows of the file that are wrong as a whole (e.g. a quote never closed); they cannot become reports. */
  rowProblems: TableRowProblem[];
  /** Warnings about the whole file that do not stop the import (e.g. mixed encodings). */
  warnings: Array<{ code: TableWarningCode; params?: Record<string, string | number> }>;
}

/** The whole file is refused (nothing can be imported). */
export type TableFileProblemCode =
  | 'table.empty'
  | 'table.headerOnly'
  | 'table.tooLarge'
  | 'table.tooManyRows'
  | 'table.lineTooLong'
  | 'table.notAWorkbook'
  | 'table.notAReadableSheet'
  | 'table.sheetNotFound'
  | 'table.unreadable'
  /** Bounds of INPUT_LIMITS crossed while reading (see src/core/limits). */
  | 'table.longLine'
  | 'table.tooManyColumns'
  | 'table.tooManyCells'
  | 'table.binary'
  | 'table.zipTooManyEntries'
  | 'table.zipTooLarge'
  | 'table.zipBomb'
  | 'table.xmlEntities';

export type TableWarningCode = 'table.mixedEncoding' | 'table.unclosedQuote' | 'table.ragged' | 'table.utf16' | 'table.controlCharacters';

export interface TableFileProblem {
  code: TableFileProblemCode;
  params?: Record<string, string | number>;
}

export type TableReadResult = { ok: true; table: Table } | { ok: false; problem: TableFileProblem };

/** Why a row cannot become a report (codes of the table import; report validation codes are passed through). */
export interface TableRowProblem {
  /** The row number in Excel (header = 1). */
  row: number;
  /** 0-based column index, or null when the problem is not about one column. */
  column: number | null;
  code: string;
  params?: Record<string, string | number>;
}

/** Limits (from src/core/limits/inputLimits.ts): far above any office's list, low enough that a wrong file cannot exhaust the browser. */
export const TABLE_LIMITS = {
  /** Bytes of a CSV or XLSX file. */
  maxBytes: INPUT_LIMITS.fileBytes.table,
  /** Data rows. */
  maxRows: INPUT_LIMITS.text.tableRows,
  /** Characters of one cell: longer cells are cut and their row refused. */
  maxCellChars: INPUT_LIMITS.text.cellChars,
  /** Characters of a header cell: a header line longer than this is not a table's header. */
  maxHeaderCellChars: INPUT_LIMITS.text.headerCellChars,
  /** Columns of the header or a row. */
  maxColumns: INPUT_LIMITS.text.columns,
  /** Characters of one line. */
  maxLineChars: INPUT_LIMITS.text.lineChars,
  /** Cells of a workbook sheet. */
  maxSheetCells: INPUT_LIMITS.text.sheetCells,
} as const;

/** The Excel column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let name = '';
  let rest = index + 1;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    name = String.fromCharCode(65 + digit) + name;
    rest = Math.floor((rest - 1) / 26);
  }
  return name;
}
