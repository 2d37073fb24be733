/**
 * The form's working copy of a report's editable fields. Choices (check boxes, radios, selects, rows added or
 * removed) are saved at once; typed text is written to the typing journal on every keystroke and saved a short
 * pause after the last one, when the field is left and when the page is hidden (src/ui/reports/autosave.ts).
 * Saving sends only the fields that differ from the stored report. When the stored report changes (undo, another
 * tab) the working copy takes the fields that changed; the echo of its own save does not overwrite what was typed
 * while that save was under way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Report } from '../../core/reports/report.ts';
import type { EditableReportFields } from '../../store/reportsContract.ts';
import { EDITABLE_REPORT_FIELDS } from '../../store/reportsContract.ts';
import { canonicalJson } from '../../core/text/canonicalJson.ts';
import { pageTypingJournal, type TypingJournal } from '../../store/persistence/typingJournal.ts';
import { createDebouncedSave } from './autosave.ts';

export const EDITABLE_KEYS = EDITABLE_REPORT_FIELDS;

export function editableFields(report: Report): EditableReportFields {
  const fields = {} as Record<keyof EditableReportFields, unknown>;
  for (const key of EDITABLE_KEYS) fields[key] = report[key];
  return fields as EditableReportFields;
}

/** The fields of `draft` that differ from `stored` (compared as JSON: the values are plain data). */
export function changedFields(stored: EditableReportFields, draft: EditableReportFields): Partial<EditableReportFields> {
  const changes: Partial<Record<keyof EditableReportFields, unknown>> = {};
  for (const key of EDITABLE_KEYS) {
    if (JSON.stringify(stored[key]) !== JSON.stringify(draft[key])) changes[key] = draft[key];
  }
  return changes as Partial<EditableReportFields>;
}

export interface ReportDraft {
  draft: EditableReportFields;
  /** Changes the working copy; `save` saves it right away (choices), otherwise on commit (typing). */
  change(changes: Partial<EditableReportFields>, save?: boolean): void;
  /** Saves what differs from the stored report; resolves when the store has it. */
  commit(): Promise<void>;
}

export function useReportDraft(
  report: Report,
  updateReport: (id: string, fields: Partial<EditableReportFields>) => Promise<void>,
  journal: TypingJournal = pageTypingJournal(),
): ReportDraft {
  const [draft, setDraft] = useState<EditableReportFields>(() => editableFields(report));
  const draftRef = useRef(draft);
  const reportRef = useRef(report);
  /**
   * What this form has sent to the store and not yet seen come back, per field (canonical JSON, oldest first): a
   * stored change equal to one of them is our own save returning, not an edit made elsewhere.
   */
  const sentRef = useRef<Partial<Record<keyof EditableReportFields, string[]>>>({});

  // The stored report changed: take the fields that changed there (undo, another tab, our save), and keep
  // what is being typed in the others.
  useEffect(() => {
    const before = editableFields(reportRef.current);
    reportRef.current = report;
    const stored = editableFields(report);
    const changedThere = changedFields(before, stored) as Partial<Record<keyof EditableReportFields, unknown>>;
    for (const key of Object.keys(changedThere) as Array<keyof EditableReportFields>) {
      const inFlight = sentRef.current[key] ?? [];
      const index = inFlight.indexOf(canonicalJson(stored[key]));
      if (index < 0) continue;
      inFlight.splice(0, index + 1);
      delete changedThere[key];
    }
    if (Object.keys(changedThere).length === 0) return;
    const next = { ...draftRef.current, ...(changedThere as Partial<EditableReportFields>) };
    draftRef.current = next;
    setDraft(next);
  }, [report]);

  const autosave = useRef<ReturnType<typeof createDebouncedSave> | null>(null);
  const commit = useCallback(async () => {
    autosave.current?.cancel();
    const stored = reportRef.current;
    const changes = changedFields(editableFields(stored), draftRef.current);
    if (Object.keys(changes).length === 0) return;
    for (const [key, value] of Object.entries(changes)) (sentRef.current[key as keyof EditableReportFields] ??= []).push(canonicalJson(value));
    await updateReport(stored.id, changes);
    // Saved (or kept in memory with the storage warning): the journal keeps only what was typed since.
    const left = changedFields(editableFields(reportRef.current), draftRef.current);
    if (Object.keys(left).length === 0) journal.clear(stored.id);
  }, [updateReport, journal]);

  // The timer calls the newest commit (it closes over updateReport).
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    autosave.current = createDebouncedSave(() => commitRef.current());
    return () => {
      // The form closes (another report chosen, the report deleted elsewhere): save what is typed.
      const pending = autosave.current;
      if (pending?.pending) void pending.flush();
      else pending?.cancel();
    };
  }, []);

  const change = useCallback(
    (changes: Partial<EditableReportFields>, save = false) => {
      const next = { ...draftRef.current, ...changes };
      draftRef.current = next;
      setDraft(next);
      if (save) {
        void commit();
        return;
      }
      journal.write(reportRef.current.id, changedFields(editableFields(reportRef.current), next), new Date().toISOString());
      autosave.current?.schedule();
    },
    [commit, journal],
  );

  return { draft, change, commit };
}
