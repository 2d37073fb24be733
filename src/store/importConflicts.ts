/**
 * The conflicts of one import or of a bulk import of many obec files, as rows a person can act on: which file,
 * which feature of it, the stored copy (kept) and the file's copy, and the fields in which they differ.
 */
import type { ImportSummary } from '../core/obecFile/obecFileFormat.ts';
import type { Report } from '../core/reports/report.ts';
import { reportDifferences, type ComparedReportField } from '../core/reports/reportDifferences.ts';

export interface ImportConflictRow {
  /** The file the conflicting copy came from; null when only one file was imported and it is named above. */
  fileName: string | null;
  /** 0-based index of the feature in that file. */
  featureIndex: number;
  id: string;
  /** The copy kept in the app (null when it was deleted since the import). */
  stored: Report | null;
  /** The copy in the file, not taken. */
  incoming: Report;
  /** Where the two differ (none listed when the stored copy is gone). */
  fields: ComparedReportField[];
}

export function importConflictRows(
  reports: Readonly<Record<string, Report>>,
  files: ReadonlyArray<{ fileName: string | null; summary: Pick<ImportSummary, 'conflicts'> }>,
): ImportConflictRow[] {
  return files.flatMap(({ fileName, summary }) =>
    summary.conflicts.map((conflict) => {
      const stored = reports[conflict.id] ?? null;
      return {
        fileName,
        featureIndex: conflict.featureIndex,
        id: conflict.id,
        stored,
        incoming: conflict.incoming,
        fields: stored ? reportDifferences(stored, conflict.incoming) : [],
      };
    }),
  );
}
