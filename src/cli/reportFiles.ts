import { readFileSync } from 'node:fs';
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import { obecContactOf, withObecContact, type ObecContact } from '../core/obecFile/obecContacts.ts';
import { parseObecFile } from '../core/obecFile/parseObecFile.ts';
import { derivePlace } from '../core/reports/derivePlace.ts';
import { mergeReports } from '../core/reports/mergeReports.ts';
import type { Report } from '../core/reports/report.ts';

export interface LoadedReports {
  reports: Report[];
  /** Per file: how many reports were read and what was refused. */
  files: Array<{ file: string; reports: number; rejected: number; problem: string | null }>;
  /** The obce's official contacts from the files' sign-offs (newest per obec). */
  contacts: Record<string, ObecContact>;
}

/**
 * Reads obec files; the same report in several files counts once (the newest revision). The place of every
 * report is derived anew from its geometry (a file cannot set it).
 */
export function loadReportFiles(files: readonly string[], index: ObecIndex): LoadedReports {
  const byId: Record<string, Report> = {};
  const summary: LoadedReports['files'] = [];
  let contacts: Record<string, ObecContact> = {};
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      summary.push({ file, reports: 0, rejected: 0, problem: `file.unreadable: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const parsed = parseObecFile(text);
    if (!parsed.ok) {
      summary.push({ file, reports: 0, rejected: 0, problem: parsed.fileProblem.code });
      continue;
    }
    for (const report of mergeReports(byId, parsed.reports).toSave) byId[report.id] = report;
    const contact = obecContactOf(parsed.header);
    if (contact) contacts = withObecContact(contacts, contact);
    summary.push({ file, reports: parsed.reports.length, rejected: parsed.rejected.length, problem: null });
  }
  const reports = Object.values(byId).map((report) => {
    const derived = derivePlace(index, report.geometry);
    return { ...report, place: derived.ok ? derived.place : null };
  });
  return { reports, files: summary, contacts };
}
