/**
 * The contract between the reports slice of the store (persistence, history, sync between tabs) and the UI/map
 * that use it. The slice implements ReportsSlice (src/store/reportsSlice.ts); components and the map controller
 * use only what is declared here. All state is plain serialisable data.
 */
import type { EditConflict } from './editConflicts.ts';
import type { ObecClaim } from '../core/tableImport/obecClaim.ts';
import type { PositionCapture, ReportGeometry, Report } from '../core/reports/report.ts';
import type { ReportProblem } from '../core/reports/validateReport.ts';
import type { ObecFileSignOff, ImportSummary } from '../core/obecFile/obecFileFormat.ts';
import type { TableRowProblem } from '../core/tableImport/table.ts';

/** What importing an office's table did (the rows refused before, in rowsToReports, are the dialog's to list). */
export interface TableImportSummary {
  added: number;
  /** Set when the import could not be written to the browser's storage (a storage code): shown, not saved. */
  notSaved?: string;
  /** Already stored (the same row imported before): the stored copy, perhaps edited since, is kept. */
  unchanged: number;
  /** Rows whose place could not be derived (e.g. in no obec), with their reason. */
  rejected: TableRowProblem[];
  /** Imported rows whose named obec is not the obec at their coordinates ('row.obecMismatch'). */
  warnings: TableRowProblem[];
}

/**
 * The fields a person edits in the form (everything but ids, revisions, timestamps, geometry, derived place and
 * the field capture, which only createReport's options set).
 */
export type EditableReportFields = Omit<
  Report,
  'schemaVersion' | 'id' | 'revision' | 'createdAt' | 'updatedAt' | 'geometry' | 'place' | 'demo' | 'origin' | 'capture'
>;

/** The fields a person edits, as a list: createReport and updateReport take only these; the form edits these. */
export const EDITABLE_REPORT_FIELDS = [
  'castObce',
  'zsj',
  'description',
  'domain',
  'failures',
  'operators',
  'technologies',
  'environments',
  'persistence',
  'observations',
  'affected',
  'measurements',
  'photo',
  'reporter',
] as const satisfies ReadonlyArray<keyof EditableReportFields>;
// Compile-time check that the list names every editable field.
type MissingEditableField = Exclude<keyof EditableReportFields, (typeof EDITABLE_REPORT_FIELDS)[number]>;
const everyEditableFieldListed: MissingEditableField extends never ? true : MissingEditableField = true;
void everyEditableFieldListed;

export type StorageStatus =
  /** Reading IndexedDB at start-up. */
  | { state: 'loading' }
  /** Everything shown is saved. `persisted`: the browser granted persistent storage (navigator.storage.persist). */
  | { state: 'ready'; persisted: boolean | null }
  /**
   * Saving failed (quota exceeded, IndexedDB unavailable in a private window, blocked by another tab's upgrade…).
   * The work stays in memory, visible and exportable; `unsavedIds` lists what is not on disk yet.
   */
  | { state: 'failing'; code: 'storage.quotaExceeded' | 'storage.unavailable' | 'storage.blocked' | 'storage.failed'; unsavedIds: string[] };

export interface HistoryStatus {
  canUndo: boolean;
  canRedo: boolean;
  /** i18n key of what undo/redo would do, e.g. 'history.createReport'. */
  undoKey: string | null;
  redoKey: string | null;
}

export interface ReportsSlice {
  /** Reports by id. */
  reports: Record<string, Report>;
  storage: StorageStatus;
  history: HistoryStatus;
  /** The mayor's obec ("Moje obec"): the map zooms to it and other obce fade. Persisted. */
  myObecKod: string | null;
  /** Another tab changed the data: what it changed was merged in; shown as a notice. */
  lastExternalChange: { at: string; changedIds: string[] } | null;
  /** Same-field edits made in two tabs at the same moment (store/editConflicts.ts): shown until resolved. */
  editConflicts: EditConflict[];
  resolveEditConflict(id: string, keep: 'mine' | 'theirs'): Promise<void>;

  loadReports(): Promise<void>;
  /** Creates a report at the geometry; the place (obec, ORP, …) is derived. Returns the id or the problems. */
  createReport(
    geometry: ReportGeometry,
    fields?: Partial<EditableReportFields>,
    options?: { capture?: PositionCapture | null },
  ): Promise<{ ok: true; id: string } | { ok: false; problems: ReportProblem[] }>;
  updateReport(id: string, fields: Partial<EditableReportFields>): Promise<void>;
  /** Moves or reshapes a report; re-derives its place. Refuses a self-intersecting polygon with its problem. */
  updateGeometry(id: string, geometry: ReportGeometry): Promise<{ ok: true } | { ok: false; problems: ReportProblem[] }>;
  deleteReport(id: string): Promise<void>;
  /**
   * Keeps the bytes of a report's photo that arrived from the shared workspace (a data URL) in the stored report,
   * without a new revision and without an undo step: the report's content is unchanged, only its bytes arrived.
   */
  attachPhotoData(id: string, photoId: string, dataUrl: string): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  setMyObec(kod: string | null): void;
  /** Imports an obec file's text: validates, merges by id and revision, saves. Nothing is changed when the file is refused. */
  importObecFile(text: string): Promise<ImportSummary>;
  /**
   * Adds the reports made from an office's table (src/core/tableImport/rowsToReports.ts) in one undoable step: each place is
   * derived from the boundaries; a report whose id is already stored counts as known and is left as stored.
   */
  importTableReports(rows: ReadonlyArray<{ row: number; report: Report; obecClaim?: ObecClaim | null }>): Promise<TableImportSummary>;
  /** The obec file for the chosen obec (or all reports), as JSON text. */
  exportObecFile(signOff: ObecFileSignOff, obecKod: string | null): string;
  /** Removes every report (with confirmation in the UI); undoable. */
  clearReports(): Promise<void>;
}
