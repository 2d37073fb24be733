/**
 * Edits two tabs make to the same report at the same moment. The store saves with optimistic concurrency: a tab
 * whose write finds another tab's newer copy takes that copy (reportsSlice, save → adoptStored). Before this module,
 * the edit the refused tab had just made was then silently gone. Now, for the fields the refused edit changed:
 * - the other tab left the field as it was  → the edit is applied again on top of the other tab's copy (no loss);
 * - the other tab wrote the same value      → nothing to do;
 * - the other tab wrote another value       → a conflict the person sees (both values; "use mine" / "keep theirs").
 * Pure functions plus a small zustand-free state shape; the slice calls them with a few lines.
 */
import { canonicalJson } from '../core/text/canonicalJson.ts';
import type { Report } from '../core/reports/report.ts';
import type { EditableReportFields } from './reportsContract.ts';

export interface EditConflictField {
  field: keyof EditableReportFields;
  /** What this tab typed. */
  mine: unknown;
  /** What the other tab stored (now shown). */
  theirs: unknown;
}

export interface EditConflict {
  id: string;
  at: string;
  fields: EditConflictField[];
}

export interface RefusedEditOutcome {
  /** Fields to write again on top of the other tab's copy (the other tab did not touch them). */
  reapply: Partial<EditableReportFields>;
  conflict: EditConflict | null;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * `base`: the report as this tab had it before the edit; `mine`: after it; `theirs`: the other tab's stored copy
 * (null when the other tab deleted it: then nothing is re-applied, and the edit is a conflict on every field).
 */
export function resolveRefusedEdit(
  id: string,
  base: Report,
  mine: Report,
  theirs: Report | null,
  fields: ReadonlyArray<keyof EditableReportFields>,
  at: string,
): RefusedEditOutcome {
  const reapply: Partial<EditableReportFields> = {};
  const conflicting: EditConflictField[] = [];
  for (const field of fields) {
    const myValue = mine[field as keyof Report];
    if (theirs === null) {
      conflicting.push({ field, mine: myValue, theirs: null });
      continue;
    }
    const theirValue = theirs[field as keyof Report];
    if (same(theirValue, myValue)) continue;
    if (same(theirValue, base[field as keyof Report])) (reapply as Record<string, unknown>)[field] = myValue;
    else conflicting.push({ field, mine: myValue, theirs: theirValue });
  }
  return { reapply, conflict: conflicting.length > 0 ? { id, at, fields: conflicting } : null };
}

/** The list with `conflict` added (a newer conflict of the same report replaces the older one). */
export function withConflict(list: readonly EditConflict[], conflict: EditConflict): EditConflict[] {
  return [...list.filter((c) => c.id !== conflict.id), conflict];
}

/** The fields to write when the person keeps their own values. */
export function mineOf(conflict: EditConflict): Partial<EditableReportFields> {
  return Object.fromEntries(conflict.fields.map((f) => [f.field, f.mine])) as Partial<EditableReportFields>;
}
