/**
 * Pure helpers for showing reports in lists: the date a report is about, its sort keys, and the filter.
 * No React, so they are tested on their own (tests/ui/reportSummary.test.ts).
 */
import { ALL_OPERATORS, FAILURES, type FailureCode, type OperatorChoice } from '../../core/reports/enumerations.ts';
import type { Report } from '../../core/reports/report.ts';
import { normalizeForSearch } from '../../core/text/normalizeForSearch.ts';

export type ReportSortKey = 'date' | 'obec' | 'failure';
export type SortDirection = 'ascending' | 'descending';

export interface ReportFilter {
  text: string;
  failure: FailureCode | null;
  operator: OperatorChoice | null;
}

export const EMPTY_FILTER: ReportFilter = { text: '', failure: null, operator: null };

/** The date a report is about: its latest observation, else when it was created (ISO date). */
export function reportDate(report: Report): string {
  let latest = '';
  for (const observation of report.observations) if (observation.date > latest) latest = observation.date;
  return latest || report.createdAt.slice(0, 10);
}

/** Reports matching a filter: text in the description, obec, část obce or ZSJ (without diacritics). */
export function filterReports(reports: readonly Report[], filter: ReportFilter): Report[] {
  const text = normalizeForSearch(filter.text);
  return reports.filter((report) => {
    if (filter.failure && !report.failures.includes(filter.failure)) return false;
    // "All operators" fail there: such a report matches every operator.
    if (filter.operator && !report.operators.includes(filter.operator) && !report.operators.includes(ALL_OPERATORS)) return false;
    if (text === '') return true;
    const haystack = [report.description, report.place?.obec.nazev, report.castObce?.nazev, report.zsj?.kod, report.place?.obec.kod]
      .filter((part): part is string => typeof part === 'string')
      .map(normalizeForSearch)
      .join(' ');
    return haystack.includes(text);
  });
}

function failureRank(report: Report): number {
  // The most severe failure first (the order of FAILURES: no signal at all … slow data); none last.
  const ranks = report.failures.map((code) => FAILURES.indexOf(code));
  return ranks.length === 0 ? FAILURES.length : Math.min(...ranks);
}

export function sortReports(reports: readonly Report[], key: ReportSortKey, direction: SortDirection): Report[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = (a: Report, b: Report): number => {
    switch (key) {
      case 'date':
        return reportDate(a).localeCompare(reportDate(b));
      case 'obec':
        return (a.place?.obec.nazev ?? '\uffff').localeCompare(b.place?.obec.nazev ?? '\uffff', 'cs');
      case 'failure':
        return failureRank(a) - failureRank(b);
    }
  };
  return [...reports].sort((a, b) => sign * compare(a, b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
