/**
 * Merging reports that arrive (an obec file, another tab) into those already stored, by stable id:
 * a higher revision wins; the same revision with the same content is already known; the same revision with
 * different content is a conflict (the stored copy is kept and the conflict reported); a lower revision is older.
 */
import { canonicalJson } from '../text/canonicalJson.ts';
import type { Report } from './report.ts';

export interface MergeResult {
  toSave: Report[];
  added: number;
  updated: number;
  unchanged: number;
  olderIgnored: number;
  conflicts: Array<{ id: string }>;
}

/** Content that identifies a revision: everything but the derived place (recomputed from the boundaries). */
export function reportContent(report: Report): string {
  const { place: _derived, ...content } = report;
  return canonicalJson(content);
}

export function mergeReports(existing: Readonly<Record<string, Report>>, incoming: readonly Report[]): MergeResult {
  const result: MergeResult = { toSave: [], added: 0, updated: 0, unchanged: 0, olderIgnored: 0, conflicts: [] };
  for (const report of incoming) {
    const stored = existing[report.id];
    if (!stored) {
      result.toSave.push(report);
      result.added++;
    } else if (report.revision > stored.revision) {
      result.toSave.push(report);
      result.updated++;
    } else if (report.revision < stored.revision) {
      result.olderIgnored++;
    } else if (reportContent(report) === reportContent(stored)) {
      result.unchanged++;
    } else {
      result.conflicts.push({ id: report.id });
    }
  }
  return result;
}
