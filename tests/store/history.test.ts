import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/reports/report.ts';
import { COALESCE_WINDOW_MS, EditHistory, type HistoryEntry } from '../../src/store/history.ts';
import { KARLOVY_VARY, validReport } from './reportsStoreKit.ts';

function entry(overrides: Partial<HistoryEntry> & { after?: Report }): HistoryEntry {
  const before = validReport(KARLOVY_VARY, { id: '5b0a3c9e-3f7e-4a53-9d43-2f4f1c7e0a11' });
  const after = overrides.after ?? { ...before, revision: 2, description: 'po' };
  return { labelKey: 'history.updateReport', changes: [{ id: before.id, before, after }], coalesceKey: null, at: 0, ...overrides };
}

describe('edit history', () => {
  it('starts empty', () => {
    expect(new EditHistory().status()).toEqual({ canUndo: false, canRedo: false, undoKey: null, redoKey: null });
  });

  it('names what undo and redo would do', () => {
    const history = new EditHistory();
    history.record(entry({ labelKey: 'history.createReport' }));
    history.record(entry({ labelKey: 'history.deleteReport' }));
    history.pushRedo(history.takeUndo()!);
    expect(history.status()).toEqual({ canUndo: true, canRedo: true, undoKey: 'history.createReport', redoKey: 'history.deleteReport' });
  });

  it('keeps only the newest entries up to its limit', () => {
    const history = new EditHistory(3);
    for (let i = 0; i < 5; i++) history.record(entry({ at: i * 10_000 }));
    expect(history.sizes).toEqual({ undo: 3, redo: 0 });
  });

  it('merges an edit that continues the last one (same key, within the window), keeping the first before', () => {
    const history = new EditHistory();
    const first = entry({ coalesceKey: 'update:x:description', at: 1000 });
    const later = entry({ coalesceKey: 'update:x:description', at: 1000 + COALESCE_WINDOW_MS, after: { ...first.changes[0]!.after!, revision: 3 } });
    history.record(first);
    history.record(later);
    expect(history.sizes.undo).toBe(1);
    const merged = history.takeUndo()!;
    expect(merged.changes[0]!.before).toBe(first.changes[0]!.before);
    expect(merged.changes[0]!.after?.revision).toBe(3);
  });

  it('does not merge after the window, across keys, or after seal()', () => {
    const history = new EditHistory();
    history.record(entry({ coalesceKey: 'k', at: 0 }));
    history.record(entry({ coalesceKey: 'k', at: COALESCE_WINDOW_MS + 1 }));
    history.record(entry({ coalesceKey: 'other', at: COALESCE_WINDOW_MS + 2 }));
    history.seal();
    history.record(entry({ coalesceKey: 'other', at: COALESCE_WINDOW_MS + 3 }));
    expect(history.sizes.undo).toBe(4);
  });

  it('drops what could be redone when a new edit is recorded', () => {
    const history = new EditHistory();
    history.record(entry({}));
    history.pushRedo(history.takeUndo()!);
    history.record(entry({ at: 5000 }));
    expect(history.status().canRedo).toBe(false);
  });
});
