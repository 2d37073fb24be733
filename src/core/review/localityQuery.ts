/**
 * Finding and ordering localities in the coordinator's list: search by number (whole or its digits, absorbed
 * numbers too), obec (name without case and diacritics, or kód) and text (the reports' descriptions); sort by
 * reports, priority, status, last observation or number. Pure data in, data out.
 */
import { normalizeForSearch } from '../text/normalizeForSearch.ts';
import { LOCALITY_STATUSES, PRIORITIES, type LocalityStatus, type Priority } from './reviewModel.ts';

export const LOCALITY_SORTS = ['reports', 'priority', 'status', 'lastObservation', 'number'] as const;
export type LocalitySort = (typeof LOCALITY_SORTS)[number];

export interface ListedLocality {
  id: string;
  /** '' when none was given yet. */
  number: string;
  formerNumbers: readonly string[];
  reports: number;
  obce: ReadonlyArray<{ kod: string; nazev: string }>;
  /** The reports' descriptions. */
  texts: readonly string[];
  priority: Priority;
  status: LocalityStatus;
  /** ISO date of the last observation (or the last report's creation); '' when unknown. */
  lastObservation: string;
  evidenceLevel: number;
}

export function matchesLocalitySearch(locality: ListedLocality, query: string): boolean {
  const words = normalizeForSearch(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalizeForSearch(
    [locality.number, ...locality.formerNumbers, ...locality.obce.flatMap((o) => [o.nazev, o.kod]), ...locality.texts].join(' \u0001 '),
  );
  return words.every((word) => haystack.includes(word));
}

const priorityRank = (p: Priority) => PRIORITIES.length - 1 - PRIORITIES.indexOf(p);
const statusRank = (s: LocalityStatus) => LOCALITY_STATUSES.indexOf(s);

function compareNumbers(a: ListedLocality, b: ListedLocality): number {
  if (a.number === b.number) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  if (a.number === '') return 1;
  if (b.number === '') return -1;
  return a.number < b.number ? -1 : 1;
}

/** Ties always fall back to more reports, then the number, so the order is stable. */
export function compareLocalities(sort: LocalitySort): (a: ListedLocality, b: ListedLocality) => number {
  const byReports = (a: ListedLocality, b: ListedLocality) => b.reports - a.reports || b.evidenceLevel - a.evidenceLevel;
  switch (sort) {
    case 'reports':
      return (a, b) => byReports(a, b) || compareNumbers(a, b);
    case 'priority':
      return (a, b) => priorityRank(a.priority) - priorityRank(b.priority) || byReports(a, b) || compareNumbers(a, b);
    case 'status':
      return (a, b) => statusRank(a.status) - statusRank(b.status) || byReports(a, b) || compareNumbers(a, b);
    case 'lastObservation':
      return (a, b) => (a.lastObservation < b.lastObservation ? 1 : a.lastObservation > b.lastObservation ? -1 : 0) || byReports(a, b) || compareNumbers(a, b);
    case 'number':
      return compareNumbers;
  }
}

export function queryLocalities<T extends ListedLocality>(localities: readonly T[], query: { search: string; sort: LocalitySort }): T[] {
  return localities.filter((l) => matchesLocalitySearch(l, query.search)).sort(compareLocalities(query.sort));
}
