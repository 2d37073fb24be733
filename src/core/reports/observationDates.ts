/**
 * The one meaning of "when" for filtering reports and localities by date: the days a place was observed without
 * signal — a report's observation dates, or the day it was created when it has none. The region overview's date
 * filter and the package's "Pozorováno od / do" both use it (issue 16, item 15): a report created in November about
 * a September outage is found under September on both screens.
 */
import type { Report } from './report.ts';

/** First and last observation day (ISO dates, inclusive). */
export interface ObservationSpan {
  first: string;
  last: string;
}

/** The days `report` was observed on, sorted: its observations' dates, else the day it was created. */
export function observationDays(report: Pick<Report, 'observations' | 'createdAt'>): string[] {
  if (report.observations.length === 0) return [report.createdAt.slice(0, 10)];
  return report.observations.map((observation) => observation.date).sort();
}

/** The span of observation days of some reports (a locality's members); null for none. */
export function observationSpan(reports: ReadonlyArray<Pick<Report, 'observations' | 'createdAt'>>): ObservationSpan | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const report of reports) {
    for (const day of observationDays(report)) {
      if (first === null || day < first) first = day;
      if (last === null || day > last) last = day;
    }
  }
  return first !== null && last !== null ? { first, last } : null;
}

/**
 * Was the place observed in the period `from`–`to` (ISO dates, inclusive; null: open)? True when its span of
 * observation days overlaps the period; with no span, only when the period is open at both ends.
 */
export function observedWithin(span: ObservationSpan | null, from: string | null, to: string | null): boolean {
  if (from === null && to === null) return true;
  if (span === null) return false;
  if (from !== null && span.last < from) return false;
  if (to !== null && span.first > to) return false;
  return true;
}
