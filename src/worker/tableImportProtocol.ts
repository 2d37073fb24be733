/**
 * What the main thread and the table-import worker say to each other. The worker keeps the table it read (it can
 * be 200,000 rows); the page gets a preview, counts for a mapping, and in the end the reports and the reasons.
 */
import type { TableMapping } from '../core/tableImport/tableMapping.ts';
import type { TableConversion, TableEvaluation, TableReadOutcome, TableReadRequest } from '../core/tableImport/tableImportSession.ts';

export {
  PREVIEW_ROWS,
  type TableConversion,
  type TableEvaluation,
  type TablePreview,
  type TableReadOutcome,
  type TableReadRequest,
} from '../core/tableImport/tableImportSession.ts';

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
