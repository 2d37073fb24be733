/**
 * One table import's work, wherever it runs (the worker, or in-process in Node): read the file, keep its table,
 * count what a mapping would import, convert. Pure apart from the table it holds.
 */
import { readCsvTable } from './readCsvTable.ts';
import { readWorkbookTable } from './readWorkbookTable.ts';
import { listRowProblems } from './rowProblemsCsv.ts';
import { rowsToReports } from './rowsToReports.ts';
import { guessColumns } from './guessColumns.ts';
import type { TableMapping } from './tableMapping.ts';
import type { ImportedRow } from './rowsToReports.ts';
import type { ListedRowProblem } from './rowProblemsCsv.ts';
import type { Table, TableDelimiter, TableEncoding, TableFileProblem } from './table.ts';

export interface TableReadRequest {
  fileName: string;
  format: 'csv' | 'xlsx';
  bytes: Uint8Array;
  /** Overrides of what was detected (CSV), or the sheet (XLSX). */
  encoding?: TableEncoding;
  delimiter?: TableDelimiter;
  sheet?: string;
}

/** The first rows as the dialog shows them. */
export const PREVIEW_ROWS = 10;

export interface TablePreview {
  header: string[];
  /** The first PREVIEW_ROWS rows. */
  rows: string[][];
  firstRowNumber: number;
  rowCount: number;
  source: Table['source'];
  warnings: Table['warnings'];
  guess: TableMapping;
}

export type TableReadOutcome = { ok: true; preview: TablePreview } | { ok: false; problem: TableFileProblem };

export interface TableEvaluation {
  importable: number;
  refused: number;
  /** The first problems (to show while mapping). */
  firstProblems: ListedRowProblem[];
}

export interface TableConversion {
  reports: ImportedRow[];
  problems: ListedRowProblem[];
  refusedRows: number;
  emptyRows: number;
}

/** Problems listed while mapping (the full list comes with the import). */
const FIRST_PROBLEMS = 50;

export interface TableImportSession {
  read(request: TableReadRequest, onProgress?: (rowsRead: number) => void): Promise<TableReadOutcome>;
  evaluate(mapping: TableMapping): TableEvaluation;
  convert(mapping: TableMapping, now: string): TableConversion;
}

export function createTableImportSession(): TableImportSession {
  let table: Table | null = null;

  const requireTable = (): Table => {
    if (!table) throw new Error('No table has been read.');
    return table;
  };

  return {
    async read(request, onProgress) {
      table = null;
      const result =
        request.format === 'xlsx'
          ? await readWorkbookTable(request.bytes, request.fileName, request.sheet)
          : readCsvTable(request.bytes, request.fileName, { encoding: request.encoding, delimiter: request.delimiter, onProgress });
      if (!result.ok) return result;
      table = result.table;
      return {
        ok: true,
        preview: {
          header: table.header,
          rows: table.rows.slice(0, PREVIEW_ROWS),
          firstRowNumber: table.firstRowNumber,
          rowCount: table.rows.length,
          source: table.source,
          warnings: table.warnings,
          guess: guessColumns(table),
        },
      };
    },
    evaluate(mapping) {
      const current = requireTable();
      const result = rowsToReports(current, mapping, { fileName: current.source.fileName, now: new Date(0).toISOString() });
      return {
        importable: result.reports.length,
        refused: result.refusedRows,
        firstProblems: listRowProblems(current, result.problems.slice(0, FIRST_PROBLEMS)),
      };
    },
    convert(mapping, now) {
      const current = requireTable();
      const result = rowsToReports(current, mapping, { fileName: current.source.fileName, now });
      return { reports: result.reports, problems: listRowProblems(current, result.problems), refusedRows: result.refusedRows, emptyRows: result.emptyRows };
    },
  };
}
