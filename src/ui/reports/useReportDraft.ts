/**
 * The form's working copy of a report's editable fields. Choices (check boxes, radios, selects, rows added or
 * removed) are saved at once; typed text is saved when the field is left (so one undo step is one field, not
 * one keystroke). Saving sends only the fields that differ from the stored report. When the stored report
 * changes (undo, another tab, the save itself) the working copy takes the fields that changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Report } from '../../core/reports/report.ts';
import type { EditableReportFields } from '../../store/reportsContract.ts';
import { EDITABLE_REPORT_FIELDS } from '../../store/reportsContract.ts';

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

export function useReportDraft(report: Report, updateReport: (id: string, fields: Partial<EditableReportFields>) => Promise<void>): ReportDraft {
  const [draft, setDraft] = useState<EditableReportFields>(() => editableFields(report));
  const draftRef = useRef(draft);
  const reportRef = useRef(report);

  // The stored report changed: take the fields that changed there (undo, another tab, our save), and keep
  // what is being typed in the others.
  useEffect(() => {
    const before = editableFields(reportRef.current);
    reportRef.current = report;
    const stored = editableFields(report);
    const changedThere = changedFields(before, stored);
    if (Object.keys(changedThere).length === 0) return;
    const next = { ...draftRef.current, ...changedThere };
    draftRef.current = next;
    setDraft(next);
  }, [report]);

  const commit = useCallback(async () => {
    const stored = reportRef.current;
    const changes = changedFields(editableFields(stored), draftRef.current);
    if (Object.keys(changes).length > 0) await updateReport(stored.id, changes);
  }, [updateReport]);

  const change = useCallback(
    (changes: Partial<EditableReportFields>, save = false) => {
      const next = { ...draftRef.current, ...changes };
      draftRef.current = next;
      setDraft(next);
      if (save) void commit();
    },
    [commit],
  );

  return { draft, change, commit };
}
