/**
 * What the main thread and the table-import worker say to each other. The worker keeps the table it read (it can
 * be 200,000 rows); the page gets a preview, counts for a mapping, and in the end the reports and the reasons.
 */
import type { ImportedRow } from '../core/io/rowsToReports.ts';
import type { ListedRowProblem } from '../core/io/rowProblemsCsv.ts';
import type { Table, TableDelimiter, TableEncoding, TableFileProblem } from '../core/io/table.ts';
import type { TableMapping } from '../core/io/tableMapping.ts';

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

export type TableImportRequest =
  | { type: 'read'; request: TableReadRequest }
  | { type: 'evaluate'; mapping: TableMapping }
  | { type: 'convert'; mapping: TableMapping; now: string };

export type TableImportRequestMessage = { id: number } & TableImportRequest;

export type TableImportResponseMessage =
  | { id: number; type: 'progress'; rowsRead: number }
  | { id: number; type: 'read'; outcome: TableReadOutcome }
  | { id: number; type: 'evaluate'; evaluation: TableEvaluation }
  | { id: number; type: 'convert'; conversion: TableConversion }
  | { id: number; type: 'error'; message: string };
