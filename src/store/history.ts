/**
 * Undo and redo for the reports: per tab, in memory, bounded. Every edit is one entry with an i18n label key and
 * the affected reports before and after it (whole snapshots: reports are small and immutable, so an entry holds
 * references, not copies).
 *
 * The side of an entry that matches the reports now is exact (same revision): on the undo stack it is `after`, on
 * the redo stack `before`. Undo and redo never write an old revision back: they store the other side's content as
 * a NEW revision (asNewRevision in reportsSlice.ts), so that other tabs and the merge of obec files see it as the
 * newest. What undo produced becomes the exact `before` of the redo entry, and the other way round.
 */
import type { Report } from '../core/reports/report.ts';

export const HISTORY_LABEL_KEYS = [
  'history.createReport',
  'history.updateReport',
  'history.updateGeometry',
  'history.deleteReport',
  'history.importObecFile',
  'history.clearReports',
  'history.fillZsj',
  'history.importTable',
] as const;
export type HistoryLabelKey = (typeof HISTORY_LABEL_KEYS)[number];

/** How many edits can be undone. */
export const HISTORY_LIMIT = 200;

/** Edits of the same fields of the same report within this time are one entry (typing in a field). */
export const COALESCE_WINDOW_MS = 1000;

export interface HistoryChange {
  id: string;
  /** null: the report did not exist (created by the edit). */
  before: Report | null;
  /** null: the report does not exist after the edit (deleted). */
  after: Report | null;
}

export interface HistoryEntry {
  labelKey: HistoryLabelKey;
  changes: HistoryChange[];
  /** Edits with the same key in quick succession are merged into one entry (e.g. 'update:<id>:description'). */
  coalesceKey: string | null;
  /** Milliseconds since the epoch, of the last edit merged into the entry. */
  at: number;
}

export interface HistoryStatusView {
  canUndo: boolean;
  canRedo: boolean;
  undoKey: HistoryLabelKey | null;
  redoKey: HistoryLabelKey | null;
}

export class EditHistory {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  constructor(private readonly limit = HISTORY_LIMIT) {}

  /** A new edit: clears what could be redone; merges into the last entry when it continues the same edit. */
  record(entry: HistoryEntry): void {
    if (entry.changes.length === 0) return;
    const last = this.undoStack[this.undoStack.length - 1];
    if (
      last &&
      this.redoStack.length === 0 &&
      entry.coalesceKey !== null &&
      last.coalesceKey === entry.coalesceKey &&
      entry.at - last.at <= COALESCE_WINDOW_MS &&
      sameIds(last.changes, entry.changes)
    ) {
      this.undoStack[this.undoStack.length - 1] = {
        ...last,
        at: entry.at,
        changes: last.changes.map((change, i) => ({ ...change, after: entry.changes[i]!.after })),
      };
      return;
    }
    this.redoStack = [];
    this.pushUndo(entry);
  }

  takeUndo(): HistoryEntry | undefined {
    return this.undoStack.pop();
  }

  takeRedo(): HistoryEntry | undefined {
    return this.redoStack.pop();
  }

  /** After an undo: the entry (with `before` now exact) can be redone. */
  pushRedo(entry: HistoryEntry): void {
    if (entry.changes.length === 0) return;
    this.redoStack.push({ ...entry, coalesceKey: null });
    if (this.redoStack.length > this.limit) this.redoStack.shift();
  }

  /** After a redo: the entry (with `after` now exact) can be undone again; the rest of the redo stack stays. */
  pushUndo(entry: HistoryEntry): void {
    if (entry.changes.length === 0) return;
    this.undoStack.push(entry);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
  }

  /** Stops the last entry from absorbing the next edit (e.g. after undo, or when the form closes). */
  seal(): void {
    const last = this.undoStack[this.undoStack.length - 1];
    if (last) this.undoStack[this.undoStack.length - 1] = { ...last, coalesceKey: null };
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  status(): HistoryStatusView {
    const undo = this.undoStack[this.undoStack.length - 1];
    const redo = this.redoStack[this.redoStack.length - 1];
    return { canUndo: undo !== undefined, canRedo: redo !== undefined, undoKey: undo?.labelKey ?? null, redoKey: redo?.labelKey ?? null };
  }

  get sizes(): { undo: number; redo: number } {
    return { undo: this.undoStack.length, redo: this.redoStack.length };
  }
}

function sameIds(a: readonly HistoryChange[], b: readonly HistoryChange[]): boolean {
  return a.length === b.length && a.every((change, i) => change.id === b[i]!.id);
}
